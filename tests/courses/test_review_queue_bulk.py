"""Trainers review the ticked submissions of their queue at once: approve, or ask for a revision.

Sari (participant) and two others of Gelombang 1 sent work; Dimas (trainer) teaches that
wave, Eko teaches Gelombang 2. Each submission goes through review.review() on its own,
so one that cannot be reviewed is skipped and named, and the others stay reviewed.
"""

from urllib.parse import urlencode

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from courses.assignments import submit
from courses.enrolment import enrol
from courses.models import Submission
from courses.review import review
from tests.courses.test_assignments import TIKTOK, with_assignment
from tests.factories import UserFactory, build_cohort, make_users, verified

QUEUE = "courses_submission:index"


def bulk_url(action: str, *ids) -> str:
    query = urlencode([*(("id", value) for value in ids), ("next", reverse(QUEUE))])
    return reverse("wagtail_bulk_action", args=["courses", "submission", action]) + "?" + query


def messages_of(response) -> list[str]:
    return [message.message for message in get_messages(response.wsgi_request)]


def statuses(*submissions) -> list[str]:
    return [Submission.objects.get(pk=submission.pk).status for submission in submissions]


@pytest.fixture
def assignment_lesson(lesson):
    return with_assignment(lesson)


@pytest.fixture
def wave_trainer(trainer, cohort):
    """Dimas teaches Gelombang 1."""
    cohort.trainers.add(trainer)
    cohort.save()  # modelcluster keeps parental relations in memory until save
    return trainer


@pytest.fixture
def work(enrolment, assignment_lesson):
    """Three submissions waiting for review in Gelombang 1, Sari's first."""
    others = [enrol(user, enrolment.cohort) for user in make_users(2)]
    return [submit(e, assignment_lesson, link=f"{TIKTOK}?{n}") for n, e in enumerate([enrolment, *others])]


@pytest.fixture
def elsewhere(course, assignment_lesson):
    """A submission waiting in Gelombang 2, which Eko teaches and Dimas does not."""
    other = build_cohort(course, name="Gelombang 2")
    other.trainers.add(verified(UserFactory(email="eko@contoh.id", full_name="Eko Pelatih", groups=["Trainer"])))
    other.save()
    enrolment = enrol(make_users(1, prefix="lain")[0], other)
    return submit(enrolment, assignment_lesson, link=TIKTOK + "?lain")


def test_each_row_of_the_queue_has_a_tick_box_and_the_page_the_bulk_actions(client, work, wave_trainer):
    client.force_login(wave_trainer)
    html = client.get(reverse(QUEUE)).content.decode()
    assert all(f'data-object-id="{submission.pk}"' in html for submission in work)
    assert "data-bulk-action-footer" in html
    assert reverse("wagtail_bulk_action", args=["courses", "submission", "request_revision"]) in html


def test_the_confirmation_lists_the_work_chosen_and_changes_nothing(client, work, wave_trainer):
    client.force_login(wave_trainer)
    html = client.get(bulk_url("approve", *(s.pk for s in work))).content.decode()
    assert all(f'data-item="{s.pk}"' in html and s.enrolment.user.full_name in html for s in work)
    assert statuses(*work) == ["submitted"] * 3


def test_bulk_approve_approves_the_waiting_work_and_names_what_was_skipped(client, work, wave_trainer, staff):
    first = work[0]
    review(first, staff, approve=False, feedback="Perbaiki suara.")
    client.force_login(wave_trainer)
    response = client.post(bulk_url("approve", *(s.pk for s in work)))
    assert response.status_code == 302 and response.url == reverse(QUEUE)
    [message] = messages_of(response)
    assert message.startswith("2 tugas disetujui. 1 dilewati: Kiriman ini sudah diperiksa (Sari Wulandari).")
    assert statuses(*work) == ["revision", "approved", "approved"]
    assert {s.reviewer for s in Submission.objects.filter(status="approved")} == {wave_trainer}


def test_a_bulk_revision_needs_feedback_and_gives_each_the_same(client, work, wave_trainer):
    client.force_login(wave_trainer)
    assert client.post(bulk_url("request_revision", *(s.pk for s in work)), {"feedback": " "}).status_code == 200
    assert statuses(*work) == ["submitted"] * 3
    response = client.post(bulk_url("request_revision", *(s.pk for s in work)), {"feedback": "Tambahkan logo kota."})
    assert messages_of(response) == ["Revisi diminta untuk 3 tugas."]
    assert {(s.status, s.feedback) for s in Submission.objects.all()} == {("revision", "Tambahkan logo kota.")}


def test_an_older_version_is_skipped_with_the_reason(client, work, wave_trainer, staff, assignment_lesson):
    old = work[0]
    review(old, staff, approve=False, feedback="Perbaiki suara.")
    current = submit(old.enrolment, assignment_lesson, link=TIKTOK + "?v2")
    client.force_login(wave_trainer)
    response = client.post(bulk_url("approve", old.pk, current.pk))
    [message] = messages_of(response)
    assert message.startswith("1 tugas disetujui. 1 dilewati: Hanya versi terbaru")
    assert statuses(old, current) == ["revision", "approved"]


def test_a_trainer_cannot_bulk_review_another_waves_work(client, work, elsewhere, wave_trainer):
    client.force_login(wave_trainer)
    response = client.post(bulk_url("approve", work[0].pk, elsewhere.pk, "abc"))
    assert response.status_code == 302 and response.url == reverse(QUEUE)
    [message] = messages_of(response)
    assert message == "1 tugas disetujui. 2 dilewati: 2 tidak ditemukan di antara data yang boleh Anda ubah."
    assert statuses(work[0], elsewhere) == ["approved", "submitted"]


def test_only_another_waves_work_changes_nothing(client, elsewhere, wave_trainer):
    client.force_login(wave_trainer)
    response = client.post(bulk_url("request_revision", elsewhere.pk), {"feedback": "Ulangi."})
    assert response.status_code == 302 and response.url == reverse(QUEUE)
    assert statuses(elsewhere) == ["submitted"]


def test_a_participant_posting_a_bulk_review_is_sent_to_log_in(client, work):
    client.force_login(work[0].enrolment.user)
    response = client.post(bulk_url("approve", *(s.pk for s in work)))
    assert response.status_code == 302 and "login" in response.url
    assert statuses(*work) == ["submitted"] * 3
