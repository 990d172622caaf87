"""A participant reads a lesson with no connection and marks it done; it counts once they reconnect.

The service worker (lms/offline.py, templates/sw.js) keeps the lessons a signed-in reader
opens; static/js/sinau.js keeps a "Tandai selesai" pressed offline and sends it, with a
fresh CSRF token, when the browser is online again.
"""

import pytest
from playwright.sync_api import expect

from courses.enrolment import enrol
from courses.models import LessonPage, LessonProgress
from lms.offline import reader_key
from tests.browser.test_accounts_and_lessons import log_in_directly
from tests.factories import build_cohort, build_course

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("browser"),
]

LESSON_TEXT = "Tiga detik pertama menentukan apakah penonton bertahan."


@pytest.fixture
def lesson_to_read(participant):
    course = build_course(title="Konten Kreatif", modules=1, lessons=0)
    module = course.get_modules().first()
    lesson = module.add_child(instance=LessonPage(title="Hook Video", body=[("text", f"<p>{LESSON_TEXT}</p>")]))
    module.add_child(instance=LessonPage(title="Cahaya Alami", body=[("text", "<p>Rekam dekat jendela.</p>")]))
    enrolment = enrol(participant, build_cohort(course))
    return lesson, enrolment


def open_under_the_worker(page, url):
    """Open `url`, wait for the service worker, and reload so the worker serves (and keeps) the page."""
    page.goto(url)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")


def test_a_lesson_opened_online_is_read_and_marked_done_offline_and_counts_after_reconnecting(
    new_page, live_server, participant, lesson_to_read
):
    lesson, enrolment = lesson_to_read
    page = new_page()
    log_in_directly(page, live_server, participant)
    open_under_the_worker(page, lesson.url)
    page.wait_for_function("caches.keys().then(names => names.some(n => n.startsWith('sinau-pages-')))")

    page.context.set_offline(True)
    page.goto(LessonPage.objects.get(title="Cahaya Alami").url)  # never opened: not on this phone
    expect(page.get_by_role("heading", level=1)).to_have_text("Tidak ada koneksi internet")
    page.goto(lesson.url)
    expect(page.get_by_text(LESSON_TEXT)).to_be_visible()
    page.get_by_role("button", name="Tandai selesai").click()
    expect(page.locator("#lesson-completion")).to_contain_text("materi ini akan ditandai selesai")
    assert not LessonProgress.objects.filter(enrolment=enrolment, completed_at__isnull=False).exists()

    page.context.set_offline(False)
    expect(page.locator("#lesson-completion")).to_contain_text("Anda telah menyelesaikan materi ini.")
    progress = LessonProgress.objects.get(enrolment=enrolment, lesson=lesson)
    assert progress.completed_at is not None
    page.reload()
    expect(page.locator("#lesson-completion")).to_contain_text("Anda telah menyelesaikan materi ini.")
    assert page.evaluate("localStorage.getItem('sinau-outbox')") == "[]"


def test_signing_out_forgets_the_kept_pages_so_the_next_person_cannot_read_them_offline(
    new_page, live_server, participant, lesson_to_read
):
    lesson, _ = lesson_to_read
    page = new_page()
    log_in_directly(page, live_server, participant)
    open_under_the_worker(page, lesson.url)
    page.wait_for_function("caches.keys().then(names => names.some(n => n.startsWith('sinau-pages-')))")

    page.locator(".site-nav").get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/")
    assert page.evaluate("caches.keys()") == []
    page.context.set_offline(True)
    with pytest.raises(Exception, match="ERR_INTERNET_DISCONNECTED"):
        page.goto(lesson.url)


def test_pages_kept_for_one_person_are_gone_once_the_phone_shows_another_persons_page(
    new_page, live_server, participant, other_participant, lesson_to_read
):
    lesson, _ = lesson_to_read
    page = new_page()
    log_in_directly(page, live_server, participant)
    open_under_the_worker(page, lesson.url)
    page.wait_for_function("caches.keys().then(names => names.some(n => n.startsWith('sinau-pages-')))")

    page.context.clear_cookies()  # the session ends without "Keluar" (expired, or cookies cleared)
    log_in_directly(page, live_server, other_participant)
    page.goto("/")
    page.wait_for_function(f"caches.has('sinau-pages-{reader_key(other_participant)}')")
    assert f"sinau-pages-{reader_key(participant)}" not in page.evaluate("caches.keys()")
    page.context.set_offline(True)
    page.goto(lesson.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Tidak ada koneksi internet")
    expect(page.get_by_text(LESSON_TEXT)).to_have_count(0)
