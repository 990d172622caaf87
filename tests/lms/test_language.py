"""Bahasa Indonesia by default, English on request."""

from django.conf import settings
from django.urls import reverse
from wagtail.admin.localization import get_available_admin_languages
from wagtail.users.models import UserProfile

from tests.factories import PASSWORD


def test_the_site_speaks_indonesian_by_default(client, course):
    html = client.get("/").content.decode()
    assert '<html lang="id"' in html
    assert "Program Pelatihan" in html and "Masuk" in html


def test_the_language_switcher_turns_the_site_to_english_and_back(client, course):
    response = client.post(reverse("set_language"), {"language": "en", "next": course.url})
    assert response.status_code == 302 and response["Location"] == course.url
    html = client.get(course.url).content.decode()
    assert '<html lang="en"' in html
    assert "Course outline" in html and "Log in" in html
    client.post(reverse("set_language"), {"language": "id", "next": "/"})
    assert '<html lang="id"' in client.get(course.url).content.decode()


ENGLISH_PHONE = {"accept-language": "en-US,en;q=0.9"}


def test_a_phone_set_to_english_still_gets_indonesian(client, course):
    response = client.get("/", headers=ENGLISH_PHONE)
    assert '<html lang="id"' in response.content.decode()
    assert response["Content-Language"] == "id"
    assert "Accept-Language" not in response.get("Vary", "")


def test_the_chosen_language_is_remembered_for_a_year_whatever_the_phone_says(client, course):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, headers=ENGLISH_PHONE)
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en" and int(cookie["max-age"]) >= 365 * 24 * 60 * 60
    assert '<html lang="en"' in client.get("/").content.decode()
    client.post(reverse("set_language"), {"language": "id", "next": "/"})
    assert '<html lang="id"' in client.get("/", headers=ENGLISH_PHONE).content.decode()


def test_an_unknown_language_in_the_cookie_falls_back_to_indonesian(client, course):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert '<html lang="id"' in client.get("/", headers={"accept-language": "fr"}).content.decode()


def test_the_wagtail_admin_speaks_indonesian_to_staff_with_an_english_phone(client, staff):
    client.force_login(staff)
    html = client.get("/admin/", headers=ENGLISH_PHONE).content.decode()
    assert '<html lang="id"' in html and "Dasbor" in html


def test_the_wagtail_admin_follows_the_staff_members_own_language_preference(client, staff):
    UserProfile.objects.update_or_create(user=staff, defaults={"preferred_language": "en"})
    client.force_login(staff)
    html = client.get("/admin/").content.decode()
    assert '<html lang="en"' in html and "Dashboard" in html


def test_the_admin_offers_only_indonesian_and_english(staff):
    assert [code for code, _name in get_available_admin_languages()] == ["id", "en"]


def test_templates_have_no_untranslated_words_in_indonesian(client, course, lesson):
    for url in ["/", course.url, lesson.url, "/akun/login/", "/akun/signup/", "/privasi/"]:
        html = client.get(url).content.decode()
        for english in ["Programmes", "Log in", "Register", "Privacy notice", "Previous", "Next", "Skip to content"]:
            assert f">{english}<" not in html, (url, english)


def log_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def test_english_chosen_on_one_phone_comes_back_when_logging_in_on_another(client, participant, course):
    participant.language = "en"
    participant.save(update_fields=["language"])
    response = log_in(client, participant)
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en"' in client.get("/", headers=ENGLISH_PHONE).content.decode()


def test_logging_in_keeps_this_phones_own_choice_and_sets_nothing_for_indonesian(client, participant, course):
    response = log_in(client, participant)
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    participant.language = "en"
    participant.save(update_fields=["language"])
    client.logout()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    response = log_in(client, participant)
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert '<html lang="id"' in client.get("/").content.decode()
