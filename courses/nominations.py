"""Import a CSV of civil servants (ASN) nominated by their agency (OPD) into a wave.

Each row is its own transaction: it is either wholly done (account found or made,
registration given, the person's notice recorded) or reported with its reason and leaves
no trace. Staff see one line per row.

Each nominated person gets one notice ("nominated"): where their registration stands and,
when the import made their account, a link to set their password (lms/notices.py).

Every row ends in one outcome, counted apart for staff: seated, waitlisted, pending
(the course needs approval), duplicate (already registered in the course, or the same
NIP or email as an earlier row of the file; nothing is changed) or refused, with the
reason in staff's words.
"""

import csv
import io
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.enrolment import EnrolmentRefused, enrol, place
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


def read_rows(data: bytes) -> list[tuple[int, dict]]:
    """Parse the CSV into (line number, {field: value}) pairs, or raise ImportRefused."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(_("The file is not UTF-8 text. Save it from your spreadsheet as “CSV UTF-8”.")) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = [cell.strip().lower() for cell in next(reader)]
    except StopIteration:
        raise ImportRefused(_("The file is empty.")) from None
    positions = {}
    for field, names in COLUMNS.items():
        for index, cell in enumerate(header):
            if cell in names:
                positions[field] = index
                break
    missing = [COLUMNS[field][0] for field in REQUIRED if field not in positions]
    if missing:
        raise ImportRefused(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    rows = []
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        rows.append((number, {field: (cells[i].strip() if i < len(cells) else "") for field, i in positions.items()}))
    if len(rows) > MAX_ROWS:
        raise ImportRefused(_("At most %(max)s rows can be imported at once.") % {"max": MAX_ROWS})
    return rows


def import_nominations(cohort: Cohort, data: bytes, *, actor) -> list[RowResult]:
    """Register every nominated ASN of the file in `cohort`; one result per row (see `tally`)."""
    results = []
    first_line = {}  # NIP or email -> the line that registered that person in this import
    for line, row in read_rows(data):
        name = row.get("full_name", "")
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
    enrolment = enrol(user, cohort, actor=actor, check_window=False, notice=False)
    notify(NoticeKind.NOMINATED, user, enrolment, context={"new_account": new_account, **place(enrolment)})
    return enrolment
