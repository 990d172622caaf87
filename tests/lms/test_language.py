"""Bahasa Indonesia by default, English on request."""

import subprocess
from pathlib import Path

from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def test_the_site_speaks_indonesian_by_default(client, course):
    html = client.get("/").content.decode()
    assert '<html lang="id">' in html
    assert "Program Pelatihan" in html and "Masuk" in html


def test_the_language_switcher_turns_the_site_to_english_and_back(client, course):
    response = client.post(reverse("set_language"), {"language": "en", "next": course.url})
    assert response.status_code == 302 and response["Location"] == course.url
    html = client.get(course.url).content.decode()
    assert '<html lang="en">' in html
    assert "Course outline" in html and "Log in" in html
    client.post(reverse("set_language"), {"language": "id", "next": "/"})
    assert '<html lang="id">' in client.get(course.url).content.decode()


def test_a_phone_set_to_english_gets_english(client, course):
    html = client.get("/", headers={"accept-language": "en-US,en;q=0.9"}).content.decode()
    assert '<html lang="en">' in html


def test_every_indonesian_message_is_translated():
    po = ROOT / "locale" / "id" / "LC_MESSAGES" / "django.po"
    untranslated = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(po)], capture_output=True, text=True, check=True
    ).stdout
    missing = [line for line in untranslated.splitlines() if line.startswith("msgid ") and line != 'msgid ""']
    assert missing == []
    fuzzy = subprocess.run(["msgattrib", "--only-fuzzy", str(po)], capture_output=True, text=True, check=True).stdout
    assert "msgid" not in fuzzy


def test_templates_have_no_untranslated_words_in_indonesian(client, course, lesson):
    for url in ["/", course.url, lesson.url, "/akun/login/", "/akun/signup/", "/privasi/"]:
        html = client.get(url).content.decode()
        for english in ["Programmes", "Log in", "Register", "Privacy notice", "Previous", "Next", "Skip to content"]:
            assert f">{english}<" not in html, (url, english)
