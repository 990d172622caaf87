"""Serial numbers: one counter per pattern as it prints, and no one left out of a batch for a number."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from certificates import issuance
from certificates.models import Certificate, IssuanceBatch, SerialCounter, validate_serial_pattern
from certificates.numbers import canonical_pattern, take_serials
from courses.enrolment import enrol
from courses.models import Enrolment, EnrolmentStatus, LessonProgress
from tests.certificates.conftest import build_template, certificate_settings_for
from tests.factories import build_cohort, build_course, make_users

YEAR = 2026


def ended_wave_with_completions(size, title="Kursus Serial", pattern="{seq:05d}/X/{year}"):
    course = build_course(title=title, modules=1, lessons=1)
    settings = certificate_settings_for(
        course, build_template(name=title), issue_automatically=False, serial_pattern=pattern
    )
    cohort = build_cohort(course, seats={"public": size + 5}, ended=True)
    for user in make_users(size, prefix=f"{title.lower().replace(' ', '-')}-"):
        enrol(user, cohort)
    lesson = course.get_lessons().get()
    enrolments = Enrolment.objects.filter(cohort=cohort)
    LessonProgress.objects.bulk_create(
        LessonProgress(enrolment=e, lesson_id=lesson.pk, completed_at=timezone.now()) for e in enrolments
    )
    enrolments.update(status=EnrolmentStatus.COMPLETED)
    return cohort, settings


@pytest.fixture
def no_rendering(monkeypatch):
    monkeypatch.setattr(issuance, "queue_renders", lambda ids: None)


def test_spellings_that_print_the_same_serials_have_one_canonical_form():
    same = [
        "{seq:05}/X/{year}",
        "{seq:05d}/X/{year}",
        "{seq:>05d}/X/{year}",
        "{seq:0=5}/X/{year:d}",
        "{seq:0>5d}/X/{year}",
    ]
    assert len({canonical_pattern(p) for p in same}) == 1
    assert (
        canonical_pattern("{seq}-{year}")
        == canonical_pattern("{seq:d}-{year!s}")
        == canonical_pattern("{seq:1}-{year}")
    )
    different = [
        "{seq:05d}/X/{year}",
        "{seq:06d}/X/{year}",
        "{seq:<05d}/X/{year}",
        "{seq:05d}/Y/{year}",
        "{seq:5d}/X/{year}",
    ]
    assert len({canonical_pattern(p) for p in different}) == len(different)


@given(
    spec=st.from_regex(r"\A(.?[<>=^])?[-+ ]?#?0?[0-9]{0,2}[,_]?d?\Z", fullmatch=True),
    seq=st.integers(min_value=1, max_value=10**9),
)
def test_a_canonical_spelling_prints_every_number_as_the_spelling_it_replaces(spec, seq):
    pattern = "N{seq:" + spec + "}/{year}"
    try:
        expected = pattern.format(seq=seq, year=YEAR)
    except ValueError:
        return  # not a pattern the settings form accepts
    assert canonical_pattern(pattern).format(seq=seq, year=YEAR) == expected


def test_two_spellings_of_one_pattern_share_one_sequence(db):
    assert take_serials("{seq:05}/X/{year}", YEAR, 2) == [f"00001/X/{YEAR}", f"00002/X/{YEAR}"]
    assert take_serials("{seq:05d}/X/{year}", YEAR) == [f"00003/X/{YEAR}"]
    assert SerialCounter.objects.get().last_value == 3


def test_the_migration_merges_counters_of_one_pattern_keeping_the_highest_number(db):
    from importlib import import_module

    merge = import_module("certificates.migrations.0007_serial_counters_by_canonical_pattern").merge_counters
    SerialCounter.objects.bulk_create(
        [
            SerialCounter(pattern="{seq:05}/X/{year}", year=YEAR, last_value=7),
            SerialCounter(pattern="{seq:05d}/X/{year}", year=YEAR, last_value=4),
            SerialCounter(pattern="{seq:05d}/X/{year}", year=YEAR - 1, last_value=9),
            SerialCounter(pattern="SRT-{seq}", year=0, last_value=2),
        ]
    )
    merge(apps, None)
    counters = {(c.pattern, c.year): c.last_value for c in SerialCounter.objects.all()}
    assert counters == {
        (canonical_pattern("{seq:05d}/X/{year}"), YEAR): 7,
        (canonical_pattern("{seq:05d}/X/{year}"), YEAR - 1): 9,
        (canonical_pattern("SRT-{seq}"), 0): 2,
    }
    assert take_serials("{seq:05d}/X/{year}", YEAR) == [f"00008/X/{YEAR}"]


def test_a_pattern_that_prints_one_number_for_everyone_is_refused():
    with pytest.raises(ValidationError):
        validate_serial_pattern("{seq!s:.0}SRT/{year}")


def test_a_batch_over_serials_already_taken_issues_everyone(db, no_rendering, staff):
    cohort, settings = ended_wave_with_completions(4, pattern="0{seq:04d}/X/{year}")
    year = timezone.now().year
    # The pattern was "{seq:05d}/X/{year}" before: its certificates hold 00002 and 00003.
    other, _ = ended_wave_with_completions(2, title="Kursus Lama", pattern="{seq:05d}/X/{year}")
    for enrolment, serial in zip(Enrolment.objects.filter(cohort=other), ["00002", "00003"], strict=True):
        cert = issuance._new_certificate(enrolment, settings, f"{serial}/X/{year}", now=timezone.now())
        cert.save()
    batch = issuance.start_batch(cohort, by=staff)
    issuance.run_batch_now(batch)

    batch.refresh_from_db()
    issued = Certificate.objects.filter(batch=batch)
    assert (batch.requested, batch.created, batch.skipped) == (4, 4, 0)
    assert sorted(c.serial.split("/")[0] for c in issued) == ["00001", "00004", "00005", "00006"]


def test_a_serial_taken_by_a_racing_issuer_is_replaced_not_skipped(db, no_rendering, staff, monkeypatch):
    cohort, settings = ended_wave_with_completions(3)
    other, _ = ended_wave_with_completions(1, title="Kursus Pesaing")
    rival = Enrolment.objects.get(cohort=other)
    real_take = issuance.take_serials

    def take_then_race(pattern, year, count=1):
        serials = real_take(pattern, year, count)
        if not Certificate.objects.filter(enrolment=rival).exists():
            # Another issuer, whose pattern prints the same numbers, saves the second one first.
            issuance._new_certificate(rival, settings, serials[1], now=timezone.now()).save()
        return serials

    monkeypatch.setattr(issuance, "take_serials", take_then_race)
    batch = issuance.start_batch(cohort, by=staff)
    issuance.run_batch_now(batch)

    batch.refresh_from_db()
    assert (batch.created, batch.skipped) == (3, 0)
    assert Certificate.objects.filter(batch=batch).count() == 3
    assert Certificate.objects.values("serial").distinct().count() == 4
    assert IssuanceBatch.objects.count() == 1
