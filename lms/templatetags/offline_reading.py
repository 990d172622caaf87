"""{% offline_reader %}: what base.html tells the page of a signed-in reader (docs/design.md, "Offline reading")."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from lms.offline import reader_key

register = template.Library()


@register.simple_tag(takes_context=True)
def offline_reader(context) -> str:
    """The reader's key (the service worker keeps the page under it) and where the worker and
    the token for queued actions are; nothing for a visitor, whose pages are never kept."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return ""
    return format_html(
        ' data-reader="{}" data-sw="{}" data-offline-token="{}"',
        reader_key(user),
        reverse("service_worker"),
        reverse("offline_token"),
    )
