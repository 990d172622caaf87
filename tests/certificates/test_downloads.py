"""Certificate PDFs in private storage: on S3 (moto's server over HTTP on loopback) and on disk.

Only the holder and staff get a PDF; on S3 the bucket is private and the download view
redirects to a short-lived presigned URL. With the S3 endpoint down, rendering fails,
is recorded and is picked up again once the endpoint is back.
"""

import hashlib
import socket
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse
from moto.server import ThreadedMotoServer

from certificates.issuance import issue, revoke
from certificates.models import Certificate
from tests.certificates.conftest import certificate_settings_for, complete_course
from tests.s3 import BUCKET, S3Endpoint, fetch, fixture_moto_s3, fixture_s3_storages, storages_for  # noqa: F401


def download(client, certificate):
    return client.get(reverse("certificates:download", args=[certificate.code]))


@pytest.fixture
def certificate(course, enrolment, django_capture_on_commit_callbacks):
    certificate_settings_for(course, issue_automatically=False)
    complete_course(enrolment)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue(enrolment)
    certificate.refresh_from_db()
    return certificate


# --- On S3 ------------------------------------------------------------------------------


def test_on_s3_the_pdf_is_private_and_the_holder_gets_a_presigned_link(
    client, s3_storages, course, enrolment, django_capture_on_commit_callbacks
):
    certificate_settings_for(course, issue_automatically=False)
    complete_course(enrolment)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue(enrolment)
    certificate.refresh_from_db()
    assert certificate.status == "issued", certificate.last_error
    key = f"private/{certificate.pdf.name}"
    assert key in s3_storages.keys("private/") and not s3_storages.keys("media/certificates")
    status, _body, _headers = fetch(f"{s3_storages.url}/{BUCKET}/{key}")
    assert status == 403  # the bucket is private

    client.force_login(enrolment.user)
    response = download(client, certificate)
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    assert "X-Amz-Signature" in query and query["X-Amz-Expires"] == ["300"]
    status, body, _headers = fetch(response["Location"])
    assert status == 200 and hashlib.sha256(body).hexdigest() == certificate.sha256


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_with_the_s3_endpoint_stopped_and_restarted_no_certificate_is_lost(
    settings, course, enrolment, no_outbound_network, django_capture_on_commit_callbacks
):
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = S3Endpoint(url=f"http://127.0.0.1:{port}", bucket="sinau-outage")
    endpoint.client().create_bucket(Bucket=endpoint.bucket)
    settings.STORAGES = storages_for(endpoint)
    certificate_settings_for(course, issue_automatically=False)
    complete_course(enrolment)
    server.stop()  # storage goes down
    try:
        with django_capture_on_commit_callbacks(execute=True):
            certificate = issue(enrolment)
        certificate.refresh_from_db()
        assert certificate.status == "failed" and certificate.render_attempts == 1
        assert certificate.last_error and certificate.next_attempt_at is not None
        assert certificate.serial and certificate.code and not certificate.pdf

        server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
        server.start()  # storage is back (moto keeps its buckets in the process)
        with django_capture_on_commit_callbacks(execute=True):
            call_command("retry_certificates", "--all")
        certificate.refresh_from_db()
        assert certificate.status == "issued", certificate.last_error
        assert f"private/{certificate.pdf.name}" in endpoint.keys("private/")
        body = endpoint.client().get_object(Bucket=endpoint.bucket, Key=f"private/{certificate.pdf.name}")["Body"]
        assert hashlib.sha256(body.read()).hexdigest() == certificate.sha256
        assert [e.action for e in certificate.events.all()] == ["issued", "failed", "rendered"]
    finally:
        server.stop()


# --- Who may download ----------------------------------------------------------------------


def test_another_participant_cannot_fetch_my_certificate(client, certificate, other_participant):
    client.force_login(other_participant)
    response = download(client, certificate)
    assert response.status_code == 404 and b"%PDF" not in response.content


def test_anonymous_visitors_are_sent_to_log_in(client, certificate):
    response = download(client, certificate)
    assert response.status_code == 302 and "/akun/login/" in response["Location"]


def test_a_trainer_of_the_wave_cannot_download_it(client, certificate, trainer):
    certificate.enrolment.cohort.trainers.add(trainer)
    client.force_login(trainer)
    assert download(client, certificate).status_code == 404


def test_staff_can_download_any_certificate(client, certificate, staff):
    client.force_login(staff)
    response = download(client, certificate)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")


def test_the_holder_cannot_download_a_revoked_certificate(client, certificate, staff):
    revoke(certificate, by=staff, reason="Salah terbit")
    client.force_login(certificate.enrolment.user)
    assert download(client, certificate).status_code == 404


def test_an_unknown_code_downloads_nothing(client, certificate):
    client.force_login(certificate.enrolment.user)
    assert client.get(reverse("certificates:download", args=["ABCDEFGHJKMN"])).status_code == 404
    assert Certificate.objects.count() == 1
