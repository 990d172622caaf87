"""Issuing, revoking and re-issuing certificates; who is eligible and why not.

Issuing creates the certificate row (serial, code, frozen wording) at once and leaves the
PDF to a background task (certificates.tasks). The database allows one live certificate
per enrolment, so issuing twice, from two staff at once or from a bulk run racing the
automatic one, gives one certificate.
"""

import logging
from dataclasses import dataclass, field
from functools import partial

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from certificates.models import (
    Certificate,
    CertificateEvent,
    CertificateKind,
    CertificateStatus,
    CourseCertificateSettings,
    IssuanceBatch,
)
from certificates.numbers import new_code, take_serials
from courses.models import (
    AttendanceRecord,
    Cohort,
    CohortSession,
    CompletionMode,
    Enrolment,
    EnrolmentStatus,
    LessonPage,
    LessonProgress,
)

logger = logging.getLogger(__name__)

ELIGIBLE_STATUSES = [EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED]


class IssuanceError(Exception):
    """A request that cannot be carried out; the message is for the user."""


@dataclass
class Eligibility:
    enrolment: Enrolment
    reasons: list[str] = field(default_factory=list)
    certificate: Certificate | None = None  # the live one, if any

    @property
    def eligible(self) -> bool:
        return not self.reasons and self.certificate is None


def _count(queryset):
    return Coalesce(Subquery(queryset.values("n")[:1], output_field=IntegerField()), Value(0))


def eligibility_for_cohort(cohort: Cohort, settings: CourseCertificateSettings, *, enrolment_ids=None, now=None):
    """Each registrant of the wave who is learning or done, with the reasons they may not get a certificate yet.

    Five queries whatever the size of the wave or course.
    """
    now = now or timezone.now()
    course = cohort.course
    required = LessonPage.objects.descendant_of(course).live().filter(is_required=True)
    totals = required.aggregate(
        lessons=Count("pk", filter=~Q(completion_mode=CompletionMode.QUIZ)),
        quizzes=Count("pk", filter=Q(completion_mode=CompletionMode.QUIZ)),
    )
    held = CohortSession.objects.filter(cohort=cohort, starts_at__lte=now).count()
    done = LessonProgress.objects.filter(
        enrolment=OuterRef("pk"), completed_at__isnull=False, lesson__in=required.values("pk")
    ).values("enrolment")
    present = AttendanceRecord.objects.filter(
        enrolment=OuterRef("pk"), present=True, session__starts_at__lte=now
    ).values("enrolment")
    live = Certificate.objects.live().filter(enrolment=OuterRef("pk"))
    enrolments = (
        Enrolment.objects.filter(cohort=cohort, status__in=ELIGIBLE_STATUSES)
        .select_related("user")
        .annotate(
            lessons_done=_count(done.filter(~Q(lesson__completion_mode=CompletionMode.QUIZ)).annotate(n=Count("pk"))),
            quizzes_done=_count(done.filter(lesson__completion_mode=CompletionMode.QUIZ).annotate(n=Count("pk"))),
            present_count=_count(present.annotate(n=Count("pk"))),
            has_certificate=Exists(live),
        )
        .order_by("user__full_name", "pk")
    )
    if enrolment_ids is not None:
        enrolments = enrolments.filter(pk__in=enrolment_ids)
    enrolments = list(enrolments)
    certificates = {
        certificate.enrolment_id: certificate
        for certificate in Certificate.objects.live().filter(
            enrolment__in=[e.pk for e in enrolments if e.has_certificate]
        )
    }
    minimum = settings.attendance_minimum
    rows = []
    for enrolment in enrolments:
        reasons = []
        if settings.kind == CertificateKind.COMPLETION and enrolment.status != EnrolmentStatus.COMPLETED:
            missing = totals["lessons"] - enrolment.lessons_done
            if missing > 0:
                reasons.append(
                    ngettext("%(n)d required lesson not done", "%(n)d required lessons not done", missing)
                    % {"n": missing}
                )
            quizzes = totals["quizzes"] - enrolment.quizzes_done
            if quizzes > 0:
                reasons.append(ngettext("%(n)d quiz not passed", "%(n)d quizzes not passed", quizzes) % {"n": quizzes})
            if not reasons:
                reasons.append(_("The course is not completed yet"))
        if minimum:
            rate = round(100 * enrolment.present_count / held) if held else None
            if rate is None:
                reasons.append(_("No session has been held yet to count attendance"))
            elif rate < minimum:
                reasons.append(
                    _("Attendance %(rate)d%% is below the minimum of %(minimum)d%%")
                    % {"rate": rate, "minimum": minimum}
                )
        rows.append(Eligibility(enrolment, reasons, certificates.get(enrolment.pk)))
    return rows


def settings_for(course) -> CourseCertificateSettings | None:
    try:
        return CourseCertificateSettings.objects.select_related("template", "course").get(course=course)
    except CourseCertificateSettings.DoesNotExist:
        return None


def _new_certificate(enrolment, settings, serial, *, by=None, batch=None, replaces=None, now) -> Certificate:
    cohort, course, user = enrolment.cohort, settings.course, enrolment.user
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
        issuer=settings.template.issuer,
        issued_at=now,
        issued_by=by,
        batch=batch,
        replaces=replaces,
    )


