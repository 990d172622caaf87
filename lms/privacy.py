"""A person's rights over their data (UU PDP 27/2022): a copy of everything held, and erasure.

    request_export(user)   -> PrivacyRequest; the task `build_export` makes the ZIP and emails the link
    erase(user, actor=...) -> PrivacyRequest; the account is anonymised in place, in one transaction

`lms` sits below `courses` and `certificates` and never imports them. Each app says what it holds
about a person in its own `privacy` module (found with autodiscover_modules, as the admin finds
`admin` modules), by connecting to the two signals below:

- `collect_personal_data(user=...)`: each receiver returns a `PersonalData` (JSON-ready sections,
  and the private files to copy into the ZIP);
- `erase_personal_data(user=..., on_commit=...)`: each receiver anonymises what its app holds,
  inside the caller's transaction, and returns counts for the record; files are deleted only
  once the transaction has committed (it passes them to `on_commit`), so a failed erasure loses
  no file.

Rows that reports count (enrolments, attendance, certificates) stay, with nothing left on them
that names the person; the certificate registry keeps the name as printed, the course, the
serial and the status, which public verification needs (the privacy notice says why).
"""

import io
import json
import logging
import posixpath
import zipfile
from dataclasses import dataclass, field
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.module_loading import autodiscover_modules
from django_tasks import task
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from lms.models import Notice, NoticeKind, PrivacyRequest, User
from lms.notices import notify
from lms.storage import STORAGE_ERRORS

logger = logging.getLogger(__name__)

collect_personal_data = Signal()
erase_personal_data = Signal()

ERASED_EMAIL_DOMAIN = "dihapus.invalid"  # .invalid never resolves (RFC 2606)
ERASED_ACTION = "sinau.personal_data_erased"  # Wagtail log action, registered in lms/wagtail_hooks.py
PROFILE_FIELDS = [
    "email",
    "full_name",
    "whatsapp",
    "segment",
    "nip",
    "opd",
    "business_name",
    "district",
    "language",
    "privacy_consent_at",
    "full_name_locked_at",
    "date_joined",
    "last_login",
    "is_active",
]


@dataclass
class PersonalData:
    """What one app holds about a person: JSON sections by name, and files as (path in the ZIP, FieldFile)."""

    sections: dict = field(default_factory=dict)
    files: list = field(default_factory=list)


def _discover() -> None:
    autodiscover_modules("privacy")


# --- Export ------------------------------------------------------------------------------


def request_export(user: User) -> PrivacyRequest:
    """Queue a ZIP of everything held about `user`; one being prepared is returned rather than doubled."""
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()  # two clicks at once make one
        pending = user.privacy_requests.filter(kind=PrivacyRequest.Kind.EXPORT, status=PrivacyRequest.Status.PENDING)
        export = pending.first()
        if export is None:
            export = PrivacyRequest.objects.create(kind=PrivacyRequest.Kind.EXPORT, user=user, requested_by=user)
            transaction.on_commit(lambda: build_export.enqueue(export.pk))
    return export


def collect(user: User) -> PersonalData:
    """Everything Sinau holds about `user`, from lms and from every app's privacy module."""
    _discover()
    collected = PersonalData(sections=_own_data(user))
    for _receiver, contribution in collect_personal_data.send(sender=User, user=user):
        collected.sections.update(contribution.sections)
        collected.files.extend(contribution.files)
    return collected


def _own_data(user: User) -> dict:
    profile = {name: getattr(user, name) for name in PROFILE_FIELDS}
    profile["segment_label"] = user.get_segment_display()
    profile["emails"] = list(EmailAddress.objects.filter(user=user).values("email", "verified", "primary"))
    notices = Notice.objects.for_recipient(user).values(
        "kind", "subject", "body", "created_at", "sent_at", "send_count"
    )
    requests = user.privacy_requests.values("kind", "status", "created_at", "finished_at", "expires_at", "summary")
    log = ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk))
    return {
        "profil": profile,
        "pemberitahuan": list(notices),
        "permintaan_data_pribadi": list(requests),
        "catatan_admin": list(log.values("action", "label", "timestamp", "data")),
    }


@task()
def build_export(request_id: int) -> str:
    """Make the ZIP of a pending export, store it privately, and tell the person by email and on the site."""
    export = PrivacyRequest.objects.select_related("user").filter(pk=request_id).first()
    if export is None or export.status != PrivacyRequest.Status.PENDING:
        return "skipped"
    try:
        content, summary = build_zip(collect(export.user))
        name = export.file.field.generate_filename(export, f"data-{get_random_string(24)}.zip")
        stored = export.file.storage.save(name, ContentFile(content))
    except STORAGE_ERRORS as error:
        logger.warning("Export %s failed: %r", export.pk, error, exc_info=error)
        PrivacyRequest.objects.filter(pk=export.pk).update(
            status=PrivacyRequest.Status.FAILED, finished_at=timezone.now(), note=f"{type(error).__name__}: {error}"
        )
        return "failed"
    now = timezone.now()
    with transaction.atomic():
        export.file.name, export.summary = stored, summary
        export.status, export.finished_at = PrivacyRequest.Status.READY, now
        export.expires_at = now + timedelta(days=settings.DATA_EXPORT_DAYS)
        export.save(update_fields=["file", "summary", "status", "finished_at", "expires_at"])
        notify(NoticeKind.DATA_EXPORT_READY, export.user, export)
    return "ready"


