from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings

from lms.mail import send_later


def current_site() -> SimpleNamespace:
    """The site as allauth's emails name it ("Halo dari Sinau!"): WAGTAIL_SITE_NAME and SITE_URL's host.

    Sinau runs without django.contrib.sites, whose stand-in would name the site after
    whatever host the request came in on.
    """
    return SimpleNamespace(name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Render allauth's message now, deliver it from a task after commit.

        Gives the templates what allauth's own send_mail would: the address the message is
        about (`email`), the site and the request.
        """
        context = {"request": allauth_context.request, "email": email, "current_site": current_site(), **context}
        send_later(self.render_mail(template_prefix, email, context))
