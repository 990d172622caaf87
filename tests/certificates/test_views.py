"""The participant's "Sertifikat saya" and the public verification pages."""

import pytest
from django.test import override_settings
from django.urls import reverse

from certificates.issuance import reissue, revoke
from certificates.models import Certificate
from courses.enrolment import enrol
from tests.certificates.conftest import complete_course


@pytest.fixture
def certificate(course_settings, completed_enrolment):
    return Certificate.objects.get(enrolment=completed_enrolment)


def test_my_certificates_lists_only_my_own_with_download_and_share_links(
    client, certificate, other_participant, cohort, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complete_course(enrol(other_participant, cohort))
    theirs = Certificate.objects.get(enrolment__user=other_participant)
    client.force_login(certificate.enrolment.user)
    html = client.get(reverse("certificates:mine")).content.decode()
    assert "Sertifikat saya" in html
    assert certificate.serial in html and theirs.serial not in html
    assert reverse("certificates:download", args=[certificate.code]) in html
    assert reverse("certificates:verify", args=[certificate.code]) in html
    assert reverse("certificates:download", args=[theirs.code]) not in html


def test_my_certificates_needs_a_login(client):
    response = client.get(reverse("certificates:mine"))
    assert response.status_code == 302 and "/akun/login/" in response["Location"]


def test_the_holder_downloads_their_pdf(client, certificate):
    client.force_login(certificate.enrolment.user)
    response = client.get(reverse("certificates:download", args=[certificate.code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "sertifikat-00001-diskominfo" in response["Content-Disposition"]


def test_the_verification_page_shows_the_certificate_and_nothing_else_personal(client, certificate):
    user = certificate.enrolment.user
    user.whatsapp = "+6281234567890"
    user.save()
    response = client.get(reverse("certificates:verify", args=[certificate.code]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sertifikat sah" in html
    for shown in (
        certificate.holder_name,
        certificate.course_title.replace("&", "&amp;"),
        certificate.cohort_name,
        certificate.serial,
        certificate.issuer,
    ):
        assert shown in html
    for private in (user.email, "6281234567890", "sari@"):
        assert private not in html


def test_the_verification_json_has_the_same_public_data(client, certificate):
    data = client.get(reverse("certificates:verify_json", args=[certificate.code])).json()
    assert data["status"] == "issued" and data["serial"] == certificate.serial
    assert data["holder_name"] == "Sari Wulandari" and data["sha256"] == certificate.sha256
    assert set(data) == {
        "code",
        "serial",
        "status",
        "status_label",
        "holder_name",
        "course",
        "wave",
        "kind",
        "issued_on",
        "issuer",
        "sha256",
        "revoked_on",
        "revocation_reason",
        "replaced_by",
    }


def test_a_revoked_certificate_shows_so_with_date_and_reason(client, certificate, staff):
    revoke(certificate, by=staff, reason="Data kehadiran tidak benar")
    html = client.get(reverse("certificates:verify", args=[certificate.code])).content.decode()
    assert "Sertifikat ini telah dicabut" in html and "Data kehadiran tidak benar" in html
    assert "Sertifikat sah" not in html
    data = client.get(reverse("certificates:verify_json", args=[certificate.code])).json()
    assert data["status"] == "revoked" and data["revocation_reason"] == "Data kehadiran tidak benar"


def test_a_replaced_certificate_links_to_its_replacement(
    client, certificate, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        new = reissue(certificate, by=staff)
    html = client.get(reverse("certificates:verify", args=[certificate.code])).content.decode()
    assert "telah diganti" in html and reverse("certificates:verify", args=[new.code]) in html
    assert "Sertifikat sah" in client.get(reverse("certificates:verify", args=[new.code])).content.decode()
    assert (
        client.get(reverse("certificates:verify_json", args=[certificate.code]))
        .json()["replaced_by"]
        .endswith(reverse("certificates:verify", args=[new.code]))
    )


@pytest.mark.django_db
def test_an_unknown_code_is_clearly_not_found(client):
    response = client.get(reverse("certificates:verify", args=["ABCDEFGHJKMN"]))
    assert response.status_code == 404 and "Sertifikat tidak ditemukan" in response.content.decode()
    assert client.get(reverse("certificates:verify_json", args=["ABCDEFGHJKMN"])).status_code == 404
    assert client.get(reverse("certificates:verify", args=["<script>"])).status_code == 404


def test_the_form_takes_a_code_as_people_type_it(client, certificate):
    typed = certificate.display_code.lower().replace("-", " ")
    response = client.get(reverse("certificates:verify_form"), {"kode": typed})
    assert response.status_code == 302 and response["Location"] == reverse(
        "certificates:verify", args=[certificate.code]
    )


@pytest.mark.django_db
def test_the_form_explains_a_malformed_code(client):
    response = client.get(reverse("certificates:verify_form"), {"kode": "12O"})
    assert response.status_code == 400
    assert "Kode verifikasi terdiri atas 12 huruf dan angka" in response.content.decode()


@pytest.mark.django_db
@override_settings(CERTIFICATE_LOOKUPS_PER_MINUTE=5)
def test_lookups_are_rate_limited_per_client(client):
    responses = [client.get(reverse("certificates:verify", args=["ABCDEFGHJKMN"])) for _ in range(7)]
    assert [response.status_code for response in responses] == [404] * 5 + [429] * 2
    assert "Retry-After" not in responses[4]
    wait = int(responses[5]["Retry-After"])
    assert 55 <= wait <= 65  # the first lookup leaves the count then
    assert f"Silakan tunggu {wait} detik" in responses[5].content.decode()
    refused = client.get(reverse("certificates:verify_json", args=["ABCDEFGHJKMN"]))
    assert refused.status_code == 429 and 55 <= int(refused["Retry-After"]) <= 65
    assert refused.json()["error"] == f"Terlalu banyak pencarian; coba lagi dalam {refused['Retry-After']} detik."
    other = client.get(
        reverse("certificates:verify", args=["ABCDEFGHJKMN"]), REMOTE_ADDR="192.0.2.7"
    )  # another address is not held up
    assert other.status_code == 404
