"""Whether a link a participant sends is a web address a trainer can safely open."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

MAX_LINK_LENGTH = 500


def validate_link(url: str) -> str:
    """The link, trimmed, if it is a web address a trainer can open; else ValidationError.

    Any host is accepted (shop pages live on many marketplaces), but only http(s) with a
    real domain name: no javascript:, data: or ftp: links, no "localhost", no user:password@.
    """
    url = (url or "").strip()
    if not url:
        raise ValidationError(_("Enter the link to your work."), code="required")
    if len(url) > MAX_LINK_LENGTH:
        raise ValidationError(
            _("The link is too long (at most %(max)s characters).") % {"max": MAX_LINK_LENGTH}, code="max_length"
        )
    not_a_web_address = ValidationError(_("Enter a full web address starting with https://"), code="invalid")
    try:
        parts = urlsplit(url)
        URLValidator(schemes=["http", "https"])(url)
    except (ValueError, ValidationError):
        raise not_a_web_address from None
    host = (parts.hostname or "").rstrip(".")
    if "." not in host or parts.username is not None or parts.password is not None:
        raise not_a_web_address
    return url
