"""Import a CSV of civil servants (ASN) nominated by their agency (OPD) into a wave.

Each row is its own transaction: it is either wholly done (account found or made,
registration given, the person's notice recorded) or reported with its reason and leaves
no trace. Staff see one line per row. The valid rows of a file are imported and each
invalid one reported, never the file refused for one bad row: a line that cannot be read
(not UTF-8, a NUL byte, a quote left open) is reported on its own and spoils no other line.
Only a file whose header cannot be read, or with too many rows, is refused whole.

Each nominated person gets one notice ("nominated"): where their registration stands and,
when the import made their account, a link to set their password (lms/notices.py).

Every row ends in one outcome, counted apart for staff: seated, waitlisted, pending
(the course needs approval), duplicate (already registered in the course, or the same
NIP or email as an earlier row of the file; nothing is changed) or refused, with the
reason in staff's words.
"""

import codecs
import csv
import re
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.enrolment import EnrolmentRefused, confirm_nip, enrol, place
from courses.models import Cohort, Enrolment, EnrolmentStatus
from lms.models import NoticeKind, Segment, User
from lms.notices import notify
from lms.validators import normalise_whatsapp

# Accepted header names (case-insensitive), Indonesian first.
COLUMNS = {
    "full_name": ["nama", "name", "nama lengkap", "full_name"],
    "email": ["email", "surel", "e-mail"],
    "nip": ["nip"],
    "opd": ["opd", "instansi", "agency"],
    "whatsapp": ["whatsapp", "wa", "no wa", "nomor whatsapp"],
    "district": ["kecamatan", "district"],
}
REQUIRED = ["full_name", "email", "nip", "opd"]
MAX_ROWS = 2000
DELIMITERS = ",;\t"  # the one the header line uses most; a comma if none
LINE_BREAK = re.compile(r"\r\n|\r|\n")
LINE_BREAK_BYTES = re.compile(rb"\r\n|\r|\n")
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # NUL and the like; a tab separates cells
# Why a line is refused before anything is done with it, in staff's words.
LINE_PROBLEMS = {
    "encoding": gettext_lazy(
        "This line is not UTF-8 text (the file was perhaps saved as ANSI or Latin-1): nothing was done with it. "
        "Save the file as “CSV UTF-8” and import this row again."
    ),
    "control": gettext_lazy(
        "This line contains a NUL or another control character, so the file is damaged: nothing was done with it."
    ),
    "quotes": gettext_lazy(
        "The quotation marks on this line are not closed or are misplaced (a cell may not span lines): "
        "nothing was done with it."
    ),
}


class ImportRefused(Exception):
    """The file as a whole cannot be read; nothing was imported."""


class RowRefused(EnrolmentRefused):
    """A row refused by the import's own checks, already worded for staff."""


class Outcome(models.TextChoices):
    """What became of one row, in staff's words."""

    SEATED = "seated", gettext_lazy("Seated")
    WAITLISTED = "waitlisted", gettext_lazy("On the waitlist")
    PENDING = "pending", gettext_lazy("Waiting for approval")
    DUPLICATE = "duplicate", gettext_lazy("Already registered or repeated")
    REFUSED = "refused", gettext_lazy("Refused")


IMPORTED = (Outcome.SEATED, Outcome.WAITLISTED, Outcome.PENDING)
_OUTCOME_OF_STATUS = {
    EnrolmentStatus.ACTIVE: Outcome.SEATED,
    EnrolmentStatus.WAITLISTED: Outcome.WAITLISTED,
    EnrolmentStatus.PENDING: Outcome.PENDING,
}


@dataclass
class RowResult:
    line: int
    name: str
    outcome: str  # an Outcome
    message: str  # for staff: where the person stands, or why nothing was done

    @property
    def outcome_label(self) -> str:
        return Outcome(self.outcome).label

    @property
    def ok(self) -> bool:
        """The row registered someone (a seat, a waitlist place or a request awaiting approval)."""
        return self.outcome in IMPORTED


def tally(results: list[RowResult]) -> list[tuple[Outcome, int]]:
    """How many rows ended in each outcome, every outcome listed, in Outcome's order."""
    counts = Counter(result.outcome for result in results)
    return [(outcome, counts[outcome]) for outcome in Outcome]


