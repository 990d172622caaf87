"""The profile rules: NIP for ASN only, +62 WhatsApp numbers, a certificate name."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from lms.models import Segment, User
from lms.validators import normalise_whatsapp
from tests.factories import UserFactory

NIP = "198001012005011001"


@pytest.mark.parametrize(
    "written",
    ["0812 3456 7890", "081234567890", "+62 812-3456-7890", "62812 3456 7890", "812 3456 7890", "(0812) 3456.7890"],
)
def test_whatsapp_numbers_are_normalised_to_plus_62(written):
    assert normalise_whatsapp(written) == "+6281234567890"


@pytest.mark.parametrize("written", ["0341 551234", "12345", "08123abc", "+1 415 555 0100", "0812345678901234"])
def test_numbers_that_are_not_indonesian_mobiles_are_refused(written):
    with pytest.raises(ValidationError):
        normalise_whatsapp(written)


def test_an_asn_profile_needs_an_18_digit_nip_and_an_agency(db):
    user = User(email="a@contoh.id", full_name="Rina", segment=Segment.ASN, nip="12345", opd="")
    with pytest.raises(ValidationError) as error:
        user.full_clean(exclude=["password"])
    assert "NIP harus tepat 18 digit." in error.value.message_dict["nip"]
    assert "opd" in error.value.message_dict


def test_a_nip_is_refused_outside_the_asn_segment(db):
    user = User(email="a@contoh.id", full_name="Budi", segment=Segment.PUBLIC, nip=NIP)
    with pytest.raises(ValidationError) as error:
        user.full_clean(exclude=["password"])
    assert "nip" in error.value.message_dict


def test_the_database_refuses_a_nip_outside_the_asn_segment(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="a@contoh.id", full_name="Budi", segment=Segment.PUBLIC, nip=NIP)


def test_a_nip_belongs_to_one_account_only(db):
    UserFactory(asn=True, nip=NIP)
    twin = User(email="kembar@contoh.id", full_name="Kembar", segment=Segment.ASN, nip=NIP, opd="Diskominfo")
    with pytest.raises(ValidationError) as error:
        twin.full_clean(exclude=["password"])
    assert "NIP ini sudah terdaftar di akun lain." in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


def test_many_non_asn_users_may_leave_the_nip_empty(db):
    UserFactory.create_batch(3)
    assert User.objects.filter(nip="").count() == 3


def test_an_umkm_profile_needs_a_business_name(db):
    user = User(email="u@contoh.id", full_name="Sri", segment=Segment.UMKM)
    with pytest.raises(ValidationError) as error:
        user.full_clean(exclude=["password"])
    assert "business_name" in error.value.message_dict


def test_the_certificate_name_is_required_and_tidied(db):
    user = User(email="n@contoh.id", full_name="   ")
    with pytest.raises(ValidationError) as error:
        user.full_clean(exclude=["password"])
    assert "full_name" in error.value.message_dict
    user.full_name = "  Siti   Nur'aini  Ṣalihah "
    user.full_clean(exclude=["password"])
    assert user.full_name == "Siti Nur'aini Ṣalihah"


def test_a_participant_corrects_their_profile_on_profil_saya(client, participant):
    client.force_login(participant)
    response = client.post(
        reverse("profile"),
        {
            "full_name": "Sari Wulandari Putri",
            "whatsapp": "0813 1111 2222",
            "segment": "public",
            "district": "Lowokwaru",
        },
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.full_name == "Sari Wulandari Putri"
    assert participant.whatsapp == "+6281311112222"


def test_profil_saya_shows_indonesian_errors_and_saves_nothing(client, participant):
    client.force_login(participant)
    response = client.post(
        reverse("profile"), {"full_name": "Sari", "whatsapp": "12", "segment": "asn", "nip": "123", "opd": ""}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "NIP harus tepat 18 digit." in html
    participant.refresh_from_db()
    assert participant.segment == Segment.PUBLIC and participant.full_name == "Sari Wulandari"


def test_a_locked_certificate_name_cannot_be_changed_by_its_holder(client, participant):
    participant.lock_full_name()
    client.force_login(participant)
    response = client.post(
        reverse("profile"), {"full_name": "Nama Lain", "whatsapp": "", "segment": "public", "district": "Klojen"}
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.full_name == "Sari Wulandari"
    page = client.get(reverse("profile")).content.decode()
    assert "disabled" in page and "Hubungi panitia" in page


def test_profil_saya_needs_a_login(client, db):
    response = client.get(reverse("profile"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
