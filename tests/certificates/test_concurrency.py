"""One live certificate per enrolment and no serial twice, with many issuers at once.

Run on PostgreSQL (row lock on the serial counter, partial unique index on live
certificates) and on a SQLite file. Rendering is left out (the certificates stay
pending): what is raced here is the issuing.
"""

import pytest
from django.utils import timezone

from certificates import issuance
from certificates.models import Certificate, IssuanceBatch, SerialCounter
from courses.enrolment import enrol
from courses.models import Enrolment, EnrolmentStatus, LessonProgress
from tests.certificates.conftest import build_template, certificate_settings_for
from tests.concurrency import run_concurrently
from tests.factories import build_cohort, build_course, make_users

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.xdist_group("concurrency")]


@pytest.fixture
def no_rendering(monkeypatch):
    """Leave PDFs out: the race is about rows, and 200 renders would take a minute."""
    monkeypatch.setattr(issuance, "queue_renders", lambda ids: None)


def completed_wave(size, title="Kursus"):
    course = build_course(title=title, modules=1, lessons=1)
    settings = certificate_settings_for(course, build_template(name=title), issue_automatically=False)
    cohort = build_cohort(course, seats={"public": size + 10}, ended=True)
    for user in make_users(size, prefix=f"{title.lower()}-"):
        enrol(user, cohort)
    lesson = course.get_lessons().get()
    enrolments = Enrolment.objects.filter(cohort=cohort)
    LessonProgress.objects.bulk_create(
        LessonProgress(enrolment=enrolment, lesson_id=lesson.pk, completed_at=timezone.now())
        for enrolment in enrolments
    )
    enrolments.update(status=EnrolmentStatus.COMPLETED)
    return cohort, settings


def test_many_staff_issuing_the_same_enrolments_at_once_give_one_certificate_each(no_rendering, staff):
    cohort, settings = completed_wave(20)
    enrolments = list(Enrolment.objects.filter(cohort=cohort).select_related("user", "cohort"))
    attempts = enrolments * 5  # every enrolment issued five times, from 40 connections

    results, errors = run_concurrently(
        lambda e: issuance.issue(e, by=staff, settings=settings).pk, attempts, clients=40
    )

    assert errors == []
    assert len(set(results)) == 20
    assert Certificate.objects.count() == 20
    serials = sorted(Certificate.objects.values_list("serial", flat=True))
    assert len(set(serials)) == 20
    assert SerialCounter.objects.get().last_value == 20  # no number lost to a refused duplicate


def test_concurrent_bulk_batches_for_one_wave_issue_each_participant_once(no_rendering, staff):
    cohort, _settings = completed_wave(60)
    ids = list(Enrolment.objects.filter(cohort=cohort).values_list("pk", flat=True))
    # Four clicks on "issue to all eligible" whose batches all start at once.
    batches = [
        IssuanceBatch.objects.create(cohort=cohort, requested_by=staff, enrolment_ids=ids, requested=len(ids))
        for _ in range(4)
    ]

    _results, errors = run_concurrently(issuance.run_batch_now, batches, clients=4)

    assert errors == []
    assert Certificate.objects.count() == 60
    assert Certificate.objects.values("enrolment").distinct().count() == 60
    assert len(set(Certificate.objects.values_list("serial", flat=True))) == 60


def test_two_courses_sharing_a_serial_pattern_never_share_a_number(no_rendering, staff):
    waves = [completed_wave(30, title=f"Kursus{n}") for n in range(2)]
    enrolments = list(Enrolment.objects.select_related("user", "cohort"))

    def issue(enrolment):
        settings = next(s for c, s in waves if c.pk == enrolment.cohort_id)
        return issuance.issue(enrolment, by=staff, settings=settings).serial

    results, errors = run_concurrently(issue, enrolments, clients=30)

    assert errors == []
    assert sorted(int(serial.split("/")[0]) for serial in results) == list(range(1, 61))
