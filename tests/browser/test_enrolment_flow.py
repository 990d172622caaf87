"""A participant registers for a wave in the browser; when it is full the next one waits."""

import pytest
from playwright.sync_api import expect

from courses.models import Enrolment
from tests.browser.test_accounts_and_lessons import log_in_directly
from tests.factories import build_cohort

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("browser"),
]


def register(page, course, wave_name):
    page.goto(course.url)
    page.get_by_role("link", name=f"Daftar di {wave_name}").click()
    expect(page.locator("h1")).to_contain_text(wave_name)
    page.get_by_role("button", name="Konfirmasi pendaftaran").click()


def test_a_participant_registers_and_the_next_one_gets_a_waitlist_place(
    new_page, live_server, course, participant, other_participant
):
    cohort = build_cohort(course, seats={"public": 1})

    first = new_page()
    log_in_directly(first, live_server, participant)
    register(first, course, cohort.name)
    expect(first.locator(".messages")).to_contain_text(f"Anda terdaftar di {cohort.name}")
    expect(first.locator(".status-card")).to_contain_text(f"Anda terdaftar di {cohort.name}")
    expect(first.locator("table.seats .seats__mine td").first).to_have_text("0 / 1")

    second = new_page()
    log_in_directly(second, live_server, other_participant)
    register(second, course, cohort.name)
    expect(second.locator(".status-card__number")).to_contain_text("1")
    expect(second.locator(".status-card")).to_contain_text("daftar tunggu")
    assert Enrolment.objects.get(user=other_participant).waitlist_position == 1

    # The first withdraws; the one waiting takes the seat.
    first.get_by_role("link", name="Batalkan pendaftaran saya").click()
    first.get_by_role("button", name="Ya, batalkan").click()
    expect(first.locator(".messages")).to_contain_text("dibatalkan")
    second.reload()
    expect(second.locator(".status-card")).to_contain_text(f"Anda terdaftar di {cohort.name}")
