"""Who may get a certificate of a wave now, and why not: the certificate's side of the one
rule in courses.requirements, and when a certificate may be issued (the wave's end)."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.models import Certificate, CourseCertificateSettings
from courses.models import Cohort, Enrolment, EnrolmentStatus
from courses.requirements import Shortfall
from lms.privacy import is_erased

ELIGIBLE_STATUSES = [EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED]


class IssuanceError(Exception):
    """A request that cannot be carried out; the message is for the user."""


@dataclass
class Eligibility:
    """A learning participant of a wave against the certificate's requirements (courses.requirements)."""

    enrolment: Enrolment
    shortfall: Shortfall
    reasons: list[str]
    certificate: Certificate | None = None  # the live one, if any

    @property
    def eligible(self) -> bool:
        return not self.reasons and self.certificate is None


def eligibility_for_cohort(cohort: Cohort, settings: CourseCertificateSettings, *, enrolment_ids=None, now=None):
    """Each registrant of the wave who is learning or done, with what they lack for the settings' kind.

    The requirements come from Enrolment.objects.with_requirements(): two queries whatever
    the size of the wave or course. Whether the wave has ended is the caller's question.
    """
    live = Certificate.objects.live().filter(enrolment=OuterRef("pk"))
    enrolments = (
        Enrolment.objects.filter(cohort=cohort, status__in=ELIGIBLE_STATUSES)
        .with_requirements(now)
        .annotate(has_certificate=Exists(live))
        .select_related("user")
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
    rows = []
    for enrolment in enrolments:
        shortfall = Shortfall.of(enrolment)
        reasons = shortfall.reasons(settings.kind)
        if is_erased(enrolment.user):  # the registry keeps their records, no new certificate
            reasons.append(_("The account was erased at its owner's request."))
        rows.append(Eligibility(enrolment, shortfall, reasons, certificates.get(enrolment.pk)))
    return rows


def settings_for(course) -> CourseCertificateSettings | None:
    try:
        return CourseCertificateSettings.objects.select_related("template", "course__organiser").get(course=course)
    except CourseCertificateSettings.DoesNotExist:
        return None


def check_timing(cohort: Cohort, early_reason: str = "", *, now=None) -> str:
    """The early reason to record ("" once the wave has ended); refuses an early issue without one.

    Certificates are issued when the wave has ended (Cohort.ends_at); before that only staff,
    with a written reason that the audit trail keeps.
    """
    early_reason = (early_reason or "").strip()
    if cohort.has_ended(now):
        return ""
    if not early_reason:
        raise IssuanceError(
            _("The wave has not ended yet (it ends %(end)s). To issue now, write the reason.")
            % {"end": timezone.localtime(cohort.ends_at()).strftime("%d-%m-%Y %H:%M")}
        )
    return early_reason
