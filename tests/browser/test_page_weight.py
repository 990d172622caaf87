"""The budgeted pages on a phone's first visit (issue 15, point 4): at most 60 KB on the wire each
(HTML, CSS, JS, images, fonts), and no axe-core finding, for a visitor and for a participant.

The pages carry real content: the demo's posters as the course cover and a lesson image, a
video (which loads nothing until tapped), an issued certificate. Static files are served from
the finders here, uncompressed, so the CSS counts at its full size: production sends less.
"""

from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.images import get_image_model

from bench.lighthouse.weigh import BUDGET, transferred  # the bench weighs pages the same way
from certificates.models import Certificate
from courses.enrolment import enrol
from courses.models import LessonPage
from courses.progress import complete_lesson
from demo.artwork import render_poster
from demo.content import POSTERS
from tests.browser.conftest import IN_CI
from tests.browser.test_accounts_and_lessons import log_in_directly
from tests.certificates.conftest import certificate_settings_for
from tests.factories import build_cohort, build_course

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("browser"),
]

# Installed by .ci/run (npm install --prefix tests/browser/vendor axe-core@<version>).
AXE = Path(__file__).parent / "vendor" / "node_modules" / "axe-core" / "axe.min.js"


def poster(key: str):
    data = ImageFile(BytesIO(render_poster(POSTERS[key])), name=f"{key}.jpg")
    return get_image_model().objects.create(title=POSTERS[key].title, file=data)


@pytest.fixture
def site_pages(participant):
    """Every budgeted page, keyed by name: (URL, signed in?)."""
    course = build_course(title="Sinau TikTok & YouTube", modules=1, lessons=0, cover_image=poster("cover"))
    course.intro = "<p>Program pelatihan untuk warga.</p><h3>Yang akan Anda pelajari</h3><p>Video pendek.</p>"
    course.save_revision().publish()
    module = course.get_modules().first()
    body = [
        ("heading", "Merencanakan video"),
        ("text", "<p>Tiga detik pertama <i>menentukan</i>: mulai dengan <b>hook</b>.</p>"),
        ("image", {"image": poster("hook_isi_ajakan"), "alt_text": "Kerangka hook, isi, ajakan", "caption": ""}),
        ("video", {"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "title": "Contoh", "duration": "3:32"}),
    ]
    first = module.add_child(instance=LessonPage(title="Video 60 detik", body=body, estimated_minutes=10))
    last = module.add_child(instance=LessonPage(title="Penutup", body=[("text", "<p>Selesai.</p>")]))
    certificate_settings_for(course)
    cohort = build_cohort(course)
    enrolment = enrol(participant, cohort)
    complete_lesson(enrolment, first)
    complete_lesson(enrolment, last)
    cohort.starts_on, cohort.ends_on = date.today() - timedelta(days=10), date.today() - timedelta(days=1)
    cohort.save()
    call_command("issue_due_certificates")
    code = Certificate.objects.get(enrolment=enrolment).code
    return {
        "home": "/",
        "course": course.url,
        "lesson": first.url,
        "my learning": reverse("courses:my_learning"),
        "my certificates": reverse("certificates:mine"),
        "verification": reverse("certificates:verify", args=[code]),
    }


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in violations]


def check_pages(page, names: list[str], site_pages: dict) -> tuple[dict, dict]:
    session = page.context.new_cdp_session(page)
    session.send("Network.setCacheDisabled", {"cacheDisabled": True})
    weights, findings = {}, {}
    for name in names:
        weights[name], sizes = transferred(page, site_pages[name])
        print(f"\n{name}: {weights[name] / 1024:.1f} KB")
        for path, size in sorted(sizes.items(), key=lambda item: -item[1]):
            print(f"  {size / 1024:6.1f} KB  {path}")
        findings[name] = axe_violations(page)
    return weights, findings


@pytest.fixture
def axe_page(new_page):
    if not AXE.exists():
        message = f"{AXE} is missing (npm install --prefix tests/browser/vendor axe-core)"
        if IN_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    # Playwright injects axe as an inline script, which the site's CSP rightly refuses. Service
    # workers are blocked: a first visit is measured, not pages the offline reader kept.
    return new_page(bypass_csp=True, service_workers="block")


def test_a_visitors_pages_weigh_under_60_kb_and_axe_finds_nothing(axe_page, site_pages):
    weights, findings = check_pages(axe_page, ["home", "course", "verification"], site_pages)
    assert {name: weight for name, weight in weights.items() if weight > BUDGET} == {}
    assert {name: found for name, found in findings.items() if found} == {}


def test_a_participants_pages_weigh_under_60_kb_and_axe_finds_nothing(axe_page, live_server, site_pages, participant):
    log_in_directly(axe_page, live_server, participant)
    weights, findings = check_pages(axe_page, list(site_pages), site_pages)
    assert {name: weight for name, weight in weights.items() if weight > BUDGET} == {}
    assert {name: found for name, found in findings.items() if found} == {}
    assert weights["lesson"] > weights["my learning"] + 4 * 1024  # the lesson's image was counted
