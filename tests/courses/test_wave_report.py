"""The per-wave report and the evaluation: counts by segment, a matrix, exports."""

import csv
import io

import openpyxl
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.enrolment import enrol
from courses.models import AttendanceRecord, CohortSession, Enrolment, EnrolmentStatus, LessonProgress, QuizAttempt
from courses.progress import complete_lesson
from tests.factories import build_cohort, build_course, make_users


def fill_wave(cohort, participants, lessons, segment="public", prefix="r"):
    """`participants` learners with progress on the first two lessons, in bulk."""
    users = make_users(participants, segment=segment, prefix=prefix)
    Enrolment.objects.bulk_create(
        Enrolment(user=u, course_id=cohort.course_id, cohort=cohort, segment=segment, status=EnrolmentStatus.ACTIVE)
        for u in users
    )
    enrolments = list(Enrolment.objects.filter(cohort=cohort, segment=segment))
    now = timezone.now()
    LessonProgress.objects.bulk_create(
        LessonProgress(enrolment=e, lesson=lesson, completed_at=now) for e in enrolments for lesson in lessons[:2]
    )
    return enrolments


def report_url(cohort):
    return reverse("courses_cohort:report", args=[cohort.pk])


def test_the_report_shows_a_segment_summary_and_the_matrix(client, staff, course):
    cohort = build_cohort(course, seats={"public": 10, "asn": 10})
    lessons = [lesson.specific for lesson in course.get_lessons()]
    learners = fill_wave(cohort, 4, lessons)
    fill_wave(cohort, 2, lessons, segment="asn", prefix="asn-r")
    for lesson in lessons:
        complete_lesson(learners[0], lesson)
    client.force_login(staff)
    html = client.get(report_url(cohort)).content.decode()
    assert 'data-segment="public"' in html and 'data-segment="asn"' in html
    assert "25%" in html  # 1 of 4 public learners completed
    assert html.count("matrix-done") == 4 * 2 + 2 * 2 + (len(lessons) - 2)


def test_the_report_costs_the_same_queries_for_10_and_1000_participants(client, staff, db):
    counts = []
    for n in (10, 1000):
        course = build_course(title=f"Kursus {n}", modules=2, lessons=3)
        cohort = build_cohort(course, seats={"public": 2000})
        lessons = [lesson.specific for lesson in course.get_lessons()]
        fill_wave(cohort, n, lessons, prefix=f"n{n}-")
        client.force_login(staff)
        client.get(report_url(cohort))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(report_url(cohort))
        assert response.status_code == 200
        counts.append(len(queries))
    print(f"report queries for 10 and 1000 participants: {counts}")
    assert counts[0] == counts[1], counts


def test_exports_stream_every_participant_with_attendance_and_quiz_scores(client, staff, course):
    cohort = build_cohort(course, seats={"public": 600})
    lessons = [lesson.specific for lesson in course.get_lessons()]
    enrolments = fill_wave(cohort, 520, lessons)  # more than one export batch
    session = CohortSession.objects.create(
        cohort=cohort, title="Sesi 1", starts_at=timezone.now(), ends_at=timezone.now() + timezone.timedelta(hours=2)
    )
    AttendanceRecord.objects.create(session=session, enrolment=enrolments[0], present=True, method="grid")
    QuizAttempt.objects.create(enrolment=enrolments[0], lesson=lessons[0], number=1, score=80, passed=True)
    client.force_login(staff)
    response = client.get(report_url(cohort), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 521 and rows[0][-len(lessons) :] == [lesson.title for lesson in lessons]
    first = dict(zip(rows[0], next(row for row in rows if row[1] == enrolments[0].user.email), strict=True))
    assert (first["Rata-rata kuis (%)"], first["Kehadiran (%)"], first[lessons[0].title]) == ("80.0", "100", "✓")
    xlsx = client.get(report_url(cohort), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert sheet.max_row == 521


def test_a_trainer_reports_only_on_the_waves_they_teach(client, trainer, course):
    mine, theirs = build_cohort(course), build_cohort(course, name="Gelombang 2")
    mine.trainers.add(trainer)
    mine.save()
    client.force_login(trainer)
    assert client.get(report_url(mine)).status_code == 200
    assert client.get(report_url(theirs)).status_code == 404
    assert client.get(report_url(theirs), {"export": "csv"}).status_code == 404


def test_participants_cannot_see_reports(client, participant, cohort):
    client.force_login(participant)
    assert client.get(report_url(cohort)).status_code == 302


def test_a_participant_evaluates_the_training_once(client, enrolment, staff):
    client.force_login(enrolment.user)
    url = reverse("courses:evaluate", args=[enrolment.pk])
    data = {"content": "5", "trainer": "4", "mentoring": "5", "platform": "3", "suggestions": "Lebih banyak praktik"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, {**data, "content": "1"}).status_code == 302
    assert enrolment.evaluation.answers["content"] == 5
    client.force_login(staff)
    html = client.get(report_url(enrolment.cohort)).content.decode()
    assert "3,00 / 5" in html or "3.00 / 5" in html


def test_an_evaluation_with_bad_ratings_is_refused_and_saves_nothing(client, enrolment):
    client.force_login(enrolment.user)
    response = client.post(reverse("courses:evaluate", args=[enrolment.pk]), {"content": "9", "trainer": "x"})
    assert response.status_code == 200
    assert not hasattr(type(enrolment).objects.get(pk=enrolment.pk), "evaluation")


def test_nobody_evaluates_someone_elses_enrolment(client, other_participant, enrolment):
    client.force_login(other_participant)
    assert client.get(reverse("courses:evaluate", args=[enrolment.pk])).status_code == 404


def test_the_report_compares_pre_and_post_test_scores_by_segment(client, staff, course):
    cohort = build_cohort(course)
    lessons = [lesson.specific for lesson in course.get_lessons()]
    people = [enrol(user, cohort) for user in make_users(2, prefix="pp")]
    for enrolment, pre, post in zip(people, (40, 60), (80, 100), strict=True):
        QuizAttempt.objects.create(
            enrolment=enrolment, lesson=lessons[0], kind="pretest", number=1, score=pre, passed=False
        )
        QuizAttempt.objects.create(
            enrolment=enrolment, lesson=lessons[-1], kind="posttest", number=1, score=post, passed=True
        )
    client.force_login(staff)
    html = client.get(report_url(cohort)).content.decode()
    assert "50.0" in html or "50,0" in html
    assert "90.0" in html or "90,0" in html
