"""Pages light on a cheap phone (issue 15, point 1): compressed HTML, no web font, a meta
description from the page's own fields, covers in sizes that fit the box, and the back/forward
cache allowed on the public verification pages."""

import gzip
import itertools
import re
from io import BytesIO

import PIL.Image
import pytest
from django.core.files.images import ImageFile
from django.urls import reverse
from wagtail.images import get_image_model

from courses.models import CoursePage
from tests.factories import build_course, home_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def cover():
    buffer = BytesIO()
    PIL.Image.new("RGB", (1200, 600), "#0b5f55").save(buffer, "PNG")
    return get_image_model().objects.create(title="Sampul", file=ImageFile(buffer, name="sampul.png"))


def description(html: str) -> str:
    return re.search(r'<meta name="description" content="([^"]*)">', html).group(1)


def test_html_is_gzipped_with_a_random_length_padding_against_breach(client):
    course = build_course(title="Konten Kreatif", intro="<p>" + "Belajar membuat video pendek. " * 50 + "</p>")
    sizes = set()
    for _ in range(8):
        response = client.get(course.url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert "Konten Kreatif" in gzip.decompress(response.content).decode()
        sizes.add(len(response.content))
    assert len(sizes) > 1  # the same page compresses to different lengths


def test_a_browser_that_does_not_ask_for_gzip_gets_plain_html(client):
    response = client.get(build_course().url)
    assert "Content-Encoding" not in response
    assert b"<!DOCTYPE html>" in response.content


def test_no_page_loads_a_web_font(client):
    html = client.get(build_course().url).content.decode()
    assert "woff" not in html and "fonts/" not in html
    css = b"".join(client.get("/static/css/sinau.css").streaming_content).decode()
    assert "@font-face" not in css and "system-ui" in css


def test_meta_descriptions_come_from_the_pages_own_fields(client):
    course = build_course(title="Konten Kreatif")
    CoursePage.objects.filter(pk=course.pk).update(summary="Membuat video TikTok untuk UMKM & kota.")
    lesson = course.get_lessons().first().specific
    home = home_page()
    home.intro = "<p>Pelatihan <b>gratis</b> dari Diskominfo.</p>"
    home.save_revision().publish()
    summary = "Membuat video TikTok untuk UMKM &amp; kota."
    assert description(client.get(course.url).content.decode()) == summary
    assert description(client.get(lesson.get_parent().url).content.decode()) == summary
    assert description(client.get("/").content.decode()) == "Pelatihan gratis dari Diskominfo."
    assert description(client.get(reverse("certificates:verify_form")).content.decode()).startswith("Sinau — pelatihan")


def test_a_search_description_set_by_an_editor_wins(client):
    course = build_course(search_description="Deskripsi untuk mesin pencari.")
    assert description(client.get(course.url).content.decode()) == "Deskripsi untuk mesin pencari."


def test_covers_offer_two_widths_for_the_browser_to_choose(client, cover):
    course = build_course(cover_image=cover)
    for url in (course.url, "/"):
        html = client.get(url).content.decode()
        image = re.search(r"<img [^>]*sampul[^>]*>", html).group(0)
        assert re.search(r'srcset="[^"]+ 480w, [^"]+ 960w"|srcset="[^"]+ 320w, [^"]+ 640w"', image), image
        assert 'sizes="' in image


def test_the_course_introductions_headings_sit_under_an_h2(client):
    course = build_course(intro="<p>Program pelatihan.</p><h3>Yang akan Anda pelajari</h3>")
    html = client.get(course.url).content.decode()
    levels = [int(level) for level in re.findall(r"<h([1-6])", html)]
    assert all(later <= earlier + 1 for earlier, later in itertools.pairwise(levels)), levels
    assert "Tentang program" in html


def test_verification_pages_may_be_kept_for_back_and_forward_but_are_asked_again(client):
    for url in (reverse("certificates:verify_form"), reverse("certificates:verify", args=["ABCDEFGHJKMN"])):
        cache_control = client.get(url)["Cache-Control"]
        assert "no-store" not in cache_control, url
        assert "no-cache" in cache_control and "private" in cache_control, url


def test_the_login_page_stays_out_of_the_back_forward_cache(client):
    # After signing in, Back would show a form whose CSRF token has been rotated: it would fail.
    assert "no-store" in client.get(reverse("account_login"))["Cache-Control"]
