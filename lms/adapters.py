import logging
from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from lms.mail import send_later


def current_site() -> SimpleNamespace:
    """The site as allauth's emails name it ("Halo dari Sinau!"): WAGTAIL_SITE_NAME and SITE_URL's host.

    Sinau runs without django.contrib.sites, whose stand-in would name the site after
    whatever host the request came in on.
    """
    return SimpleNamespace(name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)


logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        """The client's address as every limiter counts it (TRUSTED_PROXY_COUNT hops trusted).

        A request whose X-Forwarded-For is shorter than the hops configured did not come
        through all the proxies (or the setting is too high): allauth raises, which was a
        server error on the login page. Here it counts by the address that reached the app
        (REMOTE_ADDR), which the client cannot choose, and the operator is told.
        """
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            logger.warning(
                "TRUSTED_PROXY_COUNT=%s but X-Forwarded-For has fewer entries (%r): counting by REMOTE_ADDR",
                settings.ALLAUTH_TRUSTED_PROXY_COUNT,
                request.headers.get("x-forwarded-for", ""),
            )
            return request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 (a bucket key, not a bind)

    def send_mail(self, template_prefix, email, context):
        """Render allauth's message now, deliver it from a task after commit.

        Gives the templates what allauth's own send_mail would: the address the message is
        about (`email`), the site and the request.
        """
        context = {"request": allauth_context.request, "email": email, "current_site": current_site(), **context}
        send_later(self.render_mail(template_prefix, email, context))
