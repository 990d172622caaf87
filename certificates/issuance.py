"""Issuing, revoking and re-issuing certificates; who is eligible and why not.

Issuing creates the certificate row (serial, code, frozen wording) at once and leaves the
PDF to a background task (certificates.tasks). The database allows one live certificate
per enrolment, so issuing twice, from two staff at once or from a bulk run racing the
automatic one, gives one certificate.
"""

import logging
from datetime import timedelta
from functools import partial

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from certificates.eligibility import (  # noqa: F401 (callers name them through issuance)
    ELIGIBLE_STATUSES,
    Eligibility,
    IssuanceError,
    check_timing,
    eligibility_for_cohort,
    settings_for,
)
from certificates.models import (
    Certificate,
    CertificateEvent,
    CertificateStatus,
    CourseCertificateSettings,
    IssuanceBatch,
)
from certificates.numbers import SerialsExhausted, new_code, take_serials
from certificates.tasks import RENDER_CHUNK, render_certificates
from courses.models import Cohort, Enrolment

logger = logging.getLogger(__name__)

SERIAL_ATTEMPTS = 5  # a serial taken by a racing issuer is replaced by the next free one, this many times
# Automatic issuance looks back this far for waves that have ended (and catches a late fix of
# attendance or a late approval within it); older waves are staff's to issue by hand.
AUTOMATIC_LOOKBACK = timedelta(days=30)


def _new_certificate(enrolment, settings, serial, *, by=None, batch=None, replaces=None, now) -> Certificate:
    cohort, course, user = enrolment.cohort, settings.course, enrolment.user
    organiser = course.organiser
    if organiser is None:
        raise IssuanceError(_("Choose the course's organiser first: certificates print its name and place."))
    return Certificate(
        enrolment=enrolment,
        template=settings.template,
        kind=settings.kind,
        serial=serial,
        code=new_code(),
        status=CertificateStatus.PENDING,
        holder_name=user.full_name,
        course_title=course.title,
        cohort_name=cohort.name,
        starts_on=cohort.starts_on,
        ends_on=cohort.ends_on,
        learning_hours=course.learning_hours,
        issuer=organiser.name,
        place=organiser.place,
        issued_at=now,
        issued_by=by,
        batch=batch,
        replaces=replaces,
    )


def queue_renders(certificate_ids: list[int]) -> None:
    """Queue the certificates' PDFs after commit, RENDER_CHUNK to a task (issuance and staff's retries)."""
    for start in range(0, len(certificate_ids), RENDER_CHUNK):
        chunk = certificate_ids[start : start + RENDER_CHUNK]
        transaction.on_commit(partial(render_certificates.enqueue, chunk))


def _create(enrolments, settings, *, by=None, batch=None, note="", now=None) -> list[Certificate]:
    """Create and queue a certificate for each enrolment that has no live one; returns those created.

    Call inside a transaction. Each row is saved in a savepoint, so an enrolment that got a
    certificate from a racing issuer meanwhile is skipped (the partial unique constraint).
    """
    now = now or timezone.now()
    created = []
    serials = _take_serials(settings, now, len(enrolments))
    for enrolment, serial in zip(enrolments, serials, strict=True):
        certificate = _new_certificate(enrolment, settings, serial, by=by, batch=batch, now=now)
        if _save_new(certificate, settings, now):
            created.append(certificate)
    CertificateEvent.objects.bulk_create(
        CertificateEvent(certificate=c, action=CertificateEvent.Action.ISSUED, actor=by, note=note) for c in created
    )
    get_user_model().objects.filter(
        pk__in=[c.enrolment.user_id for c in created], full_name_locked_at__isnull=True
    ).update(full_name_locked_at=now)
    queue_renders([c.pk for c in created])
    return created


def _take_serials(settings, now, count: int) -> list[str]:
    try:
        return take_serials(settings.serial_pattern, now.year, count)
    except SerialsExhausted:
        raise IssuanceError(
            _("The serial number pattern %(pattern)s prints no new numbers; change it in the certificate settings.")
            % {"pattern": settings.serial_pattern}
        ) from None


def _save_new(certificate: Certificate, settings, now) -> bool:
    """Save a new certificate in a savepoint; False if its enrolment got a live one meanwhile (a racing issuer).

    A serial that another certificate took meanwhile (a racing issuer whose pattern prints the
    same numbers) is replaced by the next free one, so nobody in a batch is left out for it.
    """
    for _attempt in range(SERIAL_ATTEMPTS):
        try:
            with transaction.atomic():
                certificate.save()
            return True
        except IntegrityError:
            if Certificate.objects.live().filter(enrolment=certificate.enrolment).exists():
                return False
            if not Certificate.objects.filter(serial=certificate.serial).exists():
                raise
            [certificate.serial] = _take_serials(settings, now, 1)
    raise IssuanceError(
        _("No free serial number for %(name)s after %(attempts)s tries; nothing was issued. Try again.")
        % {"name": certificate.holder_name, "attempts": SERIAL_ATTEMPTS}
    )


