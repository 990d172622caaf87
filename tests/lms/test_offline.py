"""Offline reading on the server's side: the worker's script, what it may keep, the token for a
"Tandai selesai" sent after reconnecting, and signing out that clears the browser's copy.

The browser's side (reading offline, the queued mark) is tests/browser/test_offline_reading.py.
"""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from courses.models import LessonProgress
from lms.offline import never_kept_prefixes, reader_key

pytestmark = pytest.mark.django_db


def kept_offline(path: str) -> bool:
    """The worker's rule (templates/sw.js, keepsPage), read from the script it is served."""
    config = json.loads(re.search(r"var CONFIG = (\{.*\});", Client().get("/sw.js").content.decode()).group(1))
    if path in config["kept"]:
        return True
    return not any(path.startswith(prefix) for prefix in config["neverKept"])


def test_the_service_worker_is_served_from_the_site_root_as_javascript_and_revalidated(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "no-cache" in response["Cache-Control"]
    assert 'self.addEventListener("fetch"' in response.content.decode()
    assert "Tidak ada koneksi internet" in response.content.decode()  # its offline page speaks Indonesian


def test_the_content_security_policy_lets_the_site_run_its_own_worker_and_no_one_elses(client):
    csp = client.get("/")["Content-Security-Policy"]
    assert re.search(r"(^|; )worker-src 'self'(;|$)", csp)


def test_lessons_and_my_learning_may_be_kept_but_no_account_notice_certificate_or_download(
    client, participant, lesson, enrolment
):
    assert kept_offline(lesson.url) and kept_offline(reverse("courses:my_learning"))
    for path in [
        "/admin/",
        reverse("profile"),
        reverse("account_logout"),
        reverse("data_export_download", args=[1]),
        reverse("notices"),
        reverse("certificates:mine"),
        reverse("certificates:download", args=["ABC"]),
        reverse("courses:submission_file", args=[1]),
        reverse("courses:schedule_ics", args=[1]),
        reverse("wagtaildocs_serve", args=[1, "materi.pdf"]),
        reverse("courses:mark_done", args=[lesson.pk]),
        reverse("offline_token"),
    ]:
        assert not kept_offline(path), path


def test_every_route_but_wagtail_pages_and_my_learning_is_never_kept():
    assert "/akun/" in never_kept_prefixes() and "/sw.js" in never_kept_prefixes()
    assert not any(reverse("courses:my_learning").startswith(prefix) for prefix in never_kept_prefixes())


def test_a_signed_in_readers_pages_name_their_key_and_a_visitors_name_none(client, participant, other_participant):
    assert "data-reader" not in client.get("/").content.decode()
    client.force_login(participant)
    assert f'data-reader="{reader_key(participant)}"' in client.get("/").content.decode()
    assert reader_key(participant) != reader_key(other_participant)
    assert str(participant.pk) != reader_key(participant)


def test_a_mark_done_queued_offline_is_sent_with_a_fresh_token_and_counts_once(participant, lesson, enrolment):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(participant)
    answer = browser.get(reverse("offline_token"))
    assert answer["Cache-Control"].startswith("max-age=0") and "no-store" in answer["Cache-Control"]
    token = answer.json()
    assert token["reader"] == reader_key(participant)
    url = reverse("courses:mark_done", args=[lesson.pk])
    first = browser.post(url, {"csrfmiddlewaretoken": token["token"]}, headers={"HX-Request": "true"})
    completed_at = LessonProgress.objects.get(enrolment=enrolment, lesson=lesson).completed_at
    again = browser.post(url, {"csrfmiddlewaretoken": token["token"]}, headers={"HX-Request": "true"})
    assert first.status_code == again.status_code == 200
    assert LessonProgress.objects.get(enrolment=enrolment, lesson=lesson).completed_at == completed_at


def test_the_token_is_refused_to_a_visitor(client):
    response = client.get(reverse("offline_token"))
    assert response.status_code == 403 and "token" not in response.json()


@pytest.mark.parametrize("name", ["account_logout", "logout_everywhere"])
def test_signing_out_tells_the_browser_to_clear_the_sites_cache_and_storage(client, participant, name):
    client.force_login(participant)
    response = client.post(reverse(name))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert "_auth_user_id" not in client.session


def test_only_signing_out_clears_the_browsers_copy(client, participant):
    assert "Clear-Site-Data" not in client.post(reverse("account_logout"))  # nobody was signed in
    client.force_login(participant)
    assert "Clear-Site-Data" not in client.get(reverse("account_logout"))  # the confirmation page
    assert "Clear-Site-Data" not in client.post(reverse("delete_account"))  # no password: still signed in
