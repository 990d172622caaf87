"""`manage.py seed_demo` builds real-looking, published programmes, participants at every stage and demo logins, once.

`seed_certificate_demo`, which `make run` runs next, issues and renders the certificates of the
demo waves that have ended.
"""

import functools
import io
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, Revision

from certificates.models import Certificate
from courses.models import (
    AttendanceRecord,
    Cohort,
    CohortMode,
    CohortSession,
    CoursePage,
    Enrolment,
    EvaluationResponse,
    LessonPage,
    QuizAttempt,
    SegmentQuota,
    Submission,
)
from courses.video import parse_video_url
from demo import seeding as demo_seeding
from demo.artwork import render_poster, render_worksheet
from demo.content import ACCOUNTS, COURSE_SLUG, DEMO_PASSWORD, JOURNEYS, PEWARTA_SLUG, POSTERS, WORKSHEETS
from lms.models import Segment, User
from tests.factories import build_course, home_page

MODULE_TITLES = ["Membuat Konten Kreatif", "Branding Kota Malang", "Jualan Online Produk UMKM"]
WAVES_SEEDED = 5  # two of today's programme, three of Pewarta Warga

# Posters and worksheets render to the same bytes every time: draw each once per test
# process rather than once per seeding. (render_poster and render_worksheet above are
# the originals, for the test that renders them under the network guard.)
_cached_poster = functools.cache(render_poster)
_cached_worksheet = functools.cache(render_worksheet)


@pytest.fixture(autouse=True)
def render_each_picture_once(monkeypatch):
    monkeypatch.setattr(demo_seeding, "render_poster", _cached_poster)
    monkeypatch.setattr(demo_seeding, "render_worksheet", _cached_worksheet)


def seed_demo(*args: str) -> str:
    """Run the command as on a developer's machine (pytest-django turns DEBUG off)."""
    out = StringIO()
    with override_settings(DEBUG=True):
        call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def seed_certificate_demo() -> str:
    out = StringIO()
    with override_settings(DEBUG=True):
        call_command("seed_certificate_demo", stdout=out)
    return out.getvalue()


def database_state() -> dict:
    """Counts of what seeding makes, plus the fields a rerun must not touch."""
    models = (Page, User, Image, Document, Revision, EmailAddress, Cohort, SegmentQuota, CohortSession)
    models += (Enrolment, AttendanceRecord, QuizAttempt, Submission, EvaluationResponse)
    return {
        "counts": {model.__name__: model.objects.count() for model in models},
        "pages": sorted(Page.objects.values_list("pk", "latest_revision_id", "last_published_at")),
        "users": sorted(User.objects.values_list("pk", "password", "full_name")),
        "waves": sorted(Cohort.objects.values_list("pk", "name", "starts_on", "registration_closes_at")),
    }


