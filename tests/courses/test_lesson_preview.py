"""A trainer previews a lesson in the editor: the quiz and the assignment render without an enrolment.

Serving a lesson to a reader is composed in courses/views/lessons.py and reached through
Wagtail's `on_serve_page` hooks, which previews skip; these tests go through the
editor's own preview views, as the preview panel does (POST the form, then GET).
"""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.blocks import QuizBlock
from tests.courses.test_lesson_authoring import STATEMENT, quiz_lesson_form

ASSIGNMENT_TITLE = "Unggah video profil UMKM"


def lesson_form_with_assignment() -> dict:
    """The editor's form: a text, a quiz with its answers set, and an assignment."""
    form = quiz_lesson_form(answer="false")
    assignment = nested_form_data(
        {
            "body": streamfield(
                [
                    (
                        "assignment",
                        {
                            "title": ASSIGNMENT_TITLE,
                            "instructions": rich_text("<p>Video 60 detik tentang satu produk.</p>"),
                            "accepts": "link_or_file",
                        },
                    )
                ]
            )
        }
    )
    # Append the assignment as the body's third block.
    form["body-count"] = "3"
    for key, value in assignment.items():
        if key.startswith("body-0-"):
            form["body-2-" + key.removeprefix("body-0-")] = value
    form["body-2-order"] = "2"
    return form


def preview(client, url, form):
    assert client.post(url, form).json()["is_valid"]
    return client.get(url, {"in_preview_panel": "true"})


@pytest.fixture
def trainer(trainer, cohort):
    """The course's trainer: trainers edit only the courses whose waves they teach (courses/trainer_pages.py)."""
    cohort.trainers.add(trainer)
    cohort.save()  # modelcluster keeps parental relations in memory until save
    return trainer


@pytest.fixture
def module(course):
    return course.get_modules().first()


def test_a_trainer_previews_a_new_lesson_with_quiz_and_assignment(client, trainer, module):
    client.force_login(trainer)
    url = reverse("wagtailadmin_pages:preview_on_add", args=("courses", "lessonpage", module.pk))
    response = preview(client, url, lesson_form_with_assignment())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hormati hak cipta dan privasi." in html
    assert STATEMENT in html and "Sebelum merekam wajah warga" in html
    # The editor sees the answers marked, as a trainer reading the live lesson does.
    assert '<li class="quiz__answer--correct">' in html and "Meminta izin" in html
    assert ASSIGNMENT_TITLE in html and "Video 60 detik tentang satu produk." in html
    assert module.title in html  # the lesson in its place: module and course in the breadcrumb


def test_a_trainer_previews_unsaved_changes_to_a_published_lesson(client, trainer, module, lesson):
    client.force_login(trainer)
    form = {**lesson_form_with_assignment(), "title": "Etika Konten (revisi)", "slug": lesson.slug}
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[lesson.pk])
    response = preview(client, url, form)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Etika Konten (revisi)" in html and STATEMENT in html and ASSIGNMENT_TITLE in html


def test_without_a_preview_the_block_alone_never_shows_the_answers(lesson):
    """A quiz block rendered with no use case's context (a mistake in a future view) hides the answers."""
    block = QuizBlock()
    value = block.to_python(
        {
            "title": "Kuis",
            "kind": "practice",
            "pass_mark": 70,
            "max_attempts": 3,
            "questions": [
                {"type": "true_false", "value": {"prompt": STATEMENT, "answer": "false", "explanation": "Rahasia"}}
            ],
        }
    )
    context = block.get_context(value, parent_context={"page": lesson})
    [question] = context["quiz_questions"]
    assert question.prompt == STATEMENT and not context["quiz_show_answers"]
    assert {option.correct for option in question.options} == {None} and question.explanation == ""
    html = block.render(value, context={"page": lesson})
    assert "quiz__answer--correct" not in html and "Rahasia" not in html


def test_a_lesson_under_a_password_restriction_asks_for_the_password_even_of_a_participant(client, enrolment, lesson):
    """Serving a lesson is hooked after Wagtail's view restrictions, never before them."""
    restriction = PageViewRestriction.objects.create(
        page=enrolment.course, restriction_type=PageViewRestriction.PASSWORD, password="rahasia"
    )
    client.force_login(enrolment.user)
    response = client.get(lesson.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, lesson.pk]) in html
    assert "lesson__body" not in html  # the lesson stays behind the password
    restriction.delete()
    assert "lesson__body" in client.get(lesson.url).content.decode()
