"""Per-process memory of what every page request asks Wagtail and rarely changes.

Each public page request asks which Wagtail Site serves its host, routes from that site's
root page, and turns pages into URLs with the sites' root paths. Wagtail answers the first
two with queries and the third from the shared cache (a query on the database cache). All
three change only when staff edit a Site or publish the home page, so each process keeps
them for SITE_MEMORY_SECONDS (lms/memory.py: per process, never shared): an edit
shows at once in the process that made it (the signal receivers below forget) and within
that time in the others.

What must be shared between processes — rate limits, locks — stays in the "default" alias.
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from wagtail.models import Site
from wagtail.signals import page_published, page_unpublished

from lms.memory import process_memory

SITE_ROOT_PATHS_KEY = "site-root-paths"
NO_SITE = "none"


def site_key(request) -> str:
    return f"site:{request._get_raw_host()}:{request.get_port()}"


class SiteMemoryMiddleware:
    """Hands Wagtail the request's Site (its root page loaded, specific) and the sites' root
    paths from this process's memory, where Wagtail reads both when present; after a request
    in which Wagtail looked them up itself, keeps what it found. Never queries by itself, so
    views that need no site (a login redirect, a JSON answer) cost nothing more."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        local = process_memory
        key = site_key(request)
        remembered = {name: value for name in (key, SITE_ROOT_PATHS_KEY) if (value := local.get(name)) is not None}
        if key in remembered:
            request._wagtail_site = None if remembered[key] == NO_SITE else remembered[key]
        if SITE_ROOT_PATHS_KEY in remembered:
            request._wagtail_cached_site_root_paths = remembered[SITE_ROOT_PATHS_KEY]
        response = self.get_response(request)
        ttl = settings.SITE_MEMORY_SECONDS
        if key not in remembered and hasattr(request, "_wagtail_site"):
            local.set(key, request._wagtail_site or NO_SITE, ttl)
        if SITE_ROOT_PATHS_KEY not in remembered and hasattr(request, "_wagtail_cached_site_root_paths"):
            local.set(SITE_ROOT_PATHS_KEY, request._wagtail_cached_site_root_paths, ttl)
        return response


def forget_sites(**kwargs) -> None:
    """A Site or a site's root page changed: this process asks Wagtail again."""
    process_memory.clear()


def forget_on_root_page_change(sender, instance, **kwargs) -> None:
    if instance.depth <= 2:  # Wagtail's root and the sites' home pages
        forget_sites()


def connect() -> None:
    """Called from LmsConfig.ready()."""
    post_save.connect(forget_sites, sender=Site, dispatch_uid="lms.sites.saved")
    post_delete.connect(forget_sites, sender=Site, dispatch_uid="lms.sites.deleted")
    page_published.connect(forget_on_root_page_change, dispatch_uid="lms.sites.published")
    page_unpublished.connect(forget_on_root_page_change, dispatch_uid="lms.sites.unpublished")
