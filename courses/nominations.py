"""Import a CSV of civil servants (ASN) nominated by their agency (OPD) into a wave.

Each row is its own transaction: it is either wholly done (account found or made,
registration given, the person's notice recorded) or reported with its reason and leaves
no trace. Staff see one line per row.

Each nominated person gets one notice ("nominated"): where their registration stands and,
when the import made their account, a link to set their password (lms/notices.py).
"""

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from courses.enrolment import EnrolmentRefused, enrol, place
from courses.models import Cohort
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


@dataclass
class RowResult:
    line: int
    name: str
    ok: bool
    message: str


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
    """Register every nominated ASN of the file in `cohort`; one result per row."""
    results = []
    for line, row in read_rows(data):
        try:
            with transaction.atomic():
                enrolment = _import_row(cohort, row, actor)
        except (EnrolmentRefused, ValidationError) as error:
            message = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            results.append(RowResult(line, row.get("full_name", ""), False, message))
        else:
            if enrolment.status == "waitlisted":
                message = _("waitlist number %(n)s") % {"n": enrolment.waitlist_position}
            else:
                message = enrolment.get_status_display()
            results.append(RowResult(line, row["full_name"], True, message))
    return results


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
    elif user.segment != Segment.ASN:
        raise EnrolmentRefused(_("The account %(email)s is not registered as ASN.") % {"email": user.email})
    elif user.nip and user.nip != row["nip"]:
        raise EnrolmentRefused(_("The account %(email)s has a different NIP.") % {"email": user.email})
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
