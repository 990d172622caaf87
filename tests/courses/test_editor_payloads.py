"""A page editor post whose StreamField counts or rich text cannot be read is refused with a
message in Indonesian, and the page is left as it was (lms/editor_forms.py): never a 500."""

import pytest
from django.urls import reverse
from wagtail.models import Revision
from wagtail.test.utils.form_data import nested_form_data, rich_text

from courses.models import CoursePage, LessonPage
from tests.courses.test_lesson_authoring import quiz_lesson_form
from tests.courses.test_lesson_authoring import trainer as course_trainer  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

REFUSED = "tidak dapat dibaca"


def state(page):
    page = type(page).objects.get(pk=page.pk)
    return page.title, page.latest_revision_id, Revision.objects.filter(object_id=str(page.pk)).count()


def edit(client, page, form):
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), form)


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda form: form.update({"body-count": "abc"}), id="count not a number"),
        pytest.param(lambda form: form.pop("body-count"), id="count missing"),
        pytest.param(lambda form: form.update({"body-1-value-questions-count": "²"}), id="nested count"),
        pytest.param(lambda form: form.update({"body-0-value": "{not json"}), id="rich text not JSON"),
    ],
)
def test_an_unreadable_lesson_body_is_refused_and_nothing_changes(client, course_trainer, lesson, spoil):  # noqa: F811
    client.force_login(course_trainer)
    before = state(lesson)
    form = quiz_lesson_form(title="Judul Baru", slug=lesson.slug)
    spoil(form)
    response = edit(client, lesson, form)
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert state(lesson) == before
    assert LessonPage.objects.get(pk=lesson.pk).title != "Judul Baru"


def test_a_readable_post_of_the_same_form_is_saved(client, course_trainer, lesson):  # noqa: F811
    client.force_login(course_trainer)
    before = state(lesson)
    response = edit(client, lesson, quiz_lesson_form(title="Judul Baru", slug=lesson.slug))
    assert response.status_code == 302
    assert state(lesson)[2] == before[2] + 1


def test_a_course_introduction_that_is_not_draftail_json_is_refused(client, staff, course):
    client.force_login(staff)
    before = state(course)
    form = nested_form_data(
        {
            "title": "Kursus Baru",
            "slug": course.slug,
            "summary": course.summary,
            "organiser": str(course.organiser_id),
            "intro": "<p>bukan JSON</p>",
            "learning_hours": "10",
            "eligible_segments": ["public"],
            "min_attendance_percent": "0",
        }
    )
    response = edit(client, course, form)
    assert response.status_code == 200 and REFUSED in response.content.decode()
    assert state(course) == before
    form["intro"] = rich_text("<p>Pengantar baru.</p>")
    assert edit(client, course, form).status_code == 302
    assert "Pengantar baru" in CoursePage.objects.get(pk=course.pk).get_latest_revision_as_object().intro