def _early_note(early_reason: str) -> str:
    return _("Issued before the wave ended: %(reason)s") % {"reason": early_reason} if early_reason else ""


def issue(enrolment: Enrolment, *, by=None, settings=None, early_reason: str = "", now=None) -> Certificate:
    """Issue the enrolment's certificate (idempotent: an existing live one is returned).

    Raises IssuanceError when the course issues none, the participant has not met the
    requirements, or the wave has not ended and no reason for issuing early is given.
    """
    settings = settings or settings_for(enrolment.course_id)
    if settings is None:
        raise IssuanceError(_("This course does not issue certificates."))
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=enrolment.cohort_id)
        [row] = eligibility_for_cohort(cohort, settings, enrolment_ids=[enrolment.pk], now=now) or [None]
        if row is None:
            raise IssuanceError(_("Only a participant who is learning or done can get a certificate."))
        if row.certificate:
            return row.certificate
        if row.reasons:
            raise IssuanceError("; ".join(row.reasons))
        early_reason = check_timing(cohort, early_reason, now=now)
        row.enrolment.cohort = cohort
        [certificate] = _create([row.enrolment], settings, by=by, note=_early_note(early_reason), now=now)
    return certificate


def issue_due_for_cohort(cohort: Cohort, settings: CourseCertificateSettings, *, enrolment_ids=None, now=None) -> int:
    """Issue every certificate now due in an ended wave; returns how many were issued.

    The wave's row is locked first, so two runs at once (cron overlapping itself, or the
    command racing a participant's completion) queue here: the second finds the
    certificates made and issues none again.
    """
    now = now or timezone.now()
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        if not cohort.has_ended(now):
            return 0
        rows = [
            row
            for row in eligibility_for_cohort(cohort, settings, enrolment_ids=enrolment_ids, now=now)
            if row.eligible
        ]
        for row in rows:
            row.enrolment.cohort = cohort
        return len(_create([row.enrolment for row in rows], settings, now=now))


def automatic_waves(now=None):
    """(wave, settings) of the waves that ended within AUTOMATIC_LOOKBACK in courses that issue automatically."""
    now = now or timezone.now()
    settings_by_course = {
        settings.course_id: settings
        for settings in CourseCertificateSettings.objects.filter(issue_automatically=True).select_related(
            "template", "course__organiser"
        )
    }
    since = (timezone.localtime(now) - AUTOMATIC_LOOKBACK).date()
    cohorts = (
        Cohort.objects.ended(now)
        .filter(course_id__in=settings_by_course, ends_on__gte=since)
        .select_related("course")
        .order_by("ends_on", "pk")
    )
    return [(cohort, settings_by_course[cohort.course_id]) for cohort in cohorts]


def issue_due(now=None) -> dict[Cohort, int]:
    """Automatic issuance (manage.py issue_due_certificates): each recently ended wave's due certificates."""
    issued = {}
    for cohort, settings in automatic_waves(now):
        try:
            issued[cohort] = issue_due_for_cohort(cohort, settings, now=now)
        except IssuanceError as error:
            logger.warning("Automatic certificates for %s not issued: %s", cohort, error)
    return issued


def issue_on_completion(sender, enrolment, **kwargs) -> None:
    """course_completed receiver: a participant who completes after the wave ended gets theirs at once.

    Before the wave ends nothing happens here: issue_due_certificates issues when it ends.
    Never fails the caller (completing a lesson).
    """
    settings = (
        CourseCertificateSettings.objects.filter(course_id=enrolment.course_id, issue_automatically=True)
        .select_related("template", "course__organiser")
        .first()
    )
    if settings is None or not enrolment.cohort.has_ended():
        return
    try:
        issue_due_for_cohort(enrolment.cohort, settings, enrolment_ids=[enrolment.pk])
    except Exception:
        logger.exception("Automatic certificate for enrolment %s failed; staff can issue it by hand", enrolment.pk)


def start_batch(cohort: Cohort, *, by, enrolment_ids=None, early_reason: str = "") -> IssuanceBatch:
    """Ask for certificates for the wave's eligible participants (all, or those chosen); runs in the background."""
    settings = settings_for(cohort.course_id)
    if settings is None:
        raise IssuanceError(_("This course does not issue certificates."))
    if enrolment_ids is not None and not enrolment_ids:
        raise IssuanceError(_("Choose at least one participant."))
    if settings.course.organiser is None:
        raise IssuanceError(_("Choose the course's organiser first: certificates print its name and place."))
    early_reason = check_timing(cohort, early_reason)
    rows = eligibility_for_cohort(cohort, settings, enrolment_ids=enrolment_ids)
    chosen = [row.enrolment.pk for row in rows if row.eligible]
    if not chosen:
        raise IssuanceError(_("None of the chosen participants can get a certificate now."))
    batch = IssuanceBatch.objects.create(
        cohort=cohort,
        requested_by=by,
        enrolment_ids=chosen,
        requested=len(chosen),
        skipped=len(rows) - len(chosen),
        early_reason=early_reason,
    )
    transaction.on_commit(partial(run_batch.enqueue, batch.pk))
    return batch


