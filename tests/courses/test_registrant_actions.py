"""Staff act on registrants from the list: each row's menu, and bulk actions on the rows they tick.

Ayu (staff) runs Gelombang 1; Dimas (trainer) teaches it and may look but not act. Every
change goes through courses/enrolment.py, one registrant at a time, so one refusal skips
only that registrant and the message says who and why.
"""

from urllib.parse import urlencode

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.enrolment import approve, enrol
from courses.models import Enrolment
from tests.factories import build_cohort, make_users

INDEX = "courses_enrolment:index"


def bulk_url(action: str, *ids) -> str:
    query = urlencode([*(("id", value) for value in ids), ("next", reverse(INDEX))])
    return reverse("wagtail_bulk_action", args=["courses", "enrolment", action]) + "?" + query


def action_url(action: str, enrolment) -> str:
    return reverse(f"courses_enrolment:{action}", args=[enrolment.pk])


def messages_of(response) -> list[str]:
    return [message.message for message in get_messages(response.wsgi_request)]


def statuses(*enrolments) -> list[str]:
    return [Enrolment.objects.get(pk=enrolment.pk).status for enrolment in enrolments]


@pytest.fixture
def approval_course(course):
    course.requires_approval = True
    course.save()
    return course


@pytest.fixture
def wave_trainer(trainer, cohort):
    cohort.trainers.add(trainer)
    cohort.save()  # modelcluster keeps parental relations in memory until save
    return trainer


def pending(cohort, count, prefix="tunggu"):
    return [enrol(user, cohort) for user in make_users(count, prefix=prefix)]


# --- The list --------------------------------------------------------------------------


def test_each_row_offers_staff_the_actions_its_status_allows(client, staff, approval_course, cohort):
    waiting, seated = pending(cohort, 2)
    approve(seated, actor=staff)
    client.force_login(staff)
    html = client.get(reverse(INDEX)).content.decode()
    for action in ("approve", "reject", "move", "withdraw"):
        assert action_url(action, waiting) in html
    assert action_url("move", seated) in html and action_url("withdraw", seated) in html
    assert action_url("approve", seated) not in html and action_url("reject", seated) not in html
    assert f'data-object-id="{waiting.pk}"' in html and "data-bulk-action-footer" in html


def test_a_trainer_sees_the_registrants_but_no_actions_and_no_tick_boxes(client, wave_trainer, cohort):
    enrolment = enrol(make_users(1)[0], cohort)
    client.force_login(wave_trainer)
    html = client.get(reverse(INDEX)).content.decode()
    assert enrolment.user.full_name in html
    assert action_url("withdraw", enrolment) not in html
    assert "data-bulk-action-checkbox" not in html and "data-bulk-action-footer" not in html


def test_the_list_costs_the_same_queries_for_3_and_15_registrants(client, staff, cohort):
    def list_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(INDEX)).status_code == 200
        return len(queries)

    client.force_login(staff)
    pending(cohort, 3, prefix="awal")
    list_queries()  # the first request fills this process's memory of the site (lms/sites.py)
    few = list_queries()
    pending(cohort, 12, prefix="lagi")
    assert list_queries() == few


# --- One registrant from the row's menu --------------------------------------------------


def test_withdrawing_names_the_registrant_and_who_moved_up(client, staff, course):
    cohort = build_cohort(course, seats={"public": 1})
    seated, waiting = (enrol(user, cohort) for user in make_users(2))
    client.force_login(staff)
    response = client.post(action_url("withdraw", seated), follow=True)
    [message] = messages_of(response)
    assert f"{seated.user.full_name} telah ditandai mengundurkan diri." in message
    assert f"{waiting.user.full_name} mendapatkan kursi dari daftar tunggu." in message
    assert statuses(seated, waiting) == ["withdrawn", "active"]


def test_moving_a_registrant_names_who_moved_up_in_the_old_wave(client, staff, course):
    first = build_cohort(course, seats={"public": 1})
    second = build_cohort(course, name="Gelombang 2")
    seated, waiting = (enrol(user, first) for user in make_users(2))
    client.force_login(staff)
    response = client.post(action_url("move", seated), {"cohort": second.pk}, follow=True)
    [message] = messages_of(response)
    assert f"{seated.user.full_name} dipindahkan ke Gelombang 2" in message
    assert f"{waiting.user.full_name} mendapatkan kursi dari daftar tunggu." in message
    assert Enrolment.objects.live().get(user=seated.user).cohort_id == second.pk
    assert statuses(waiting) == ["active"]


# --- Bulk actions on the rows ticked -----------------------------------------------------


