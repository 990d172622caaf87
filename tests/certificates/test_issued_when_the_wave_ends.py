"""Certificates are issued once the rule holds and the wave has ended: automatically by
`issue_due_certificates` (cron, and `make run`'s loop), or early by staff with a written reason.

Sari finishes every lesson long before her wave ends; the course asks for 80 % attendance.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from certificates import issuance
from certificates.models import Certificate, CertificateEvent, IssuanceBatch
from courses.enrolment import enrol
from courses.models import AttendanceRecord, CohortSession
from tests.certificates.conftest import certificate_settings_for, complete_course
from tests.concurrency import run_concurrently
from tests.factories import build_cohort, build_course, make_users


@pytest.fixture
def strict_course(course):
    course.min_attendance_percent = 80
    course.save_revision().publish()
    certificate_settings_for(course, kind="completion", issue_automatically=True)
    return course


def end_wave(cohort, days_ago=1):
    """Move the wave into the past: it ended `days_ago` days ago, with five sessions held."""
    today = timezone.localdate()
    cohort.starts_on, cohort.ends_on = today - timedelta(days=days_ago + 10), today - timedelta(days=days_ago)
    cohort.save()
    start = timezone.now() - timedelta(days=days_ago + 6)
    return [
        CohortSession.objects.create(
            cohort=cohort,
            title=f"Sesi {n}",
            starts_at=start + timedelta(days=n),
            ends_at=start + timedelta(days=n, hours=2),
        )
        for n in range(5)
    ]


def attend(enrolment, sessions):
    AttendanceRecord.objects.bulk_create(
        AttendanceRecord(session=s, enrolment=enrolment, present=True) for s in sessions
    )


def test_finishing_every_lesson_before_the_wave_ends_issues_nothing_until_it_has_ended(
    strict_course, cohort, participant, django_capture_on_commit_callbacks
):
    cohort = build_cohort(strict_course, name="Gelombang Desember")  # runs two to four weeks from now
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = complete_course(enrol(participant, cohort))
        call_command("issue_due_certificates")
    assert not Certificate.objects.exists()  # main issued 00001 here, dated today, with 0 % attendance
    sessions = end_wave(cohort)
    attend(enrolment, sessions[:3])  # 60 %
    call_command("issue_due_certificates")
    assert not Certificate.objects.exists()
    attend(enrolment, sessions[3:4])  # 80 %
    with django_capture_on_commit_callbacks(execute=True):
        call_command("issue_due_certificates")
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.status == "issued" and certificate.issued_at > cohort.ends_at()


def test_running_the_command_again_issues_nothing_twice(strict_course, cohort, participant, other_participant):
    enrolments = [complete_course(enrol(person, cohort)) for person in (participant, other_participant)]
    for enrolment in enrolments:
        attend(enrolment, end_wave(cohort) if enrolment is enrolments[0] else CohortSession.objects.all())
    call_command("issue_due_certificates")
    call_command("issue_due_certificates")
    assert Certificate.objects.count() == 2
    assert sorted(Certificate.objects.values_list("enrolment", flat=True)) == sorted(e.pk for e in enrolments)


def test_a_participant_who_completes_after_the_wave_ended_gets_theirs_at_once(
    strict_course, participant, django_capture_on_commit_callbacks
):
    cohort = build_cohort(strict_course, name="Gelombang Lalu")
    enrolment = enrol(participant, cohort)
    attend(enrolment, end_wave(cohort))
    with django_capture_on_commit_callbacks(execute=True):
        complete_course(enrolment)
    assert Certificate.objects.get(enrolment=enrolment).issued_by is None


def test_waves_that_ended_more_than_thirty_days_ago_are_left_to_staff(strict_course, participant):
    cohort = build_cohort(strict_course, name="Gelombang Lama")
    enrolment = complete_course(enrol(participant, cohort))
    attend(enrolment, end_wave(cohort, days_ago=45))
    call_command("issue_due_certificates")
    assert not Certificate.objects.exists()
    assert issuance.issue(enrolment).enrolment_id == enrolment.pk  # staff may still issue it


@pytest.mark.postgres
@pytest.mark.xdist_group("concurrency")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_at_once_issue_each_certificate_once_with_no_serial_lost(monkeypatch):
    monkeypatch.setattr(issuance, "queue_renders", lambda ids: None)  # rows are raced here, not PDFs
    course = build_course(modules=1, lessons=1)
    settings = certificate_settings_for(course, issue_automatically=False)  # none issued on completion here
    cohort = build_cohort(course, seats={"public": 40}, ended=True)
    for user in make_users(30, prefix="serentak-"):
        complete_course(enrol(user, cohort))
    type(settings).objects.filter(pk=settings.pk).update(issue_automatically=True)

    results, errors = run_concurrently(lambda _: sum(issuance.issue_due().values()), range(4), clients=4)

    assert errors == [] and sum(results) == 30
    assert Certificate.objects.count() == 30 == Certificate.objects.values("enrolment").distinct().count()
    assert sorted(int(s.split("/")[0]) for s in Certificate.objects.values_list("serial", flat=True)) == list(
        range(1, 31)
    )


# --- Staff issuing early --------------------------------------------------------------------


@pytest.fixture
def running_wave(course, participant):
    """A wave that ends in four weeks, whose participant has met the requirements already."""
    certificate_settings_for(course, issue_automatically=False)
    cohort = build_cohort(course)
    complete_course(enrol(participant, cohort))
    return cohort


def test_staff_cannot_issue_before_the_wave_ends_without_a_reason(client, staff, running_wave):
    client.force_login(staff)
    url = reverse("certificates_issuance:cohort", args=[running_wave.pk])
    page = client.get(url).content.decode()
    assert 'data-wave-ended="false"' in page and 'name="early_reason"' in page
    response = client.post(url, {"scope": "all"})
    assert response.status_code == 200
    assert "Gelombang belum berakhir" in response.content.decode()
    assert not IssuanceBatch.objects.exists() and not Certificate.objects.exists()


def test_staff_issue_early_with_a_reason_that_the_audit_trail_keeps(
    client, staff, running_wave, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    url = reverse("certificates_issuance:cohort", args=[running_wave.pk])
    reason = "Peserta diutus ke Jakarta sebelum penutupan."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"scope": "all", "early_reason": reason})
    batch = IssuanceBatch.objects.get()
    assert response.status_code == 302 and batch.early_reason == reason
    event = CertificateEvent.objects.get(action="issued")
    assert event.actor == staff and reason in event.note
    inspect = client.get(reverse("certificates_certificate:inspect", args=[event.certificate_id])).content.decode()
    assert reason in inspect


def test_one_certificate_issued_early_needs_a_reason_too(running_wave, staff):
    enrolment = running_wave.enrolments.get()
    with pytest.raises(issuance.IssuanceError, match="belum berakhir"):
        issuance.issue(enrolment, by=staff)
    certificate = issuance.issue(enrolment, by=staff, early_reason="Mutasi tugas")
    assert "Mutasi tugas" in certificate.events.get().note
