"""Background work for certificates (Django's Tasks API; the database backend by default).

The Tasks API does not retry. A render that fails (storage down, say) marks its
certificates failed, records the error and enqueues itself again with a growing delay
(`run_after`); after MAX_ATTEMPTS staff see the failure, and `manage.py retry_certificates`
(or the admin) puts any left pending or failed back in the queue. Nothing is lost: the
certificate row, its serial and its code exist before the first render is tried.
"""

import contextlib
import ctypes
import gc
import logging
import time
from datetime import timedelta
from itertools import groupby

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import task
from django_tasks.signals import task_finished

from certificates.models import Certificate, CertificateEvent, CertificateStatus
from certificates.notifications import notify_issued
from certificates.rendering import CertificateContent, render_pdfs, sha256
from lms.workers import LOST_WORKER_CLASS_PATH, WorkerLost

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
# Certificates per render task: one WeasyPrint document of that many pages, then split.
RENDER_CHUNK = 10
RENDERABLE = [CertificateStatus.PENDING, CertificateStatus.FAILED]


def backoff(attempt: int) -> timedelta:
    """30 s, 2 min, 8 min, 32 min, ~2 h: storage outages are usually short, sometimes not."""
    return timedelta(seconds=30 * 4 ** (attempt - 1))


@task()
def render_certificates(certificate_ids: list[int]) -> None:
    render_now(certificate_ids)
    release_memory()


def release_memory() -> None:
    """Hand the memory of a finished render back, so a long-running worker stays the same size.

    WeasyPrint builds large, cyclic object graphs; collecting them at once and trimming
    glibc's heap keeps a worker's resident size flat over thousands of certificates.
    After the first collection what survives (Django, Wagtail, WeasyPrint and their caches,
    ~200,000 objects) is frozen out of later collections: scanning it again took ~180 ms
    per task, against ~10 ms for what a render leaves behind.
    """
    gc.collect()
    if not gc.get_freeze_count():
        gc.freeze()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: the collection alone still helps
        ctypes.CDLL("libc.so.6").malloc_trim(0)


_signatories: dict = {}
SIGNATORIES_MAX_AGE = 60  # seconds; a template saved in the admin gets a new updated_at at once


def signatories_of(template) -> list:
    """The template's signatories, kept for a minute per template version: workers render many in a row."""
    key = (template.pk, template.updated_at)
    cached = _signatories.get(key)
    if cached is None or time.monotonic() - cached[0] > SIGNATORIES_MAX_AGE:
        if len(_signatories) > 32:
            _signatories.clear()
        cached = _signatories[key] = (time.monotonic(), list(template.signatories.select_related("signature")))
    return cached[1]


def render_now(certificate_ids: list[int]) -> dict:
    """Render, store and mark issued the given certificates that still need it. Returns counts."""
    certificates = list(
        Certificate.objects.filter(pk__in=certificate_ids, status__in=RENDERABLE)
        .select_related("template", "enrolment__user", "enrolment__course__organiser__logo")
        .order_by("template_id", "pk")
    )
    outcome = {"issued": 0, "failed": 0}
    for _template_id, group in groupby(certificates, key=lambda c: c.template_id):
        group = list(group)
        try:
            signatories = signatories_of(group[0].template)
            pdfs = render_pdfs([CertificateContent.of(c) for c in group], signatories)
            for certificate, pdf in zip(group, pdfs, strict=True):
                _store(certificate, pdf)
                outcome["issued"] += 1
        except Exception as error:
            stored = {c.pk for c in group if c.status == CertificateStatus.ISSUED}
            failed = [c for c in group if c.pk not in stored]
            _record_failure(failed, error)
            outcome["failed"] += len(failed)
    return outcome


