"""Indonesian everywhere, for a browser that asks for English.

Both browsers send `Accept-Language: en-US`, as a phone set to English does. Staff walk the
admin listing, create and edit pages of each model of ours (and the dashboard and page
tree); a participant walks every page of theirs, from logging in to "Sertifikat saya".
Each page must say <html lang="id"> and show none of the English below, in its text or in
the labels, titles and placeholders people see on hover or hear from a screen reader.
"""

import re
from datetime import timedelta

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from certificates.issuance import issue
from courses.enrolment import enrol
from courses.models import Announcement, CohortSession
from tests.browser.test_accounts_and_lessons import fill_form, log_in_directly, submit
from tests.certificates.conftest import certificate_settings_for
from tests.factories import PASSWORD, build_cohort, build_course, home_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("browser"),
]

ENGLISH_BROWSER = {"locale": "en-US"}
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "has_touch": False}

# What staff and participants saw before (issue 12), and the admin's and allauth's common words.
ENGLISH_PHRASES = [
    "There are no",
    "to display",
    "kiriman tugass",
    "Pengumumans",
    "Approve with comment",
    "Collapse all",
    "Expand all",
    "More actions",
    "Request changes",
    "is already in use",
    "Save draft",
    "Submit for moderation",
    "Select all",
    "Show filters",
    "Sort by",
    "Page title",
    "Search…",
    "Forgotten password",
    "Remember me",
    "Kata Kunci",
    "E-mail",
    "e-mail",
    "Silahkan",
    "kursus",
    "Kursus",
]
ENGLISH_WORDS = [  # whole words, case as written
    "Cohort",
    "Reports",
    "Help",
    "Dashboard",
    "Pages",
    "Images",
    "Documents",
    "Snippets",
    "Settings",
    "Users",
    "Groups",
    "Workflows",
    "Account",
    "Add",
    "Edit",
    "Delete",
    "Save",
    "Cancel",
    "Search",
    "Filter",
    "Sort",
    "Select",
    "Show",
    "Hide",
    "View",
    "Back",
    "Next",
    "Previous",
    "Submit",
    "Close",
    "Create",
    "Update",
    "Publish",
    "Unpublish",
    "Preview",
    "History",
    "Comments",
    "Password",
    "Username",
    "Forgot",
    "Welcome",
    "Loading",
    "Saving",
    "Saved",
    "Log",
    "Sign",
    "Register",
    "Programmes",
    "Course",
    "Wave",
    "Trainer",
    "Participant",
    "Certificate",
    "Lesson",
    "Module",
    "the",
    "and",
    "of",
    "your",
    "with",
    "this",
    "you",
    "are",
    "has",
    "been",
    "will",
    "click",
    "Please",
]
ENGLISH = re.compile(
    "|".join([*(re.escape(phrase) for phrase in ENGLISH_PHRASES), rf"\b(?:{'|'.join(ENGLISH_WORDS)})\b"])
)
# Written into Wagtail's own templates rather than through its catalogue.
WAGTAIL_HARD_CODED = {"Actions"}

SEEN_TEXT = """() => {
    const seen = [document.body.innerText];
    const names = ["aria-label", "title", "placeholder", "data-w-tooltip-content-value"];
    for (const element of document.querySelectorAll(names.map((name) => `[${name}]`).join(","))) {
        for (const name of names) {
            const value = element.getAttribute(name);
            if (value && !WAGTAIL_HARD_CODED.includes(value)) seen.push(value);
        }
    }
    return seen.join("\\n");
}""".replace("WAGTAIL_HARD_CODED", str(sorted(WAGTAIL_HARD_CODED)))


@pytest.fixture
def programme(staff, participant):
    """A course with a wave, a session, an announcement, certificate settings and one certificate."""
    course = build_course(title="Konten Kreatif Kota", modules=1, lessons=2)
    wave = build_cohort(course)
    enrolment = enrol(participant, wave)
    starts = timezone.now() + timedelta(days=15)
    session = CohortSession.objects.create(
        cohort=wave, title="Sesi perdana", starts_at=starts, ends_at=starts + timedelta(hours=2), venue="Balai Kota"
    )
    announcement = Announcement.objects.create(cohort=wave, title="Selamat datang", body="Sampai jumpa.", author=staff)
    settings = certificate_settings_for(course, kind="participation", issue_automatically=False)
    certificate = issue(enrolment, by=staff, early_reason="Uji tampilan")
    return {
        "course": course,
        "module": course.get_modules().first(),
        "lesson": course.get_lessons().first(),
        "wave": wave,
        "enrolment": enrolment,
        "session": session,
        "announcement": announcement,
        "settings": settings,
        "certificate": certificate,
    }


