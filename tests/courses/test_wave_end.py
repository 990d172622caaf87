"""When a wave has ended: the later of its last day at 23:59 WIB and the end of its last session."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.utils import timezone

from courses.models import Cohort, CohortSession
from tests.factories import build_cohort


def wib(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def wave(course):
    cohort = build_cohort(course)
    cohort.starts_on, cohort.ends_on = date(2027, 1, 4), date(2027, 1, 8)
    cohort.save()
    return cohort


def ended_by(cohort, moment) -> tuple[bool, bool]:
    """What the object says and what the list says, which must agree."""
    return cohort.has_ended(moment), Cohort.objects.ended(moment).filter(pk=cohort.pk).exists()


def test_a_wave_without_sessions_ends_at_23_59_wib_on_its_last_day(wave):
    assert wave.ends_at() == wib(date(2027, 1, 8), 23, 59)
    assert ended_by(wave, wib(date(2027, 1, 8), 23, 58)) == (False, False)
    assert ended_by(wave, wib(date(2027, 1, 8), 23, 59)) == (True, True)
    # 17:00 UTC on the last day is already the next day in WIB.
    assert ended_by(wave, datetime(2027, 1, 8, 17, 0, tzinfo=UTC)) == (True, True)


def test_a_session_running_past_the_last_day_moves_the_end(wave):
    CohortSession.objects.create(
        cohort=wave, title="Malam penutupan", starts_at=wib(date(2027, 1, 8), 21), ends_at=wib(date(2027, 1, 9), 1)
    )
    assert wave.ends_at() == wib(date(2027, 1, 9), 1)
    assert ended_by(wave, wib(date(2027, 1, 9), 0, 30)) == (False, False)
    assert ended_by(wave, wib(date(2027, 1, 9), 1)) == (True, True)


def test_sessions_inside_the_wave_do_not_change_its_end(wave):
    CohortSession.objects.create(
        cohort=wave, title="Sesi 1", starts_at=wib(date(2027, 1, 5), 9), ends_at=wib(date(2027, 1, 5), 12)
    )
    assert wave.ends_at() == wib(date(2027, 1, 8), 23, 59)
    assert ended_by(wave, wib(date(2027, 1, 6), 9)) == (False, False)
    assert ended_by(wave, wib(date(2027, 1, 9), 9)) == (True, True)


def test_a_wave_running_now_has_not_ended(cohort):
    assert not cohort.has_ended()
    assert not Cohort.objects.ended().filter(pk=cohort.pk).exists()
    assert cohort.ends_at() - timezone.now() > timedelta(days=27)