def _store(certificate: Certificate, pdf: bytes) -> None:
    name = certificate.pdf.field.generate_filename(certificate, certificate.download_name)
    saved_name = certificate.pdf.storage.save(name, ContentFile(pdf))
    now = timezone.now()
    with transaction.atomic():
        commit_without_waiting_for_disk()
        updated = Certificate.objects.filter(pk=certificate.pk, status__in=RENDERABLE).update(
            pdf=saved_name,
            sha256=sha256(pdf),
            status=CertificateStatus.ISSUED,
            rendered_at=now,
            render_attempts=certificate.render_attempts + 1,
            last_error="",
            next_attempt_at=None,
        )
        if not updated:  # revoked or replaced while rendering: keep its status, drop the file
            transaction.on_commit(lambda: certificate.pdf.storage.delete(saved_name))
            return
        certificate.status, certificate.pdf.name = CertificateStatus.ISSUED, saved_name
        CertificateEvent.objects.create(certificate=certificate, action=CertificateEvent.Action.RENDERED)
        notify_issued(certificate)


def commit_without_waiting_for_disk() -> None:
    """Let the current transaction's commit return before PostgreSQL flushes it to disk.

    For the render's bookkeeping only (file name, SHA-256, issued status, audit event, email):
    it all follows from a file already stored. Should the database server crash in the
    fraction of a second before the flush, the certificate is back to pending and
    `retry_certificates` renders it again. The issue itself (serial, code, the frozen name)
    commits durably. On this project's machine a flush now and then stalls a commit for up
    to a second, longer than the render it follows (bench/certificates).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _record_failure(certificates: list[Certificate], error: Exception) -> None:
    logger.warning("Rendering certificates %s failed: %s", [c.pk for c in certificates], error, exc_info=error)
    now = timezone.now()
    message = f"{type(error).__name__}: {error}"[:1000]
    retry = []
    for certificate in certificates:
        attempt = certificate.render_attempts + 1
        next_attempt = now + backoff(attempt) if attempt < MAX_ATTEMPTS else None
        Certificate.objects.filter(pk=certificate.pk, status__in=RENDERABLE).update(
            status=CertificateStatus.FAILED, render_attempts=attempt, last_error=message, next_attempt_at=next_attempt
        )
        CertificateEvent.objects.create(certificate=certificate, action=CertificateEvent.Action.FAILED, note=message)
        if next_attempt:
            retry.append((next_attempt, certificate.pk))
    if retry and render_certificates.get_backend().supports_defer:
        run_after = max(when for when, _pk in retry)
        render_certificates.using(run_after=run_after).enqueue([pk for _when, pk in retry])
    # A backend that cannot defer (the immediate one) would retry at once and fail again:
    # those wait for `retry_certificates`, as do certificates that used up their attempts.


@receiver(task_finished)
def record_lost_render(sender, task_result, **kwargs) -> None:
    """A render given up on because its worker died each time (lms/workers.py): its certificates
    are marked failed with the reason, for staff to see, and retried later as any failed render."""
    errors = task_result.errors
    if task_result.task.module_path != render_certificates.module_path or not errors:
        return
    if errors[-1].exception_class_path != LOST_WORKER_CLASS_PATH:
        return
    reason = errors[-1].traceback.removeprefix("WorkerLost: ")
    lost = Certificate.objects.filter(pk__in=task_result.args[0], status__in=RENDERABLE)
    _record_failure(list(lost), WorkerLost(reason))


def retry_stalled(*, include_waiting: bool = False, older_than: timedelta = timedelta(minutes=10)) -> int:
    """Queue again certificates left pending or failed: failed ones past their retry time (or
    all of them with include_waiting, e.g. once storage is back), and pending ones older than
    `older_than` whose task was lost. Returns how many were queued."""
    now = timezone.now()
    failed = Certificate.objects.filter(status=CertificateStatus.FAILED)
    if not include_waiting:
        failed = failed.filter(next_attempt_at__isnull=True) | failed.filter(next_attempt_at__lte=now)
    pending = Certificate.objects.filter(status=CertificateStatus.PENDING, issued_at__lte=now - older_than)
    ids = sorted(set(failed.values_list("pk", flat=True)) | set(pending.values_list("pk", flat=True)))
    for start in range(0, len(ids), RENDER_CHUNK):
        render_certificates.enqueue(ids[start : start + RENDER_CHUNK])
    return len(ids)
