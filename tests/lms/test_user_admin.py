"""Staff correct participants' profiles in the Wagtail admin; nobody else can."""

from django.urls import reverse

from lms.models import User


def edit_form(user, **changes):
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "whatsapp": user.whatsapp,
        "segment": user.segment,
        "nip": user.nip,
        "opd": user.opd,
        "business_name": user.business_name,
        "district": user.district,
        "is_active": "on",
        "password1": "",
        "password2": "",
    }
    return {**data, **changes}


def test_staff_correct_a_locked_certificate_name(client, staff, participant):
    participant.lock_full_name()
    client.force_login(staff)
    url = reverse("wagtailusers_users:edit", args=(participant.pk,))
    assert "full_name" in client.get(url).content.decode()
    response = client.post(url, edit_form(participant, full_name="Sari Wulandari, S.Kom."))
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.full_name == "Sari Wulandari, S.Kom."


def test_staff_get_the_same_profile_rules_in_the_admin(client, staff, participant):
    client.force_login(staff)
    url = reverse("wagtailusers_users:edit", args=(participant.pk,))
    response = client.post(url, edit_form(participant, segment="asn", nip="1980", opd="Diskominfo"))
    assert response.status_code == 200
    participant.refresh_from_db()
    assert participant.segment == "public"


def test_a_trainer_cannot_edit_participants(client, trainer, participant):
    client.force_login(trainer)
    url = reverse("wagtailusers_users:edit", args=(participant.pk,))
    response = client.post(url, edit_form(participant, full_name="Diubah Pelatih"))
    assert response.status_code == 302
    assert User.objects.get(pk=participant.pk).full_name == "Sari Wulandari"


def test_a_participant_cannot_edit_another_participant(client, participant, other_participant):
    client.force_login(participant)
    url = reverse("wagtailusers_users:edit", args=(other_participant.pk,))
    response = client.post(url, edit_form(other_participant, full_name="Diretas"))
    assert response.status_code == 302
    assert User.objects.get(pk=other_participant.pk).full_name == "Budi Santoso"