@task()
def run_batch(batch_id: int) -> None:
    """The background half of `start_batch` (the task lives beside the use case it runs)."""
    batch = IssuanceBatch.objects.select_related("cohort__course", "requested_by").filter(pk=batch_id).first()
    if batch and batch.started_at is None:
        run_batch_now(batch)


def run_batch_now(batch: IssuanceBatch) -> None:
    """Create the batch's certificates (re-checking eligibility) and queue their PDFs in chunks."""
    settings = settings_for(batch.cohort.course_id)
    now = timezone.now()
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=batch.cohort_id)
        rows = [
            row for row in eligibility_for_cohort(cohort, settings, enrolment_ids=batch.enrolment_ids) if row.eligible
        ]
        for row in rows:
            row.enrolment.cohort = cohort
        created = _create(
            [row.enrolment for row in rows],
            settings,
            by=batch.requested_by,
            batch=batch,
            note=_early_note(batch.early_reason),
            now=now,
        )
        IssuanceBatch.objects.filter(pk=batch.pk).update(
            created=len(created), skipped=batch.skipped + len(batch.enrolment_ids) - len(created), started_at=now
        )


def batch_progress(batch: IssuanceBatch) -> dict:
    """Counts for the batch's progress page: issued, pending, failed (two queries)."""
    batch.refresh_from_db(fields=["created", "skipped", "started_at"])
    counts = dict(
        Certificate.objects.filter(batch=batch).values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    started = batch.started_at is not None
    pending = counts.get(CertificateStatus.PENDING, 0) if started else batch.requested
    return {
        "requested": batch.requested,
        "issued": counts.get(CertificateStatus.ISSUED, 0),
        "failed": counts.get(CertificateStatus.FAILED, 0),
        "pending": pending,
        "skipped": batch.skipped if started else 0,
        "done": started and pending == 0,
    }


def revoke(certificate: Certificate, *, by, reason: str) -> Certificate:
    reason = (reason or "").strip()
    if not reason:
        raise IssuanceError(_("Give the reason for revoking the certificate."))
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.status in (CertificateStatus.REVOKED, CertificateStatus.REPLACED):
            raise IssuanceError(_("This certificate is no longer valid already."))
        now = timezone.now()
        certificate.status = CertificateStatus.REVOKED
        certificate.revoked_at, certificate.revoked_by, certificate.revocation_reason = now, by, reason
        certificate.save(update_fields=["status", "revoked_at", "revoked_by", "revocation_reason"])
        CertificateEvent.objects.create(
            certificate=certificate, action=CertificateEvent.Action.REVOKED, actor=by, note=reason
        )
    return certificate


def reissue(certificate: Certificate, *, by, note: str = "") -> Certificate:
    """Replace a live certificate with a new one (new serial and code) that says what the records say now.

    Used after a name correction: the old one shows "replaced" with a link to the new one.
    """
    with transaction.atomic():
        old = (
            Certificate.objects.select_for_update()
            .select_related("enrolment__user", "enrolment__cohort")
            .get(pk=certificate.pk)
        )
        if not old.is_live:
            raise IssuanceError(_("Only a valid certificate can be re-issued."))
        settings = settings_for(old.enrolment.course_id)
        if settings is None:
            raise IssuanceError(_("This course does not issue certificates."))
        old.status = CertificateStatus.REPLACED
        old.save(update_fields=["status"])
        now = timezone.now()
        [serial] = _take_serials(settings, now, 1)
        new = _new_certificate(old.enrolment, settings, serial, by=by, replaces=old, now=now)
        _save_new(new, settings, now)
        CertificateEvent.objects.create(certificate=old, action=CertificateEvent.Action.REPLACED, actor=by, note=note)
        CertificateEvent.objects.create(
            certificate=new, action=CertificateEvent.Action.REISSUED, actor=by, note=note or old.serial
        )
    queue_renders([new.pk])
    return new


def kind_offered(sender, courses, **kwargs) -> dict[int, str]:
    """courses.signals.certificate_offer receiver: {course id: kind} for those of `courses` that issue one."""
    if not courses:
        return {}
    return dict(
        CourseCertificateSettings.objects.filter(course__in=courses).values_list("course_id", "kind").order_by()
    )