def admin_urls(p, participant) -> list[str]:
    """The admin pages staff use: each model's listing, create and edit page, and the page tree."""
    course, module, lesson, wave = p["course"], p["module"], p["lesson"], p["wave"]
    organiser, template = course.organiser, p["settings"].template
    names = [
        ("wagtailadmin_home", []),
        ("wagtailadmin_explore", [home_page().pk]),
        ("wagtailadmin_explore", [course.pk]),
        ("wagtailadmin_pages:add", ["courses", "coursepage", home_page().pk]),
        ("wagtailadmin_pages:edit", [course.pk]),
        ("wagtailadmin_pages:add", ["courses", "modulepage", course.pk]),
        ("wagtailadmin_pages:edit", [module.pk]),
        ("wagtailadmin_pages:add", ["courses", "lessonpage", module.pk]),
        ("wagtailadmin_pages:edit", [lesson.pk]),
        ("courses_cohort:index", []),
        ("courses_cohort:add", []),
        ("courses_cohort:edit", [wave.pk]),
        ("courses_cohort:report", [wave.pk]),
        ("courses_enrolment:index", []),
        ("courses_enrolment:approve", [p["enrolment"].pk]),
        ("courses_enrolment:import", []),
        ("courses_submission:index", []),
        ("courses_session:index", []),
        ("courses_session:add", []),
        ("courses_session:edit", [p["session"].pk]),
        ("courses_session:attendance", [p["session"].pk]),
        ("courses_announcement:index", []),
        ("courses_announcement:add", []),
        ("courses_announcement:edit", [p["announcement"].pk]),
        ("wagtailsnippets_certificates_certificatetemplate:list", []),
        ("wagtailsnippets_certificates_certificatetemplate:add", []),
        ("wagtailsnippets_certificates_certificatetemplate:edit", [template.pk]),
        ("certificates_settings:index", []),
        ("certificates_settings:add", []),
        ("certificates_settings:edit", [p["settings"].pk]),
        ("certificates_certificate:index", []),
        ("certificates_certificate:inspect", [p["certificate"].pk]),
        ("certificates_certificate:revoke", [p["certificate"].pk]),
        ("certificates_issuance:index", []),
        ("certificates_issuance:cohort", [wave.pk]),
        ("wagtailsnippets_lms_organiser:list", []),
        ("wagtailsnippets_lms_organiser:add", []),
        ("wagtailsnippets_lms_organiser:edit", [organiser.pk]),
        ("wagtailusers_users:index", []),
        ("wagtailusers_users:add", []),
        ("wagtailusers_users:edit", [participant.pk]),
        ("lms_notice:index", []),  # the notices' admin, where it exists
    ]
    urls = []
    for name, args in names:
        try:
            urls.append(reverse(name, args=args))
        except NoReverseMatch:
            assert name.startswith("lms_notice"), name
    return urls


def notices_page() -> list[str]:
    """ "Pemberitahuan", where it exists."""
    try:
        return [reverse("notices")]
    except NoReverseMatch:
        return []


def english_on(page, url: str) -> list[str]:
    """Open `url` and return what it shows in English (an empty list when all is Indonesian)."""
    response = page.goto(url)
    assert response.status == 200, (url, response.status)
    assert page.locator("html").get_attribute("lang") == "id", url
    text = page.evaluate(SEEN_TEXT)
    return [f"{url}: {text[max(0, m.start() - 40) : m.end() + 40]!r}" for m in ENGLISH.finditer(text)]


def test_staff_see_the_admin_in_indonesian_though_their_browser_asks_for_english(
    new_page, live_server, staff, participant, programme
):
    admin = new_page(**ENGLISH_BROWSER, **DESKTOP)
    log_in_directly(admin, live_server, staff)
    found = []
    for url in admin_urls(programme, participant):
        found += english_on(admin, url)
    assert found == [], "\n".join(found)


def test_a_participant_sees_every_page_in_indonesian_though_their_phone_asks_for_english(
    new_page, participant, programme
):
    phone = new_page(**ENGLISH_BROWSER)
    course, lesson, wave = programme["course"], programme["lesson"], programme["wave"]
    found = []
    for url in ["/akun/login/", "/akun/signup/", "/akun/password/reset/", "/", course.url, "/privasi/", "/verifikasi/"]:
        found += english_on(phone, url)

    phone.goto("/akun/login/")
    assert phone.locator("label[for=id_password]").inner_text().startswith("Kata sandi")
    fill_form(phone, {"login": participant.email, "password": PASSWORD})
    submit(phone, "Masuk")
    for url in [
        "/",
        course.url,
        lesson.url,
        reverse("courses:my_learning"),
        reverse("certificates:mine"),
        reverse("courses:schedule", args=[wave.pk]),
        reverse("courses:withdraw", args=[programme["enrolment"].pk]),
        reverse("profile"),
        reverse("account_change_password"),
        reverse("certificates:verify", args=[programme["certificate"].code]),
        *notices_page(),
    ]:
        found += english_on(phone, url)
    assert found == [], "\n".join(found)
