"""Issuing certificates: automatically on completion, by staff, once per enrolment, with numbers and codes."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certificates import issuance
from certificates.issuance import IssuanceError, eligibility_for_cohort, issue, reissue, revoke
from certificates.models import Certificate, CertificateKind, CertificateStatus, SerialCounter
from certificates.numbers import CODE_ALPHABET, CODE_LENGTH, canonical_pattern, new_code, normalise_code, take_serials
from courses.enrolment import enrol, withdraw
from courses.models import AttendanceRecord, CohortSession, LessonPage
from courses.progress import complete_lesson
from tests.certificates.conftest import build_template, certificate_settings_for, complete_course
from tests.factories import build_cohort, build_course, make_users

# --- Automatic issuance ------------------------------------------------------------------


def test_completing_a_course_that_issues_automatically_issues_a_rendered_certificate(
    course_settings, enrolment, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complete_course(enrolment)
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.status == "issued", certificate.last_error
    assert re.fullmatch(rf"00001/DISKOMINFO/{timezone.now().year}", certificate.serial)
    assert certificate.issued_by is None  # automatic
    assert (certificate.holder_name, certificate.course_title, certificate.cohort_name) == (
        "Sari Wulandari",
        enrolment.course.title,
        enrolment.cohort.name,
    )
    assert certificate.learning_hours == 32
    assert (certificate.issuer, certificate.place) == ("Dinas Komunikasi dan Informatika Kota Surakarta", "Surakarta")
    assert certificate.pdf.read().startswith(b"%PDF-")
    assert len(certificate.sha256) == 64
    assert [e.action for e in certificate.events.all()] == ["issued", "rendered"]
    enrolment.user.refresh_from_db()
    assert enrolment.user.full_name_locked_at is not None


def test_the_holder_gets_an_email_with_links_once_the_pdf_is_ready(
    course_settings, enrolment, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complete_course(enrolment)
    certificate = Certificate.objects.get(enrolment=enrolment)
    [message] = mail.outbox
    assert message.to == ["sari@contoh.id"]
    assert certificate.serial in message.body
    assert certificate.get_verification_url() in message.body and "/sertifikat/" in message.body
    assert "Sertifikat" in message.subject  # Indonesian by default


@pytest.mark.parametrize("automatic", [False, None])
def test_no_certificate_without_settings_or_when_the_course_does_not_issue_automatically(
    automatic, course, enrolment, django_capture_on_commit_callbacks
):
    if automatic is False:
        certificate_settings_for(course, issue_automatically=False)
    with django_capture_on_commit_callbacks(execute=True):
        complete_course(enrolment)
    assert enrolment.status == "completed"
    assert not Certificate.objects.exists()
    assert mail.outbox == []


def count_queries_with_callbacks(callable_, capture):
    """Queries of `callable_` and of everything it queues for after commit (receiver, issue, render)."""
    with CaptureQueriesContext(connection) as context, capture(execute=True):
        callable_()
    return len(context)


@pytest.mark.parametrize("with_settings", [True, False])
def test_completing_the_last_lesson_with_the_certificate_receiver_costs_the_same_for_5_and_60_lessons(
    with_settings, db, django_capture_on_commit_callbacks
):
    counts = []
    for per_module in (1, 12):
        course = build_course(title=f"Kursus {per_module}", modules=5, lessons=per_module)
        if with_settings:  # a template each: both renders look its signatories up
            certificate_settings_for(course, build_template(name=f"Templat {per_module}"))
        user = make_users(1, prefix=f"q{per_module}-")[0]
        enrolment = enrol(user, build_cohort(course, ended=True))
        lessons = [lesson.specific for lesson in course.get_lessons()]
        for lesson in lessons[:-1]:
            complete_lesson(enrolment, lesson)
        counts.append(
            count_queries_with_callbacks(
                lambda e=enrolment, last=lessons[-1]: complete_lesson(e, last), django_capture_on_commit_callbacks
            )
        )
        assert Certificate.objects.filter(enrolment=enrolment, status="issued").exists() is with_settings
    print(f"queries to complete the last lesson of 5 and 60 lessons, certificate issued={with_settings}: {counts}")
    assert counts[0] == counts[1], counts


def test_a_failing_automatic_issue_does_not_undo_the_completion(
    course, enrolment, django_capture_on_commit_callbacks, caplog
):
    settings = certificate_settings_for(course, serial_pattern="{seq:05d}/X/{year}")
    type(settings).objects.filter(pk=settings.pk).update(serial_pattern="{nope}")  # broken behind the form's back
    with django_capture_on_commit_callbacks(execute=True):
        complete_course(enrolment)
    enrolment.refresh_from_db()
    assert enrolment.status == "completed"
    assert not Certificate.objects.exists()
    assert "staff can issue it by hand" in caplog.text


# --- Eligibility -----------------------------------------------------------------------------


def add_sessions(cohort, count):
    start = timezone.now() - timedelta(days=count + 1)
    return [
        CohortSession.objects.create(
            cohort=cohort,
            title=f"Sesi {n}",
            starts_at=start + timedelta(days=n),
            ends_at=start + timedelta(days=n, hours=2),
        )
        for n in range(count)
    ]


def attend(enrolment, sessions):
    for session in sessions:
        AttendanceRecord.objects.create(session=session, enrolment=enrolment, present=True)


def test_eligibility_gives_each_reason_a_participant_is_not_eligible(course, cohort, participant, other_participant):
    settings = certificate_settings_for(course, issue_automatically=False)
    course.min_attendance_percent = 75
    course.save()
    lessons = [lesson.specific for lesson in course.get_lessons()]
    LessonPage.objects.filter(pk=lessons[-1].pk).update(completion_mode="quiz")
    sessions = add_sessions(cohort, 4)
    behind, done = enrol(participant, cohort), enrol(other_participant, cohort)
    complete_lesson(behind, lessons[0])
    attend(behind, sessions[:1])
    attend(done, sessions)
    for lesson in lessons:
        complete_lesson(done, lesson)

    rows = {row.enrolment.pk: row for row in eligibility_for_cohort(cohort, settings)}

    assert rows[done.pk].eligible and rows[done.pk].reasons == []
    assert rows[behind.pk].reasons == [
        "4 pelajaran wajib belum selesai",
        "1 kuis belum lulus",
        "Kehadiran 25% di bawah minimum 75%",
    ]
    with pytest.raises(IssuanceError, match="pelajaran wajib belum selesai"):
        issue(behind, settings=settings)
    assert not Certificate.objects.filter(enrolment=behind).exists()


def test_a_participation_certificate_needs_the_attendance_minimum_only(course, cohort, participant, other_participant):
    settings = certificate_settings_for(course, issue_automatically=False, kind=CertificateKind.PARTICIPATION)
    course.min_attendance_percent = 50
    course.save()
    sessions = add_sessions(cohort, 2)
    present, absent = enrol(participant, cohort), enrol(other_participant, cohort)
    attend(present, sessions[:1])

    rows = {row.enrolment.pk: row for row in eligibility_for_cohort(cohort, settings)}

    assert rows[present.pk].eligible  # no lesson done, but attended half
    assert rows[absent.pk].reasons == ["Kehadiran 0% di bawah minimum 50%"]
    certificate = issue(present, settings=settings)
    assert certificate.kind == "participation"


def test_withdrawn_and_waitlisted_registrants_are_not_offered_certificates(course, cohort, participant):
    settings = certificate_settings_for(course, issue_automatically=False, kind=CertificateKind.PARTICIPATION)
    enrolment = enrol(participant, cohort)
    withdraw(enrolment)
    assert eligibility_for_cohort(cohort, settings) == []
    enrolment.refresh_from_db()
    with pytest.raises(IssuanceError):
        issue(enrolment, settings=settings)


def test_eligibility_of_a_wave_costs_the_same_queries_for_3_and_300_participants(db):
    course = build_course(modules=2, lessons=3)
    settings = certificate_settings_for(course, issue_automatically=False)
    counts = []
    for size in (3, 300):
        cohort = build_cohort(course, name=f"Gelombang {size}", seats={"public": 400})
        for user in make_users(size, prefix=f"e{size}-"):
            enrol(user, cohort)
        with CaptureQueriesContext(connection) as context:
            rows = eligibility_for_cohort(cohort, settings)
        assert len(rows) == size
        counts.append(len(context))
    assert counts == [1, 1]  # one query for the whole wave


def test_issuing_twice_gives_the_same_certificate(course_settings, completed_enrolment, staff):
    first = Certificate.objects.get(enrolment=completed_enrolment)
    again = issue(completed_enrolment, by=staff)
    assert again.pk == first.pk
    assert Certificate.objects.filter(enrolment=completed_enrolment).count() == 1


def test_the_database_refuses_a_second_live_certificate_for_an_enrolment(course_settings, completed_enrolment):
    first = Certificate.objects.get(enrolment=completed_enrolment)
    twin = Certificate.objects.get(pk=first.pk)
    twin.pk, twin.serial, twin.code = None, "99999/X/2026", new_code()
    twin.status = CertificateStatus.PENDING
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()
    twin.status = CertificateStatus.REVOKED
    twin.revoked_at, twin.revocation_reason = timezone.now(), "Salah nama"
    twin.save()  # a dead certificate may sit beside the live one


# --- Numbers and codes --------------------------------------------------------------------


def test_serials_follow_the_pattern_and_are_never_reused(course_settings, completed_enrolment, staff):
    first = Certificate.objects.get(enrolment=completed_enrolment)
    revoke(first, by=staff, reason="Nama salah ketik")
    second = issue(completed_enrolment, by=staff)
    year = timezone.now().year
    assert (first.serial, second.serial) == (f"00001/DISKOMINFO/{year}", f"00002/DISKOMINFO/{year}")
    assert take_serials("SRT-{seq}", year, 3) == ["SRT-1", "SRT-2", "SRT-3"]
    assert take_serials("SRT-{seq}", year + 1) == ["SRT-4"]  # no {year}: one sequence for ever
    assert take_serials("{seq:03d}/{year}", year + 1) == [f"001/{year + 1}"]  # with {year}: starts again each year
    assert (
        SerialCounter.objects.get(pattern=canonical_pattern("{seq:05d}/DISKOMINFO/{year}"), year=year).last_value == 2
    )


def test_verification_codes_are_long_random_and_free_of_look_alikes():
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert CODE_LENGTH >= 10
    assert all(len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert not set("0O1IL") & set("".join(codes))
    code = sorted(codes)[0]
    assert normalise_code(" " + "-".join([code[:4], code[4:8], code[8:]]).lower() + " ") == code
    assert normalise_code("0000-OOOO-1111") == "" and normalise_code("ABC") == ""


# --- Revocation and re-issue ---------------------------------------------------------------


def test_revoking_needs_a_reason_and_is_recorded(course_settings, completed_enrolment, staff):
    certificate = Certificate.objects.get(enrolment=completed_enrolment)
    with pytest.raises(IssuanceError):
        revoke(certificate, by=staff, reason="  ")
    certificate.refresh_from_db()
    assert certificate.status == "issued"
    revoke(certificate, by=staff, reason="Tidak memenuhi syarat kehadiran")
    certificate.refresh_from_db()
    assert certificate.status == "revoked" and certificate.revoked_at and certificate.revoked_by == staff
    event = certificate.events.last()
    assert (event.action, event.actor, event.note) == ("revoked", staff, "Tidak memenuhi syarat kehadiran")
    with pytest.raises(IssuanceError):
        revoke(certificate, by=staff, reason="lagi")
    with pytest.raises(IssuanceError):
        reissue(certificate, by=staff)


def test_reissue_after_a_name_correction_replaces_the_old_certificate(
    course_settings, completed_enrolment, staff, django_capture_on_commit_callbacks
):
    old = Certificate.objects.get(enrolment=completed_enrolment)
    user = completed_enrolment.user
    user.full_name = "Sari Wulandari Putri"
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        new = reissue(old, by=staff, note="Koreksi nama")
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.status == "replaced" and old.replaced_by == new and new.replaces == old
    assert new.status == "issued" and new.holder_name == "Sari Wulandari Putri" and old.holder_name == "Sari Wulandari"
    assert new.serial != old.serial and new.code != old.code
    assert [(e.action, e.actor) for e in old.events.all()][-1] == ("replaced", staff)
    assert [(e.action, e.actor) for e in new.events.all()] == [("reissued", staff), ("rendered", None)]
    assert Certificate.objects.live().filter(enrolment=completed_enrolment).get() == new


def test_a_bulk_batch_issues_the_eligible_and_skips_the_rest(
    course, cohort, participant, other_participant, staff, django_capture_on_commit_callbacks
):
    certificate_settings_for(course, issue_automatically=False)
    done, behind = enrol(participant, cohort), enrol(other_participant, cohort)
    complete_course(done)
    with pytest.raises(IssuanceError):
        issuance.start_batch(cohort, by=staff, enrolment_ids=[behind.pk])
    with django_capture_on_commit_callbacks(execute=True):
        batch = issuance.start_batch(cohort, by=staff)
    assert issuance.batch_progress(batch) == {
        "requested": 1,
        "issued": 1,
        "failed": 0,
        "pending": 0,
        "skipped": 1,
        "done": True,
    }
    certificate = Certificate.objects.get()
    assert (certificate.enrolment, certificate.issued_by, certificate.batch) == (done, staff, batch)


def test_the_demo_course_gets_automatic_certificates_once(course, settings):
    from django.core.management import call_command

    from certificates.models import CertificateTemplate, CourseCertificateSettings

    settings.DEBUG = True
    call_command("seed_certificate_demo")
    call_command("seed_certificate_demo")
    assert CertificateTemplate.objects.count() == 1
    [demo] = CourseCertificateSettings.objects.all()
    assert demo.course_id == course.pk and demo.issue_automatically and demo.template.signatories.count() == 1


def test_the_demo_certificates_need_allow_production_when_debug_is_off(course, settings):
    from io import StringIO

    from django.core.management import CommandError, call_command

    from certificates.models import CourseCertificateSettings

    settings.DEBUG = False
    with pytest.raises(CommandError, match="--allow-production"):
        call_command("seed_certificate_demo", stdout=StringIO())
    assert not CourseCertificateSettings.objects.exists()
    out = StringIO()
    call_command("seed_certificate_demo", "--allow-production", stdout=out)
    assert "DEBUG is off" in out.getvalue()
    assert CourseCertificateSettings.objects.get().course_id == course.pk