def build_zip(data: PersonalData) -> tuple[bytes, dict]:
    """The ZIP: one JSON file per section, the files under berkas/, and a README in Indonesian."""
    buffer = io.BytesIO()
    missing = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, section in data.sections.items():
            text = json.dumps(section, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
            archive.writestr(f"{name}.json", text)
        for path, fieldfile in data.files:
            try:
                with fieldfile.storage.open(fieldfile.name, "rb") as source:
                    archive.writestr(posixpath.join("berkas", path), source.read())
            except FileNotFoundError:
                missing.append(path)
        archive.writestr("BACA-SAYA.txt", _readme(missing))
    summary = {"sections": sorted(data.sections), "files": len(data.files) - len(missing), "missing": missing}
    return buffer.getvalue(), summary


def _readme(missing: list[str]) -> str:
    lines = [
        "Data pribadi Anda di Sinau (UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi, Pasal 7).",
        "Setiap berkas .json memuat satu bagian: profil, pendaftaran, kemajuan belajar, jawaban kuis,",
        "tugas, kehadiran, sertifikat, pemberitahuan dan catatan tentang Anda. Folder berkas/ memuat",
        "berkas tugas dan PDF sertifikat Anda. Waktu dalam UTC (ISO 8601).",
    ]
    if missing:
        lines += ["", "Berkas berikut tidak ditemukan di penyimpanan:", *missing]
    return "\n".join(lines) + "\n"


def export_for_owner(user, request_id: int) -> PrivacyRequest | None:
    """The person's own export, if it can still be downloaded; None for anyone else's or an expired one."""
    export = PrivacyRequest.objects.filter(pk=request_id, user=user, kind=PrivacyRequest.Kind.EXPORT).first()
    return export if export is not None and export.is_downloadable else None


# --- Erasure -----------------------------------------------------------------------------


def erase(user: User, *, actor, note: str = "") -> PrivacyRequest:
    """Anonymise `user` in place and record the run; `actor` is the person or the staff member who asked.

    In one transaction: the profile is blanked (name, email, WhatsApp, NIP, agency, business,
    district), the account can no longer log in (its sessions end), its addresses, notices and exports go,
    and each app anonymises what it holds. Files (submissions, certificate PDFs, exports) are
    deleted after commit.
    """
    _discover()
    files: list = []
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        summary = {}
        for _receiver, counts in erase_personal_data.send(sender=User, user=user, on_commit=files.append):
            summary.update(counts or {})
        summary.update(_erase_own(user, files.append))
        record = PrivacyRequest.objects.create(
            kind=PrivacyRequest.Kind.ERASURE,
            user=user,
            requested_by=actor if actor is not None and actor.pk != user.pk else None,
            status=PrivacyRequest.Status.DONE,
            summary=summary,
            note=note,
            finished_at=timezone.now(),
        )
        # Also on the account's History page in the user admin, where staff look first.
        log(user, ERASED_ACTION, user=actor, data={"request": record.pk, "summary": summary})
        transaction.on_commit(lambda: _delete_files(files))
    return record


def _erase_own(user: User, delete_file) -> dict:
    exports = user.privacy_requests.filter(kind=PrivacyRequest.Kind.EXPORT)
    for export in exports.exclude(file=""):
        delete_file(export.file)
    counts = {
        "exports": exports.delete()[0],
        "notices": Notice.objects.filter(recipient=user).delete()[0],
        "email_addresses": EmailAddress.objects.filter(user=user).delete()[0],
    }
    for name in ("whatsapp", "nip", "opd", "business_name", "district", "full_name"):
        setattr(user, name, "")
    user.email = f"dihapus-{user.pk}@{ERASED_EMAIL_DOMAIN}"
    user.privacy_consent_at = user.full_name_locked_at = None
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()  # also ends every session: Django checks each against the password
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    return counts


def _delete_files(files: list) -> None:
    for fieldfile in files:
        try:
            fieldfile.storage.delete(fieldfile.name)
        except STORAGE_ERRORS as error:  # the rows no longer name the file; log it for the operator
            logger.error("Could not delete %s after an erasure: %r", fieldfile.name, error)


def is_erased(user: User) -> bool:
    return user.email.endswith("@" + ERASED_EMAIL_DOMAIN)


# --- Retention ---------------------------------------------------------------------------


def prune(now=None) -> dict:
    """Delete expired exports' files and the records older than settings.PRIVACY_RECORD_DAYS."""
    now = now or timezone.now()
    expired = PrivacyRequest.objects.filter(
        kind=PrivacyRequest.Kind.EXPORT, status=PrivacyRequest.Status.READY, expires_at__lte=now
    )
    files = [export.file for export in expired.exclude(file="")]
    count = expired.update(status=PrivacyRequest.Status.EXPIRED, file="")
    _delete_files(files)
    old = PrivacyRequest.objects.filter(created_at__lt=now - timedelta(days=settings.PRIVACY_RECORD_DAYS))
    return {"expired_exports": count, "old_records": old.delete()[0]}
