"""A trainer writes a lesson with a quiz in the Wagtail admin, makes a mistake, and loses nothing.

Wagtail 8 autosaves the editor in the background: a new lesson becomes a draft once it
has a title, and a form re-shown with errors is autosaved at once. The trainer, Dimas,
works from the module's page list, as trainers do.
"""

import re
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from courses.models import LessonPage
from tests.browser.test_accounts_and_lessons import log_in_directly
from tests.factories import build_cohort, build_course

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("browser"),
]

TITLE = "Etika Meliput Warga"
STATEMENT = "Memakai lagu orang lain tanpa izin selalu boleh asalkan videonya bagus."
SHORT_QUESTION = "Apa yang Anda minta dari narasumber sebelum merekam wajahnya?"
ACCEPTED = "izin tertulis"
SUBMITTED = re.compile(f"Halaman '{TITLE}' telah (dibuat dan )?dikirim untuk")


@pytest.fixture
def module(db, trainer):
    """A module of a course Dimas teaches (trainers edit only the courses of their waves)."""
    course = build_course(title="Pewarta Warga", modules=1, lessons=1)
    cohort = build_cohort(course)
    cohort.trainers.add(trainer)
    cohort.save()  # modelcluster keeps parental relations in memory until save
    return course.get_modules().first()


@pytest.fixture
def admin(new_page, live_server, trainer):
    page = new_page(viewport={"width": 1280, "height": 900}, has_touch=False)
    log_in_directly(page, live_server, trainer)
    return page


def open_module(admin, module) -> None:
    """From the admin's page explorer, down to the module's list of lessons."""
    admin.goto("/admin/")
    admin.get_by_role("button", name="Halaman").click()
    admin.get_by_role("link", name="Pewarta Warga", exact=True).click()
    admin.get_by_role("link", name=f"Jelajahi halaman turunan dari '{module.title}'").click()
    expect(admin.locator("h1")).to_contain_text(module.title)


def add_block(admin, container: str, label: str, field: str) -> None:
    """Open the stream's "+" menu, choose `label`, and wait for the new block's `field`.

    A click before Wagtail's script is ready opens nothing, and on a busy machine a choice
    clicked while the menu is still opening can be lost (seen once in CI): each step is
    retried until the block is there, and never once it is, so no block is added twice.
    """
    button = admin.locator(f"{container} .c-sf-add-button").last
    choice = admin.locator(".w-combobox").get_by_text(label, exact=True)
    added = admin.locator(field)
    for _attempt in range(3):
        if added.count():
            return
        if not choice.is_visible():
            button.click()
        try:
            choice.wait_for(state="visible", timeout=3000)
            choice.click(timeout=3000)
            added.wait_for(state="visible", timeout=5000)
            return
        except PlaywrightTimeout:
            continue
    expect(added).to_be_visible()


def wait_until_autosave_is_idle(admin) -> None:
    """Until no autosave has run for a second and a half.

    Wagtail 8 marks the form clean with whatever it holds when an autosave answers, so
    a change made in the second before that answer is not autosaved until the next one;
    a trainer keeps typing, a test that stops there would wait for nothing.
    """
    indicator = admin.locator("#w-autosave-indicator")
    quiet_since, deadline = None, time.monotonic() + 20
    while time.monotonic() < deadline:
        if indicator.get_attribute("data-w-autosave-state-value") == "saving":
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since > 1.5:
            return
        admin.wait_for_timeout(100)
    pytest.fail("Autosave never went quiet")


def write_quiz_lesson(admin, *, settle_before_last_answer: bool = False) -> None:
    """Title, "completed when the quiz is passed", and a quiz of a true/false statement and a short answer."""
    admin.get_by_placeholder("Judul halaman*").fill(TITLE)
    admin.get_by_role("combobox", name="Dianggap selesai jika").select_option(label="peserta lulus kuisnya")
    add_block(admin, "#body-root", "Kuis", "[name='body-0-value-title']")
    admin.locator("[name='body-0-value-title']").fill("Kuis etika liputan")
    statement = "[name='body-0-value-questions-0-value-prompt']"
    add_block(admin, "[data-contentpath=questions]", "Benar atau salah", statement)
    admin.locator(statement).fill(STATEMENT)
    short_question = "[name='body-0-value-questions-1-value-prompt']"
    add_block(admin, "[data-contentpath=questions]", "Jawaban singkat", short_question)
    admin.locator(short_question).fill(SHORT_QUESTION)
    if settle_before_last_answer:
        wait_until_autosave_is_idle(admin)
    admin.locator("[name='body-0-value-questions-1-value-accepted_answers-0-value']").fill(ACCEPTED)


