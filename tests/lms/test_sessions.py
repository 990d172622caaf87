"""Sessions end everywhere: "Keluar dari semua perangkat", a password change, a password reset."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD

NEW_PASSWORD = "Sandi-Baru-Kuat-2026"


def logged_in(user):
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def is_logged_in(client) -> bool:
    return client.get(reverse("profile")).status_code == 200


@pytest.fixture
def phone_and_laptop(participant):
    return logged_in(participant), logged_in(participant)


def test_the_profile_page_offers_to_sign_out_of_every_device(participant, phone_and_laptop):
    phone, _laptop = phone_and_laptop
    response = phone.get(reverse("profile"))
    assert "Keluar dari semua perangkat" in response.content.decode()
    assert reverse("logout_everywhere") in response.content.decode()


def test_signing_out_of_every_device_ends_the_other_sessions_and_this_one(
    participant, phone_and_laptop, other_participant
):
    phone, laptop = phone_and_laptop
    someone_else = logged_in(other_participant)
    response = phone.post(reverse("logout_everywhere"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("account_login")
    assert "Anda telah keluar dari semua perangkat." in response.content.decode()
    assert not is_logged_in(laptop) and not is_logged_in(phone)
    assert is_logged_in(someone_else)
    assert is_logged_in(logged_in(participant))  # the password still works


def test_signing_out_of_every_device_needs_a_post(participant, phone_and_laptop):
    phone, laptop = phone_and_laptop
    assert phone.get(reverse("logout_everywhere")).status_code == 405
    assert is_logged_in(laptop) and is_logged_in(phone)


def test_a_password_change_ends_the_other_sessions_but_keeps_this_one(participant, phone_and_laptop):
    phone, laptop = phone_and_laptop
    response = phone.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert is_logged_in(phone)
    assert not is_logged_in(laptop)


def test_a_password_reset_ends_every_session(
    participant, phone_and_laptop, mailoutbox, django_capture_on_commit_callbacks
):
    phone, laptop = phone_and_laptop
    stranger = Client()
    with django_capture_on_commit_callbacks(execute=True):
        stranger.post(reverse("account_reset_password"), {"email": participant.email})
    link = re.search(r"https?://[^/\s]+(/akun/password/reset/key/\S+)", mailoutbox[-1].body).group(1)
    form_url = stranger.get(link).url
    response = stranger.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert not is_logged_in(phone) and not is_logged_in(laptop)
