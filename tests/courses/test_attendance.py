"""Attendance: the trainer's grid, QR check-in, and what attending completes."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.attendance import (
    AttendanceRefused,
    CheckInRefused,
    check_in,
    checkin_token,
    record_attendance,
)
from courses.enrolment import enrol, withdraw
from courses.models import AttendanceRecord, CohortSession, CompletionMode, Enrolment, LessonProgress
from courses.progress import complete_lesson
from tests.factories import UserFactory, build_cohort, build_course, verified


def session_at(cohort, starts_at, hours=3, **fields):
    fields.setdefault("title", "Sesi tatap muka")
    return CohortSession.objects.create(
        cohort=cohort, starts_at=starts_at, ends_at=starts_at + timedelta(hours=hours), **fields
    )


def teach(trainer, cohort):
    cohort.trainers.add(trainer)
    cohort.save()  # modelcluster keeps parental relations in memory until save


def present_ids(session):
    return set(AttendanceRecord.objects.filter(session=session, present=True).values_list("enrolment_id", flat=True))


@pytest.fixture
def session_now(cohort):
    """A session of the wave that started half an hour ago."""
    return session_at(cohort, timezone.now() - timedelta(minutes=30), title="Praktik editing")


@pytest.fixture
def classmate(other_participant, cohort):
    return enrol(other_participant, cohort)


def grid_url(session):
    return reverse("courses_session:attendance", args=[session.pk])


# --- The grid -------------------------------------------------------------------------


def test_the_grid_lists_the_waves_learners_and_saves_the_ticks_in_one_post(
    client, trainer, cohort, enrolment, classmate, session_now
):
    leaver = enrol(verified(UserFactory(full_name="Peserta Mundur")), cohort)
    withdraw(leaver)
    teach(trainer, cohort)
    client.force_login(trainer)
    html = client.get(grid_url(session_now)).content.decode()
    assert f'id="attendance-{enrolment.pk}"' in html and f'id="attendance-{classmate.pk}"' in html
    assert f'id="attendance-{leaver.pk}"' not in html
    response = client.post(grid_url(session_now), {"present": [enrolment.pk]})
    assert response.status_code == 302
    record = AttendanceRecord.objects.get(session=session_now)
    assert (record.enrolment, record.present, record.method, record.recorded_by) == (enrolment, True, "grid", trainer)


def test_the_grid_ignores_enrolments_of_other_waves_and_withdrawn_ones(
    client, staff, course, cohort, enrolment, session_now
):
    stranger = enrol(verified(UserFactory()), build_cohort(course, name="Gelombang 2"))
    leaver = enrol(verified(UserFactory()), cohort)
    withdraw(leaver)
    client.force_login(staff)
    response = client.post(grid_url(session_now), {"present": [enrolment.pk, stranger.pk, leaver.pk, "x"]})
    assert response.status_code == 302
    assert present_ids(session_now) == {enrolment.pk}
    records = record_attendance(session_now, {stranger.pk: True}, recorder=staff)
    assert records == [] and not AttendanceRecord.objects.filter(enrolment=stranger).exists()


def test_saving_the_grid_keeps_a_qr_check_in_made_while_it_was_open(
    client, trainer, cohort, enrolment, classmate, session_now
):
    teach(trainer, cohort)
    record_attendance(session_now, {enrolment.pk: True}, recorder=trainer)
    client.force_login(trainer)
    assert 'name="was_present"' in client.get(grid_url(session_now)).content.decode()
    check_in(classmate.user, checkin_token(session_now))  # after the grid was drawn
    # The trainer unticks the first participant and leaves the second row as drawn (unticked).
    client.post(grid_url(session_now), {"was_present": [enrolment.pk]})
    assert present_ids(session_now) == {classmate.pk}
    assert AttendanceRecord.objects.get(enrolment=enrolment).present is False


def test_a_trainer_of_another_wave_cannot_take_attendance(client, trainer, course, enrolment, session_now):
    teach(trainer, build_cohort(course, name="Gelombang 2"))
    client.force_login(trainer)
    assert client.get(grid_url(session_now)).status_code == 404
    assert client.post(grid_url(session_now), {"present": [enrolment.pk]}).status_code == 404
    assert client.get(reverse("courses_session:checkin_qr", args=[session_now.pk])).status_code == 404
    with pytest.raises(AttendanceRefused):
        record_attendance(session_now, {enrolment.pk: True}, recorder=trainer)
    assert not AttendanceRecord.objects.exists()


def test_a_participant_cannot_reach_the_grid_or_record_attendance(client, enrolment, session_now):
    client.force_login(enrolment.user)
    response = client.post(grid_url(session_now), {"present": [enrolment.pk]})
    assert response.status_code == 302
    with pytest.raises(AttendanceRefused):
        record_attendance(session_now, {enrolment.pk: True}, recorder=enrolment.user)
    assert not AttendanceRecord.objects.exists()


def test_attendance_cannot_be_recorded_days_before_a_session(client, staff, cohort, enrolment):
    later = session_at(cohort, timezone.now() + timedelta(days=2))
    client.force_login(staff)
    response = client.post(grid_url(later), {"present": [enrolment.pk]}, follow=True)
    assert response.status_code == 200
    assert not AttendanceRecord.objects.exists()


def test_the_qr_page_shows_a_code_for_the_check_in_link(client, trainer, cohort, session_now):
    teach(trainer, cohort)
    client.force_login(trainer)
    response = client.get(reverse("courses_session:checkin_qr", args=[session_now.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="checkin-qr"' in html and "<svg" in html and "/hadir/" in html
    assert 'http-equiv="refresh" content="' in html  # the code's rotation: tests/courses/test_checkin.py


# --- What attending completes ------------------------------------------------------------


def test_an_attendance_lesson_completes_when_the_participant_is_marked_present(staff, lesson, enrolment, cohort):
    lesson.completion_mode = CompletionMode.ATTENDANCE
    lesson.save()
    session = session_at(cohort, timezone.now() - timedelta(hours=1), lesson=lesson)
    record_attendance(session, {enrolment.pk: True}, recorder=staff)
    progress = LessonProgress.objects.get(enrolment=enrolment, lesson=lesson)
    assert progress.completed_at is not None


def test_minimum_attendance_holds_back_completion_until_it_is_met(staff, participant):
    course = build_course(title="Jurnalisme Warga", modules=1, lessons=1)
    course.min_attendance_percent = 50
    course.save()
    cohort = build_cohort(course)
    enrolment = enrol(participant, cohort)
    first, _second = (session_at(cohort, timezone.now() - timedelta(days=days)) for days in (2, 1))
    complete_lesson(enrolment, course.get_lessons().first().specific)
    assert Enrolment.objects.get(pk=enrolment.pk).status == "active"  # 0 of 2 sessions attended
    record_attendance(first, {enrolment.pk: True}, recorder=staff)
    assert Enrolment.objects.get(pk=enrolment.pk).status == "completed"  # 1 of 2 = 50%


def test_an_absent_mark_completes_nothing(staff, lesson, enrolment, cohort):
    lesson.completion_mode = CompletionMode.ATTENDANCE
    lesson.save()
    session = session_at(cohort, timezone.now() - timedelta(hours=1), lesson=lesson)
    record_attendance(session, {enrolment.pk: False}, recorder=staff)
    assert not LessonProgress.objects.filter(enrolment=enrolment, completed_at__isnull=False).exists()


# --- QR check-in ----------------------------------------------------------------------------


def checkin_page(token):
    return reverse("courses:check_in", args=[token])


def test_a_participant_checks_in_with_the_code_shown_in_the_room(client, enrolment, session_now):
    url = checkin_page(checkin_token(session_now))
    client.force_login(enrolment.user)
    assert 'id="checkin-confirm"' in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:schedule", args=[session_now.cohort_id])
    record = AttendanceRecord.objects.get(session=session_now)
    assert (record.enrolment, record.present, record.method) == (enrolment, True, "qr")
    assert record.recorded_by == enrolment.user


def test_check_in_sends_a_visitor_to_log_in_and_back(client, session_now):
    url = checkin_page(checkin_token(session_now))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login")) and "hadir" in response["Location"]


def test_scanning_twice_keeps_one_present_record(client, enrolment, session_now):
    url = checkin_page(checkin_token(session_now))
    client.force_login(enrolment.user)
    client.post(url)
    assert 'id="checkin-done"' in client.get(url).content.decode()
    client.post(url)
    assert AttendanceRecord.objects.filter(session=session_now).count() == 1


def test_an_expired_code_is_refused(client, enrolment, session_now):
    token = checkin_token(session_now, now=timezone.now() - timedelta(minutes=11))
    client.force_login(enrolment.user)
    for method in (client.get, client.post):
        response = method(checkin_page(token))
        assert response.status_code == 400
        assert 'data-reason="expired"' in response.content.decode()
    assert not AttendanceRecord.objects.exists()


@pytest.mark.parametrize("forge", ["other_session", "other_step", "garbled", "unsigned"])
def test_a_forged_or_garbled_code_is_refused(client, cohort, enrolment, session_now, forge):
    other = session_at(cohort, session_now.starts_at)
    genuine = checkin_token(session_now)
    session_pk, step, code = genuine.split("-")
    token = {
        "other_session": f"{other.pk}-{step}-{code}",
        "other_step": f"{session_pk}-{int(step) - 1}-{code}",
        "garbled": genuine[:-3] + "xyz",
        "unsigned": str(session_now.pk),
    }[forge]
    client.force_login(enrolment.user)
    response = client.post(checkin_page(token))
    assert response.status_code == 400
    assert 'data-reason="invalid"' in response.content.decode()
    assert not AttendanceRecord.objects.exists()


def test_a_participant_of_another_wave_is_refused(client, course, other_participant, session_now):
    enrol(other_participant, build_cohort(course, name="Gelombang 2"))
    client.force_login(other_participant)
    response = client.post(checkin_page(checkin_token(session_now)))
    assert response.status_code == 403
    assert 'data-reason="not_participant"' in response.content.decode()
    assert not AttendanceRecord.objects.exists()


@pytest.mark.parametrize(("starts_in", "reason"), [(timedelta(days=-1), "closed"), (timedelta(hours=3), "not_open")])
def test_check_in_is_refused_outside_the_sessions_day(enrolment, cohort, starts_in, reason):
    session = session_at(cohort, timezone.now() + starts_in)
    with pytest.raises(CheckInRefused) as refusal:
        check_in(enrolment.user, checkin_token(session))
    assert refusal.value.code == reason
    assert not AttendanceRecord.objects.exists()


def test_check_in_corrects_an_earlier_absent_mark(staff, enrolment, session_now):
    record_attendance(session_now, {enrolment.pk: False}, recorder=staff)
    record = check_in(enrolment.user, checkin_token(session_now))
    assert (record.present, record.method) == (True, "qr")