def submit_for_approval(admin) -> None:
    admin.locator("footer [data-w-dropdown-target=toggle]").first.click()
    admin.get_by_role("button", name="Pengajuan ke Persetujuan Staff").click()


def wait_for_autosave(admin, module, text: str) -> None:
    """Until the module's newest draft holds `text` and the editor says "Tersimpan"."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        draft = LessonPage.objects.child_of(module).order_by("-pk").first()
        revision = draft.get_latest_revision() if draft is not None else None  # None a moment after creation
        if revision is not None and text in str(revision.content):
            break
        admin.wait_for_timeout(200)  # lets the browser run meanwhile
    else:
        pytest.fail(f"No autosaved draft with {text!r}")
    expect(admin.locator("#w-autosave-indicator").get_by_text("Tersimpan")).to_be_visible(timeout=15_000)


def answer_field(admin):
    return admin.locator("[name='body-0-value-questions-0-value-answer']")


def test_a_forgotten_true_false_answer_is_explained_in_indonesian_and_every_question_is_kept(admin, module):
    open_module(admin, module)
    admin.get_by_role("link", name="Tambahkan halaman turunan").click()
    write_quiz_lesson(admin)
    submit_for_approval(admin)

    expect(admin.locator(".messages .error")).to_be_visible()
    expect(admin.locator("[data-contentpath=answer]")).to_contain_text("Pilih apakah pernyataan ini benar atau salah.")
    expect(admin.locator("[name='body-0-value-questions-0-value-prompt']")).to_have_value(STATEMENT)
    expect(admin.locator("[name='body-0-value-questions-1-value-prompt']")).to_have_value(SHORT_QUESTION)
    expect(admin.locator("[name='body-0-value-questions-1-value-accepted_answers-0-value']")).to_have_value(ACCEPTED)
    expect(admin.locator("main")).not_to_contain_text("Tambahkan blok kuis")  # no false "no quiz" error
    # Autosave keeps the refused form as a draft and moves the editor onto it.
    admin.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))

    answer_field(admin).select_option(label="Salah")
    submit_for_approval(admin)
    expect(admin.locator(".messages")).to_contain_text(SUBMITTED)

    # A submit that races an autosave still in flight reaches the create view after the
    # autosave made its draft: the lesson is then created beside that draft (as "-2"),
    # never refused, so at worst a spare draft is left and nothing is lost.
    lessons = list(LessonPage.objects.child_of(module).filter(title=TITLE))
    [submitted] = [lesson for lesson in lessons if lesson.workflow_in_progress]
    quiz = submitted.get_latest_revision_as_object().get_block("quiz").value
    assert [question.value["prompt"] for question in quiz["questions"]] == [STATEMENT, SHORT_QUESTION]
    assert quiz["questions"][0].value["answer"] == "false"
    assert not any(lesson.live for lesson in lessons)


def test_a_draft_left_by_autosave_is_found_under_its_module_finished_and_never_blocks_a_new_lesson(admin, module):
    open_module(admin, module)
    admin.get_by_role("link", name="Tambahkan halaman turunan").click()
    write_quiz_lesson(admin, settle_before_last_answer=True)
    wait_for_autosave(admin, module, ACCEPTED)
    open_module(admin, module)  # the trainer is called away and comes back later

    row = admin.locator("#listing-results tbody tr", has_text=TITLE)
    expect(row).to_contain_text("Konsep", ignore_case=True)
    row.get_by_role("link", name=TITLE).click()
    expect(admin.locator("[name='body-0-value-questions-0-value-prompt']")).to_have_value(STATEMENT)
    answer_field(admin).select_option(label="Salah")
    submit_for_approval(admin)
    expect(admin.locator(".messages")).to_contain_text(SUBMITTED)

    admin.get_by_role("link", name="Tambahkan halaman turunan").click()  # the module's list again
    write_quiz_lesson(admin, settle_before_last_answer=True)
    wait_for_autosave(admin, module, ACCEPTED)
    answer_field(admin).select_option(label="Benar")
    submit_for_approval(admin)
    expect(admin.locator(".messages")).to_contain_text(SUBMITTED)
    slugs = sorted(LessonPage.objects.child_of(module).filter(title=TITLE).values_list("slug", flat=True))
    assert slugs == ["etika-meliput-warga", "etika-meliput-warga-2"]