def test_the_bulk_confirmation_lists_the_people_chosen_and_changes_nothing(client, staff, approval_course, cohort):
    chosen = pending(cohort, 2)
    client.force_login(staff)
    response = client.get(bulk_url("approve", *(e.pk for e in chosen)))
    html = response.content.decode()
    assert response.status_code == 200
    assert all(f'data-item="{e.pk}"' in html and e.user.full_name in html for e in chosen)
    assert statuses(*chosen) == ["pending", "pending"]


def test_bulk_approve_approves_the_pending_and_names_those_skipped(client, staff, approval_course, cohort):
    *waiting, decided = pending(cohort, 4)
    approve(decided, actor=staff)
    client.force_login(staff)
    response = client.post(bulk_url("approve", *(e.pk for e in [*waiting, decided])))
    assert response.status_code == 302 and response.url == reverse(INDEX)
    [message] = messages_of(response)
    assert message.startswith("3 disetujui. 1 dilewati: Hanya pendaftaran yang menunggu persetujuan")
    assert decided.user.full_name in message
    assert statuses(*waiting, decided) == ["active"] * 4


def test_one_refusal_does_not_undo_the_approvals_before_it(client, staff, approval_course):
    cohort = build_cohort(approval_course, seats={"public": 1}, waitlist_open=False)
    first, second = pending(cohort, 2)
    client.force_login(staff)
    response = client.post(bulk_url("approve", first.pk, second.pk))
    [message] = messages_of(response)
    assert message.startswith("1 disetujui. 1 dilewati:") and second.user.full_name in message
    assert statuses(first, second) == ["active", "pending"]


def test_bulk_reject_needs_one_reason_and_rejects_only_those_without_a_seat(client, staff, course):
    cohort = build_cohort(course, seats={"public": 1})
    seated, waiting = (enrol(user, cohort) for user in make_users(2))
    client.force_login(staff)
    assert client.post(bulk_url("reject", seated.pk, waiting.pk), {"reason": "  "}).status_code == 200
    assert statuses(seated, waiting) == ["active", "waitlisted"]
    response = client.post(bulk_url("reject", seated.pk, waiting.pk), {"reason": "Kuota penuh."})
    [message] = messages_of(response)
    assert message.startswith("1 ditolak. 1 dilewati:") and seated.user.full_name in message
    assert statuses(seated, waiting) == ["active", "rejected"]
    assert Enrolment.objects.get(pk=waiting.pk).decision_reason == "Kuota penuh."


def test_bulk_withdraw_moves_the_waitlist_up_and_says_who(client, staff, course):
    cohort = build_cohort(course, seats={"public": 2})
    *seated, first_waiting, second_waiting = (enrol(user, cohort) for user in make_users(4))
    client.force_login(staff)
    response = client.post(bulk_url("withdraw", *(e.pk for e in seated)))
    [message] = messages_of(response)
    assert message.startswith("2 ditandai mengundurkan diri.")
    assert f"{first_waiting.user.full_name} mendapatkan kursi" in message
    assert f"{second_waiting.user.full_name} mendapatkan kursi" in message
    assert statuses(*seated, first_waiting, second_waiting) == ["withdrawn", "withdrawn", "active", "active"]


def test_unknown_and_malformed_ids_are_skipped_never_an_error(client, staff, approval_course, cohort):
    [chosen] = pending(cohort, 1)
    client.force_login(staff)
    response = client.post(bulk_url("approve", chosen.pk, 999999, "abc", "9" * 30, "all"))
    assert response.status_code == 302
    [message] = messages_of(response)
    assert message.startswith("1 disetujui. 4 dilewati: 4 tidak ditemukan")
    assert statuses(chosen) == ["active"]


@pytest.mark.parametrize("action", ["approve", "reject", "withdraw"])
def test_a_trainer_posting_a_bulk_action_changes_nothing(client, wave_trainer, approval_course, cohort, action):
    chosen = pending(cohort, 2)
    client.force_login(wave_trainer)
    response = client.post(bulk_url(action, *(e.pk for e in chosen)), {"reason": "Tidak memenuhi syarat."})
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert statuses(*chosen) == ["pending", "pending"]


def test_a_participant_posting_a_bulk_action_is_sent_to_log_in(client, participant, approval_course, cohort):
    chosen = pending(cohort, 1)
    client.force_login(participant)
    response = client.post(bulk_url("withdraw", *(e.pk for e in chosen)))
    assert response.status_code == 302 and "login" in response.url
    assert statuses(*chosen) == ["pending"]
