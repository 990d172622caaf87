"""The participant's side of registration: waves, confirmation, waitlist, withdrawal."""

from html import unescape

from django.urls import reverse

from courses.enrolment import enrol
from courses.models import Enrolment
from tests.factories import build_cohort, make_users


def test_the_course_page_shows_waves_with_seats_left_per_segment(client, course):
    cohort = build_cohort(course, seats={"public": 70, "asn": 70})
    for user in make_users(3):
        enrol(user, cohort)
    html = unescape(client.get(course.url).content.decode())
    assert "Gelombang 1" in html
    assert "67 / 70" in html and "70 / 70" in html


def test_the_confirmation_page_shows_the_profile_data_used(client, asn_participant, cohort):
    client.force_login(asn_participant)
    html = client.get(reverse("courses:enrol", args=[cohort.pk])).content.decode()
    assert asn_participant.nip in html and asn_participant.opd in html
    assert 'type="submit"' in html


def test_registering_gives_a_seat_and_says_terdaftar(client, participant, cohort):
    client.force_login(participant)
    response = client.post(reverse("courses:enrol", args=[cohort.pk]), follow=True)
    html = response.content.decode()
    assert "Anda terdaftar di Gelombang 1" in html
    assert Enrolment.objects.get(user=participant).status == "active"


def test_a_full_segment_puts_the_next_participant_on_the_waitlist(client, course, participant):
    cohort = build_cohort(course, seats={"public": 1})
    enrol(make_users(1)[0], cohort)
    client.force_login(participant)
    response = client.post(reverse("courses:enrol", args=[cohort.pk]), follow=True)
    assert "daftar tunggu" in response.content.decode()
    assert Enrolment.objects.get(user=participant).waitlist_position == 1


def test_a_refused_registration_shows_the_reason_and_saves_nothing(client, course, participant):
    cohort = build_cohort(course, opens_in_days=-9, closes_in_days=-1)
    client.force_login(participant)
    response = client.post(reverse("courses:enrol", args=[cohort.pk]), follow=True)
    assert response.status_code == 200
    assert "sudah ditutup" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_registering_needs_a_login(client, cohort):
    response = client.post(reverse("courses:enrol", args=[cohort.pk]))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert not Enrolment.objects.exists()


def test_an_unknown_wave_is_a_404_not_an_error(client, participant):
    client.force_login(participant)
    assert client.post(reverse("courses:enrol", args=[999999])).status_code == 404


def test_withdrawing_frees_the_seat_for_the_first_waiting(client, course, participant):
    cohort = build_cohort(course, seats={"public": 1})
    mine = enrol(participant, cohort)
    waiting = enrol(make_users(1)[0], cohort)
    client.force_login(participant)
    response = client.post(reverse("courses:withdraw", args=[mine.pk]), follow=True)
    assert "dibatalkan" in response.content.decode()
    assert Enrolment.objects.get(pk=waiting.pk).status == "active"


def test_nobody_can_withdraw_someone_elses_registration(client, participant, other_participant, cohort):
    theirs = enrol(other_participant, cohort)
    client.force_login(participant)
    assert client.post(reverse("courses:withdraw", args=[theirs.pk])).status_code == 404
    assert Enrolment.objects.get(pk=theirs.pk).status == "active"


def test_the_course_page_shows_the_waitlist_number_and_rejection_reason(client, course, participant, staff):
    from courses.enrolment import reject

    cohort = build_cohort(course, seats={"public": 0})
    enrolment = enrol(participant, cohort)
    client.force_login(participant)
    assert "nomor <strong>1</strong>" in client.get(course.url).content.decode()
    reject(enrolment, actor=staff, reason="Kuota sudah penuh untuk OPD Anda.")
    assert "Kuota sudah penuh untuk OPD Anda." in client.get(course.url).content.decode()
