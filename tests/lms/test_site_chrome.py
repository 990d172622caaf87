"""The header and footer, kept per process (lms/templatetags/site_chrome.py), still read right
for each person and page: their own links, a CSRF token that works, the way back after
changing the language."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')


def log_in(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302


def test_each_kind_of_person_gets_their_own_header_from_the_one_process(participant, staff, course):
    visitor, learner, officer = Client(), Client(), Client()
    log_in(learner, participant)
    log_in(officer, staff)
    for _ in range(2):  # the second round is served from the process's memory
        seen = {name: c.get(course.url).content.decode() for name, c in (("visitor", visitor), ("learner", learner))}
        seen["staff"] = officer.get(course.url).content.decode()
        assert "Masuk" in seen["visitor"] and "Keluar" not in seen["visitor"]
        assert reverse("account_logout") in seen["learner"] and 'href="/admin/"' not in seen["learner"]
        assert reverse("account_logout") in seen["staff"] and 'href="/admin/"' in seen["staff"]
        my_learning = reverse("courses:my_learning")
        assert my_learning in seen["learner"] and my_learning not in seen["visitor"]
    english = Client()
    english.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = english.get(course.url).content.decode()
    assert "Log in" in html and "Masuk" not in html


def test_the_logout_token_in_the_kept_header_is_this_persons_and_works(participant, other_participant, course):
    tokens = []
    for person in (participant, other_participant):
        client = Client(enforce_csrf_checks=True)
        client.get(reverse("account_login"))
        login_token = TOKEN.search(client.get(reverse("account_login")).content.decode()).group(1)
        client.post(
            reverse("account_login"),
            {"login": person.email, "password": PASSWORD, "csrfmiddlewaretoken": login_token},
        )
        html = client.get(course.url).content.decode()
        found = TOKEN.findall(html)
        assert len(found) == 2 and all(len(token) == 64 for token in found)  # log out and language
        assert "\x1f" not in html  # no stand-in left
        tokens.append(found[0])
        response = client.post(reverse("account_logout"), {"csrfmiddlewaretoken": found[0]})
        assert response.status_code == 302
        session = client.cookies.get(settings.SESSION_COOKIE_NAME)
        assert session is None or not session.value
        assert "Masuk" in client.get(course.url).content.decode()
    assert tokens[0] != tokens[1]


def test_the_language_switcher_comes_back_to_this_page_escaped(client, course, lesson):
    for url in (course.url, lesson.url + "?tab=1&x='\"><script>"):
        response = client.get(url)
        html = response.content.decode()
        expected = escape(response.wsgi_request.get_full_path())
        assert expected.startswith(url.split("?")[0]) and (url == course.url or "&amp;x=" in expected)
        assert f'name="next" value="{expected}"' in html
        assert "<script>" not in html
