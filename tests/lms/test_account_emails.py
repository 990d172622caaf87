"""allauth's emails in Indonesian, naming the site and the address they are about."""

import re

from django.core import mail
from django.urls import reverse

from tests.lms.test_accounts import sign_up

ENGLISH_PHONE = {"accept-language": "en-US,en;q=0.9"}


def test_a_sign_up_with_a_taken_address_mails_the_owner_naming_the_site_and_the_address(
    client, participant, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://sinau.malangkota.go.id"
    sign_up(client, django_capture_on_commit_callbacks, email=participant.email)
    [message] = mail.outbox
    assert message.to == [participant.email]
    assert "Halo dari Sinau!" in message.body
    assert f"menggunakan alamat email:\n\n{participant.email}\n" in message.body
    assert "Terima kasih telah menggunakan Sinau!\nsinau.malangkota.go.id" in message.body


def test_a_password_reset_for_an_unknown_address_names_that_address_in_indonesian(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "tidak.ada@contoh.id"}, headers=ENGLISH_PHONE)
    [message] = mail.outbox
    assert "Halo dari Sinau!" in message.body
    assert "tidak.ada@contoh.id" in message.body
    assert "You are receiving" not in message.body


def test_a_password_reset_email_speaks_of_kata_sandi_and_email_only(
    client, participant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": participant.email}, headers=ENGLISH_PHONE)
    [message] = mail.outbox
    text = re.sub(r"https?://\S+", "", message.subject + message.body)
    assert "kata sandi" in text.lower() and "Halo dari Sinau!" in text
    for wrong in ["e-mail", "E-mail", "Silahkan", "reset", "link", "Hello"]:
        assert wrong not in text, wrong


def test_the_login_form_labels_the_password_kata_sandi(client, db):
    html = client.get(reverse("account_login"), headers=ENGLISH_PHONE).content.decode()
    assert "Kata sandi" in html and "Kata Kunci" not in html
