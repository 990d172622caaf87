"""The publishing workflow speaks Indonesian to trainers and staff: its buttons, errors and emails."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import WorkflowState

from courses.models import LessonPage
from tests.courses.test_publishing_workflow import add_lesson_url, lesson_form

ENGLISH_PHONE = {"accept-language": "en-US,en;q=0.9"}
ENGLISH = ["Approve", "Request changes", "Publish", "has been", "submitted", "rejected", "You can", "workflow", "Hello"]


@pytest.fixture
def trainer(trainer, cohort):
    """The course's trainer: trainers edit only the courses whose waves they teach (courses/trainer_pages.py)."""
    cohort.trainers.add(trainer)
    cohort.save()  # modelcluster keeps parental relations in memory until save
    return trainer


@pytest.fixture
def module(course):
    return course.get_modules().first()


@pytest.fixture
def submitted_lesson(client, trainer, staff, module):
    client.force_login(trainer)
    client.post(add_lesson_url(module), {**lesson_form(), "action-submit": "Submit"}, headers=ENGLISH_PHONE)
    return LessonPage.objects.get(slug="hook-3-detik")


def english_in(text: str) -> list[str]:
    text = re.sub(r"https?://\S+", "", text)
    return [word for word in ENGLISH if word in text]


def test_staff_are_emailed_in_indonesian_when_a_trainer_submits_a_lesson(submitted_lesson, staff):
    [message] = [m for m in mail.outbox if staff.email in m.to]
    assert "Hook 3 Detik Pertama" in message.subject
    assert "diajukan" in message.subject + message.body
    assert english_in(message.subject + message.body) == []


def test_staff_see_the_workflow_actions_in_indonesian(client, submitted_lesson, staff):
    client.force_login(staff)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(submitted_lesson.pk,)), headers=ENGLISH_PHONE)
    html = html.content.decode()
    assert "Setujui dengan komentar dan Publikasikan" in html and "Minta perubahan" in html
    for english in ["Approve with comment", "Request changes", "More actions", "Collapse all"]:
        assert english not in html, english


def test_the_trainer_is_emailed_in_indonesian_when_staff_request_changes(client, submitted_lesson, trainer, staff):
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(submitted_lesson.pk))
    mail.outbox.clear()
    client.force_login(staff)
    task_state = state.current_task_state.pk
    reject = reverse("wagtailadmin_pages:workflow_action", args=(submitted_lesson.pk, "reject", task_state))
    client.post(reject, {"comment": "Tambahkan contoh caption."}, headers=ENGLISH_PHONE)
    [message] = [m for m in mail.outbox if trainer.email in m.to]
    assert "ditolak" in message.subject + message.body
    assert "Tambahkan contoh caption." in message.body
    assert english_in(message.subject + message.body) == []


def test_a_slug_taken_by_a_published_lesson_is_refused_in_indonesian(client, trainer, module):
    taken = module.get_children().live().first().slug
    client.force_login(trainer)
    response = client.post(add_lesson_url(module), {**lesson_form(), "slug": taken, "action-submit": "Submit"})
    html = response.content.decode()
    assert f"&#x27;{taken}&#x27; sudah dipakai" in html and "is already in use" not in html