@pytest.fixture(scope="class")
def seeded_once(django_db_setup, django_db_blocker):
    """Seed once for a class of tests that only read; rolled back when the class is done.

    Each test still takes the `db` fixture, whose transaction nests here as a savepoint,
    as Django's TestCase.setUpTestData does, so what a test writes is undone after it.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed_demo()
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seeded_once, db) -> str:
    return seeded_once


@pytest.fixture
def course(seeded) -> CoursePage:
    return CoursePage.objects.get(slug=COURSE_SLUG)


class TestTheSeededDemo:
    def test_it_builds_the_programme_on_the_home_page_with_three_named_modules(self, course):
        assert course.get_parent().pk == home_page().pk
        assert course.title == "Sinau TikTok & YouTube"
        assert course.summary and "<h3>" in course.intro and course.learning_hours == 32
        assert course.cover_image is not None
        modules = list(course.get_modules())
        assert [module.title for module in modules] == MODULE_TITLES
        assert all(module.get_lessons().count() >= 3 for module in modules)
        assert LessonPage.objects.descendant_of(course).filter(is_required=False).exists()

    def test_every_module_has_a_lesson_with_text_image_video_and_document(self, course):
        for module in course.get_modules():
            kinds_per_lesson = [{block.block_type for block in lesson.body} for lesson in module.get_lessons()]
            assert any({"text", "image", "video", "document"} <= kinds for kinds in kinds_per_lesson), module.title
            assert {"heading", "callout", "checklist"} <= set().union(*kinds_per_lesson), module.title

    def test_every_video_is_a_link_we_can_show_and_every_image_is_described(self, course):
        blocks = [block for lesson in LessonPage.objects.descendant_of(course) for block in lesson.body]
        for block in blocks:
            if block.block_type == "video":
                parse_video_url(block.value["url"])  # raises if the URL is not one we can show
            if block.block_type == "image":
                assert len(block.value["alt_text"]) > 20
        assert {parse_video_url(b.value["url"]).provider for b in blocks if b.block_type == "video"} == {
            "youtube",
            "tiktok",
            "instagram",
        }

    def test_every_seeded_page_is_published_through_a_revision(self, course):
        pages = list(Page.objects.descendant_of(course, inclusive=True))
        assert len(pages) >= 1 + 3 + 9
        for page in pages:
            assert page.live and not page.has_unpublished_changes, page.title
            assert page.live_revision_id is not None, page.title
            assert page.live_revision_id == page.latest_revision_id, page.title
            with translation.override("en"):
                assert page.status_string == "live", page.title  # what the admin's page listing shows

    def test_the_generated_images_are_light_jpegs(self, seeded):
        images = Image.objects.all()
        assert images.count() >= 4
        for image in images:
            assert image.file_size < 60_000, image.title
            assert (image.width, image.height) == (1200, 675)
            assert image.file.name.endswith(".jpg")

    def test_a_seeded_lesson_renders_for_the_demo_trainer_with_its_image_video_and_worksheet(self, client, course):
        client.force_login(User.objects.get(email="pelatih@sinau.test"))
        lesson = LessonPage.objects.descendant_of(course).get(slug="merencanakan-video-60-detik")
        response = client.get(lesson.url)
        html = response.content.decode()
        assert response.status_code == 200
        assert "Contoh membuat storyboard untuk video pendek" in html
        assert "Lembar Kerja: Rencana Konten 7 Hari" in html
        assert "<img" in html and "hook pada detik 0 sampai 3" in html

    def test_every_seeded_page_renders_for_the_demo_trainer(self, client, course):
        client.force_login(User.objects.get(email="pelatih@sinau.test"))  # lessons are closed to visitors
        for page in Page.objects.descendant_of(course, inclusive=True):
            assert client.get(page.url).status_code == 200, page.title

    def test_a_seeded_lesson_opens_in_the_admin_editor(self, client, course):
        client.force_login(User.objects.get(email="pelatih@sinau.test"))
        lesson = LessonPage.objects.descendant_of(course).get(slug="deskripsi-dan-harga")
        response = client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk]))
        assert response.status_code == 200
        assert "Lembar Kerja: Menghitung Harga Jual" in response.content.decode()

    def test_a_seeded_worksheet_downloads_as_a_readable_pdf(self, client, seeded):
        document = Document.objects.get(title="Lembar Kerja: Rencana Konten 7 Hari")
        response = client.get(document.url)
        assert response.status_code == 200
        text = PdfReader(io.BytesIO(response.getvalue())).pages[0].extract_text()
        assert "Rencana Konten 7 Hari" in text
        assert "Hook 3 detik pertama" in text
        assert Document.objects.filter(file__endswith=".pdf").count() >= 3

    def test_it_prints_the_logins_it_made(self, seeded):
        for account in ACCOUNTS:
            line = next(line for line in seeded.splitlines() if account.email in line)
            assert account.role in line and DEMO_PASSWORD in line

    def test_the_demo_accounts_have_their_roles_and_valid_profiles(self, seeded):
        users = {user.email: user for user in User.objects.all()}
        assert users["admin@sinau.test"].is_superuser
        assert users["staf@sinau.test"].groups.filter(name="Staff").exists()
        assert users["pelatih@sinau.test"].groups.filter(name="Trainer").exists()
        participants = [users[a.email] for a in ACCOUNTS if a.role.startswith("participant")]
        assert {user.segment for user in participants} == set(Segment.values)
        for user in users.values():
            user.full_clean()
            assert EmailAddress.objects.filter(user=user, email=user.email, verified=True, primary=True).exists()

    def test_it_makes_an_open_hybrid_first_wave_taught_by_the_demo_trainer(self, course):
        wave = Cohort.objects.get(course=course, name="Gelombang 1")
        today = timezone.localdate()
        assert wave.is_registration_open()
        assert timezone.localtime(wave.registration_opens_at).date() < today
        assert (timezone.localtime(wave.registration_closes_at).date() - today).days == 14
        assert (wave.starts_on - today).days == 21 and (wave.ends_on - wave.starts_on).days == 13
        assert wave.mode == CohortMode.HYBRID and wave.venue.startswith("Ruang Rapat Diskominfo Kota Malang")
        assert [trainer.email for trainer in wave.trainers.all()] == ["pelatih@sinau.test"]
        assert dict(wave.quotas.values_list("segment", "seats")) == {"public": 70, "asn": 70, "umkm": 20}

    def test_it_makes_an_online_second_wave_whose_registration_opens_later(self, course):
        wave = Cohort.objects.get(course=course, name="Gelombang 2")
        today = timezone.localdate()
        assert not wave.is_registration_open()
        assert (timezone.localtime(wave.registration_opens_at).date() - today).days == 30
        assert (timezone.localtime(wave.registration_closes_at).date() - today).days == 44
        assert (wave.starts_on - today).days == 60 and wave.mode == CohortMode.ONLINE
        assert dict(wave.quotas.values_list("segment", "seats")) == {"public": 50, "asn": 50, "umkm": 20}
        assert Cohort.objects.filter(course=course).count() == 2

    def test_the_course_page_offers_a_visitor_the_first_wave_only(self, client, course):
        from tests.factories import UserFactory

        client.force_login(UserFactory())
        response = client.get(course.url)
        html = response.content.decode()
        assert response.status_code == 200
        assert "Gelombang 1" in html and "Gelombang 2" in html
        assert "Daftar di Gelombang 1" in html
        assert "Daftar di Gelombang 2" not in html

    def test_demo_participants_have_a_seat_and_read_lessons(self, client, course):
        for email in ("warga@sinau.test", "asn@sinau.test", "umkm@sinau.test"):
            client.force_login(User.objects.get(email=email))
            lesson = course.get_lessons().live().first()
            assert client.get(lesson.url).status_code == 200, email
            assert "Anda terdaftar di Gelombang 1" in client.get(course.url).content.decode()

    def test_it_prints_the_waves_it_made(self, seeded):
        for name, mode, seats in (("Gelombang 1", "hybrid", "public 70"), ("Gelombang 2", "online", "public 50")):
            line = next(line for line in seeded.splitlines() if line.strip().startswith(name))
            assert mode in line and seats in line and "created" in line

    def test_every_demo_account_can_log_in_with_the_demo_password(self, client, seeded):
        for account in ACCOUNTS:
            response = client.post(reverse("account_login"), {"login": account.email, "password": DEMO_PASSWORD})
            assert response.status_code == 302, account.email
            assert get_user(client).email == account.email
            client.logout()


def test_running_it_twice_creates_and_changes_nothing(db):
    seed_demo()
    before = database_state()
    output = seed_demo()
    assert database_state() == before
    assert "already exist" in output
    assert output.count("(already exists, unchanged)") == len(ACCOUNTS) + WAVES_SEEDED
    assert output.count("(already there, unchanged)") == len(JOURNEYS)
    assert Cohort.objects.count() == WAVES_SEEDED


def test_a_rerun_restores_a_deleted_lesson_without_new_media(db):
    seed_demo()
    lesson = LessonPage.objects.get(slug="etika-izin-hak-cipta")
    module_pk = lesson.get_parent().pk
    lesson.delete()
    images, documents = Image.objects.count(), Document.objects.count()
    seed_demo()
    restored = LessonPage.objects.get(slug="etika-izin-hak-cipta")
    assert restored.live and restored.get_parent().pk == module_pk
    assert (Image.objects.count(), Document.objects.count()) == (images, documents)


def test_if_empty_does_nothing_when_a_course_exists(db):
    build_course(title="Pelatihan Pewarta Warga")
    before = database_state()
    output = seed_demo("--if-empty")
    assert database_state() == before
    assert "not seeded" in output
    assert not CoursePage.objects.filter(slug=COURSE_SLUG).exists()


def test_if_empty_seeds_a_site_without_courses(db):
    output = seed_demo("--if-empty")
    assert CoursePage.objects.filter(slug=COURSE_SLUG, live=True).exists()
    assert "admin@sinau.test" in output


def test_pictures_and_worksheets_render_offline_with_the_project_fonts(no_outbound_network):
    for sheet in WORKSHEETS.values():
        pdf = PdfReader(io.BytesIO(render_worksheet(sheet)))
        assert len(pdf.pages) == 1, sheet.title
        fonts = {str(font["/BaseFont"]) for font in pdf.pages[0]["/Resources"]["/Font"].values()}
        # A glyph missing from Noto Sans would fall back to whatever the machine has installed.
        assert fonts and all("Noto-Sans" in font for font in fonts), (sheet.title, fonts)
        assert sheet.title in pdf.pages[0].extract_text()
    assert len(render_poster(POSTERS["rule_of_thirds"])) < 60_000
    assert no_outbound_network == []


def test_it_refuses_to_run_when_debug_is_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="public password") as refusal:
        call_command("seed_demo", stdout=StringIO())
    assert "--allow-production" in str(refusal.value)
    assert not User.objects.exists()
    assert not CoursePage.objects.filter(slug=COURSE_SLUG).exists()


def test_allow_production_seeds_with_debug_off_and_warns(db, settings):
    settings.DEBUG = False
    out = StringIO()
    call_command("seed_demo", "--allow-production", stdout=out)
    assert "DEBUG is off: these accounts have a published password" in out.getvalue()
    assert CoursePage.objects.filter(slug=COURSE_SLUG, live=True).exists()
    assert Cohort.objects.count() == WAVES_SEEDED


@pytest.fixture
def pewarta(seeded) -> CoursePage:
    return CoursePage.objects.get(slug=PEWARTA_SLUG)


def wave(course, name: str) -> Cohort:
    return Cohort.objects.get(course=course, name=name)


def enrolment_of(email: str) -> Enrolment:
    return Enrolment.objects.select_related("cohort").get(user__email=email, course__slug=PEWARTA_SLUG)


class TestThePewartaWargaDemo:
    def test_it_builds_a_citizen_journalism_course_with_tests_quizzes_and_an_assignment(self, pewarta):
        assert pewarta.get_parent().pk == home_page().pk and pewarta.live and pewarta.learning_hours == 16
        assert pewarta.min_attendance_percent == 75 and pewarta.organiser.short_name == "Diskominfo Kota Malang"
        lessons = {lesson.slug: lesson.specific for lesson in pewarta.get_lessons()}
        quizzes = {slug: lesson.get_block("quiz").value for slug, lesson in lessons.items() if lesson.get_block("quiz")}
        assert {slug: quiz["kind"] for slug, quiz in quizzes.items()} == {
            "pre-test": "pretest",
            "menulis-berita-5w1h": "practice",
            "post-test": "posttest",
        }
        assert {child.block_type for child in quizzes["pre-test"]["questions"]} == {
            "single_choice",
            "multiple_choice",
            "true_false",
            "short_answer",
        }
        assert lessons["tugas-liputan"].completion_mode == "assignment" and lessons["tugas-liputan"].get_block(
            "assignment"
        )
        for page in Page.objects.descendant_of(pewarta, inclusive=True):
            assert page.live and page.live_revision_id == page.latest_revision_id, page.title

    def test_its_waves_have_ended_are_running_and_are_open_with_sessions_past_and_ahead(self, pewarta):
        ended, running, open_ = (wave(pewarta, f"Gelombang {n}") for n in (1, 2, 3))
        now = timezone.now()
        assert ended.has_ended() and not running.has_ended() and open_.is_registration_open()
        assert running.starts_on < timezone.localdate() < running.ends_on
        held = running.sessions.filter(starts_at__lte=now)
        assert (held.count(), running.sessions.filter(starts_at__gt=now).count()) == (2, 2)
        assert ended.sessions.filter(starts_at__gt=now).count() == 0 and not open_.sessions.filter(starts_at__lte=now)
        assert set(AttendanceRecord.objects.filter(session__cohort=running).values_list("session", flat=True)) == set(
            held.values_list("pk", flat=True)
        )
        assert AttendanceRecord.objects.filter(session__cohort=ended, present=True).count() == 4 + 3 + 1

    def test_the_graduate_did_everything_in_her_wave_and_sent_the_evaluation(self, pewarta):
        graduate = enrolment_of("lulus@sinau.test")
        assert graduate.cohort.name == "Gelombang 1" and graduate.status == "completed"
        assert graduate.completed_at.date() <= graduate.cohort.ends_on
        attempts = QuizAttempt.objects.filter(enrolment=graduate)
        assert set(attempts.values_list("kind", flat=True)) == {"pretest", "practice", "posttest"}
        assert attempts.filter(kind="posttest", passed=True).exists()
        assert Submission.objects.get(enrolment=graduate, version=2).status == "approved"
        assert graduate.evaluation.answers["content"] == 5
        assert EvaluationResponse.objects.filter(enrolment__cohort=graduate.cohort).count() == 2

    def test_the_participant_half_way_has_the_trainers_feedback_to_read(self, client, pewarta):
        midway = enrolment_of("pewarta@sinau.test")
        assert midway.cohort.name == "Gelombang 2" and midway.status == "active"
        [submission] = Submission.objects.filter(enrolment=midway)
        assert submission.status == "revision" and submission.feedback_seen_at is None
        assert submission.reviewer.email == "pelatih@sinau.test" and "lalu kirim lagi" in submission.feedback
        client.force_login(midway.user)
        html = client.get(reverse("courses:my_learning")).content.decode()
        assert "1 umpan balik baru dari pelatih Anda" in html
        lesson = LessonPage.objects.descendant_of(pewarta).get(slug="tugas-liputan")
        assert "Paragraf pertama belum menjawab kapan dan di mana" in client.get(lesson.url).content.decode()

    def test_one_participant_has_just_registered_and_the_next_waits_for_a_seat(self, pewarta):
        fresh, waiting = enrolment_of("baru@sinau.test"), enrolment_of("antre@sinau.test")
        assert (fresh.cohort.name, fresh.status) == ("Gelombang 3", "active")
        assert not fresh.progress.exists() and not fresh.quiz_attempts.exists()
        assert (waiting.cohort.name, waiting.status, waiting.waitlist_position) == ("Gelombang 3", "waitlisted", 1)
        public = next(row for row in fresh.cohort.seat_summary() if row["segment"] == "public")
        assert (public["seats"], public["left"], public["waiting"]) == (3, 0, 1)

    def test_it_prints_who_is_where(self, seeded):
        table = seeded.split("Who is where in 'Pewarta Warga':")[1]
        for journey in JOURNEYS:
            line = next(line for line in table.splitlines() if journey.email in line)
            assert journey.wave in line and journey.where in line

    def test_seed_certificate_demo_issues_the_ended_waves_certificates_ready_to_download_and_verify(
        self, client, pewarta
    ):
        output = seed_certificate_demo()
        assert "2 certificate(s) issued" in output and "2 PDF(s) rendered" in output
        certificate = Certificate.objects.get(enrolment=enrolment_of("lulus@sinau.test"))
        assert certificate.status == "issued" and certificate.kind == "completion"
        assert not Certificate.objects.filter(enrolment=enrolment_of("dewi.rahmawati@sinau.test")).exists()
        client.force_login(certificate.enrolment.user)
        download = client.get(reverse("certificates:download", args=[certificate.code]))
        pdf = PdfReader(io.BytesIO(b"".join(download.streaming_content))).pages[0].extract_text()
        assert "Fitri Handayani" in pdf and certificate.serial in pdf
        client.logout()
        verification = client.get(f"/verifikasi/{certificate.code}/").content.decode()
        assert "Fitri Handayani" in verification and "Pewarta Warga" in verification
        assert "Sah" in verification and "sedang disiapkan" not in verification  # rendered, not pending
        assert seed_certificate_demo() == "" and Certificate.objects.count() == 2
