"""Telling participants that their certificate is ready."""

from django.conf import settings
from django.urls import reverse

from certificates.models import Certificate
from lms.models import NoticeKind
from lms.notices import notify


def notify_issued(certificate: Certificate) -> None:
    """Tell the holder, in the render's transaction, with a link to their certificates and to
    the public verification page; one notice per certificate however often its PDF is stored."""
    notify(
        NoticeKind.CERTIFICATE_ISSUED,
        certificate.enrolment.user,
        certificate,
        context={
            "my_certificates_url": settings.SITE_URL + reverse("certificates:mine"),
            "verification_url": certificate.get_verification_url(),
        },
    )
