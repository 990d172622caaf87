"""Trainers author lessons with quizzes in the Wagtail admin and lose nothing to a mistake or to autosave.

Wagtail 8's autosave posts the editor form in the background (Accept: application/json)
as the "save draft" action, which creates the page as a draft as soon as a new lesson
has a title. These tests post what the browser posts.
"""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import LessonPage

STATEMENT = "Memakai lagu orang lain tanpa izin selalu boleh asalkan videonya bagus."


def quiz_lesson_form(title="Etika Konten Warga", *, answer="", slug=None):
    """The lesson editor's form: a text block and a quiz with a true/false statement and a single choice."""
    quiz = {
        "title": "Kuis etika",
        "kind": "practice",
        "pass_mark": "70",
        "max_attempts": "3",
        "questions": streamfield(
            [
                ("true_false", {"prompt": STATEMENT, "answer": answer, "explanation": ""}),
                (
                    "single_choice",
                    {
                        "prompt": "Sebelum merekam wajah warga, apa yang Anda lakukan?",
                        "options": streamfield(
                            [
                                ("item", {"text": "Meminta izin", "correct": "on"}),
                                ("item", {"text": "Langsung merekam", "correct": ""}),
                            ]
                        ),
                        "explanation": "",
                    },
                ),
            ]
        ),
    }
    return nested_form_data(
        {
            "title": title,
            "slug": slug or "etika-konten-warga",
            "estimated_minutes": "10",
            "is_required": "on",
            "completion_mode": "quiz",
            "body": streamfield([("text", rich_text("<p>Hormati hak cipta dan privasi.</p>")), ("quiz", quiz)]),
        }
    )


def add_lesson_url(module):
    return reverse("wagtailadmin_pages:add", args=("courses", "lessonpage", module.pk))


def autosave(client, url, form):
    """What Wagtail's autosave sends: the form as "save draft", asking for JSON."""
    return client.post(url, form, HTTP_ACCEPT="application/json")


@pytest.fixture
def trainer(trainer, cohort):
    """The course's trainer: trainers edit only the courses whose waves they teach (courses/trainer_pages.py)."""
    cohort.trainers.add(trainer)
    cohort.save()  # modelcluster keeps parental relations in memory until save
    return trainer


@pytest.fixture
def module(course):
    return course.get_modules().first()


def test_a_true_false_statement_left_unanswered_is_refused_in_indonesian_with_every_question_kept(
    client, trainer, module
):
    client.force_login(trainer)
    response = client.post(add_lesson_url(module), {**quiz_lesson_form(), "action-submit": "Kirim"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Pilih apakah pernyataan ini benar atau salah." in html
    assert STATEMENT in html and "Sebelum merekam wajah warga" in html and "Meminta izin" in html
    assert "Pilih: benar atau salah" in html  # the empty choice, not Wagtail's "- Select an option -"
    assert "Tambahkan blok kuis" not in html  # the quiz is there: no second, wrong error
    assert not LessonPage.objects.filter(title="Etika Konten Warga").exists()


def test_the_corrected_form_creates_the_lesson_and_sends_it_for_approval(client, trainer, module):
    client.force_login(trainer)
    response = client.post(add_lesson_url(module), {**quiz_lesson_form(answer="false"), "action-submit": "Kirim"})
    assert response.status_code == 302
    lesson = LessonPage.objects.get(title="Etika Konten Warga")
    assert lesson.get_parent().pk == module.pk and not lesson.live
    assert lesson.get_block("quiz").value["questions"][0].value["answer"] == "false"


def test_autosave_keeps_a_half_finished_lesson_as_a_draft_listed_under_its_module(client, trainer, module):
    client.force_login(trainer)
    response = autosave(client, add_lesson_url(module), quiz_lesson_form())
    assert response.status_code == 200 and response.json()["success"]
    draft = LessonPage.objects.get(pk=response.json()["pk"])
    assert not draft.live and draft.slug == "etika-konten-warga"
    assert draft.get_latest_revision_as_object().body[1].value["questions"][0].value["prompt"] == STATEMENT
    listing = client.get(reverse("wagtailadmin_explore", args=[module.pk]))
    assert "Etika Konten Warga" in listing.content.decode()


def test_a_new_lesson_with_the_title_of_an_autosaved_draft_is_created_beside_it(client, trainer, module):
    client.force_login(trainer)
    first = autosave(client, add_lesson_url(module), quiz_lesson_form()).json()
    response = client.post(add_lesson_url(module), {**quiz_lesson_form(answer="true"), "action-submit": "Kirim"})
    assert response.status_code == 302
    lessons = LessonPage.objects.child_of(module).filter(title="Etika Konten Warga").order_by("pk")
    assert [lesson.slug for lesson in lessons] == ["etika-konten-warga", "etika-konten-warga-2"]
    assert lessons[0].pk == first["pk"]


def test_autosave_of_a_second_lesson_with_that_title_tells_the_editor_its_new_slug(client, trainer, module):
    client.force_login(trainer)
    autosave(client, add_lesson_url(module), quiz_lesson_form())
    second = autosave(client, add_lesson_url(module), quiz_lesson_form()).json()
    assert second["success"]
    assert second["field_updates"]["slug"] == "etika-konten-warga-2"
    again = autosave(client, second["url"], {**quiz_lesson_form(), "slug": "etika-konten-warga-2"}).json()
    assert again["success"] and LessonPage.objects.get(pk=second["pk"]).slug == "etika-konten-warga-2"


def test_the_trainer_finishes_the_autosaved_draft_from_its_edit_page(client, trainer, module):
    client.force_login(trainer)
    draft = autosave(client, add_lesson_url(module), quiz_lesson_form()).json()
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft["pk"]])
    response = client.post(edit_url, {**quiz_lesson_form(answer="false"), "action-submit": "Kirim"})
    assert response.status_code == 302
    lesson = LessonPage.objects.get(pk=draft["pk"])
    assert lesson.get_latest_revision_as_object().get_block("quiz").value["questions"][0].value["answer"] == "false"
    assert LessonPage.objects.child_of(module).filter(title="Etika Konten Warga").count() == 1


def test_a_new_lesson_whose_address_a_published_lesson_uses_is_still_refused(client, trainer, module):
    published = module.get_children().live().first()
    client.force_login(trainer)
    form = {**quiz_lesson_form(answer="true", slug=published.slug), "action-submit": "Kirim"}
    response = client.post(add_lesson_url(module), form)
    assert response.status_code == 200  # Wagtail's own refusal (worded in locale/overrides), not a "-2"
    assert LessonPage.objects.child_of(module).filter(slug__startswith=published.slug).count() == 1
