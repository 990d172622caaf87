"""Public media on one machine: with DEBUG off and no bucket, /media/ serves Wagtail's images
with caching headers and a fixed type, and nothing else (issue 15, point 2)."""

from io import BytesIO

import PIL.Image
import pytest
from django.conf import settings
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db


def streamed(response) -> bytes:
    return b"".join(response.streaming_content)  # the test client closes the file at the end


@pytest.fixture
def image():
    buffer = BytesIO()
    PIL.Image.new("RGB", (320, 200), "#0b5f55").save(buffer, "PNG")
    return get_image_model().objects.create(title="Sampul", file=ImageFile(buffer, name="sampul.png"))


@pytest.fixture
def media_file():
    """Write `relative` under MEDIA_ROOT with `content`; return its /media/ URL."""

    def write(relative: str, content: bytes = b"x") -> str:
        path = settings.MEDIA_ROOT / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        return settings.MEDIA_URL + relative

    return write


def test_debug_is_off_and_no_bucket_is_configured():
    assert not settings.DEBUG and not settings.AWS_STORAGE_BUCKET_NAME


def test_an_original_image_is_served_with_its_type_and_a_days_caching(client, image):
    response = client.get(image.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "public" in response["Cache-Control"] and "max-age=86400" in response["Cache-Control"]
    assert "Last-Modified" in response
    with image.file.open("rb") as original:
        assert streamed(response) == original.read()


def test_a_rendition_is_served_and_not_gzipped(client, image):
    rendition = image.get_rendition("fill-80x40|format-webp")
    response = client.get(rendition.url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert "Content-Encoding" not in response  # a WebP does not shrink; HTML does
    assert streamed(response)[8:12] == b"WEBP"


def test_an_unchanged_image_answers_304(client, image):
    first = client.get(image.file.url)
    streamed(first)
    again = client.get(image.file.url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304


def test_a_head_request_is_answered_and_a_post_refused(client, image):
    assert client.head(image.file.url).status_code == 200
    assert client.post(image.file.url).status_code == 405


def test_a_page_or_a_script_uploaded_under_images_is_not_served(client, media_file):
    for name in ("images/page.html", "images/logo.svg", "images/run.js", "images/noext", "images/x.png.html"):
        assert client.get(media_file(name, b"<script>alert(1)</script>")).status_code == 404, name


def test_documents_are_left_to_wagtails_view_which_checks_their_privacy(client, media_file):
    Collection.get_first_root_node()  # documents may sit in a private collection
    assert client.get(media_file("documents/lembar-kerja.png")).status_code == 404


def test_a_directory_is_not_listed(client, media_file):
    media_file("images/a.png")
    for url in ("/media/images/", "/media/images", "/media/", "/media/original_images/"):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize(
    "path",
    [
        "images/../../lms/settings.py",
        "images/../secret.png",
        "images/%2e%2e/secret.png",
        "images/%2E%2E/%2E%2E/secret.png",
        "images/..%2fsecret.png",
        "images/..%5csecret.png",
        "images/%252e%252e/secret.png",
        "images//secret.png",
        "images/./secret.png",
        "images/.secret.png",
        "images/secret.png%00.png",
        "/etc/passwd.png",
        "images/%2Fetc%2Fpasswd.png",
    ],
)
def test_a_path_that_tries_to_leave_its_folder_is_a_404(client, media_file, path):
    media_file("secret.png", b"outside the image folders")
    (settings.MEDIA_ROOT.parent / "secret.png").write_bytes(b"outside MEDIA_ROOT")
    response = client.get("/media/" + path)
    assert response.status_code == 404
    assert b"outside" not in response.content


def test_a_missing_image_is_a_404_page(client):
    response = client.get("/media/images/tidak-ada.png")
    assert response.status_code == 404
    assert "text/html" in response["Content-Type"]
