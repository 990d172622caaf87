"""A certificate says one thing: its kind decides its title line and wording, the course page
promises that kind, and the issuer's name, place and logo come from the course's organiser."""

import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from wagtail.images.models import Image

from certificates.issuance import issue
from certificates.models import CertificateTemplate
from courses.enrolment import enrol
from tests.certificates.conftest import certificate_settings_for, complete_course
from tests.certificates.test_pdf import pdf_of, text_of
from tests.factories import build_course, organiser

SNIPPET = "wagtailsnippets_certificates_certificatetemplate"


def certificate_of_kind(kind, participant, capture, **course_fields):
    course = build_course(**course_fields)
    certificate_settings_for(course, kind=kind, issue_automatically=False)
    from tests.factories import build_cohort

    enrolment = complete_course(enrol(participant, build_cohort(course, ended=True)))
    with capture(execute=True):
        certificate = issue(enrolment)
    certificate.refresh_from_db()
    return course, certificate


@pytest.mark.parametrize(
    ("kind", "says", "never"),
    [
        ("participation", ["KEIKUTSERTAAN PELATIHAN", "telah mengikuti", "menyatakan keikutsertaan"], "lulus"),
        (
            "completion",
            ["KELULUSAN PELATIHAN", "telah menyelesaikan dengan baik", "menyatakan kelulusan"],
            "partisipasi",
        ),
    ],
)
def test_the_kind_decides_the_title_line_and_the_wording_together(
    kind, says, never, participant, client, django_capture_on_commit_callbacks
):
    course, certificate = certificate_of_kind(kind, participant, django_capture_on_commit_callbacks)
    text = " ".join(text_of(pdf_of(certificate)).split())
    assert all(phrase.lower() in text.lower() for phrase in says), text
    assert never not in text.lower()
    page = client.get(course.url).content.decode()
    assert f'data-certificate-kind="{kind}"' in page
    assert ("E-sertifikat kelulusan" if kind == "completion" else "E-sertifikat keikutsertaan") in page


def test_issuer_place_and_logo_come_from_the_courses_organiser(participant, django_capture_on_commit_callbacks):
    malang = organiser("Dinas Komunikasi dan Informatika Kota Malang", "Malang")
    malang.logo = Image.objects.create(title="Logo Kota Malang", file=png_upload(), width=8, height=8)
    malang.save()
    _course, certificate = certificate_of_kind(
        "completion", participant, django_capture_on_commit_callbacks, title="Konten Kota Malang", organiser=malang
    )
    assert (certificate.issuer, certificate.place) == ("Dinas Komunikasi dan Informatika Kota Malang", "Malang")
    text = text_of(pdf_of(certificate))
    assert "DINAS KOMUNIKASI DAN INFORMATIKA KOTA MALANG" in text and "Malang, " in text
    assert "Surakarta" not in text
    assert b"/Subtype /Image" in pdf_of(certificate) or b"/Subtype/Image" in pdf_of(certificate)


def png_upload():
    import io

    from django.core.files.base import ContentFile
    from PIL import Image as PillowImage

    buffer = io.BytesIO()
    PillowImage.new("RGB", (8, 8), "#1d4e89").save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="logo-malang.png")


def test_a_wording_that_states_a_kind_is_refused_with_the_reason(client, staff):
    from tests.certificates.test_admin import template_form_data

    client.force_login(staff)
    data = template_form_data(wording="atas partisipasinya dalam pelatihan {pelatihan}.")
    response = client.post(reverse(f"{SNIPPET}:add"), data)
    assert response.status_code == 200
    assert "“partisipasinya”" in " ".join(response.context["form"].errors["wording"])
    assert not CertificateTemplate.objects.exists()


def test_the_admin_says_who_issued_an_automatic_certificate(
    client, staff, course_settings, completed_enrolment, participant
):
    certificate = completed_enrolment.certificates.get()
    client.force_login(staff)
    page = client.get(reverse("certificates_certificate:inspect", args=[certificate.pk])).content.decode()
    issued_by = page[page.index("Diterbitkan oleh") :][:300]
    assert "Otomatis, saat gelombang berakhir" in issued_by and "None" not in issued_by


def test_links_in_certificates_follow_the_site_address(settings, course_settings, completed_enrolment):
    settings.SITE_URL = "http://127.0.0.1:8210"
    certificate = completed_enrolment.certificates.get()
    assert certificate.get_verification_url() == f"http://127.0.0.1:8210/verifikasi/{certificate.code}/"


def test_make_run_serves_and_links_on_the_same_port():
    """`make run PORT=8210` gives the web server and the worker (which renders QR codes) one SITE_URL."""
    root = Path(__file__).resolve().parents[2]
    commands = subprocess.run(
        ["make", "-n", "--no-print-directory", "run", "PORT=8210"],
        cwd=root,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
        check=True,
    ).stdout
    start = commands.index('export SITE_URL="http://127.0.0.1:8210"')
    assert start < commands.index("manage.py run_worker") < commands.index("manage.py runserver 127.0.0.1:8210")
    assert "manage.py issue_due_certificates" in commands