def _enqueue_render(certificate_ids: list[int]) -> None:
    from certificates.tasks import render_certificates

    transaction.on_commit(partial(render_certificates.enqueue, certificate_ids))


def issue(enrolment: Enrolment, *, by=None, settings=None, check=True) -> Certificate:
    """Issue the enrolment's certificate (idempotent: an existing live one is returned).

    Raises IssuanceError when the course issues none or the participant is not eligible.
    """
    settings = settings or settings_for(enrolment.course_id)
    if settings is None:
        raise IssuanceError(_("This course does not issue certificates."))
    if check:
        [row] = eligibility_for_cohort(enrolment.cohort, settings, enrolment_ids=[enrolment.pk]) or [None]
        if row is None:
            raise IssuanceError(_("Only a participant who is learning or done can get a certificate."))
        if row.certificate:
            return row.certificate
        if row.reasons:
            raise IssuanceError("; ".join(row.reasons))
    created = _create(enrolment, settings, by=by)
    return created or Certificate.objects.live().get(enrolment=enrolment)


def _create(enrolment, settings, *, by=None, batch=None) -> Certificate | None:
    """Create and queue one certificate; None if the enrolment already has a live one."""
    now = timezone.now()
    try:
        with transaction.atomic():
            [serial] = take_serials(settings.serial_pattern, now.year)
            certificate = _new_certificate(enrolment, settings, serial, by=by, batch=batch, now=now)
            certificate.save()
            CertificateEvent.objects.create(certificate=certificate, action=CertificateEvent.Action.ISSUED, actor=by)
            enrolment.user.lock_full_name()
    except IntegrityError:
        if Certificate.objects.live().filter(enrolment=enrolment).exists():
            return None
        raise
    _enqueue_render([certificate.pk])
    return certificate


def issue_on_completion(sender, enrolment, **kwargs) -> None:
    """course_completed receiver: issue where the course asks for it, never failing the caller."""
    settings = (
        CourseCertificateSettings.objects.filter(
            course_id=enrolment.course_id, issue_automatically=True, kind=CertificateKind.COMPLETION
        )
        .select_related("template", "course")
        .first()
    )
    if settings is None:
        return
    try:
        _create(enrolment, settings)
    except Exception:
        logger.exception("Automatic certificate for enrolment %s failed; staff can issue it by hand", enrolment.pk)


def start_batch(cohort: Cohort, *, by, enrolment_ids=None) -> IssuanceBatch:
    """Ask for certificates for the wave's eligible participants (all, or those chosen); runs in the background."""
    settings = settings_for(cohort.course_id)
    if settings is None:
        raise IssuanceError(_("This course does not issue certificates."))
    if enrolment_ids is not None and not enrolment_ids:
        raise IssuanceError(_("Choose at least one participant."))
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
    )
    from certificates.tasks import run_batch

    transaction.on_commit(partial(run_batch.enqueue, batch.pk))
    return batch


RENDER_CHUNK = 10


def run_batch_now(batch: IssuanceBatch) -> None:
    """Create the batch's certificates (re-checking eligibility) and queue their PDFs in chunks."""
    cohort = batch.cohort
    settings = settings_for(cohort.course_id)
    rows = [row for row in eligibility_for_cohort(cohort, settings, enrolment_ids=batch.enrolment_ids) if row.eligible]
    now = timezone.now()
    created = []
    with transaction.atomic():
        serials = take_serials(settings.serial_pattern, now.year, len(rows))
        for row, serial in zip(rows, serials, strict=True):
            certificate = _new_certificate(row.enrolment, settings, serial, by=batch.requested_by, batch=batch, now=now)
            try:
                with transaction.atomic():  # a savepoint: a racing issue for this one enrolment skips only it
                    certificate.save()
            except IntegrityError:
                continue
            created.append(certificate)
        CertificateEvent.objects.bulk_create(
            CertificateEvent(certificate=c, action=CertificateEvent.Action.ISSUED, actor=batch.requested_by)
            for c in created
        )
        get_user_model().objects.filter(
            pk__in=[c.enrolment.user_id for c in created], full_name_locked_at__isnull=True
        ).update(full_name_locked_at=now)
        IssuanceBatch.objects.filter(pk=batch.pk).update(
            created=len(created), skipped=batch.skipped + len(batch.enrolment_ids) - len(created), started_at=now
        )
        ids = [c.pk for c in created]
        for start in range(0, len(ids), RENDER_CHUNK):
            _enqueue_render(ids[start : start + RENDER_CHUNK])


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
        [serial] = take_serials(settings.serial_pattern, now.year)
        new = _new_certificate(old.enrolment, settings, serial, by=by, replaces=old, now=now)
        new.save()
        CertificateEvent.objects.create(certificate=old, action=CertificateEvent.Action.REPLACED, actor=by, note=note)
        CertificateEvent.objects.create(
            certificate=new, action=CertificateEvent.Action.REISSUED, actor=by, note=note or old.serial
        )
    _enqueue_render([new.pk])
    return new
