"""Seats are never oversold: many clients at once, on the real database.

These run on PostgreSQL (row locks) and on a SQLite file (BEGIN IMMEDIATE); see
courses/enrolment.py for why each holds. They share one xdist group so two of them
never run at once and the server's 100 connections suffice.
"""

import random

import pytest
from django.db import connection

from courses.enrolment import EnrolmentRefused, enrol, withdraw
from courses.models import Enrolment
from tests.concurrency import run_concurrently
from tests.factories import build_cohort, build_course, make_users

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.xdist_group("concurrency")]


def assert_quota_invariants(cohort):
    """No free seat while someone waits, no seat given twice, waitlist 1..n."""
    for row in cohort.seat_summary():
        assert row["taken"] <= row["seats"], row
        if row["taken"] < row["seats"]:
            assert row["waiting"] == 0, row
        positions = sorted(
            Enrolment.objects.filter(cohort=cohort, segment=row["segment"], status="waitlisted").values_list(
                "waitlist_position", flat=True
            )
        )
        assert positions == list(range(1, row["waiting"] + 1)), row


def test_200_simultaneous_registrations_for_70_seats_give_exactly_70(db_vendor_note):
    course = build_course(modules=1, lessons=1)
    cohort = build_cohort(course, seats={"public": 70})
    users = make_users(200)

    results, errors = run_concurrently(lambda user: enrol(user, cohort).status, users, clients=50)

    assert errors == []
    assert results.count("active") == 70 and results.count("waitlisted") == 130
    assert Enrolment.objects.filter(cohort=cohort, status="active").count() == 70
    assert_quota_invariants(cohort)


def test_one_person_registering_for_two_waves_at_once_gets_one_place():
    course = build_course(modules=1, lessons=1)
    waves = [build_cohort(course, name=f"Gelombang {n}", seats={"public": 50}) for n in range(1, 4)]
    users = make_users(30)
    attempts = [(user, wave) for user in users for wave in waves]
    random.Random(7).shuffle(attempts)

    results, errors = run_concurrently(lambda pair: enrol(*pair).status, attempts, clients=50)

    assert all(isinstance(error, EnrolmentRefused) for _, error in errors), errors
    assert len(results) == 30
    for user in users:
        assert Enrolment.objects.live().filter(user=user, course=course).count() == 1


def test_withdrawals_racing_with_registrations_leave_no_free_seat_and_no_double_seat():
    course = build_course(modules=1, lessons=1)
    cohort = build_cohort(course, seats={"public": 30, "asn": 20})
    first = [enrol(user, cohort) for user in make_users(60)]
    asn_first = [enrol(user, cohort) for user in make_users(30, segment="asn", prefix="asn")]
    leaving = [e for e in first + asn_first if e.status == "active"][:25] + [
        e for e in first + asn_first if e.status == "waitlisted"
    ][::4]
    newcomers = make_users(40, prefix="baru") + make_users(20, segment="asn", prefix="asnbaru")
    jobs = [("withdraw", e) for e in leaving] + [("enrol", u) for u in newcomers]
    random.Random(11).shuffle(jobs)

    def act(job):
        kind, subject = job
        return withdraw(subject) if kind == "withdraw" else enrol(subject, cohort)

    _, errors = run_concurrently(act, jobs, clients=50)

    assert errors == []
    assert_quota_invariants(cohort)
    summary = {row["segment"]: row for row in cohort.seat_summary()}
    assert summary["public"]["taken"] == 30 and summary["asn"]["taken"] == 20


@pytest.fixture
def db_vendor_note(capsys):
    yield
    with capsys.disabled():
        print(f"\n[concurrency] ran on {connection.vendor}")
