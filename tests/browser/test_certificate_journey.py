"""A participant earns a certificate, downloads it and checks it through its QR code; staff revoke it."""

from datetime import date, timedelta

import pypdfium2
import pytest
import zxingcpp
from django.core.management import call_command
from playwright.sync_api import expect

from certificates.models import Certificate
from courses.enrolment import enrol
from courses.progress import complete_lesson
from tests.browser.test_accounts_and_lessons import log_in_directly
from tests.certificates.conftest import certificate_settings_for
from tests.factories import build_cohort, build_course

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("browser"),
]


def qr_codes_in(pdf: bytes) -> list[str]:
    image = pypdfium2.PdfDocument(pdf)[0].render(scale=300 / 72).to_pil()
    return [result.text for result in zxingcpp.read_barcodes(image)]


def test_finish_the_course_download_the_certificate_verify_its_qr_code_and_see_it_revoked(
    new_page, live_server, settings, participant, staff, tmp_path
):
    settings.SITE_URL = live_server.url  # the address printed in the QR code
    course = build_course(title="Konten Kreatif UMKM", modules=1, lessons=2)
    certificate_settings_for(course)
    cohort = build_cohort(course)
    enrolment = enrol(participant, cohort)
    first, last = [lesson.specific for lesson in course.get_lessons()]
    complete_lesson(enrolment, first)

    learner = new_page()
    log_in_directly(learner, live_server, participant)
    learner.goto(last.url)
    learner.get_by_role("button", name="Tandai selesai").click()
    expect(learner.locator("#lesson-completion")).to_contain_text("Anda telah menyelesaikan materi ini.")
    assert not Certificate.objects.exists()  # not before the wave has ended

    # The wave ends; cron runs the automatic issuance.
    cohort.starts_on, cohort.ends_on = date.today() - timedelta(days=10), date.today() - timedelta(days=1)
    cohort.save()
    call_command("issue_due_certificates")
    learner.locator(".site-nav").get_by_role("link", name="Sertifikat saya").click()
    certificate = Certificate.objects.get(enrolment=enrolment)
    card = learner.locator(".certificate")
    expect(card).to_contain_text(certificate.serial)
    expect(card).to_contain_text("Konten Kreatif UMKM")
    with learner.expect_download() as download_info:
        card.get_by_role("link", name="Unduh PDF").click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    pdf = saved.read_bytes()
    assert pdf.startswith(b"%PDF-")

    [verification_url] = qr_codes_in(pdf)
    assert verification_url.startswith(live_server.url + "/verifikasi/")
    learner.goto(verification_url)
    expect(learner.locator(".verification")).to_contain_text("Sertifikat sah")
    expect(learner.locator(".details")).to_contain_text("Sari Wulandari")
    expect(learner.locator(".details")).to_contain_text(certificate.serial)

    admin = new_page(viewport={"width": 1280, "height": 900}, has_touch=False)
    log_in_directly(admin, live_server, staff)
    admin.goto(f"/admin/certificates_certificate/{certificate.pk}/")
    admin.locator("[data-certificate-action=revoke]").first.click()
    admin.locator("#certificate-action-form textarea[name=reason]").fill("Data kehadiran keliru")
    admin.locator("#certificate-action-form button[type=submit]").click()
    expect(admin.locator(".messages")).to_contain_text(certificate.serial)

    learner.goto(verification_url)
    expect(learner.locator(".verification")).to_contain_text("Sertifikat ini telah dicabut")
    expect(learner.locator(".verification")).to_contain_text("Data kehadiran keliru")
    assert Certificate.objects.get(pk=certificate.pk).status == "revoked"
