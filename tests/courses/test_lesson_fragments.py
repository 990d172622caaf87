"""A lesson's blocks that read the same to everyone are rendered once per published revision
and language; the quiz and the assignment are rendered for each reader on each view."""

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import translation

from courses.enrolment import enrol
from courses.models import LessonPage
from courses.templatetags.lessons import fragment_key
from tests.courses.test_quizzes import add_quiz_lesson, answer_form


@pytest.fixture
def quiz_lesson(course):
    return add_quiz_lesson(course)


def test_the_text_is_rendered_once_per_revision(client, enrolment, quiz_lesson):
    client.force_login(enrolment.user)
    assert "Materi sebelum kuis." in client.get(quiz_lesson.url).content.decode()
    # The stored body changes behind Wagtail's back (no new revision): the rendered text stays.
    body = list(quiz_lesson.body.raw_data)
    body[0] = {**body[0], "value": "<p>Diubah tanpa revisi.</p>"}
    LessonPage.objects.filter(pk=quiz_lesson.pk).update(body=body)
    assert "Materi sebelum kuis." in client.get(quiz_lesson.url).content.decode()
    # Publishing a revision is what changes what readers see.
    lesson = LessonPage.objects.get(pk=quiz_lesson.pk)
    lesson.save_revision().publish()
    html = client.get(quiz_lesson.url).content.decode()
    assert "Diubah tanpa revisi." in html and "Materi sebelum kuis." not in html


def test_the_quiz_shows_each_reader_their_own_attempts(client, enrolment, other_participant, cohort, quiz_lesson):
    other = enrol(other_participant, cohort)
    client.force_login(enrolment.user)
    client.post(reverse("courses:submit_quiz", args=[quiz_lesson.pk]), answer_form(quiz_lesson, single="TikTok"))
    mine = client.get(quiz_lesson.url).content.decode()
    client.force_login(other.user)
    theirs = client.get(quiz_lesson.url).content.decode()
    assert mine != theirs
    assert "quiz-form" in theirs  # a fresh form for the one who has not answered


def test_each_language_has_its_own_rendering(client, enrolment, quiz_lesson):
    client.force_login(enrolment.user)
    client.get(quiz_lesson.url)
    client.post("/i18n/setlang/", {"language": "en", "next": quiz_lesson.url})
    client.get(quiz_lesson.url)
    lesson = LessonPage.objects.get(pk=quiz_lesson.pk)
    text_block_id = lesson.body.raw_data[0]["id"]
    rendered = {}
    for language in ("id", "en"):
        with translation.override(language):
            rendered[language] = caches["template_fragments"].get(fragment_key(lesson, text_block_id))
    assert rendered["id"] and rendered["en"] and "Materi sebelum kuis." in rendered["en"]
