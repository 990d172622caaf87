"""Public media and private files, on local disk (the default) and on S3 over HTTP (moto on loopback)."""

import socket
import threading
import time
from io import BytesIO
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import PIL.Image
import pytest
from botocore.exceptions import ReadTimeoutError
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage, storages
from django.http import FileResponse, Http404
from storages.backends.s3 import S3Storage
from wagtail.images import get_image_model

from lms.storage import private_storage, serve_private_file
from tests.s3 import BUCKET, S3Endpoint, fetch, fixture_moto_s3, fixture_s3_storages, storages_for  # noqa: F401  (fixtures)

CERTIFICATE_BYTES = b"%PDF-1.7\n% sertifikat Sari Wulandari\n%%EOF\n"


def upload_image(title: str = "Poster kota") -> tuple:
    """A Wagtail image saved through the model, as the admin's upload does, and the PNG bytes sent."""
    buffer = BytesIO()
    PIL.Image.new("RGB", (320, 200), "#c0392b").save(buffer, "PNG")
    image = get_image_model().objects.create(title=title, file=ImageFile(buffer, name="poster.png"))
    return image, buffer.getvalue()


def save_certificate(name: str = "certificates/sertifikat.pdf") -> str:
    return private_storage().save(name, ContentFile(CERTIFICATE_BYTES))


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def streamed(response: FileResponse) -> bytes:
    """The body of a streamed response, with its file closed (response.close() would end a "request")."""
    with response.file_to_stream:
        return b"".join(response.streaming_content)


def presigned_lifetime(url: str) -> float:
    """Seconds the presigned `url` stays valid, whichever signature version made it."""
    params = query(url)
    if "X-Amz-Expires" in params:  # SigV4: a lifetime
        return int(params["X-Amz-Expires"][0])
    return int(params["Expires"][0]) - time.time()  # SigV2: an epoch time


# --- Local disk (no bucket configured) -----------------------------------------------------------


def test_it_writes_an_uploaded_image_under_media_root(db, settings):
    image, _png = upload_image()

    path = Path(image.file.path)
    assert path.is_relative_to(settings.MEDIA_ROOT)
    assert not path.is_relative_to(settings.PRIVATE_ROOT)
    assert path.is_file()


def test_it_writes_private_files_under_private_root_and_not_under_media_root(settings):
    name = save_certificate()

    path = Path(private_storage().path(name))
    assert path.is_relative_to(settings.PRIVATE_ROOT)
    assert not path.is_relative_to(settings.MEDIA_ROOT)
    assert path.read_bytes() == CERTIFICATE_BYTES
    assert not (settings.MEDIA_ROOT / name).exists()


def test_it_does_not_serve_private_files_under_media_url(db, client, settings):
    name = save_certificate()

    response = client.get(settings.MEDIA_URL + name)

    assert response.status_code == 404


def test_it_makes_no_url_for_a_private_file_on_disk():
    name = save_certificate()

    with pytest.raises(ValueError, match="not accessible via a URL"):
        private_storage().url(name)


def test_it_streams_a_private_file_from_disk_to_show_in_the_browser():
    name = save_certificate()

    response = serve_private_file(name)

    assert isinstance(response, FileResponse)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert "private" in response["Cache-Control"]
    assert streamed(response) == CERTIFICATE_BYTES


def test_it_offers_a_private_file_as_a_download_under_the_name_given():
    name = save_certificate()

    response = serve_private_file(name, download_name="Sertifikat Sari Wulandari.pdf")

    assert response["Content-Disposition"] == 'attachment; filename="Sertifikat Sari Wulandari.pdf"'
    assert streamed(response) == CERTIFICATE_BYTES


def test_it_sends_an_uploaded_html_file_as_a_download_never_as_a_page():
    name = private_storage().save("submissions/1/tugas.html", ContentFile(b"<script>alert(1)</script>"))

    response = serve_private_file(name)

    assert response["Content-Disposition"].startswith("attachment")
    streamed(response)


def test_it_answers_404_for_a_missing_private_file_on_disk():
    with pytest.raises(Http404):
        serve_private_file("certificates/tidak-ada.pdf")


# --- S3 over HTTP ----------------------------------------------------------------------------------


@pytest.mark.s3
def test_it_switches_both_storages_to_the_bucket_with_the_settings_options(s3_storages):
    media, private = default_storage, storages["private"]

    assert isinstance(media, S3Storage)  # default_storage is lazy and was reset on setting_changed
    assert (media.bucket_name, media.location, media.querystring_auth) == (BUCKET, "media", False)
    assert isinstance(private, S3Storage)
    assert (private.bucket_name, private.location, private.querystring_auth) == (BUCKET, "private", True)
    assert (private.querystring_expire, private.default_acl, private.file_overwrite) == (300, None, False)
    assert private_storage() is private


