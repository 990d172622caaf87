"""One rule for "requirements met": progress, the wave report, "Pembelajaran saya", bulk and
automatic issuance all answer alike, whichever requirement is missing.

Sari learns in a wave that ended yesterday, in a course of four required lessons (one marked
done, one quiz, one assignment, one live session) that asks for 50 % attendance of two
sessions and issues completion certificates automatically. Each case leaves one
requirement unmet; the last meets them all.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from courses import assignments, attendance, quizzes
from courses.enrolment import enrol
from courses.models import CohortSession, Enrolment, LessonPage
from courses.progress import complete_course_if_done, complete_lesson
from courses.quizzes import quiz_of, reader_questions
from courses.requirements import Shortfall, shortfall
from courses.review import review
from tests.certificates.conftest import certificate_settings_for
from tests.factories import build_cohort, build_course

QUIZ = {
    "title": "Kuis",
    "kind": "practice",
    "pass_mark": 100,
    "max_attempts": 3,
    "questions": [("true_false", {"prompt": "Video TikTok direkam tegak.", "answer": "true", "explanation": ""})],
}
ASSIGNMENT = {"title": "Video promosi", "instructions": "<p>Buat video 30 detik.</p>", "accepts": "link_or_file"}


def set_body(lesson, mode, block):
    lesson.body = [("text", "<p>Materi.</p>"), block] if block else lesson.body
    lesson.completion_mode = mode
    lesson.save_revision().publish()
    return LessonPage.objects.get(pk=lesson.pk)


@pytest.fixture
def wave(staff, trainer):
    course = build_course(modules=1, lessons=4)
    course.min_attendance_percent = 50
    course.save_revision().publish()
    manual, quiz, task, live = (lesson.specific for lesson in course.get_lessons())
    quiz = set_body(quiz, "quiz", ("quiz", QUIZ))
    task = set_body(task, "assignment", ("assignment", ASSIGNMENT))
    live = set_body(live, "attendance", None)
    cohort = build_cohort(course, ended=True)
    cohort.trainers.add(trainer)
    cohort.save()
    start = timezone.now() - timedelta(days=3)
    sessions = [
        CohortSession.objects.create(
            cohort=cohort,
            title=f"Sesi {n}",
            starts_at=start + timedelta(days=n),
            ends_at=start + timedelta(days=n, hours=2),
        )
        for n in range(2)
    ]
    sessions[0].lesson_id = live.pk
    sessions[0].save()
    certificate_settings_for(course, kind="completion", issue_automatically=True)
    return {"course": course, "cohort": cohort, "lessons": (manual, quiz, task, live), "sessions": sessions}


def learn(enrolment, wave, *, skip, staff, trainer):
    """Do everything the course asks, except `skip`, through the same use cases the site uses."""
    manual, quiz, task, _live = wave["lessons"]
    if skip != "manual":
        complete_lesson(enrolment, manual)
    question = reader_questions(quiz_of(quiz))[0]
    answer = "true" if skip != "quiz" else "false"
    quizzes.submit_attempt(enrolment, quiz, {question.field_name: answer})
    submission = assignments.submit(enrolment, task, link="https://www.tiktok.com/@sari/video/7312345678901234567")
    review(submission, trainer, approve=skip != "assignment", feedback="Bagus" if skip else "")
    present = {"attendance": [], "live session": [wave["sessions"][1]]}.get(skip, wave["sessions"])
    for session in wave["sessions"]:
        attendance.record_attendance(session, {enrolment.pk: session in present}, recorder=staff)


CASES = [
    ("manual", "1 pelajaran wajib belum selesai"),
    ("quiz", "1 kuis belum lulus"),
    ("assignment", "1 tugas belum disetujui"),
    ("live session", "1 pelajaran wajib belum selesai"),
    ("attendance", "Kehadiran 0% di bawah minimum 50%"),
    (None, None),
]


@pytest.mark.parametrize(("skip", "reason"), CASES)
def test_every_caller_of_the_rule_agrees_on_each_requirement(
    skip, reason, wave, participant, staff, trainer, client, django_capture_on_commit_callbacks
):
    enrolment = enrol(participant, wave["cohort"])
    learn(enrolment, wave, skip=skip, staff=staff, trainer=trainer)
    met = skip is None
    enrolment.refresh_from_db()

    # 1. Progress: the enrolment is completed exactly when the rule holds.
    complete_course_if_done(enrolment)
    assert (enrolment.status == "completed") is met
    assert shortfall(enrolment).met() is met and (reason is None or reason in shortfall(enrolment).reasons())
    # 2. The wave report, as staff read it.
    client.force_login(staff)
    report = client.get(reverse("courses_cohort:report", args=[wave["cohort"].pk])).content.decode()
    assert f'data-requirements="{"met" if met else "unmet"}"' in report
    assert met or reason in report
    # 3. "Pembelajaran saya", as Sari reads it.
    client.force_login(participant)
    mine = client.get(reverse("courses:my_learning")).content.decode()
    assert f'data-requirements="{"met" if met else "unmet"}"' in mine
    assert met or reason in mine
    # 4. Bulk issuance: the wave's issuance page offers her a certificate only when met.
    client.force_login(staff)
    page = client.get(reverse("certificates_issuance:cohort", args=[wave["cohort"].pk])).content.decode()
    assert f'data-enrolment="{enrolment.pk}" data-eligible="{"true" if met else "false"}"' in page
    # 5. Automatic issuance.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("issue_due_certificates")
    assert Certificate.objects.filter(enrolment=enrolment).exists() is met


def test_a_participation_certificate_asks_only_for_attendance_everywhere(wave, participant, staff, trainer, client):
    wave["course"].certificate_settings.kind = "participation"
    wave["course"].certificate_settings.save()
    enrolment = enrol(participant, wave["cohort"])
    learn(enrolment, wave, skip="quiz", staff=staff, trainer=trainer)
    client.force_login(participant)
    assert 'data-requirements="met"' in client.get(reverse("courses:my_learning")).content.decode()
    client.force_login(staff)
    report = client.get(reverse("courses_cohort:report", args=[wave["cohort"].pk])).content.decode()
    assert 'data-requirements="met"' in report
    call_command("issue_due_certificates")
    assert Certificate.objects.get(enrolment=enrolment).kind == "participation"
    assert Enrolment.objects.get(pk=enrolment.pk).status == "active"  # the course itself is not completed


def test_attendance_is_compared_in_whole_numbers_not_rounded_up():
    seven_of_nine = Shortfall(0, 0, 0, sessions_held=9, sessions_attended=7, attendance_minimum=78)
    assert seven_of_nine.attendance_percent == 77 and not seven_of_nine.met()
    assert Shortfall(0, 0, 0, sessions_held=9, sessions_attended=7, attendance_minimum=77).met()
    assert not Shortfall(0, 0, 0, sessions_held=0, sessions_attended=0, attendance_minimum=1).met("participation")
    assert Shortfall(0, 0, 0, sessions_held=0, sessions_attended=0, attendance_minimum=0).met("participation")


def test_sessions_not_yet_held_do_not_count_against_attendance(wave, participant, staff, trainer):
    enrolment = enrol(participant, wave["cohort"])
    later = wave["sessions"][1]
    later.starts_at, later.ends_at = timezone.now() + timedelta(days=1), timezone.now() + timedelta(days=1, hours=2)
    later.save()
    attendance.record_attendance(wave["sessions"][0], {enrolment.pk: True}, recorder=staff)
    standing = shortfall(enrolment)
    assert (standing.sessions_held, standing.sessions_attended, standing.attendance_percent) == (1, 1, 100)
