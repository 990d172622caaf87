"""Telling participants that their certificate is ready."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from certificates.models import Certificate
from lms.mail import send_later


def notify_issued(certificate: Certificate) -> None:
    """Email the holder a link to their certificates and the public verification page (after commit)."""
    user = certificate.enrolment.user
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "certificate": certificate,
            "name": user.full_name,
            "my_certificates_url": settings.SITE_URL + reverse("certificates:mine"),
            "verification_url": certificate.get_verification_url(),
        }
        subject = render_to_string("certificates/email/issued_subject.txt", context).strip()
        body = render_to_string("certificates/email/issued.txt", context)
    send_later(EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
