"""QR check-in needs presence (issue 16, point 3): the room's code rotates every 30 s, a
code older than 60 s is refused, and each check-in is on the trainer's live list to confirm
or undo."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.attendance import (
    CHECKIN_MAX_AGE,
    CHECKIN_STEP,
    AttendanceRefused,
    CheckInRefused,
    check_in,
    checkin_token,
    confirm_check_in,
    record_attendance,
    undo_check_in,
)
from courses.enrolment import enrol
from courses.models import AttendanceRecord, CohortSession, CompletionMode, LessonProgress
from tests.factories import UserFactory, verified


@pytest.fixture
def session_now(cohort):
    """A session of the wave that started half an hour ago."""
    starts_at = timezone.now() - timedelta(minutes=30)
    return CohortSession.objects.create(
        cohort=cohort, title="Praktik editing", starts_at=starts_at, ends_at=starts_at + timedelta(hours=3)
    )


@pytest.fixture
def wave_trainer(trainer, cohort):
    cohort.trainers.add(trainer)
    cohort.save()  # modelcluster keeps parental relations in memory until save
    return trainer


def live_list(session):
    return reverse("courses_session:checkins", args=[session.pk])


# --- The rotating code ----------------------------------------------------------------


def test_the_code_changes_every_thirty_seconds(session_now):
    now = timezone.now().replace(second=0, microsecond=0)  # the start of a time step
    codes = {checkin_token(session_now, now=now + timedelta(seconds=s)) for s in range(0, 4 * CHECKIN_STEP, 10)}
    assert CHECKIN_STEP == 30 and len(codes) == 4


def test_a_code_is_accepted_for_its_first_minute(enrolment, session_now):
    shown_at = timezone.now().replace(second=0, microsecond=0)  # the start of a time step
    token = checkin_token(session_now, now=shown_at)
    record = check_in(enrolment.user, token, now=shown_at + timedelta(seconds=CHECKIN_MAX_AGE))
    assert (record.present, record.method) == (True, "qr")


def test_a_code_older_than_a_minute_is_refused(enrolment, session_now):
    shown_at = timezone.now().replace(second=0, microsecond=0)
    token = checkin_token(session_now, now=shown_at)
    with pytest.raises(CheckInRefused) as refusal:
        check_in(enrolment.user, token, now=shown_at + timedelta(seconds=CHECKIN_MAX_AGE + 1))
    assert refusal.value.code == "expired"
    assert not AttendanceRecord.objects.exists()


def test_a_photo_sent_to_the_group_chat_stops_working_within_a_minute(client, enrolment, session_now):
    photo = checkin_token(session_now, now=timezone.now() - timedelta(seconds=CHECKIN_STEP + CHECKIN_MAX_AGE))
    client.force_login(enrolment.user)
    response = client.post(reverse("courses:check_in", args=[photo]))
    assert response.status_code == 400
    assert 'data-reason="expired"' in response.content.decode()
    assert not AttendanceRecord.objects.exists()


def test_a_code_from_the_future_is_refused(enrolment, session_now):
    token = checkin_token(session_now, now=timezone.now() + timedelta(minutes=5))
    with pytest.raises(CheckInRefused) as refusal:
        check_in(enrolment.user, token)
    assert refusal.value.code == "invalid"


def test_the_qr_page_reloads_itself_when_the_next_code_starts(client, wave_trainer, session_now):
    client.force_login(wave_trainer)
    html = client.get(reverse("courses_session:checkin_qr", args=[session_now.pk])).content.decode()
    refresh = int(html.split('http-equiv="refresh" content="')[1].split('"')[0])
    assert 1 <= refresh <= CHECKIN_STEP
    assert "30 detik" in html and "60 detik" in html


# --- The trainer's live list ------------------------------------------------------------


def test_each_check_in_appears_on_the_trainers_live_list(client, wave_trainer, enrolment, session_now):
    record = check_in(enrolment.user, checkin_token(session_now))
    client.force_login(wave_trainer)
    response = client.get(live_list(session_now))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="checkin-{record.pk}"' in html and "Sari Wulandari" in html
    assert 'http-equiv="refresh" content="15"' in html


def test_the_trainer_confirms_a_check_in(client, wave_trainer, enrolment, session_now):
    record = check_in(enrolment.user, checkin_token(session_now))
    client.force_login(wave_trainer)
    response = client.post(live_list(session_now), {"action": "confirm", "record": record.pk})
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.present, record.method, record.confirmed_by) == (True, "qr", wave_trainer)
    assert record.confirmed_at is not None


def test_the_trainer_undoes_a_check_in_by_someone_not_in_the_room(client, wave_trainer, enrolment, session_now):
    record = check_in(enrolment.user, checkin_token(session_now))
    client.force_login(wave_trainer)
    response = client.post(live_list(session_now), {"action": "undo", "record": record.pk})
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.present, record.method, record.recorded_by) == (False, "grid", wave_trainer)
    assert f'id="checkin-{record.pk}"' not in client.get(live_list(session_now)).content.decode()


def test_undoing_a_check_in_reopens_the_attendance_lesson_it_completed(wave_trainer, lesson, enrolment, session_now):
    lesson.completion_mode = CompletionMode.ATTENDANCE
    lesson.save()
    session_now.lesson = lesson
    session_now.save()
    record = check_in(enrolment.user, checkin_token(session_now))
    assert LessonProgress.objects.get(enrolment=enrolment, lesson=lesson).completed_at is not None
    undo_check_in(session_now, record.pk, trainer=wave_trainer)
    assert LessonProgress.objects.get(enrolment=enrolment, lesson=lesson).completed_at is None


def test_a_trainer_of_another_wave_cannot_confirm_or_undo(trainer, enrolment, session_now):
    record = check_in(enrolment.user, checkin_token(session_now))
    for use_case in (confirm_check_in, undo_check_in):
        with pytest.raises(AttendanceRefused):
            use_case(session_now, record.pk, trainer=trainer)
    record.refresh_from_db()
    assert (record.present, record.confirmed_by) == (True, None)


def test_a_grid_mark_or_another_sessions_record_is_not_on_the_list(staff, wave_trainer, cohort, enrolment, session_now):
    classmate = enrol(verified(UserFactory(full_name="Budi Hadir")), cohort)
    marked = record_attendance(session_now, {classmate.pk: True}, recorder=staff)[0]
    with pytest.raises(AttendanceRefused):
        undo_check_in(session_now, marked.pk, trainer=wave_trainer)
    assert AttendanceRecord.objects.get(pk=marked.pk).present