@pytest.mark.s3
def test_it_serves_an_uploaded_wagtail_image_from_the_bucket_over_http(db, s3_storages):
    image, png = upload_image()

    assert image.file.url.startswith(f"{s3_storages.url}/{BUCKET}/media/original_images/")
    assert "?" not in image.file.url  # public media: plain, cacheable URLs
    status, body, _headers = fetch(image.file.url)
    assert (status, body) == (200, png)
    assert f"media/{image.file.name}" in s3_storages.keys("media/")


@pytest.mark.s3
def test_it_stores_and_serves_image_renditions_from_the_bucket(db, s3_storages):
    image, _png = upload_image()

    rendition = image.get_rendition("width-100")

    assert rendition.url.startswith(f"{s3_storages.url}/{BUCKET}/media/images/")
    status, body, _headers = fetch(rendition.url)
    assert status == 200
    assert PIL.Image.open(BytesIO(body)).size == (100, 62)
    assert f"media/{rendition.file.name}" in s3_storages.keys("media/images/")


@pytest.mark.s3
def test_it_lets_a_private_file_be_read_only_through_a_short_lived_presigned_url(s3_storages):
    name = save_certificate()

    url = private_storage().url(name)

    assert {"X-Amz-Signature", "Signature"} & query(url).keys()
    assert 0 < presigned_lifetime(url) <= 300
    assert fetch(url)[:2] == (200, CERTIFICATE_BYTES)
    # moto does not check signatures, but it does enforce access: without one the GET is
    # anonymous, and the bucket policy grants anonymous reads on media/ only.
    assert fetch(url.split("?")[0])[0] == 403
    assert f"private/{name}" in s3_storages.keys("private/")


@pytest.mark.s3
def test_it_presigns_private_urls_with_signature_version_4(s3_storages):
    name = save_certificate()

    url = private_storage().url(name)

    assert "X-Amz-Signature" in query(url)
    assert query(url)["X-Amz-Expires"] == ["300"]


@pytest.mark.s3
def test_it_redirects_to_a_presigned_url_for_a_private_file_on_s3(s3_storages):
    name = save_certificate()

    response = serve_private_file(name)

    assert response.status_code == 302
    assert response["Location"].startswith(f"{s3_storages.url}/{BUCKET}/private/certificates/")
    assert "no-store" in response["Cache-Control"]
    assert fetch(response["Location"])[:2] == (200, CERTIFICATE_BYTES)


@pytest.mark.s3
def test_it_asks_s3_to_offer_the_private_file_under_the_download_name(s3_storages):
    name = save_certificate()

    response = serve_private_file(name, download_name="Sertifikat Sari Wulandari.pdf")

    status, body, headers = fetch(response["Location"])
    assert (status, body) == (200, CERTIFICATE_BYTES)
    assert headers["Content-Disposition"] == 'attachment; filename="Sertifikat Sari Wulandari.pdf"'


@pytest.mark.s3
def test_it_answers_404_for_a_missing_private_file_on_s3(s3_storages):
    with pytest.raises(Http404):
        serve_private_file("certificates/tidak-ada.pdf")


@pytest.fixture
def silent_bucket():
    """An S3 endpoint on loopback that accepts connections and never answers."""
    listener = socket.create_server(("127.0.0.1", 0))
    held = []

    def accept():
        while True:
            try:
                held.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield S3Endpoint(url=f"http://127.0.0.1:{listener.getsockname()[1]}", bucket=BUCKET)
    listener.close()
    for connection in held:
        connection.close()


@pytest.mark.s3
def test_a_bucket_that_stops_answering_fails_the_call_within_the_configured_time(silent_bucket):
    """botocore's defaults (60 s to answer, 5 tries) held a request for minutes; the settings
    bound it (AWS_S3_READ_TIMEOUT, AWS_S3_MAX_ATTEMPTS), and the failure is a BotoCoreError,
    which lms.storage turns into the 503 page."""
    options = storages_for(silent_bucket, AWS_S3_READ_TIMEOUT="1", AWS_S3_MAX_ATTEMPTS="2")["private"]["OPTIONS"]
    config = options["client_config"]
    assert (config.connect_timeout, config.read_timeout, config.retries) == (
        3,
        1,
        {"mode": "standard", "max_attempts": 2},
    )
    assert config.signature_version == "s3v4"
    storage = S3Storage(**options)
    started = time.monotonic()
    with pytest.raises(ReadTimeoutError):
        storage.exists("certificates/none.pdf")
    assert time.monotonic() - started < 10  # two tries of one second, with the backoff between


def test_the_shipped_s3_timeouts_are_seconds_not_minutes():
    config = storages_for(S3Endpoint(url="http://127.0.0.1:9", bucket=BUCKET))["default"]["OPTIONS"]["client_config"]
    assert (config.connect_timeout, config.read_timeout, config.retries["max_attempts"]) == (3, 20, 3)
