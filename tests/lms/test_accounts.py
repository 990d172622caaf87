"""Sign-up, email verification, login limits and password reset through allauth."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from lms.models import Segment, User
from tests.factories import PASSWORD

SIGNUP = {
    "email": "warga@contoh.id",
    "password1": "Rahasia-Kuat-2026",
    "password2": "Rahasia-Kuat-2026",
    "full_name": "Siti Nur'aini Ṣalihah",
    "whatsapp": "0812 3456 7890",
    "segment": "public",
    "district": "Blimbing",
    "privacy_consent": "on",
}


def sign_up(client, django_capture_on_commit_callbacks, **changes):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("account_signup"), {**SIGNUP, **changes})


def test_a_visitor_signs_up_with_profile_and_consent_and_gets_a_verification_email(
    client, db, django_capture_on_commit_callbacks
):
    response = sign_up(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="warga@contoh.id")
    assert user.full_name == "Siti Nur'aini Ṣalihah"
    assert user.whatsapp == "+6281234567890"
    assert user.segment == Segment.PUBLIC and user.privacy_consent_at is not None
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["warga@contoh.id"]
    link = re.search(r"http://\S+/akun/confirm-email/\S+/", mail.outbox[0].body).group(0)
    confirm = client.post(link.split("testserver", 1)[1])
    assert confirm.status_code == 302
    assert EmailAddress.objects.get(user=user).verified


def test_sign_up_without_consent_is_refused_and_saves_nothing(client, db, django_capture_on_commit_callbacks):
    response = sign_up(client, django_capture_on_commit_callbacks, privacy_consent="")
    assert response.status_code == 200
    assert "Anda harus menyetujui pemberitahuan privasi" in response.content.decode()
    assert not User.objects.exists() and not mail.outbox


def test_an_asn_sign_up_without_a_valid_nip_is_refused_in_indonesian(client, db, django_capture_on_commit_callbacks):
    response = sign_up(client, django_capture_on_commit_callbacks, segment="asn", nip="12345", opd="Diskominfo")
    assert response.status_code == 200
    assert "NIP harus tepat 18 digit." in response.content.decode()
    assert not User.objects.exists()


def test_an_asn_signs_up_with_nip_and_agency(client, db, django_capture_on_commit_callbacks):
    sign_up(client, django_capture_on_commit_callbacks, segment="asn", nip="198001012005011001", opd="Bappeda")
    user = User.objects.get(email="warga@contoh.id")
    assert (user.segment, user.nip, user.opd) == ("asn", "198001012005011001", "Bappeda")


def test_signing_up_with_a_taken_email_looks_the_same_and_creates_nothing(
    client, participant, django_capture_on_commit_callbacks
):
    response = sign_up(client, django_capture_on_commit_callbacks, email=participant.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email=participant.email).count() == 1
    # The owner of the address is told, the visitor learns nothing.
    assert [message.to for message in mail.outbox] == [[participant.email]]


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(
    client, participant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("account_reset_password"), {"email": participant.email})
        unknown = client.post(reverse("account_reset_password"), {"email": "tidak.ada@contoh.id"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    reset_mail = [m for m in mail.outbox if m.to == [participant.email]]
    assert len(reset_mail) == 1 and "/akun/password/reset/key/" in reset_mail[0].body


def test_a_verified_participant_logs_in_by_email(client, participant):
    response = client.post(reverse("account_login"), {"login": participant.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("profile")).status_code == 200


def test_repeated_failed_logins_are_throttled_with_an_indonesian_message(client, participant):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": participant.email, "password": "salah"})
    response = client.post(reverse("account_login"), {"login": participant.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "Terlalu banyak percobaan masuk yang gagal. Coba lagi nanti." in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_verification_email_is_sent_by_the_database_task_worker(client, settings, django_capture_on_commit_callbacks):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    sign_up(client, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(task_path="lms.mail.deliver_email", status="READY").count() == 1
    call_command("db_worker", batch=True, queue_name="*", verbosity=0)
    assert len(mail.outbox) == 1
    assert DBTaskResult.objects.get(task_path="lms.mail.deliver_email").status == "SUCCESSFUL"
