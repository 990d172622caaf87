"""Issuing certificates: automatically on completion, by staff, once per enrolment, with numbers and codes."""

import re

from django.core import mail

from certificates.models import Certificate
from tests.certificates.conftest import complete_course


def test_completing_a_course_that_issues_automatically_issues_a_rendered_certificate(
    course_settings, enrolment, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complete_course(enrolment)
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.status == "issued", certificate.last_error
    assert re.fullmatch(r"00001/DISKOMINFO/\d{4}", certificate.serial)
    assert certificate.holder_name == "Sari Wulandari"
    assert certificate.pdf.read().startswith(b"%PDF-")
    assert len(certificate.sha256) == 64
    assert [e.action for e in certificate.events.all()] == ["issued", "rendered"]
    assert [m.to for m in mail.outbox] == [["sari@contoh.id"]]
    enrolment.user.refresh_from_db()
    assert enrolment.user.full_name_locked_at is not None
