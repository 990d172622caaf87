"""What a certificate template may say: its placeholders, the words that state a kind, the
serial pattern, and the fixed text of each kind. Plain rules, checked by the models' validators."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from courses.models import Attainment

# Placeholders staff may write in a template's wording, and what each stands for.
PLACEHOLDERS = {
    "nama": _("participant's name as printed"),
    "pelatihan": _("course title"),
    "gelombang": _("wave name"),
    "tanggal_mulai": _("first day of the wave"),
    "tanggal_selesai": _("last day of the wave"),
    "jp": _("learning hours (JP)"),
    "nomor": _("serial number"),
    "penyelenggara": _("the organiser's name"),
}
# The kind of certificate states what it certifies (the title line and the sentence after the
# name); a wording that says it too could contradict it, so these words are refused there.
KIND_WORDS_RE = re.compile(r"\b(partisipasi\w*|keikutsertaan\w*|kelulusan|lulus|participation|completion)\b", re.I)
PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")
DEFAULT_SERIAL_PATTERN = "{seq:05d}/DISKOMINFO/{year}"


def validate_wording(value: str) -> None:
    said = sorted({match.lower() for match in KIND_WORDS_RE.findall(value)})
    if said:
        raise ValidationError(
            _(
                "Leave out %(words)s: the kind of certificate (participation or completion, in the course's "
                "certificate settings) already says what it certifies, above the wording."
            ),
            params={"words": ", ".join(f"“{word}”" for word in said)},
        )
    unknown = sorted({name for name in PLACEHOLDER_RE.findall(value) if name not in PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            _("Unknown placeholder: %(names)s. Use one of: %(known)s."),
            params={
                "names": ", ".join(f"{{{name}}}" for name in unknown),
                "known": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
            },
        )


def validate_serial_pattern(value: str) -> None:
    if "{seq" not in value:
        raise ValidationError(_("The pattern must contain {seq}, e.g. {seq:05d}/DISKOMINFO/{year}."))
    try:
        sample = value.format(seq=1, year=2026)
    except (KeyError, ValueError, IndexError, AttributeError):
        raise ValidationError(
            _("The pattern may only use {seq} (with a format such as {seq:05d}) and {year}.")
        ) from None
    if len(sample) > 60:
        raise ValidationError(_("The serial number would be longer than 60 characters."))
    if value.format(seq=2, year=2026) == sample:
        raise ValidationError(_("Each certificate needs its own number: {seq} must show in the serial number."))


# The kinds are the two standards of courses.requirements: the rule that decides who gets one.
CertificateKind = Attainment

# What each kind prints: the line under the title and the words between the name and the wording.
KIND_TEXT = {
    CertificateKind.PARTICIPATION: {
        "line": "Keikutsertaan Pelatihan",
        "lead": "telah mengikuti",
        "noun": "keikutsertaan",
    },
    CertificateKind.COMPLETION: {
        "line": "Kelulusan Pelatihan",
        "lead": "telah menyelesaikan dengan baik",
        "noun": "kelulusan",
    },
}
DEFAULT_WORDING = (
    "pelatihan <strong>{pelatihan}</strong> ({gelombang}) yang diselenggarakan oleh {penyelenggara} "
    "pada {tanggal_mulai} sampai dengan {tanggal_selesai} sebanyak {jp} jam pelajaran (JP)."
)
