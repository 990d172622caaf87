"""Learning a course: who may open lessons, completing them, and completing the course."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.assignments import submit
from courses.enrolment import enrol, withdraw
from courses.models import Enrolment, LessonPage, LessonProgress
from courses.progress import complete_lesson, course_completed, course_progress
from courses.review import review
from tests.factories import UserFactory, build_cohort, build_course, make_users, verified


def lessons_of(course):
    return [lesson.specific for lesson in course.get_lessons()]


# --- Access -------------------------------------------------------------------------


def test_an_enrolled_participant_reads_the_lesson(client, enrolment, lesson):
    client.force_login(enrolment.user)
    response = client.get(lesson.url)
    assert response.status_code == 200
    assert "Materi 1.1" in response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "outsider", "waitlisted", "withdrawn", "other_course"])
def test_others_see_the_outline_and_a_call_to_enrol_but_not_the_lesson(client, course, cohort, lesson, who):
    user = None
    if who != "anonymous":
        user = verified(UserFactory())
    if who == "waitlisted":
        full = build_cohort(course, name="Penuh", seats={"public": 0})
        enrol(user, full)
    if who == "withdrawn":
        withdraw(enrol(user, cohort))
    if who == "other_course":
        enrol(user, build_cohort(build_course(title="Kursus Lain", modules=1, lessons=1)))
    if user:
        client.force_login(user)
    response = client.get(lesson.url)
    html = response.content.decode()
    assert response.status_code == 403
    assert "Materi 1.1" not in html
    assert lesson.title in html and course.url in html


def test_the_courses_trainer_and_staff_read_lessons_without_enrolling(client, trainer, staff, cohort, lesson):
    cohort.trainers.add(trainer)
    cohort.save()
    for person in (trainer, staff):
        client.force_login(person)
        assert client.get(lesson.url).status_code == 200


def test_a_trainer_of_another_course_cannot_read_its_lessons(client, trainer, lesson):
    other = build_cohort(build_course(title="Kursus Lain", modules=1, lessons=1))
    other.trainers.add(trainer)
    other.save()
    client.force_login(trainer)
    assert client.get(lesson.url).status_code == 403


# --- Completion ---------------------------------------------------------------------


def test_marking_done_without_javascript_completes_the_lesson_and_goes_on(client, enrolment, course):
    first, second = lessons_of(course)[:2]
    client.force_login(enrolment.user)
    response = client.post(reverse("courses:mark_done", args=[first.pk]))
    assert response.status_code == 302 and response["Location"] == second.url
    assert LessonProgress.objects.get(enrolment=enrolment, lesson=first).completed_at is not None


def test_marking_done_with_javascript_returns_the_completion_fragment(client, enrolment, lesson):
    client.force_login(enrolment.user)
    response = client.post(reverse("courses:mark_done", args=[lesson.pk]), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="lesson-completion"') and "<html" not in html
    assert "lesson-completion" in html and "completion__done" in html


def test_nobody_marks_a_lesson_done_for_a_course_they_are_not_learning(client, other_participant, enrolment, lesson):
    client.force_login(other_participant)
    assert client.post(reverse("courses:mark_done", args=[lesson.pk])).status_code == 404
    assert not LessonProgress.objects.filter(lesson=lesson).exists()


def test_a_quiz_lesson_cannot_be_marked_done_by_hand(client, enrolment, lesson):
    type(lesson).objects.filter(pk=lesson.pk).update(completion_mode="quiz")
    client.force_login(enrolment.user)
    response = client.post(reverse("courses:mark_done", args=[lesson.pk]))
    assert response.status_code == 302 and response["Location"] == lesson.url
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert messages == ["Materi ini tidak dapat ditandai selesai di sini."]
    assert not LessonProgress.objects.filter(lesson=lesson, completed_at__isnull=False).exists()


def test_completing_every_required_lesson_completes_the_enrolment_once(
    enrolment, course, django_capture_on_commit_callbacks
):
    received = []
    course_completed.connect(
        lambda sender, enrolment, **kw: received.append(enrolment.pk), weak=False, dispatch_uid="t"
    )
    try:
        lessons = lessons_of(course)
        type(lessons[-1]).objects.filter(pk=lessons[-1].pk).update(is_required=False)
        with django_capture_on_commit_callbacks(execute=True):
            for lesson in lessons[:-1]:
                complete_lesson(enrolment, lesson)
            complete_lesson(enrolment, lessons[-1])
    finally:
        course_completed.disconnect(dispatch_uid="t")
    enrolment.refresh_from_db()
    assert enrolment.status == "completed" and enrolment.completed_at is not None
    assert received == [enrolment.pk]
    assert complete_lesson(enrolment, lessons[0]) is False


def test_progress_counts_required_lessons_per_module_and_course(enrolment, course):
    lessons = lessons_of(course)
    complete_lesson(enrolment, lessons[0])
    complete_lesson(enrolment, lessons[1])
    progress = course_progress(course, enrolment)
    assert [(m.completed, m.required, m.percent) for m in progress.modules] == [(2, 3, 67), (0, 3, 0)]
    assert (progress.completed, progress.required, progress.percent) == (2, 6, 33)
    assert progress.next_lesson.pk == lessons[2].pk


def test_a_sequential_course_opens_a_lesson_only_after_the_previous_required_one(client, enrolment, course):
    course.is_sequential = True
    course.save()
    first, second, third = lessons_of(course)[:3]
    client.force_login(enrolment.user)
    assert client.get(third.url).status_code == 403
    assert client.post(reverse("courses:mark_done", args=[third.pk])).status_code == 302
    assert not LessonProgress.objects.filter(lesson=third, completed_at__isnull=False).exists()
    complete_lesson(enrolment, first)
    complete_lesson(enrolment, second)
    assert client.get(third.url).status_code == 200


def test_my_learning_lists_courses_with_progress_and_a_continue_link(client, enrolment, course):
    lessons = lessons_of(course)
    complete_lesson(enrolment, lessons[0])
    client.force_login(enrolment.user)
    html = client.get(reverse("courses:my_learning")).content.decode()
    assert course.title.split(" &")[0] in html and 'value="17"' in html
    assert lessons[1].url in html


# --- Query discipline -----------------------------------------------------------------


def count_queries(callable_):
    with CaptureQueriesContext(connection) as context:
        callable_()
    return len(context)


def enrolled_in_course_of(lessons_per_module, modules=5):
    course = build_course(title=f"Kursus {modules}x{lessons_per_module}", modules=modules, lessons=lessons_per_module)
    user = make_users(1, prefix=f"q{modules}x{lessons_per_module}-")[0]
    enrolment = enrol(user, build_cohort(course))
    return course, user, enrolment


def test_the_lesson_page_costs_the_same_queries_for_5_and_60_lessons(client, db):
    counts = []
    for per_module in (1, 12):  # 5 and 60 lessons
        course, user, enrolment = enrolled_in_course_of(per_module)
        lessons = lessons_of(course)
        complete_lesson(enrolment, lessons[0])
        client.force_login(user)
        client.get(lessons[2].url)  # warm Wagtail's site-root cache
        url = lessons[2].url
        counts.append(count_queries(lambda url=url: client.get(url)))
    print(f"lesson page queries for 5 and 60 lessons: {counts}")
    assert counts[0] == counts[1], counts


def test_completing_the_last_lesson_costs_the_same_queries_for_5_and_60_lessons(db, django_capture_on_commit_callbacks):
    counts = []
    for per_module in (1, 12):
        course, _user, enrolment = enrolled_in_course_of(per_module)
        lessons = lessons_of(course)
        for lesson in lessons[:-1]:
            complete_lesson(enrolment, lesson)
        enrolment = Enrolment.objects.select_related("course").get(pk=enrolment.pk)
        with django_capture_on_commit_callbacks(execute=True):
            last = lessons[-1]
            counts.append(count_queries(lambda e=enrolment, last=last: complete_lesson(e, last)))
        assert Enrolment.objects.get(pk=enrolment.pk).status == "completed"
    print(f"queries to complete the last lesson of 5 and 60: {counts}")
    assert counts[0] == counts[1], counts
    assert counts[0] == 6, counts  # a regression check: completing the course costs six queries


def test_my_learning_tells_of_new_feedback_until_it_is_read(client, enrolment, course, trainer):
    cohort = enrolment.cohort
    cohort.trainers.add(trainer)
    cohort.save()
    module = course.get_modules().first()
    task = {"title": "Video", "instructions": "<p>Kirim.</p>", "accepts": "link"}
    lesson = module.add_child(instance=LessonPage(title="Tugas", body=[("assignment", task)]))
    submission = submit(enrolment, lesson, link="https://www.tiktok.com/@sari/video/7234567890123456789")
    review(submission, trainer, approve=False, feedback="Perjelas suaranya.")
    client.force_login(enrolment.user)
    assert "1 umpan balik baru" in client.get(reverse("courses:my_learning")).content.decode()
    client.get(lesson.url)  # reading the lesson shows the feedback
    assert "umpan balik baru" not in client.get(reverse("courses:my_learning")).content.decode()
