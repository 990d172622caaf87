"""Staff run a wave in the admin by clicking, from the dashboard's menu, never by typing an address.

Gelombang 1 of "Konten Kreatif Kota" has ended: registrations need approval, two public
seats are taken (Andi, Bela), Citra waits first in line, Dewi and three UMKM owners wait
for approval. Ayu (staff) approves Dewi, moves Andi to Gelombang 2 and withdraws Bela,
watching the waitlist move up, approves the UMKM owners together, then issues the wave's
certificates.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from certificates.models import Certificate
from courses.enrolment import approve, enrol
from courses.models import Cohort, Enrolment
from tests.browser.test_accounts_and_lessons import log_in_directly
from tests.certificates.conftest import certificate_settings_for
from tests.factories import UserFactory, build_cohort, build_course

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("browser"),
]

UMKM_OWNERS = ["Eka Saputra", "Fajar Nugroho", "Gita Permata"]


@pytest.fixture
def wave(staff):
    """Gelombang 1, ended two days ago, with its registrants as described above; Gelombang 2 is ahead."""
    course = build_course(title="Konten Kreatif Kota", modules=1, lessons=1)
    course.requires_approval = True
    course.save()
    certificate_settings_for(course, kind="participation", issue_automatically=False)
    wave = build_cohort(course, seats={"public": 2, "umkm": 5})
    build_cohort(course, name="Gelombang 2")
    for name in ["Andi Pratama", "Bela Safitri", "Citra Lestari"]:
        approve(enrol(UserFactory(full_name=name), wave), actor=staff)  # Andi and Bela take the seats, Citra waits
    enrol(UserFactory(full_name="Dewi Anggraini"), wave)
    for name in UMKM_OWNERS:
        enrol(UserFactory(full_name=name, umkm=True), wave)
    today, now = timezone.localdate(), timezone.now()
    Cohort.objects.filter(pk=wave.pk).update(
        starts_on=today - timedelta(days=30),
        ends_on=today - timedelta(days=2),
        registration_opens_at=now - timedelta(days=45),
        registration_closes_at=now - timedelta(days=31),
    )
    return wave


def status_of(name: str) -> str:
    return Enrolment.objects.filter(user__full_name=name).order_by("-pk").values_list("status", flat=True).first()


def row_action(admin, name: str, action: str) -> None:
    """Open the registrant's row menu and choose `action`, then confirm on the page it opens."""
    row = admin.locator("#listing-results tbody tr", has_text=name)
    row.locator(".w-dropdown__toggle").click()
    row.get_by_role("link", name=action).click()


def test_staff_approve_move_withdraw_bulk_approve_and_issue_certificates(new_page, live_server, staff, wave):
    admin = new_page(viewport={"width": 1280, "height": 900}, has_touch=False)
    log_in_directly(admin, live_server, staff)
    admin.goto("/admin/")

    admin.get_by_role("button", name="Pelatihan").click()
    admin.get_by_role("link", name="Gelombang", exact=True).click()
    admin.locator("tbody tr", has_text="Gelombang 1").get_by_role("link", name="Pendaftar").click()
    expect(admin.locator("#listing-results")).to_contain_text("Dewi Anggraini")

    row_action(admin, "Dewi Anggraini", "Setujui")
    admin.get_by_role("button", name="Setujui pendaftaran").click()
    expect(admin.locator(".messages")).to_contain_text("Disetujui: Dewi Anggraini")
    assert status_of("Dewi Anggraini") == "waitlisted"  # both seats were taken

    row_action(admin, "Andi Pratama", "Pindahkan ke gelombang lain")
    admin.get_by_label("Pindahkan ke gelombang").select_option(label="Konten Kreatif Kota — Gelombang 2")
    admin.get_by_role("button", name="Pindahkan ke gelombang lain").click()
    expect(admin.locator(".messages")).to_contain_text("Andi Pratama dipindahkan ke Gelombang 2")
    expect(admin.locator(".messages")).to_contain_text("Citra Lestari mendapatkan kursi dari daftar tunggu.")

    row_action(admin, "Bela Safitri", "Tandai mengundurkan diri")
    admin.get_by_role("button", name="Tandai mengundurkan diri").click()
    expect(admin.locator(".messages")).to_contain_text("Bela Safitri telah ditandai mengundurkan diri.")
    expect(admin.locator(".messages")).to_contain_text("Dewi Anggraini mendapatkan kursi dari daftar tunggu.")
    expect(admin.locator("#listing-results tbody tr", has_text="Dewi Anggraini")).to_contain_text("Terdaftar")

    for name in UMKM_OWNERS:
        admin.locator("#listing-results tbody tr", has_text=name).locator("[data-bulk-action-checkbox]").check()
    admin.locator("[data-bulk-action-footer]").get_by_role("link", name="Setujui").click()
    expect(admin.locator("#bulk-items li")).to_have_count(3)
    admin.get_by_role("button", name="Ya, setujui").click()
    expect(admin.locator(".messages")).to_contain_text("3 disetujui.")
    for name in UMKM_OWNERS:
        expect(admin.locator("#listing-results tbody tr", has_text=name)).to_contain_text("Terdaftar")
    assert [status_of(name) for name in ["Andi Pratama", "Bela Safitri", "Citra Lestari", "Dewi Anggraini"]] == [
        "active",  # in Gelombang 2 now
        "withdrawn",
        "active",
        "active",
    ]

    admin.get_by_role("button", name="Sertifikat").click()
    admin.get_by_role("link", name="Terbitkan sertifikat").click()
    admin.locator(f"#waves tr[data-cohort='{wave.pk}']").get_by_role("link", name="Gelombang 1").click()
    admin.get_by_role("button", name="Terbitkan untuk semua yang layak").click()
    expect(admin.locator(".messages")).to_contain_text("5 sertifikat sedang diterbitkan.")
    holders = Certificate.objects.filter(enrolment__cohort=wave).values_list("enrolment__user__full_name", flat=True)
    assert sorted(holders) == sorted(["Citra Lestari", "Dewi Anggraini", *UMKM_OWNERS])
