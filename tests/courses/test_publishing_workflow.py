"""Trainers write lessons; only staff publish them, through the approval workflow."""

import pytest
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import LessonPage


def lesson_form(title="Hook 3 Detik Pertama", **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": "hook-3-detik",
            "estimated_minutes": "12",
            "is_required": "on",
            "completion_mode": "manual",
            "body": streamfield(
                [
                    ("heading", "Kenapa hook penting"),
                    ("text", rich_text("<p>Penonton memutuskan dalam tiga detik.</p>")),
                    (
                        "video",
                        {
                            "url": "https://www.tiktok.com/@diskominfo/video/7234567890123456789",
                            "title": "Contoh hook",
                            "duration": "0:45",
                        },
                    ),
                ]
            ),
            **extra,
        }
    )


def add_lesson_url(module):
    return reverse("wagtailadmin_pages:add", args=("courses", "lessonpage", module.pk))


@pytest.fixture
def trainer(trainer, cohort):
    """The course's trainer: trainers edit only the courses whose waves they teach (courses/trainer_pages.py)."""
    cohort.trainers.add(trainer)
    cohort.save()  # modelcluster keeps parental relations in memory until save
    return trainer


@pytest.fixture
def module(course):
    return course.get_modules().first()


def test_a_trainers_lesson_goes_live_only_after_staff_approve_it(client, trainer, staff, module, no_outbound_network):
    client.force_login(trainer)
    response = client.post(add_lesson_url(module), {**lesson_form(), "action-submit": "Submit"})
    assert response.status_code == 302
    lesson = LessonPage.objects.get(slug="hook-3-detik")
    assert not lesson.live
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(lesson.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    client.force_login(staff)
    approve = reverse("wagtailadmin_pages:workflow_action", args=(lesson.pk, "approve", state.current_task_state.pk))
    response = client.post(approve, {"comment": "Bagus."})
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.live
    page = client.get(lesson.url)
    assert page.status_code == 200
    assert "Contoh hook" in page.content.decode()
    assert no_outbound_network == []


def test_a_trainers_forged_publish_request_does_not_publish(client, trainer, module):
    client.force_login(trainer)
    client.post(add_lesson_url(module), {**lesson_form(), "action-publish": "Publish"})
    lesson = LessonPage.objects.get(slug="hook-3-detik")
    assert not lesson.live

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(lesson.pk,)), {**lesson_form(), "action-publish": "Publish"}
    )
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert not lesson.live
    assert lesson.has_unpublished_changes


def test_a_trainer_cannot_publish_through_the_bulk_action(client, trainer, module):
    client.force_login(trainer)
    client.post(add_lesson_url(module), {**lesson_form(), "action-submit": "Submit"})
    lesson = LessonPage.objects.get(slug="hook-3-detik")
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish")) + f"?id={lesson.pk}"
    client.post(url, {})
    lesson.refresh_from_db()
    assert not lesson.live


def test_a_trainer_cannot_publish_an_existing_live_lesson_change(client, trainer, lesson):
    client.force_login(trainer)
    data = lesson_form(title="Judul Diubah Pelatih")
    data["slug"] = lesson.slug
    client.post(reverse("wagtailadmin_pages:edit", args=(lesson.pk,)), {**data, "action-publish": "Publish"})
    lesson.refresh_from_db()
    assert lesson.title != "Judul Diubah Pelatih"
    assert lesson.get_latest_revision_as_object().title == "Judul Diubah Pelatih"


def test_staff_publish_directly(client, staff, module):
    client.force_login(staff)
    client.post(add_lesson_url(module), {**lesson_form(), "action-publish": "Publish"})
    assert LessonPage.objects.get(slug="hook-3-detik").live


def test_a_participant_cannot_reach_the_admin(client, participant, lesson):
    client.force_login(participant)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    edit = client.post(reverse("wagtailadmin_pages:edit", args=(lesson.pk,)), {"title": "Diretas"})
    assert edit.status_code == 302
    assert Page.objects.get(pk=lesson.pk).title != "Diretas"


def test_an_anonymous_visitor_is_sent_to_the_admin_login(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
