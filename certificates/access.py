"""Who may see and do what with certificates: the one module the site's views and the admin ask.

The holder downloads their own valid certificate; staff (the Staff group's permissions on
Certificate, certificates/migrations/0002_staff_permissions.py) read every certificate
("view"), issue ("add") and revoke, re-issue or retry a PDF ("change"); a wave's issuance
and its batches are limited to the waves courses.access lets them see. Trainers and
participants have no certificate permission.
"""

from django.db.models import QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

from certificates.models import Certificate, CertificateStatus, CourseCertificateSettings, IssuanceBatch
from courses.access import cohorts_visible_to
from courses.models import Cohort

__all__ = [
    "ADMIN_POLICIES",
    "BATCHES",
    "CERTIFICATES",
    "SETTINGS",
    "batches_visible_to",
    "can_add_course_settings",
    "can_download",
    "can_issue_certificates",
    "can_manage_certificates",
    "can_view_certificates",
    "waves_for_issuing",
]

# "view": read every certificate and download its PDF; "add": issue; "change": revoke, re-issue, retry.
CERTIFICATES = ModelPermissionPolicy(Certificate)
SETTINGS = ModelPermissionPolicy(CourseCertificateSettings)


class BatchPermissionPolicy(ModelPermissionPolicy):
    """Issuance batches: Django's model permissions, on the batches of the waves the user sees."""

    def __init__(self):
        super().__init__(IssuanceBatch)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return IssuanceBatch.objects.none()
        return IssuanceBatch.objects.filter(cohort__in=cohorts_visible_to(user))


BATCHES = BatchPermissionPolicy()

# Registered with Wagtail (certificates/wagtail_hooks.py), so the viewsets' own views ask them too.
ADMIN_POLICIES = {Certificate: CERTIFICATES, CourseCertificateSettings: SETTINGS, IssuanceBatch: BATCHES}


def can_view_certificates(user) -> bool:
    return CERTIFICATES.user_has_permission(user, "view")


def can_issue_certificates(user) -> bool:
    return CERTIFICATES.user_has_permission(user, "add")


def can_manage_certificates(user) -> bool:
    """Staff who revoke, re-issue and retry certificates."""
    return CERTIFICATES.user_has_permission(user, "change")


def can_add_course_settings(user) -> bool:
    return SETTINGS.user_has_permission(user, "add")


def can_download(user, certificate: Certificate) -> bool:
    """The holder may download a valid certificate; staff any certificate that has a PDF."""
    if not certificate.pdf or not (user.is_authenticated and user.is_active):
        return False
    if can_view_certificates(user):
        return True
    return certificate.enrolment.user_id == user.pk and certificate.status == CertificateStatus.ISSUED


def waves_for_issuing(user) -> QuerySet[Cohort]:
    """The waves whose certificates `user` may issue: none without "add", else those they see."""
    if not can_issue_certificates(user):
        return Cohort.objects.none()
    return cohorts_visible_to(user)


def batches_visible_to(user) -> QuerySet[IssuanceBatch]:
    return BATCHES.instances_user_has_permission_for(user, "view")
