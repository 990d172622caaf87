"""Offline reading (issue 15; docs/design.md, "Offline reading").

The service worker (templates/sw.js) is served from the site root so that its scope is the
whole site; it keeps the pages a signed-in reader opens under that reader's key, and never a
route listed by `never_kept_prefixes`. A "Tandai selesai" pressed offline waits in the
browser (static/js/sinau.js) and is sent, when the connection returns, with the token from
`offline_token`. Signing out answers with Clear-Site-Data, so the next person on a shared
phone finds nothing of the last one's.
"""

import functools
import json
import re

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern
from django.utils.cache import patch_cache_control
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

# Routes besides Wagtail's pages that a reader may keep to read offline: their own, kept
# under their key like the lessons they opened.
KEPT_ROUTES = ("courses:my_learning",)
# Raise when the worker's caching rules change in a way old caches must not survive.
WORKER_VERSION = 1
CLEAR_SITE_DATA = '"cache", "storage"'


def reader_key(user) -> str:
    """The key a signed-in person's offline pages are kept under: stable, not their id, not guessable."""
    return salted_hmac("lms.offline.reader", str(user.pk)).hexdigest()[:20]


def _literal_start(entry) -> str:
    """The fixed text a URL pattern starts with: "akun/" of "akun/", "media/" of r"^media/(?P<path>.*)$"."""
    text = str(entry.pattern)
    if isinstance(entry.pattern, RegexPattern):
        return re.split(r"[(\[\\.*+?$|]", text.lstrip("^"), maxsplit=1)[0]
    return text.split("<", 1)[0]


def _first_segments(patterns) -> set[str]:
    segments = set()
    for entry in patterns:
        start = _literal_start(entry)
        if start:
            segment = start.split("/", 1)[0]
            segments.add(f"/{segment}/" if "/" in start else f"/{segment}")
        elif isinstance(entry, URLResolver):
            segments |= _first_segments(entry.url_patterns)
        # An empty URLPattern is Wagtail's page route: pages are what the worker keeps.
    return segments


@functools.cache
def never_kept_prefixes() -> tuple[str, ...]:
    """Every route of the site that is not a Wagtail page, by the first segment of its path.

    Read from the URL configuration, so a route added later (an account page, a download)
    is never kept offline unless it is named in KEPT_ROUTES.
    """
    kept = {reverse(name) for name in KEPT_ROUTES}
    prefixes = _first_segments(get_resolver().url_patterns)
    return tuple(sorted(prefix for prefix in prefixes if prefix not in kept))


@require_GET
def service_worker(request):
    """The service worker, from the site root (its scope is the whole site), never cached by HTTP."""
    config = {
        "version": WORKER_VERSION,
        "static": settings.STATIC_URL,
        "media": settings.MEDIA_URL,
        "neverKept": never_kept_prefixes(),
        "kept": [reverse(name) for name in KEPT_ROUTES],
    }
    context = {"config": json.dumps(config), "my_learning": reverse("courses:my_learning")}
    # Rendered in the reader's language (its one page, shown offline, is in it).
    script = render_to_string("sw.js", {**context, "LANGUAGE_CODE": get_language()})
    response = HttpResponse(script, content_type="application/javascript; charset=utf-8")
    # The browser asks for the worker again at each visit; no-cache lets it revalidate only.
    patch_cache_control(response, no_cache=True, max_age=0)
    return response


@never_cache
@require_GET
def offline_token(request):
    """A fresh CSRF token and the signed-in reader's key, for a "Tandai selesai" sent after reconnecting."""
    if not request.user.is_authenticated:
        return JsonResponse({"reader": None}, status=403)
    return JsonResponse({"token": get_token(request), "reader": reader_key(request.user)})


def clears_site_data(view):
    """Wrap a view that may sign the person out: its answer then tells the browser to forget
    the site's caches and storage (the worker's pages, queued actions) — families share phones."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        was_signed_in = request.user.is_authenticated
        response = view(request, *args, **kwargs)
        if was_signed_in and not request.user.is_authenticated:
            response["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response

    return wrapper
