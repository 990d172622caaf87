"""Who may see which certificate's PDF."""

from certificates.models import Certificate, CertificateStatus


def can_manage(user) -> bool:
    """Staff who issue, revoke and re-issue certificates."""
    return user.is_active and user.has_perm("certificates.change_certificate")


def can_download(user, certificate: Certificate) -> bool:
    """The holder may download a valid certificate; staff any certificate that has a PDF."""
    if not certificate.pdf:
        return False
    if user.is_active and user.has_perm("certificates.view_certificate"):
        return True
    return certificate.enrolment.user_id == user.pk and certificate.status == CertificateStatus.ISSUED
