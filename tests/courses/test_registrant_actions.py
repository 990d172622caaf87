"""Staff act on registrants from the list: each row's menu.

Ayu (staff) runs Gelombang 1; Dimas (trainer) teaches it and may look but not act. Every
change goes through courses/enrolment.py, one registrant at a time, so one refusal skips
only that registrant and the message says who and why.
"""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.enrolment import approve, enrol
from courses.models import Enrolment
from tests.factories import build_cohort, make_users

INDEX = "courses_enrolment:index"


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


def test_a_trainer_sees_the_registrants_but_no_actions_and_no_tick_boxes(client, wave_trainer, cohort):
    enrolment = enrol(make_users(1)[0], cohort)
    client.force_login(wave_trainer)
    html = client.get(reverse(INDEX)).content.decode()
    assert enrolment.user.full_name in html
    assert action_url("withdraw", enrolment) not in html


def test_the_list_costs_the_same_queries_for_3_and_15_registrants(client, staff, cohort):
    def list_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(INDEX)).status_code == 200
        return len(queries)

    client.force_login(staff)
    pending(cohort, 3, prefix="awal")
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
