"""Notices: one row per event and person, one email per sending, "Pemberitahuan", "Kirim ulang"."""

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from courses.enrolment import enrol
from lms.admin_notices import notices_of_url
from lms.models import Notice, NoticeKind
from lms.notices import notify, resend, send_notice
from tests.concurrency import run_concurrently
from tests.factories import build_cohort


@pytest.fixture
def other_enrolment(other_participant, cohort):
    return enrol(other_participant, cohort)


def promoted(enrolment) -> Notice:
    """A notice about `enrolment`, recorded but not sent (tests run outside a commit)."""
    return notify(NoticeKind.PROMOTED, enrolment.user, enrolment)


# --- Once each ---------------------------------------------------------------------------


def test_the_same_event_told_twice_makes_one_notice_and_one_email(enrolment, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = promoted(enrolment)
        second = promoted(enrolment)
    assert first.pk == second.pk
    assert [message.to for message in mail.outbox] == [[enrolment.user.email]]
    assert mail.outbox[0].subject == "Anda mendapatkan kursi di Gelombang 1"
    first.refresh_from_db()
    assert (first.send_count, first.subject, first.sent_at is not None) == (1, mail.outbox[0].subject, True)


def test_a_send_task_run_twice_sends_one_email(enrolment):
    notice = promoted(enrolment)
    assert send_notice.call(notice.pk) is True
    assert send_notice.call(notice.pk) is False
    send_notice.enqueue(notice.pk)  # a retried task, through the backend
    assert len(mail.outbox) == 1
    notice.refresh_from_db()
    assert notice.send_count == 1 and notice.last_sent_at == notice.sent_at


def test_a_rolled_back_event_leaves_no_notice_and_sends_nothing(enrolment, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        promoted(enrolment)
        raise RuntimeError("the event failed")
    assert not Notice.objects.filter(kind=NoticeKind.PROMOTED).exists()
    assert mail.outbox == []


# Many connections at once: on PostgreSQL the unique index and the row lock decide; on a SQLite
# file, BEGIN IMMEDIATE serialises the writers.
concurrent = pytest.mark.django_db(transaction=True, serialized_rollback=True)
one_worker = pytest.mark.xdist_group("concurrency")


@concurrent
@one_worker
def test_many_connections_telling_one_event_at_once_make_one_notice_and_one_email(participant, cohort):
    enrolment = enrol(participant, cohort)
    mail.outbox.clear()  # the registration's own notice, sent at its commit
    results, errors = run_concurrently(lambda _: promoted(enrolment).pk, range(20), clients=10)
    assert errors == [] and len(set(results)) == 1
    assert Notice.objects.filter(kind=NoticeKind.PROMOTED).count() == 1
    assert [message.subject for message in mail.outbox] == ["Anda mendapatkan kursi di Gelombang 1"]


@concurrent
@one_worker
def test_many_send_tasks_at_once_send_a_notice_once(participant, cohort):
    enrolment = enrol(participant, cohort)
    mail.outbox.clear()
    notice = Notice.objects.create(kind=NoticeKind.PROMOTED, recipient=participant, key="race", target=enrolment)
    sends, errors = run_concurrently(lambda _: send_notice.call(notice.pk), range(10), clients=10)
    assert errors == [] and sorted(sends) == [False] * 9 + [True]
    assert len(mail.outbox) == 1
    notice.refresh_from_db()
    assert notice.send_count == 1


def test_a_notice_speaks_english_to_someone_who_chose_english(enrolment):
    enrolment.user.language = "en"
    enrolment.user.save()
    send_notice.call(promoted(enrolment).pk)
    assert mail.outbox[0].subject == "You have a seat in Gelombang 1"
    assert "Hello Sari Wulandari," in mail.outbox[0].body


def test_the_language_switcher_keeps_a_logged_in_persons_choice_for_their_emails(client, participant):
    client.force_login(participant)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert (response.status_code, response["Location"]) == (302, "/")
    participant.refresh_from_db()
    assert participant.language == "en"
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    participant.refresh_from_db()
    assert participant.language == "en"


def test_an_unknown_kind_is_refused(participant):
    with pytest.raises(ValueError, match="Unknown notice kind"):
        notify("birthday", participant)
    assert not Notice.objects.exists()


# --- "Pemberitahuan" ---------------------------------------------------------------------


def test_pemberitahuan_shows_only_ones_own_notices_newest_first(
    client, enrolment, other_enrolment, course, django_assert_max_num_queries
):
    send_notice.call(promoted(enrolment).pk)
    context = {"from_wave": build_cohort(course, name="Gelombang 2").name, "status": "active"}
    send_notice.call(notify(NoticeKind.MOVED, enrolment.user, enrolment, context=context).pk)
    theirs = promoted(other_enrolment)
    send_notice.call(theirs.pk)
    client.force_login(enrolment.user)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("notices"))
    html = response.content.decode()
    assert response.status_code == 200 and "Pemberitahuan" in html
    assert html.index("Anda telah dipindahkan") < html.index("Anda mendapatkan kursi")
    assert "Budi Santoso" not in html and f'id="notice-{theirs.pk}"' not in html


def test_pemberitahuan_needs_a_login_and_is_in_the_menu(client, participant):
    response = client.get(reverse("notices"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    client.force_login(participant)
    html = client.get("/").content.decode()
    assert f'href="{reverse("notices")}">Pemberitahuan<' in html


def test_a_notice_not_yet_sent_is_listed_as_on_its_way(client, enrolment):
    promoted(enrolment)
    client.force_login(enrolment.user)
    html = client.get(reverse("notices")).content.decode()
    assert "Kursi dari daftar tunggu" in html and "Sedang dikirim ke email Anda." in html


# --- Staff: which notices a registrant got, and "Kirim ulang" ----------------------------


def test_staff_see_a_registrants_notices_from_the_registrants_menu(client, staff, enrolment, other_enrolment):
    send_notice.call(promoted(enrolment).pk)
    send_notice.call(promoted(other_enrolment).pk)
    client.force_login(staff)
    registrants = client.get(reverse("courses_enrolment:index")).content.decode()
    assert notices_of_url(enrolment.user_id) in registrants
    response = client.get(notices_of_url(enrolment.user_id))
    html = response.content.decode()
    assert response.status_code == 200 and "Sari Wulandari" in html
    assert "Budi Santoso" not in html


def test_staff_resend_a_notice_which_is_emailed_again_and_recorded(
    client, staff, enrolment, django_capture_on_commit_callbacks
):
    notice = promoted(enrolment)
    send_notice.call(notice.pk)
    client.force_login(staff)
    url = reverse("lms_notice:resend", args=[notice.pk])
    assert "Kirim ulang" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert (response.status_code, response["Location"]) == (302, notices_of_url(enrolment.user_id))
    assert [message.subject for message in mail.outbox] == ["Anda mendapatkan kursi di Gelombang 1"] * 2
    notice.refresh_from_db()
    assert (notice.send_count, notice.resend_count, notice.resent_by) == (2, 1, staff)
    assert Notice.objects.filter(kind=NoticeKind.PROMOTED).count() == 1


def test_two_resends_at_once_send_one_more_email(staff, enrolment, django_capture_on_commit_callbacks):
    notice = promoted(enrolment)
    send_notice.call(notice.pk)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        resend(notice, actor=staff)
        resend(notice, actor=staff)
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 2
    notice.refresh_from_db()
    assert notice.send_count == 2


def test_trainers_and_participants_can_neither_list_nor_resend_notices(client, trainer, enrolment):
    notice = promoted(enrolment)
    send_notice.call(notice.pk)
    resend_url = reverse("lms_notice:resend", args=[notice.pk])
    client.force_login(trainer)
    for response in [client.get(reverse("lms_notice:index")), client.post(resend_url)]:
        assert (response.status_code, response["Location"]) == (302, "/admin/")  # Wagtail's "permission denied"
    client.force_login(enrolment.user)
    response = client.post(resend_url)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    notice.refresh_from_db()
    assert (notice.send_count, notice.resent_by, len(mail.outbox)) == (1, None, 1)