@dataclass
class Row:
    """One line of the file: its fields, or the reason it cannot be read (then `fields` may be partial)."""

    line: int
    fields: dict
    problem: str = ""


def _utf16(data: bytes) -> str:
    """ "utf-16" when the file says so (a BOM) or looks so (NUL in every other byte), else ""."""
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return "utf-16"
    sample = data[:400]
    even, odd = sample[0::2], sample[1::2]
    if len(sample) >= 8:
        if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.1 * len(even):
            return "utf-16-le"
        if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.1 * len(odd):
            return "utf-16-be"
    return ""


def _lines(data: bytes) -> list[tuple[int, str | None]]:
    """The file's lines as (line number, text); None for a line that is not UTF-8."""
    encoding = _utf16(data)
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise ImportRefused(
                _("The file is not UTF-8 text. Save it from your spreadsheet as “CSV UTF-8”.")
            ) from None
        return list(enumerate(LINE_BREAK.split(text.removeprefix("\ufeff")), start=1))
    lines = []
    for number, raw in enumerate(LINE_BREAK_BYTES.split(data.removeprefix(codecs.BOM_UTF8)), start=1):
        try:
            lines.append((number, raw.decode("utf-8")))
        except UnicodeDecodeError:
            lines.append((number, None))
    return lines


def _is_blank(line: str | None) -> bool:
    return line is not None and not line.strip(" \t,;")


def _cells(line: str, delimiter: str) -> list[str]:
    """One line's cells; csv.Error if its quotes are not closed or are misplaced.

    Each line is read alone: no cell of a nomination spans lines, so a quote left open
    spoils its own line only instead of swallowing the lines after it.
    """
    return next(csv.reader([line], delimiter=delimiter, quotechar='"', strict=True), [])


