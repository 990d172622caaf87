"""A participant's path through the real site on a phone: sign up, log in, read a lesson."""

import re
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.test import Client
from playwright.sync_api import expect

from courses.models import LessonPage
from lms.models import User
from tests.factories import PASSWORD, build_course

pytestmark = [
    pytest.mark.browser,
    # The live server needs committed rows; the serialized rollback brings back the
    # Wagtail root page and default Site that the flush after each test removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # One Chromium and one live server for the whole module, on one xdist worker.
    pytest.mark.xdist_group("browser"),
]

VIDEO_URL = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
SIGNUP = {
    "email": "dewi@contoh.id",
    "full_name": "Siti Nur'aini",
    "whatsapp": "0812 3456 7890",
    "segment": "public",
    "district": "Blimbing",
    "password1": "Rahasia-Kuat-2026",
    "password2": "Rahasia-Kuat-2026",
}
CHOICE_FIELDS = {"segment"}
PAGE_WEIGHT_BUDGET = 150 * 1024


@pytest.fixture
def course(db):
    """A short published course: two modules of one lesson each."""
    return build_course(modules=2, lessons=1)


@pytest.fixture
def video_lesson(course):
    """A lesson with a heading, text and a YouTube video, between lessons 1.1 and 2.1."""
    module = course.get_modules().first()
    body = [
        ("heading", "Merekam dengan ponsel"),
        ("text", "<p>Pegang ponsel tegak dan rekam di tempat yang terang.</p>"),
        ("video", {"url": VIDEO_URL, "title": "Contoh", "duration": "3:32"}),
    ]
    return module.add_child(instance=LessonPage(title="Video pertama", body=body, estimated_minutes=12))


@pytest.fixture
def browser_log(new_page, request):
    return request.node.browser_log


def fill_form(page, values: dict) -> None:
    for name, value in values.items():
        field = page.locator(f"main form [name={name}]")
        if name in CHOICE_FIELDS:
            field.select_option(value)
        else:
            field.fill(value)


def submit(page, label: str) -> None:
    page.locator("main form").get_by_role("button", name=label).click()


def log_in(page, user) -> None:
    page.goto("/akun/login/")
    fill_form(page, {"login": user.email, "password": PASSWORD})
    submit(page, "Masuk")
    expect(page.locator(".site-nav").get_by_role("button", name="Keluar")).to_be_visible()


def log_in_directly(page, live_server, user) -> None:
    """Give the browser a session cookie for `user`, for tests about what comes after logging in."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_a_visitor_signs_up_confirms_the_emailed_link_and_ends_up_logged_in(page):
    page.goto("/akun/signup/")
    fill_form(page, SIGNUP)
    page.locator("[name=privacy_consent]").check()
    submit(page, "Daftar")
    expect(page.get_by_role("heading", level=1)).to_have_text("Verifikasi Alamat Email Anda")
    assert [message.to for message in mail.outbox] == [["dewi@contoh.id"]]
    page.goto(re.search(r"https?://\S+/akun/confirm-email/\S+/", mail.outbox[0].body).group(0))
    submit(page, "Konfirmasi")
    expect(page.locator(".site-nav").get_by_role("button", name="Keluar")).to_be_visible()
    user = User.objects.get(email="dewi@contoh.id")
    assert user.whatsapp == "+6281234567890" and user.privacy_consent_at is not None
    assert EmailAddress.objects.get(user=user).verified


def test_an_asn_sign_up_with_a_17_digit_nip_is_refused_beside_the_nip_field_and_creates_no_user(page):
    page.goto("/akun/signup/")
    fill_form(page, {**SIGNUP, "segment": "asn", "nip": "19800101200501100", "opd": "Diskominfo"})
    page.locator("[name=privacy_consent]").check()
    submit(page, "Daftar")
    nip = page.locator("#id_nip")
    expect(nip).to_have_attribute("aria-invalid", "true")
    expect(nip.locator("xpath=..").locator(".errorlist")).to_have_text("NIP harus tepat 18 digit.")
    expect(nip).to_have_value("19800101200501100")
    assert not User.objects.exists() and not mail.outbox


def test_a_participant_logs_in_reads_a_lesson_and_taps_the_poster_to_load_the_player(
    page, browser_log, participant, enrolment, course, video_lesson
):
    log_in(page, participant)
    page.goto(video_lesson.url)
    expect(page.locator(".breadcrumb li")).to_have_text(["Program Pelatihan", course.title, "Modul 1", "Video pertama"])
    next_link = page.locator(".pager a[rel=next]")
    expect(next_link).to_contain_text("Pelajaran 2.1")
    expect(next_link).to_have_attribute("href", course.get_lessons().last().url)
    assert browser_log.blocked == []  # the poster itself costs nothing from the provider
    page.locator(".video__poster").tap()
    player = page.locator("figure.video iframe")
    expect(player).to_have_attribute("src", re.compile(r"^https://www\.youtube-nocookie\.com/embed/dQw4w9WgXcQ"))
    expect(page.locator(".video__poster")).to_have_count(0)


def test_the_footer_language_switcher_turns_the_page_to_english_and_back(page, course):
    def switch_to(language):
        page.locator("#language-select").select_option(language)
        page.locator("form.language-switcher button[type=submit]").click()
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("#language-select option[selected]")).to_have_attribute("value", language)
        cookies = {cookie["name"]: cookie["value"] for cookie in page.context.cookies()}
        assert cookies.get("django_language") == language

    page.goto(course.url)
    expect(page.locator("html")).to_have_attribute("lang", "id")
    switch_to("en")
    expect(page.locator(".site-nav").get_by_role("link", name="Programmes")).to_be_visible()
    assert urlsplit(page.url).path == course.url  # the switcher keeps the reader on the page
    switch_to("id")
    assert urlsplit(page.url).path == course.url


def test_without_javascript_a_participant_logs_in_and_the_poster_is_a_plain_link(
    new_page, browser_log, participant, enrolment, video_lesson
):
    page = new_page(java_script_enabled=False)
    log_in(page, participant)
    page.goto(video_lesson.url)
    poster = page.locator("a.video__poster")
    expect(poster).to_have_attribute("href", VIDEO_URL)
    with page.context.expect_page() as new_tab:
        poster.click()
    new_tab.value.wait_for_load_state()
    assert VIDEO_URL in browser_log.blocked  # the tap went to the provider (blocked here), not to a player
    expect(page.locator("iframe")).to_have_count(0)


def test_a_lesson_with_text_a_heading_and_a_video_poster_weighs_under_150_kb(
    page, browser_log, live_server, participant, enrolment, video_lesson
):
    log_in_directly(page, live_server, participant)
    responses = []
    page.on("response", lambda response: responses.append(response))
    assert page.goto(video_lesson.url).status == 200
    expect(page.locator(".video__poster")).to_be_visible()
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_load_state("networkidle")
    origin = urlsplit(live_server.url).netloc
    sizes = {r.url: len(r.body()) for r in responses if urlsplit(r.url).netloc == origin and r.status == 200}
    total = sum(sizes.values())
    print(f"\nLesson page weight: {total / 1024:.1f} KB in {len(sizes)} responses")
    for url, size in sorted(sizes.items(), key=lambda item: -item[1]):
        print(f"  {size / 1024:7.1f} KB  {urlsplit(url).path}")
    assert total < PAGE_WEIGHT_BUDGET
    assert browser_log.blocked == []
