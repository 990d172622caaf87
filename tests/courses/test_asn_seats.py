"""Confirmed ASN seats (issue 16, point 2): an ASN seat is held on a NIP confirmed by staff or
by the nominating office's import; self-declared digits hold it ASN_UNCONFIRMED_HOLD_HOURS,
then it lapses and the waitlist moves up."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from courses.enrolment import EnrolmentRefused, confirm_nip, enrol, lapse_unconfirmed_asn, nip_confirmed, withdraw
from courses.models import Enrolment, NipConfirmation
from courses.nominations import import_nominations
from tests.factories import UserFactory, build_cohort, verified


def after(hours):
    return timezone.now() + timedelta(hours=hours)


def status(enrolment):
    return Enrolment.objects.get(pk=enrolment.pk).status


@pytest.fixture
def one_asn_seat(course):
    return build_cohort(course, seats={"asn": 1})


@pytest.fixture
def seated(asn_participant, one_asn_seat):
    """A civil servant who typed segment ASN and a NIP into the profile, and took the seat."""
    return enrol(asn_participant, one_asn_seat)


@pytest.fixture
def next_in_line(seated, one_asn_seat):
    """A second civil servant, confirmed, first on the waitlist."""
    waiting = verified(UserFactory(full_name="Eka Menunggu", asn=True))
    confirm_nip(waiting, by=None)
    return enrol(waiting, one_asn_seat)


def test_a_self_declared_nip_holds_the_seat_only_until_the_hold_ends(asn_participant, seated, next_in_line):
    assert (seated.status, next_in_line.status) == ("active", "waitlisted")
    assert lapse_unconfirmed_asn(now=after(47)) == 0
    assert status(seated) == "active"
    assert lapse_unconfirmed_asn(now=after(49)) == 1
    assert (status(seated), status(next_in_line)) == ("withdrawn", "active")


def test_saving_a_seat_for_another_reason_does_not_restart_the_hold(asn_participant, seated, next_in_line):
    """The hold counts from when the seat was taken: a later save that leaves the status as it
    was (a note, a field a future screen edits) must not give the unconfirmed NIP more time."""
    taken_at = Enrolment.objects.get(pk=seated.pk).status_changed_at
    seated.decision_reason = "Dicatat ulang oleh staf"
    seated.save()
    assert Enrolment.objects.get(pk=seated.pk).status_changed_at == taken_at
    assert lapse_unconfirmed_asn(now=taken_at + timedelta(hours=49)) == 1
    assert (status(seated), status(next_in_line)) == ("withdrawn", "active")


def test_each_change_of_status_is_dated(seated, next_in_line, staff):
    waiting_since = Enrolment.objects.get(pk=next_in_line.pk).status_changed_at
    withdraw(seated, actor=staff, reason="Mengundurkan diri")
    withdrawn, promoted = (Enrolment.objects.get(pk=e.pk) for e in (seated, next_in_line))
    assert (withdrawn.status, promoted.status) == ("withdrawn", "active")
    assert withdrawn.status_changed_at > seated.created_at and promoted.status_changed_at > waiting_since


def test_a_nip_confirmed_by_staff_keeps_the_seat(asn_participant, staff, seated, next_in_line):
    confirm_nip(asn_participant, by=staff)
    assert lapse_unconfirmed_asn(now=after(49)) == 0
    assert (status(seated), status(next_in_line)) == ("active", "waitlisted")


def test_a_nip_changed_after_confirmation_is_unconfirmed_again(asn_participant, staff, one_asn_seat):
    confirm_nip(asn_participant, by=staff)
    seated = enrol(asn_participant, one_asn_seat)
    asn_participant.nip = "199001012015011999"
    asn_participant.save()
    assert not nip_confirmed(asn_participant)
    assert lapse_unconfirmed_asn(now=after(49)) == 1
    assert status(seated) == "withdrawn"


def test_the_nominating_offices_import_confirms_the_nip(staff, one_asn_seat):
    data = b"nama;email;nip;opd\nRina Kusuma;rina@malangkota.go.id;198001012005011001;Diskominfo\n"
    [result] = import_nominations(one_asn_seat, data, actor=staff)
    assert result.ok
    confirmation = NipConfirmation.objects.get(user__email="rina@malangkota.go.id")
    assert (confirmation.nip, confirmation.source, confirmation.confirmed_by) == ("198001012005011001", "import", staff)
    assert lapse_unconfirmed_asn(now=after(49)) == 0


def test_with_no_hold_an_unconfirmed_asn_gets_no_seat(settings, asn_participant, one_asn_seat, staff):
    settings.ASN_UNCONFIRMED_HOLD_HOURS = 0
    with pytest.raises(EnrolmentRefused) as refusal:
        enrol(asn_participant, one_asn_seat)
    assert refusal.value.code == "asn_unconfirmed" and "dikonfirmasi" in str(refusal.value)
    assert not Enrolment.objects.exists()
    confirm_nip(asn_participant, by=staff)
    assert enrol(asn_participant, one_asn_seat).status == "active"


def test_only_an_asns_nip_is_confirmed(participant, staff):
    with pytest.raises(EnrolmentRefused):
        confirm_nip(participant, by=staff)
    assert not NipConfirmation.objects.exists()


def test_staff_confirm_a_registrants_nip_from_the_registrants_admin(client, staff, asn_participant, one_asn_seat):
    seated = enrol(asn_participant, one_asn_seat)
    client.force_login(staff)
    url = reverse("courses_enrolment:confirm_nip", args=[seated.pk])
    assert asn_participant.nip in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    confirmation = NipConfirmation.objects.get(user=asn_participant)
    assert (confirmation.nip, confirmation.source, confirmation.confirmed_by) == (asn_participant.nip, "staff", staff)


def test_a_trainer_cannot_confirm_a_nip(client, trainer, asn_participant, one_asn_seat):
    seated = enrol(asn_participant, one_asn_seat)
    one_asn_seat.trainers.add(trainer)
    one_asn_seat.save()
    client.force_login(trainer)
    client.post(reverse("courses_enrolment:confirm_nip", args=[seated.pk]))
    assert not NipConfirmation.objects.exists()


def test_the_periodic_command_lapses_seats_held_past_the_hold(asn_participant, seated, next_in_line):
    Enrolment.objects.filter(pk=seated.pk).update(status_changed_at=timezone.now() - timedelta(hours=49))
    call_command("lapse_unconfirmed_asn", verbosity=0)
    assert (status(seated), status(next_in_line)) == ("withdrawn", "active")
    notice = seated.user.notices.order_by("-pk").first()
    assert notice is not None and notice.kind == "withdrawn"
