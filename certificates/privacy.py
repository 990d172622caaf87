"""What certificates holds about a person, for lms/privacy.py: their export and their erasure.

On erasure the registry keeps what public verification needs and nothing more: the name as
printed, the course and wave, the serial, the code and the status (with the PDF's SHA-256, so
a copy the person kept can still be checked). The PDF itself is deleted. The privacy notice
(templates/lms/privacy.html) states the legal basis for what is kept.
"""

from django.dispatch import receiver

from certificates.issuance import revoke
from certificates.models import Certificate, CertificateEvent, CertificateStatus
from lms.privacy import PersonalData, collect_personal_data, erase_personal_data


@receiver(collect_personal_data, dispatch_uid="certificates.privacy.collect")
def collect(sender, user, **kwargs) -> PersonalData:
    certificates = list(Certificate.objects.of_user(user).order_by("issued_at", "pk"))
    return PersonalData(
        sections={
            "sertifikat": [
                {
                    "serial": c.serial,
                    "verification_code": c.display_code,
                    "status": c.status,
                    "kind": c.kind,
                    "holder_name": c.holder_name,
                    "course": c.course_title,
                    "wave": c.cohort_name,
                    "starts_on": c.starts_on,
                    "ends_on": c.ends_on,
                    "learning_hours": c.learning_hours,
                    "issuer": c.issuer,
                    "issued_at": c.issued_at,
                    "sha256": c.sha256,
                    "revoked_at": c.revoked_at,
                    "revocation_reason": c.revocation_reason,
                    "file": f"sertifikat/{c.download_name}" if c.pdf else None,
                }
                for c in certificates
            ],
            "riwayat_sertifikat": list(
                CertificateEvent.objects.filter(certificate__enrolment__user=user).values(
                    "certificate__serial", "action", "note", "at"
                )
            ),
        },
        files=[(f"sertifikat/{c.download_name}", c.pdf) for c in certificates if c.pdf],
    )


# Recorded on a certificate that was still being prepared when its holder erased their account.
WITHDRAWN_ON_ERASURE = "Dibatalkan sebelum terbit: akun dihapus atas permintaan pemiliknya"


@receiver(erase_personal_data, dispatch_uid="certificates.privacy.erase")
def erase(sender, user, on_commit, **kwargs) -> dict:
    """Delete the PDFs; a certificate still being prepared (pending, or failed and due a retry)
    is revoked with the reason, so no PDF is made and no email sent after the erasure."""
    certificates = Certificate.objects.of_user(user)
    for certificate in certificates.exclude(pdf=""):
        on_commit(certificate.pdf)
    unrendered = list(certificates.filter(status__in=[CertificateStatus.PENDING, CertificateStatus.FAILED]))
    for certificate in unrendered:
        revoke(certificate, by=None, reason=WITHDRAWN_ON_ERASURE)
    return {
        "certificate_pdfs_erased": certificates.exclude(pdf="").update(pdf=""),
        "certificates_withdrawn_unissued": len(unrendered),
    }
