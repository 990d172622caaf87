"""What registrants are told: registered (seat, waitlist, approval), nominated, moved,
withdrawn, and reminded of tomorrow's live session; each once."""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from courses.enrolment import enrol, move, withdraw
from courses.models import CohortSession
from courses.nominations import import_nominations
from lms.models import Notice, NoticeKind, User
from lms.notices import send_notice
from tests.factories import build_cohort, make_users

NIP = "198001012005011001"


@pytest.fixture
def told(django_capture_on_commit_callbacks):
    """Run the block's after-commit work (the send tasks) as a commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def session_in(cohort, hours: float, **fields) -> CohortSession:
    starts_at = timezone.now() + timedelta(hours=hours)
    fields.setdefault("title", "Sesi tatap muka: menyunting video")
    return CohortSession.objects.create(
        cohort=cohort, starts_at=starts_at, ends_at=starts_at + timedelta(hours=2), **fields
    )


# --- Registering ---------------------------------------------------------------------------


def test_registering_with_a_seat_sends_one_notice_naming_the_wave(told, participant, cohort):
    with told():
        enrolment = enrol(participant, cohort)
    [message] = mail.outbox
    assert message.to == [participant.email]
    assert message.subject == "Anda terdaftar di Sinau TikTok & YouTube (Gelombang 1)"
    assert "Anda mendapatkan kursi" in message.body and enrolment.course.url in message.body
    assert Notice.objects.get(recipient=participant).kind == NoticeKind.REGISTERED_SEAT


def test_registering_on_the_waitlist_tells_the_place_in_the_queue(told, participant, course):
    cohort = build_cohort(course, seats={"public": 1})
    enrol(make_users(1)[0], cohort)
    with told():
        enrol(participant, cohort)
    [message] = mail.outbox
    assert message.subject == "Anda nomor 1 di daftar tunggu Gelombang 1"
    assert "daftar tunggu dengan nomor 1" in message.body
    assert Notice.objects.get(recipient=participant).context == {"status": "waitlisted", "position": 1}


def test_registering_for_a_course_with_approval_says_it_waits_for_the_organisers(told, participant, course, cohort):
    course.requires_approval = True
    course.save()
    with told():
        enrol(participant, cohort)
    [message] = mail.outbox
    assert message.subject == "Pendaftaran Anda untuk Sinau TikTok & YouTube menunggu persetujuan"
    assert "kami akan mengabarkan keputusannya" in message.body


def test_a_registration_notice_sent_by_a_retried_task_goes_out_once(participant, cohort):
    enrol(participant, cohort)  # outside a commit: the notice is recorded, not yet sent
    notice = Notice.objects.get(recipient=participant)
    send_notice.call(notice.pk)
    send_notice.call(notice.pk)
    assert len(mail.outbox) == 1
    notice.refresh_from_db()
    assert notice.send_count == 1


# --- Moved and withdrawn -------------------------------------------------------------------


def test_a_moved_registrant_is_told_the_new_wave_and_their_place_there(told, staff, participant, course, cohort):
    enrolment = enrol(participant, cohort)
    second = build_cohort(course, name="Gelombang 2", seats={"public": 1})
    enrol(make_users(1)[0], second)
    with told():
        moved = move(enrolment, second, actor=staff)
    [message] = mail.outbox
    assert message.subject == "Anda telah dipindahkan ke Gelombang 2"
    assert "dari Gelombang 1 ke Gelombang 2" in message.body and "Anda nomor 1 di daftar tunggu" in message.body
    assert Notice.objects.get(kind=NoticeKind.MOVED).target == moved


def test_staff_withdrawing_a_registrant_tell_them_with_the_reason(told, staff, participant, cohort):
    enrolment = enrol(participant, cohort)
    with told():
        withdraw(enrolment, actor=staff, reason="Tidak hadir di dua sesi pertama.")
    [message] = mail.outbox
    assert message.subject == "Pendaftaran Anda untuk Sinau TikTok & YouTube telah dibatalkan"
    assert "Penyelenggara telah membatalkan" in message.body
    assert "Alasan: Tidak hadir di dua sesi pertama." in message.body


def test_a_participant_who_withdraws_gets_a_confirmation_in_their_own_words(client, told, participant, cohort):
    enrolment = enrol(participant, cohort)
    client.force_login(participant)
    with told():
        response = client.post(reverse("courses:withdraw", args=[enrolment.pk]))
    assert response.status_code == 302
    [message] = mail.outbox
    assert "Anda telah membatalkan pendaftaran Anda untuk Gelombang 1" in message.body
    assert "Alasan" not in message.body


# --- Nominated by an agency ----------------------------------------------------------------


def test_a_nominated_new_asn_gets_a_link_that_sets_a_password_and_then_logs_in(client, told, staff, course):
    cohort = build_cohort(course, seats={"asn": 5})
    with told():
        import_nominations(
            cohort, f"nama;email;nip;opd\nRina Kusuma;rina@malangkota.go.id;{NIP};Bappeda\n".encode(), actor=staff
        )
    [message] = mail.outbox
    assert message.subject == "Instansi Anda telah mendaftarkan Anda untuk Sinau TikTok & YouTube"
    assert "Instansi Anda (Bappeda) mengusulkan Anda untuk Gelombang 1" in message.body
    link = re.search(r"http://\S+/akun/password/reset/key/\S+/", message.body).group(0)
    form_url = client.get(link.removeprefix("http://127.0.0.1:8000"))["Location"]
    response = client.post(form_url, {"password1": "Sinau-Malang-2026", "password2": "Sinau-Malang-2026"})
    assert response.status_code == 302
    login = client.post(reverse("account_login"), {"login": "rina@malangkota.go.id", "password": "Sinau-Malang-2026"})
    assert (login.status_code, login["Location"]) == (302, "/")
    assert client.get(reverse("notices")).status_code == 200
    assert link not in Notice.objects.get(kind=NoticeKind.NOMINATED).body  # the kept copy has no key


def test_a_nominated_asn_who_has_an_account_gets_no_password_link(told, staff, asn_participant, course):
    cohort = build_cohort(course, seats={"asn": 5})
    row = f"{asn_participant.full_name};{asn_participant.email};{asn_participant.nip};Diskominfo"
    with told():
        import_nominations(cohort, f"nama;email;nip;opd\n{row}\n".encode(), actor=staff)
    [message] = mail.outbox
    assert "/akun/password/reset/key/" not in message.body
    assert "Masuk dengan akun Sinau Anda (asn@contoh.id)" in message.body and "/akun/login/" in message.body
    assert Notice.objects.filter(recipient=asn_participant).count() == 1  # not a second "registered"
    assert User.objects.get(pk=asn_participant.pk).has_usable_password()


# --- One day before each live session ------------------------------------------------------


def test_the_reminder_command_run_twice_sends_one_email_per_person_and_session(
    told, participant, other_participant, cohort
):
    enrol(participant, cohort)
    enrol(other_participant, cohort)
    withdraw(enrol(make_users(1)[0], cohort))
    tomorrow = session_in(cohort, 20, venue="Aula Balai Kota", meeting_url="https://meet.example.org/abc")
    session_in(cohort, 72, title="Sesi lusa")
    with told():
        call_command("send_session_reminders", stdout=io.StringIO())
        call_command("send_session_reminders", stdout=io.StringIO())
    assert sorted(message.to[0] for message in mail.outbox) == [other_participant.email, participant.email]
    message = next(m for m in mail.outbox if m.to == [participant.email])
    assert (
        message.subject.startswith("Pengingat: Sesi tatap muka: menyunting video, ") and "Sesi lusa" not in message.body
    )
    assert "Tempat: Aula Balai Kota" in message.body and "Daring: https://meet.example.org/abc" in message.body
    assert Notice.objects.filter(kind=NoticeKind.SESSION_REMINDER, object_id=tomorrow.pk).count() == 2


def test_a_session_moved_to_another_time_is_reminded_of_again(told, participant, cohort):
    enrol(participant, cohort)
    session = session_in(cohort, 20)
    with told():
        call_command("send_session_reminders", stdout=io.StringIO())
        session.starts_at += timedelta(hours=2)
        session.ends_at += timedelta(hours=2)
        session.save()
        call_command("send_session_reminders", stdout=io.StringIO())
        call_command("send_session_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 2
    assert Notice.objects.filter(kind=NoticeKind.SESSION_REMINDER).count() == 2
