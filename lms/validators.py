import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NIP_RE = re.compile(r"^[0-9]{18}\Z")  # ASCII digits: \d would take ١٢٣ (Arabic-Indic) as a NIP


def validate_nip(value: str) -> None:
    if value and not NIP_RE.match(value):
        raise ValidationError(_("NIP must be exactly 18 digits."), code="invalid_nip")


def normalise_whatsapp(value: str) -> str:
    """Return an Indonesian mobile number in +62 form, or raise ValidationError.

    Accepts the ways people write it: 0812-3456-7890, 62812..., +62 812 ..., 812....
    """
    if not value:
        return ""
    digits = re.sub(r"[\s\-().]", "", value)
    if digits.startswith("+"):
        digits = digits[1:]
    if not (digits.isascii() and digits.isdigit()):  # "٠٨١٢…" is digits to isdigit(), not a number to dial
        raise ValidationError(_("A WhatsApp number may contain only digits, spaces and dashes."), code="invalid")
    if digits.startswith("62"):
        national = digits[2:]
    elif digits.startswith("0"):
        national = digits[1:]
    else:
        national = digits
    # Indonesian mobile numbers start with 8 and have 9 to 12 digits after the 0.
    if not (national.startswith("8") and 9 <= len(national) <= 12):
        raise ValidationError(
            _("Enter an Indonesian mobile number, for example 0812 3456 7890."), code="invalid_whatsapp"
        )
    return "+62" + national


def validate_whatsapp(value: str) -> None:
    if value and normalise_whatsapp(value) != value:
        raise ValidationError(_("Save WhatsApp numbers in +62 form."), code="not_normalised")