def read_rows(data: bytes) -> list[Row]:
    """Each non-empty line after the header as a Row, or raise ImportRefused if the file cannot be read at all.

    A line that cannot be read (not UTF-8, a NUL or other control character, quotes not
    closed) is a Row with its problem in staff's words; the other lines are read as usual.
    """
    lines = [(number, line) for number, line in _lines(data) if not _is_blank(line) and line != ""]
    if not lines:
        raise ImportRefused(_("The file is empty."))
    header_line = lines[0][1]
    if header_line is None:
        raise ImportRefused(_("The file is not UTF-8 text. Save it from your spreadsheet as “CSV UTF-8”."))
    header_line = CONTROL_CHARS.sub("", header_line)
    delimiter = max(DELIMITERS, key=header_line.count)
    try:
        header = [cell.strip().lower() for cell in _cells(header_line, delimiter)]
    except csv.Error:
        raise ImportRefused(_("The first line (the column names) cannot be read: check its quotes.")) from None
    positions = {}
    for field, names in COLUMNS.items():
        for index, cell in enumerate(header):
            if cell in names:
                positions[field] = index
                break
    missing = [COLUMNS[field][0] for field in REQUIRED if field not in positions]
    if missing:
        raise ImportRefused(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    if len(lines) - 1 > MAX_ROWS:
        raise ImportRefused(_("At most %(max)s rows can be imported at once.") % {"max": MAX_ROWS})
    return [_row(number, line, delimiter, positions) for number, line in lines[1:]]


def _row(number: int, line: str | None, delimiter: str, positions: dict) -> Row:
    if line is None:
        return Row(number, {}, str(LINE_PROBLEMS["encoding"]))
    problem = ""
    if CONTROL_CHARS.search(line):
        problem, line = str(LINE_PROBLEMS["control"]), CONTROL_CHARS.sub("", line)
    try:
        cells = _cells(line, delimiter)
    except csv.Error:
        problem = problem or str(LINE_PROBLEMS["quotes"])
        cells = [cell.strip().strip('"') for cell in line.split(delimiter)]  # only for the name in the report
    fields = {field: (cells[i].strip() if i < len(cells) else "") for field, i in positions.items()}
    return Row(number, fields, problem)


def import_nominations(cohort: Cohort, data: bytes, *, actor) -> list[RowResult]:
    """Register every nominated ASN of the file in `cohort`; one result per row (see `tally`)."""
    results = []
    first_line = {}  # NIP or email -> the line that registered that person in this import
    for line, row, problem in ((r.line, r.fields, r.problem) for r in read_rows(data)):
        name = row.get("full_name", "")
        if problem:
            results.append(RowResult(line, name, Outcome.REFUSED, problem))
            continue
        keys = {key for key in (row["nip"], row["email"].lower()) if key}
        earlier = min((first_line[key] for key in keys if key in first_line), default=None)
        if earlier is not None:
            message = _("Same person as line %(line)s: skipped.") % {"line": earlier}
            results.append(RowResult(line, name, Outcome.DUPLICATE, message))
            continue
        try:
            with transaction.atomic():
                enrolment = _import_row(cohort, row, actor)
        except EnrolmentRefused as refusal:
            outcome = Outcome.DUPLICATE if refusal.code == "already_registered" else Outcome.REFUSED
            results.append(RowResult(line, name, outcome, _staff_words(refusal)))
        except ValidationError as error:
            results.append(RowResult(line, name, Outcome.REFUSED, "; ".join(error.messages)))
        else:
            outcome = _OUTCOME_OF_STATUS[enrolment.status]
            results.append(RowResult(line, name, outcome, _standing(enrolment)))
            first_line.update(dict.fromkeys(keys, line))
    return results


def _standing(enrolment) -> str:
    if enrolment.status == EnrolmentStatus.WAITLISTED:
        return _("On the waitlist, number %(n)s.") % {"n": enrolment.waitlist_position}
    if enrolment.status == EnrolmentStatus.PENDING:
        return _("Waiting for staff approval.")
    return _("Seated.")


# enrol() words its refusals for the registrant ("your segment", "you are already registered").
STAFF_WORDS = {
    "no_seats_for_segment": gettext_lazy("This wave has no seats for civil servants (ASN)."),
    "full": gettext_lazy("The ASN seats of this wave are taken and its waitlist is closed."),
    "asn_profile": gettext_lazy("The NIP or the agency (OPD) is not valid."),
    "already_registered": gettext_lazy("Already registered in this course: left as it was."),
}


def _staff_words(refusal: EnrolmentRefused) -> str:
    if isinstance(refusal, RowRefused):
        return str(refusal)
    return str(STAFF_WORDS.get(refusal.code, refusal))


def _import_row(cohort: Cohort, row: dict, actor):
    email = row["email"].lower()
    validate_email(email)
    user = User.objects.filter(nip=row["nip"]).first() if row["nip"] else None
    if user is None:
        user = User.objects.filter(email__iexact=email).first()
    new_account = user is None
    if new_account:
        user = User(email=email, segment=Segment.ASN)
        user.set_unusable_password()
    elif registered := Enrolment.objects.live().filter(user=user, course_id=cohort.course_id).first():
        # Checked before the profile is touched: a duplicate row changes nothing.
        raise RowRefused(
            _("Already registered in %(wave)s, status: %(status)s. Left as it was.")
            % {"wave": registered.cohort.name, "status": registered.get_status_display().lower()},
            "already_registered",
        )
    elif user.segment != Segment.ASN:
        raise RowRefused(_("The account %(email)s is not registered as ASN.") % {"email": user.email})
    elif user.nip and user.nip != row["nip"]:
        raise RowRefused(_("The account %(email)s has a different NIP.") % {"email": user.email})
    user.nip = row["nip"]
    user.opd = row["opd"]
    if not user.is_full_name_locked:
        user.full_name = row["full_name"]
    if row.get("whatsapp"):
        user.whatsapp = row["whatsapp"]
    if row.get("district"):
        user.district = row["district"]
    user.whatsapp = normalise_whatsapp(user.whatsapp)
    user.full_clean(exclude=["password"])
    user.save()
    confirm_nip(user, by=actor, source="import")  # the nominating office vouches for this NIP
    enrolment = enrol(user, cohort, actor=actor, check_window=False, notice=False)
    notify(NoticeKind.NOMINATED, user, enrolment, context={"new_account": new_account, **place(enrolment)})
    return enrolment
