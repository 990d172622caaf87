"""A wave's schedule: who sees it, its calendar file, and staff announcements."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.enrolment import enrol, withdraw
from courses.models import Announcement, AttendanceRecord, CohortSession
from courses.schedule import ics_for, post_announcement
from tests.factories import UserFactory, build_cohort, verified

# Session, user, the wave with its course, their enrolment, their attendance, the sessions with
# their trainers, the enrolment again (the menu), the announcements: whatever the number of sessions.
SCHEDULE_PAGE_QUERIES = 8

WIB = ZoneInfo("Asia/Jakarta")


def session_at(cohort, starts_at, hours=3, **fields):
    fields.setdefault("title", "Sesi tatap muka")
    return CohortSession.objects.create(
        cohort=cohort, starts_at=starts_at, ends_at=starts_at + timedelta(hours=hours), **fields
    )


def teach(trainer, cohort):
    cohort.trainers.add(trainer)
    cohort.save()  # modelcluster keeps parental relations in memory until save


def parse_ics(text: str) -> list[tuple[str, str]]:
    """(name, value) pairs of an iCalendar text after unfolding; asserts CRLF endings."""
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    unfolded = text.replace("\r\n ", "")
    return [tuple(line.split(":", 1)) for line in unfolded.split("\r\n")[:-1]]


# --- Calendar file --------------------------------------------------------------------


def test_the_calendar_has_one_event_per_session_with_wib_times_in_utc(cohort):
    first = session_at(cohort, datetime(2026, 12, 7, 9, 0, tzinfo=WIB), venue="Ruang Rapat Diskominfo")
    session_at(cohort, datetime(2026, 12, 8, 19, 0, tzinfo=WIB), meeting_url="https://meet.example.id/abc")
    properties = parse_ics(ics_for(cohort))
    names = [name for name, _value in properties]
    assert properties[0] == ("BEGIN", "VCALENDAR") and properties[-1] == ("END", "VCALENDAR")
    assert ("VERSION", "2.0") in properties and ("X-WR-TIMEZONE", "Asia/Jakarta") in properties
    assert "PRODID" in names and "CALSCALE" in names
    assert names.count("BEGIN") == names.count("END") == 3
    assert [value for name, value in properties if name == "DTSTART"] == ["20261207T020000Z", "20261208T120000Z"]
    assert ("DTEND", "20261207T050000Z") in properties
    assert ("UID", f"session-{first.pk}@127.0.0.1") in properties
    assert ("URL", "https://meet.example.id/abc") in properties
    assert names.count("DTSTAMP") == 2


def test_the_calendar_escapes_text_and_folds_long_lines_at_75_octets(cohort):
    title = "Praktik, editing; video\\TikTok\nbaris dua — " + "sangat panjang ✨ " * 8
    session_at(cohort, timezone.now(), title=title, venue="Gedung A, Lantai 2; Ruang 3")
    text = ics_for(cohort)
    assert "\r\n " in text  # folded
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    properties = dict(parse_ics(text))
    assert properties["SUMMARY"].startswith("Praktik\\, editing\\; video\\\\TikTok\\nbaris dua — ")
    assert properties["SUMMARY"].endswith("sangat panjang ✨ ")
    assert properties["LOCATION"] == "Gedung A\\, Lantai 2\\; Ruang 3"


def test_a_calendar_reads_back_the_sessions_text_commas_semicolons_and_newlines_included(cohort):
    title = "Praktik, editing; video\\TikTok\r\nbaris dua\x07"
    session = session_at(cohort, datetime(2026, 12, 7, 9, 0, tzinfo=WIB), title=title, venue="Gedung A, Lantai 2; R3")
    calendar = icalendar.Calendar.from_ical(ics_for(cohort))
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Praktik, editing; video\\TikTok\nbaris dua"
    assert str(event["LOCATION"]) == "Gedung A, Lantai 2; R3"
    assert str(event["UID"]) == f"session-{session.pk}@127.0.0.1"
    assert event.start == datetime(2026, 12, 7, 2, 0, tzinfo=UTC) and event.end == datetime(
        2026, 12, 7, 5, 0, tzinfo=UTC
    )
    assert str(event["DESCRIPTION"]).splitlines()[0] == f"{cohort.course.title} — {cohort.name}"


def test_the_calendar_download_is_a_utf8_text_calendar_attachment(client, enrolment):
    session_at(enrolment.cohort, timezone.now() + timedelta(days=3))
    client.force_login(enrolment.user)
    response = client.get(reverse("courses:schedule_ics", args=[enrolment.cohort_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="jadwal-')
    assert response.content.decode().startswith("BEGIN:VCALENDAR\r\n")


# --- Who sees the schedule ---------------------------------------------------------------


def someone(who, cohort, enrolment, trainer, staff):
    """The person named by `who`, set up in relation to `cohort`."""
    other_wave = build_cohort(cohort.course, name="Gelombang 2")
    if who == "participant":
        return enrolment.user
    if who in ("trainer", "trainer_of_another_wave"):
        teach(trainer, cohort if who == "trainer" else other_wave)
        return trainer
    if who == "staff":
        return staff
    user = verified(UserFactory())
    if who == "participant_of_another_wave":
        enrol(user, other_wave)
    elif who == "withdrawn":
        withdraw(enrol(user, cohort))
    return user


@pytest.mark.parametrize("url_name", ["courses:schedule", "courses:schedule_ics"])
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("participant", 200),
        ("trainer", 200),
        ("staff", 200),
        ("outsider", 404),
        ("participant_of_another_wave", 404),
        ("withdrawn", 404),
        ("trainer_of_another_wave", 404),
    ],
)
def test_only_the_waves_participants_trainers_and_staff_see_its_schedule(
    client, cohort, enrolment, trainer, staff, url_name, who, status
):
    client.force_login(someone(who, cohort, enrolment, trainer, staff))
    assert client.get(reverse(url_name, args=[cohort.pk])).status_code == status


def test_an_anonymous_visitor_is_sent_to_log_in(client, cohort):
    url = reverse("courses:schedule", args=[cohort.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"] and "next=" in response["Location"]


def test_a_missing_wave_is_404(client, participant):
    client.force_login(participant)
    assert client.get(reverse("courses:schedule", args=[999_999])).status_code == 404


# --- What the schedule shows -------------------------------------------------------------


def test_the_schedule_shows_wib_times_place_trainer_and_whether_the_participant_attended(client, enrolment, trainer):
    cohort = enrolment.cohort
    teach(trainer, cohort)
    past = timezone.now() - timedelta(days=3)
    attended = session_at(cohort, past, title="Sesi satu", venue="Aula Balai Kota", trainer=trainer)
    missed = session_at(cohort, past + timedelta(days=1), title="Sesi dua", meeting_url="https://meet.example.id/x")
    coming = session_at(cohort, datetime(2026, 12, 7, 9, 0, tzinfo=WIB), title="Sesi tiga")
    AttendanceRecord.objects.create(session=attended, enrolment=enrolment, present=True, method="grid")
    client.force_login(enrolment.user)
    response = client.get(reverse("courses:schedule", args=[cohort.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Senin, 7 Desember 2026 · 09.00" in html and "12.00</time> WIB" in html
    assert "Aula Balai Kota" in html and trainer.full_name in html and 'href="https://meet.example.id/x"' in html
    assert 'id="my-attendance"' in html and "50%" in html
    sections = {s.pk: html.split(f'id="session-{s.pk}"')[1].split('<li class="session ')[0] for s in (attended, missed)}
    assert 'data-attendance="present"' in sections[attended.pk]
    assert 'data-attendance="absent"' in sections[missed.pk]
    assert "data-attendance" not in html.split(f'id="session-{coming.pk}"')[1]


def test_trainers_see_the_schedule_without_a_personal_attendance_card(client, cohort, trainer):
    teach(trainer, cohort)
    session_at(cohort, timezone.now() - timedelta(days=1))
    client.force_login(trainer)
    html = client.get(reverse("courses:schedule", args=[cohort.pk])).content.decode()
    assert 'id="my-attendance"' not in html and "data-attendance" not in html


def test_the_schedule_page_costs_the_same_queries_for_2_and_20_sessions(client, enrolment):
    cohort = enrolment.cohort
    client.force_login(enrolment.user)
    url = reverse("courses:schedule", args=[cohort.pk])
    client.get(url)  # fills Wagtail's cache of site root paths
    counts = {}
    for count in (2, 20):
        CohortSession.objects.filter(cohort=cohort).delete()
        for n in range(count):
            session_at(cohort, timezone.now() + timedelta(days=n - 5), trainer=UserFactory())
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200 and response.content.decode().count('id="session-') == count
        counts[count] = len(queries)
    assert counts == {2: SCHEDULE_PAGE_QUERIES, 20: SCHEDULE_PAGE_QUERIES}


# --- Announcements -------------------------------------------------------------------------


def test_staff_post_an_announcement_emailed_to_the_waves_participants_only(
    client, staff, course, cohort, enrolment, other_participant, django_capture_on_commit_callbacks
):
    enrol(other_participant, build_cohort(course, name="Gelombang 2"))
    withdraw(enrol(verified(UserFactory(email="keluar@contoh.id")), cohort))
    client.force_login(staff)
    assert client.get(reverse("courses_announcement:add")).status_code == 200
    data = {"cohort": cohort.pk, "title": "Ganti ruang & jam", "body": "Sesi besok di Aula.\nBawa laptop."}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("courses_announcement:add"), data)
    assert response.status_code == 302
    announcement = Announcement.objects.get()
    assert (announcement.cohort, announcement.author, announcement.emailed_at is not None) == (cohort, staff, True)
    assert [message.to for message in mail.outbox] == [[enrolment.user.email]]
    assert mail.outbox[0].subject == "[Gelombang 1] Ganti ruang & jam"
    assert "Bawa laptop." in mail.outbox[0].body and "&amp;" not in mail.outbox[0].body
    assert client.get(reverse("courses_announcement:edit", args=[announcement.pk])).status_code == 200


def test_announcements_show_on_the_waves_schedule_page(client, staff, enrolment):
    body = "Baris satu\nBaris dua"
    announcement = post_announcement(enrolment.cohort, author=staff, title="Selamat datang", body=body)
    client.force_login(enrolment.user)
    html = client.get(reverse("courses:schedule", args=[enrolment.cohort_id])).content.decode()
    assert f'id="announcement-{announcement.pk}"' in html
    assert "Baris satu<br>Baris dua" in html


def test_a_trainer_cannot_post_an_announcement(client, trainer, cohort, enrolment):
    teach(trainer, cohort)
    client.force_login(trainer)
    response = client.post(reverse("courses_announcement:add"), {"cohort": cohort.pk, "title": "Hai", "body": "Halo"})
    assert (response.status_code, response["Location"]) == (302, "/admin/")  # Wagtail's "permission denied"
    with pytest.raises(PermissionDenied):
        post_announcement(cohort, author=trainer, title="Hai", body="Halo")
    assert not Announcement.objects.exists() and not mail.outbox


def test_a_trainer_lists_only_the_announcements_of_the_waves_they_teach(client, trainer, staff, course, cohort):
    teach(trainer, cohort)
    post_announcement(cohort, author=staff, title="Untuk gelombang saya", body=".")
    post_announcement(build_cohort(course, name="Gelombang 2"), author=staff, title="Untuk gelombang lain", body=".")
    client.force_login(trainer)
    response = client.get(reverse("courses_announcement:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Untuk gelombang saya" in html and "Untuk gelombang lain" not in html


# --- Sessions in the admin ------------------------------------------------------------------


def test_staff_add_a_session_for_one_of_the_waves_trainers(client, staff, trainer, cohort):
    teach(trainer, cohort)
    client.force_login(staff)
    assert client.get(reverse("courses_session:add")).status_code == 200
    data = {
        "cohort": cohort.pk,
        "title": "Editing video",
        "starts_at": "2026-12-07 09:00",
        "ends_at": "2026-12-07 12:00",
        "venue": "Aula",
        "meeting_url": "",
        "trainer": trainer.pk,
        "lesson": "",
    }
    response = client.post(reverse("courses_session:add"), data)
    assert response.status_code == 302
    session = CohortSession.objects.get()
    assert session.starts_at == datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
    assert session.trainer == trainer


def test_a_sessions_trainer_must_teach_the_wave_and_it_must_end_after_it_starts(client, staff, trainer, cohort):
    client.force_login(staff)
    data = {"cohort": cohort.pk, "title": "Sesi", "starts_at": "2026-12-07 09:00", "ends_at": "2026-12-07 08:00"}
    response = client.post(reverse("courses_session:add"), {**data, "trainer": trainer.pk})
    assert response.status_code == 200
    form = response.context["form"]
    assert "trainer" in form.errors and form.non_field_errors()
    assert not CohortSession.objects.exists()


def test_trainers_list_their_waves_sessions_but_cannot_add_or_edit(client, trainer, course, cohort):
    teach(trainer, cohort)
    mine = session_at(cohort, timezone.now(), title="Sesi gelombang saya")
    session_at(build_cohort(course, name="Gelombang 2"), timezone.now(), title="Sesi gelombang lain")
    client.force_login(trainer)
    html = client.get(reverse("courses_session:index")).content.decode()
    assert "Sesi gelombang saya" in html and "Sesi gelombang lain" not in html
    assert reverse("courses_session:attendance", args=[mine.pk]) in html
    denied = (302, "/admin/")  # Wagtail answers PermissionDenied with a redirect and a message
    response = client.get(reverse("courses_session:add"))
    assert (response.status_code, response["Location"]) == denied
    response = client.post(reverse("courses_session:edit", args=[mine.pk]), {"title": "Diubah"})
    assert (response.status_code, response["Location"]) == denied
    assert CohortSession.objects.get(pk=mine.pk).title == "Sesi gelombang saya"
