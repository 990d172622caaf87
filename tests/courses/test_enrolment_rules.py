"""Enrolment rules: seats by segment, the waitlist, and refusals that change nothing."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from courses.enrolment import EnrolmentRefused, approve, enrol, move, reject, withdraw
from courses.models import Cohort, Enrolment, EnrolmentStatus
from tests.factories import UserFactory, build_cohort, make_users


def positions(cohort, segment="public"):
    return list(
        Enrolment.objects.filter(cohort=cohort, segment=segment, status="waitlisted")
        .order_by("waitlist_position")
        .values_list("waitlist_position", flat=True)
    )


def test_a_free_seat_makes_the_registrant_active(participant, cohort):
    enrolment = enrol(participant, cohort)
    assert enrolment.status == EnrolmentStatus.ACTIVE
    assert enrolment.segment == "public" and enrolment.course_id == cohort.course_id


def test_a_full_segment_puts_the_next_registrant_on_the_waitlist_in_order(course):
    cohort = build_cohort(course, seats={"public": 2})
    results = [enrol(user, cohort) for user in make_users(5)]
    assert [e.status for e in results] == ["active", "active", "waitlisted", "waitlisted", "waitlisted"]
    assert positions(cohort) == [1, 2, 3]


def test_segments_have_their_own_seats(course, asn_participant):
    cohort = build_cohort(course, seats={"public": 1, "asn": 1})
    enrol(make_users(1)[0], cohort)
    assert enrol(asn_participant, cohort).status == "active"


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [(1, 7, "dibuka pada"), (-7, -1, "sudah ditutup")],
)
def test_registration_outside_its_window_is_refused(participant, course, opens, closes, message):
    cohort = build_cohort(course, opens_in_days=opens, closes_in_days=closes)
    with pytest.raises(EnrolmentRefused, match=message):
        enrol(participant, cohort)
    assert not Enrolment.objects.exists()


def test_a_segment_the_course_does_not_admit_is_refused(participant, course, cohort):
    course.eligible_segments = ["asn"]
    course.save()
    with pytest.raises(EnrolmentRefused, match="tidak terbuka untuk segmen"):
        enrol(participant, cohort)
    assert not Enrolment.objects.exists()


def test_an_asn_without_a_valid_nip_is_refused(course, cohort):
    user = UserFactory(asn=True)
    type(user).objects.filter(pk=user.pk).update(nip="", opd="")
    user.refresh_from_db()
    with pytest.raises(EnrolmentRefused, match="NIP"):
        enrol(user, cohort)
    assert not Enrolment.objects.exists()


def test_a_wave_without_a_quota_for_the_segment_is_refused(participant, course):
    cohort = build_cohort(course, seats={"asn": 10})
    with pytest.raises(EnrolmentRefused):
        enrol(participant, cohort)


def test_a_second_wave_of_the_same_course_is_refused(participant, course, cohort):
    other = build_cohort(course, name="Gelombang 2")
    enrol(participant, cohort)
    with pytest.raises(EnrolmentRefused, match="gelombang lain"):
        enrol(participant, other)
    assert Enrolment.objects.filter(user=participant).count() == 1


def test_a_full_wave_with_a_closed_waitlist_is_refused(participant, course):
    cohort = build_cohort(course, seats={"public": 1}, waitlist_open=False)
    enrol(make_users(1)[0], cohort)
    with pytest.raises(EnrolmentRefused, match="daftar tunggu"):
        enrol(participant, cohort)
    assert Enrolment.objects.count() == 1


def test_withdrawing_frees_the_seat_for_the_first_waiting_who_is_emailed(course, django_capture_on_commit_callbacks):
    cohort = build_cohort(course, seats={"public": 1})
    first, second, third = (enrol(user, cohort) for user in make_users(3))
    with django_capture_on_commit_callbacks(execute=True):
        promoted = withdraw(first)
    assert promoted.pk == second.pk
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, second.waitlist_position) == ("active", None)
    assert (third.status, third.waitlist_position) == ("waitlisted", 1)
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert len(mail.outbox) == 2 and set(subjects) == {first.user.email, second.user.email}
    assert "Gelombang 1" in subjects[second.user.email]
    assert "dibatalkan" in subjects[first.user.email]  # the one who left is told too


def test_leaving_the_waitlist_closes_the_gap(course):
    cohort = build_cohort(course, seats={"public": 1})
    enrolments = [enrol(user, cohort) for user in make_users(5)]
    withdraw(enrolments[2])  # waitlist position 2 of 4
    assert positions(cohort) == [1, 2, 3]
    assert Enrolment.objects.get(pk=enrolments[4].pk).waitlist_position == 3


def test_a_withdrawn_participant_may_register_again(participant, cohort):
    withdraw(enrol(participant, cohort))
    assert enrol(participant, cohort).status == "active"


def test_approval_courses_queue_requests_for_staff(
    participant, staff, course, cohort, django_capture_on_commit_callbacks
):
    course.requires_approval = True
    course.save()
    enrolment = enrol(participant, cohort)
    assert enrolment.status == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        approve(enrolment, actor=staff)
    assert Enrolment.objects.get(pk=enrolment.pk).status == "active"
    assert mail.outbox and mail.outbox[0].to == [participant.email]


def test_a_rejection_needs_a_reason_which_the_participant_sees(participant, staff, course, cohort):
    course.requires_approval = True
    course.save()
    enrolment = enrol(participant, cohort)
    with pytest.raises(EnrolmentRefused):
        reject(enrolment, actor=staff, reason="  ")
    reject(enrolment, actor=staff, reason="Kuota OPD Anda sudah terpenuhi.")
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.decision_reason) == ("rejected", "Kuota OPD Anda sudah terpenuhi.")


def test_moving_to_another_wave_frees_the_old_seat_for_the_waitlist(course, staff):
    first_wave = build_cohort(course, seats={"public": 1})
    second_wave = build_cohort(course, name="Gelombang 2", seats={"public": 5})
    mover, waiting = (enrol(user, first_wave) for user in make_users(2))
    moved = move(mover, second_wave, actor=staff)
    assert (moved.cohort_id, moved.status) == (second_wave.pk, "active")
    assert Enrolment.objects.get(pk=waiting.pk).status == "active"
    assert Enrolment.objects.get(pk=mover.pk).status == "withdrawn"


def test_the_seat_summary_counts_each_segment(course):
    cohort = build_cohort(course, seats={"public": 2, "asn": 3})
    for user in make_users(3):
        enrol(user, cohort)
    summary = {row["segment"]: row for row in cohort.seat_summary()}
    assert (summary["public"]["taken"], summary["public"]["left"], summary["public"]["waiting"]) == (2, 0, 1)
    assert (summary["asn"]["seats"], summary["asn"]["taken"], summary["asn"]["left"]) == (3, 0, 3)


def test_the_database_refuses_two_live_enrolments_in_one_course(participant, course, cohort):
    from django.db import IntegrityError, transaction

    other = build_cohort(course, name="Gelombang 2")
    enrol(participant, cohort)
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(user=participant, course=course, cohort=other, segment="public", status="active")


def test_registration_opens_exactly_at_its_time(participant, course):
    cohort = build_cohort(course)
    with pytest.raises(EnrolmentRefused):
        enrol(participant, cohort, now=cohort.registration_opens_at - timedelta(seconds=1))
    assert enrol(participant, cohort, now=cohort.registration_opens_at).status == "active"
    assert cohort.registration_opens_at < timezone.now()


def test_registration_closed_by_staff_meanwhile_is_refused_though_the_wave_was_loaded_open(participant, course):
    cohort = build_cohort(course)
    Cohort.objects.filter(pk=cohort.pk).update(registration_closes_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(EnrolmentRefused, match="sudah ditutup") as refusal:
        enrol(participant, cohort)
    assert refusal.value.code == "window"
    assert not Enrolment.objects.filter(user=participant).exists()
