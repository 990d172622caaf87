"""Assignments: participants send links and files, trainers review them, the history is kept.

Sari (participant) is enrolled in Gelombang 1, taught by Dimas (trainer); Budi
(other_participant) is in the same wave; Ayu is staff. Messages are in the UI language,
so tests check status codes, rows and ids rather than wording.
"""

import io
import zipfile
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.assignments import SubmissionRefused, lesson_context, submit
from courses.enrolment import enrol
from courses.models import LessonProgress, Submission
from courses.review import review
from courses.submission_files import detect_file_type
from courses.submission_links import validate_link
from tests.factories import UserFactory, build_cohort, make_users, verified
from tests.s3 import fetch, fixture_moto_s3, fixture_s3_storages  # noqa: F401  (fixtures)

TIKTOK = "https://www.tiktok.com/@sari.wulandari/video/7312345678901234567"
QUEUE = "courses_submission:index"
WRITES = ("INSERT", "UPDATE", "DELETE")

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(64)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64)
GIF = b"GIF89a" + bytes(64)
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(64)
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00isommp42" + bytes(64)
MOV = b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  " + bytes(64)
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(64)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(64)
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def zip_of(*names: str) -> bytes:
    """A zip of `names`, the same bytes every time: its bytes are part of the test ids, which
    each xdist worker must collect alike (a member's default date is the current second)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), "<x/>")
    return buffer.getvalue()


DOCX = zip_of("[Content_Types].xml", "_rels/.rels", "word/document.xml")
XLSX = zip_of("[Content_Types].xml", "xl/workbook.xml")
PPTX = zip_of("[Content_Types].xml", "ppt/presentation.xml")
DOCM = zip_of("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin")
PLAIN_ZIP = zip_of("tugas/video.mp4", "tugas/catatan.txt")


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def with_assignment(lesson, accepts: str = "link_or_file", completion_mode: str = "assignment"):
    """Give the lesson an assignment block and make approval complete it."""
    block = {"title": "Video promosi UMKM", "instructions": "<p>Buat video 30 detik.</p>", "accepts": accepts}
    lesson.body = [("text", "<p>Materi 1.1</p>"), ("assignment", block)]
    lesson.completion_mode = completion_mode
    lesson.save()
    return lesson


@pytest.fixture
def assignment_lesson(lesson):
    return with_assignment(lesson)


@pytest.fixture
def wave_trainer(trainer, cohort):
    """Dimas teaches the participant's wave."""
    cohort.trainers.add(trainer)
    cohort.save()  # modelcluster keeps parental relations in memory until save
    return trainer


@pytest.fixture
def other_wave_trainer(course):
    """Eko teaches Gelombang 2 of the same course."""
    other = build_cohort(course, name="Gelombang 2")
    eko = verified(UserFactory(email="eko@contoh.id", full_name="Eko Pelatih", groups=["Trainer"]))
    other.trainers.add(eko)
    other.save()
    return eko


def submit_url(lesson) -> str:
    return reverse("courses:submit_assignment", args=[lesson.pk])


def error_messages(response) -> list[str]:
    return [m.message for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


def stored_files() -> set[Path]:
    """Files in the private storage (shared by the whole test run: compare before and after)."""
    root = Path(settings.PRIVATE_ROOT) / "submissions"
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


# --- Links ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        TIKTOK,
        "https://youtu.be/dQw4w9WgXcQ",
        "https://www.instagram.com/reel/C1a2b3c4d5e/",
        "https://shopee.co.id/Keripik-Tempe-Bu-Sri-i.123.456",
        "http://toko-bu-sri.my.id/produk?id=7",
    ],
)
def test_web_links_to_any_real_domain_are_accepted(url):
    assert validate_link(f"  {url} ") == url


@pytest.mark.parametrize(
    "url",
    [
        "",
        "javascript:alert(document.cookie)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://files.example.com/video.mp4",
        "https://localhost/video",
        "http://intranet/video",
        "www.tiktok.com/@sari/video/1",
        "https://www.tiktok.com@evil.example/",
        "https://user:rahasia@shopee.co.id/",
        "https://shopee.co.id/" + "a" * 500,
        "https://exa mple.com/",
    ],
)
def test_links_that_are_not_plain_web_addresses_are_refused(url):
    with pytest.raises(ValidationError):
        validate_link(url)


# --- Files: judged by content -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("tugas.pdf", PDF, ("application/pdf", "pdf")),
        ("tugas.pdf", PNG, ("image/png", "png")),
        ("foto.png", JPEG, ("image/jpeg", "jpg")),
        ("animasi", GIF, ("image/gif", "gif")),
        ("foto.webp", WEBP, ("image/webp", "webp")),
        ("video.mp4", MP4, ("video/mp4", "mp4")),
        ("IMG_0001.MOV", MOV, ("video/quicktime", "mov")),
        ("laporan.docx", DOCX, ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")),
        ("anggaran.xlsx", XLSX, ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")),
        ("paparan.pptx", PPTX, ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx")),
    ],
)
def test_accepted_files_are_recognised_by_their_content_not_their_name(name, content, expected):
    assert detect_file_type(upload(name, content)) == expected


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("tugas.pdf", EXE),
        ("tugas.pdf", HTML),
        ("gambar.svg", SVG),
        ("tugas.zip", PLAIN_ZIP),
        ("laporan.docx", DOCM),
        ("laporan.docx", b"PK\x03\x04 not really a zip"),
        ("foto.heic", HEIC),
        ("catatan.txt", b"Catatan tugas saya"),
        ("kosong.pdf", b""),
    ],
)
def test_programs_web_pages_archives_and_unknown_files_are_refused(name, content):
    with pytest.raises(ValidationError):
        detect_file_type(upload(name, content, "application/pdf"))


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.SUBMISSION_MAX_UPLOAD_BYTES = 1000
    detect_file_type(upload("kecil.pdf", PDF.ljust(1000, b" ")))
    with pytest.raises(ValidationError):
        detect_file_type(upload("besar.pdf", PDF.ljust(1001, b" ")))


# --- Submitting through the lesson page -------------------------------------------------------


def test_a_participant_sends_a_link_and_sees_it_waiting_for_review(client, enrolment, assignment_lesson):
    client.force_login(enrolment.user)
    response = client.post(submit_url(assignment_lesson), {"link": TIKTOK})
    assert response.status_code == 302
    assert response["Location"] == assignment_lesson.url + "#assignment"
    submission = Submission.objects.get()
    assert (submission.enrolment, submission.version, submission.status) == (enrolment, 1, "submitted")
    assert submission.link == TIKTOK and not submission.file
    page = client.get(assignment_lesson.url).content.decode()
    assert TIKTOK in page and 'name="link"' not in page  # no second version while waiting


def test_a_png_named_pdf_is_stored_as_a_png_in_private_storage(client, enrolment, assignment_lesson):
    client.force_login(enrolment.user)
    response = client.post(submit_url(assignment_lesson), {"file": upload("tugas akhir.pdf", PNG, "application/pdf")})
    assert response.status_code == 302 and not error_messages(response)
    submission = Submission.objects.get()
    assert (submission.file_type, submission.file_name) == ("image/png", "tugas akhir.png")
    assert submission.file.name.endswith(".png") and "tugas" not in submission.file.name
    stored = Path(submission.file.path)
    assert stored.read_bytes() == PNG
    assert stored.is_relative_to(settings.PRIVATE_ROOT)
    assert not stored.is_relative_to(settings.MEDIA_ROOT)


@pytest.mark.parametrize(
    ("name", "content"), [("tugas.pdf", EXE), ("tugas.pdf", HTML), ("tugas.zip", PLAIN_ZIP)], ids=["exe", "html", "zip"]
)
def test_a_refused_file_gets_a_message_and_saves_nothing(client, enrolment, assignment_lesson, name, content):
    files_before = stored_files()
    client.force_login(enrolment.user)
    response = client.post(submit_url(assignment_lesson), {"link": TIKTOK, "file": upload(name, content)})
    assert response.status_code == 302
    assert len(error_messages(response)) == 1
    assert not Submission.objects.exists()
    assert stored_files() == files_before


def test_a_file_over_the_limit_gets_a_message_and_saves_nothing(client, enrolment, assignment_lesson, settings):
    settings.SUBMISSION_MAX_UPLOAD_BYTES = 1024
    files_before = stored_files()
    client.force_login(enrolment.user)
    response = client.post(submit_url(assignment_lesson), {"file": upload("video.mp4", MP4.ljust(2048, b"\0"))})
    assert response.status_code == 302
    assert len(error_messages(response)) == 1
    assert not Submission.objects.exists() and stored_files() == files_before


@pytest.mark.parametrize(
    ("accepts", "sends", "saved"),
    [
        ("link", {"link"}, True),
        ("link", {"file"}, False),
        ("link", {"link", "file"}, False),
        ("file", {"file"}, True),
        ("file", {"link"}, False),
        ("link_or_file", {"link"}, True),
        ("link_or_file", {"file"}, True),
        ("link_or_file", {"link", "file"}, True),
        ("link_or_file", set(), False),
        ("link_and_file", {"link"}, False),
        ("link_and_file", {"file"}, False),
        ("link_and_file", {"link", "file"}, True),
    ],
)
def test_the_blocks_accepts_rule_decides_what_must_be_sent(client, enrolment, lesson, accepts, sends, saved):
    with_assignment(lesson, accepts=accepts)
    data = {"link": TIKTOK if "link" in sends else "", **({"file": upload("a.pdf", PDF)} if "file" in sends else {})}
    files_before = stored_files()
    client.force_login(enrolment.user)
    response = client.post(submit_url(lesson), data)
    assert response.status_code == 302
    assert Submission.objects.exists() is saved
    assert len(stored_files() - files_before) == (1 if saved and "file" in sends else 0)


def test_a_participant_cannot_send_again_while_waiting_or_after_approval(client, enrolment, assignment_lesson, staff):
    client.force_login(enrolment.user)
    client.post(submit_url(assignment_lesson), {"link": TIKTOK}, follow=True)
    waiting = client.post(submit_url(assignment_lesson), {"link": TIKTOK + "?v=2"}, follow=True)
    assert waiting.content.decode().count("message--error") == 1
    review(Submission.objects.get(), staff, approve=True, feedback="")
    approved = client.post(submit_url(assignment_lesson), {"link": TIKTOK + "?v=3"}, follow=True)
    assert approved.content.decode().count("message--error") == 1
    assert list(Submission.objects.values_list("version", "status")) == [(1, "approved")]


def test_someone_not_taking_the_course_cannot_send_work(client, enrolment, assignment_lesson, other_participant):
    assert client.post(submit_url(assignment_lesson), {"link": TIKTOK}).status_code == 302  # to the login page
    client.force_login(other_participant)
    assert client.post(submit_url(assignment_lesson), {"link": TIKTOK}).status_code == 404
    assert not Submission.objects.exists()


def test_a_locked_lesson_of_a_sequential_course_refuses_work(client, enrolment, course):
    course.is_sequential = True
    course.save()
    second = with_assignment(course.get_lessons()[1].specific)
    client.force_login(enrolment.user)
    response = client.post(submit_url(second), {"link": TIKTOK})
    assert len(error_messages(response)) == 1
    assert not Submission.objects.exists()


def test_bad_input_never_causes_a_server_error(client, enrolment, assignment_lesson, course):
    client.force_login(enrolment.user)
    plain = course.get_lessons()[2].specific  # a lesson without an assignment
    attempts = [
        client.post(submit_url(assignment_lesson), {"link": "x" * 20_000}),
        client.post(submit_url(assignment_lesson), {"link": ["https://a.co", "javascript:alert(1)"]}),
        client.post(submit_url(assignment_lesson), {"file": "not a file"}),
        client.post(submit_url(assignment_lesson), "link=%ZZ%00", content_type="application/x-www-form-urlencoded"),
        client.post(submit_url(assignment_lesson), b"\x00\xff", content_type="multipart/form-data; boundary=zz"),
        client.post(submit_url(plain), {"link": TIKTOK}),
        client.post(reverse("courses:submit_assignment", args=[999_999]), {"link": TIKTOK}),
        client.get(submit_url(assignment_lesson)),
        client.get(reverse("courses:submission_file", args=[999_999])),
    ]
    assert [response.status_code for response in attempts if response.status_code >= 500] == []
    assert not Submission.objects.exists()


# --- Downloading files ----------------------------------------------------------------


@pytest.fixture
def submitted_file(enrolment, assignment_lesson):
    return submit(enrolment, assignment_lesson, file=upload("laporan.pdf", PDF))


def download(client, submission):
    return client.get(reverse("courses:submission_file", args=[submission.pk]))


@pytest.mark.parametrize("who", ["owner", "wave_trainer", "staff"])
def test_the_owner_the_waves_trainer_and_staff_download_the_file(client, submitted_file, who, request):
    user = submitted_file.enrolment.user if who == "owner" else request.getfixturevalue(who)
    client.force_login(user)
    response = download(client, submitted_file)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "laporan.pdf" in response["Content-Disposition"]


@pytest.mark.parametrize("who", ["anonymous", "other_participant", "other_wave_trainer", "trainer"])
def test_anyone_else_cannot_download_the_file(client, submitted_file, who, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = download(client, submitted_file)
    assert response.status_code == 404
    assert PDF not in b"".join(getattr(response, "streaming_content", [response.content]))


# --- Reviewing -------------------------------------------------------------------------


def review_url(submission) -> str:
    return reverse("courses_submission:review", args=[submission.pk])


def test_approval_by_the_waves_trainer_completes_the_lesson_and_emails_the_participant(
    client, enrolment, assignment_lesson, wave_trainer, django_capture_on_commit_callbacks
):
    submission = submit(enrolment, assignment_lesson, link=TIKTOK)
    client.force_login(wave_trainer)
    page = client.get(review_url(submission)).content.decode()
    assert TIKTOK in page and "Buat video 30 detik." in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review_url(submission), {"decision": "approve", "feedback": "Bagus sekali!"})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert (submission.status, submission.reviewer, submission.feedback) == ("approved", wave_trainer, "Bagus sekali!")
    assert LessonProgress.objects.get(enrolment=enrolment, lesson=assignment_lesson).completed_at is not None
    assert [message.to for message in mail.outbox] == [[enrolment.user.email]]
    assert "Bagus sekali!" in mail.outbox[0].body


def test_approval_leaves_a_lesson_completed_another_way_incomplete(enrolment, lesson, staff):
    with_assignment(lesson, completion_mode="manual")
    review(submit(enrolment, lesson, link=TIKTOK), staff, approve=True, feedback="")
    assert not LessonProgress.objects.filter(lesson=lesson, completed_at__isnull=False).exists()


def test_asking_for_a_revision_needs_feedback(client, enrolment, assignment_lesson, wave_trainer):
    submission = submit(enrolment, assignment_lesson, link=TIKTOK)
    client.force_login(wave_trainer)
    response = client.post(review_url(submission), {"decision": "revision", "feedback": "   "})
    assert response.status_code == 200
    assert Submission.objects.get().status == "submitted"
    with pytest.raises(SubmissionRefused):
        review(submission, wave_trainer, approve=False, feedback="")


def test_after_a_revision_the_participant_reads_the_feedback_resubmits_and_keeps_the_history(
    client, enrolment, assignment_lesson, wave_trainer, django_capture_on_commit_callbacks
):
    first = submit(enrolment, assignment_lesson, link=TIKTOK)
    with django_capture_on_commit_callbacks(execute=True):
        review(first, wave_trainer, approve=False, feedback="Tambahkan musik latar dan logo kota.")
    assert "Tambahkan musik latar" in mail.outbox[0].body
    client.force_login(enrolment.user)
    page = client.get(assignment_lesson.url).content.decode()
    assert "Tambahkan musik latar dan logo kota." in page and 'name="link"' in page
    assert Submission.objects.get().feedback_seen_at is not None
    client.post(submit_url(assignment_lesson), {"link": TIKTOK + "?v=2", "file": upload("storyboard.pdf", PDF)})
    rows = list(Submission.objects.order_by("version").values_list("version", "status", "feedback"))
    assert rows == [(1, "revision", "Tambahkan musik latar dan logo kota."), (2, "submitted", "")]
    page = client.get(assignment_lesson.url).content.decode()
    assert "Tambahkan musik latar dan logo kota." in page and "storyboard.pdf" in page


def test_only_the_current_version_waiting_for_review_can_be_reviewed(enrolment, assignment_lesson, staff):
    first = submit(enrolment, assignment_lesson, link=TIKTOK)
    review(first, staff, approve=False, feedback="Perbaiki pencahayaan.")
    second = submit(enrolment, assignment_lesson, link=TIKTOK + "?v=2")
    with pytest.raises(SubmissionRefused):
        review(first, staff, approve=True, feedback="")
    review(second, staff, approve=True, feedback="")
    with pytest.raises(SubmissionRefused):
        review(second, staff, approve=False, feedback="Berubah pikiran.")
    assert list(Submission.objects.order_by("version").values_list("status", flat=True)) == ["revision", "approved"]


def test_a_trainer_cannot_review_another_waves_submission(client, enrolment, assignment_lesson, other_wave_trainer):
    submission = submit(enrolment, assignment_lesson, link=TIKTOK)
    client.force_login(other_wave_trainer)
    assert client.get(review_url(submission)).status_code == 404
    assert client.post(review_url(submission), {"decision": "approve"}).status_code == 404
    with pytest.raises(PermissionDenied):
        review(submission, other_wave_trainer, approve=True, feedback="")
    with pytest.raises(PermissionDenied):
        review(submission, enrolment.user, approve=True, feedback="")
    assert Submission.objects.get().status == "submitted"


# --- The review queue ------------------------------------------------------------------


def test_the_queue_lists_current_versions_of_the_trainers_waves_only(
    client, enrolment, assignment_lesson, wave_trainer, other_wave_trainer, staff, course
):
    first = submit(enrolment, assignment_lesson, link=TIKTOK)
    review(first, staff, approve=False, feedback="Perbaiki suara.")
    current = submit(enrolment, assignment_lesson, link=TIKTOK + "?v=2")
    elsewhere = enrol(make_users(1)[0], other_wave_trainer.taught_cohorts.get())
    theirs = submit(elsewhere, assignment_lesson, link=TIKTOK + "?lain")
    client.force_login(wave_trainer)
    html = client.get(reverse(QUEUE)).content.decode()
    assert review_url(current) in html
    assert review_url(first) not in html and review_url(theirs) not in html
    forced = client.get(reverse(QUEUE), {"cohort": elsewhere.cohort_id}).content.decode()
    assert review_url(theirs) not in forced


def test_staff_filter_the_queue_by_wave_and_status(client, assignment_lesson, course, staff):
    first_wave = build_cohort(course, name="Gelombang 2")
    second_wave = build_cohort(course, name="Gelombang 3")
    waiting, approved, elsewhere = (
        submit(enrol(user, wave), assignment_lesson, link=TIKTOK)
        for user, wave in zip(make_users(3), [first_wave, first_wave, second_wave], strict=True)
    )
    review(approved, staff, approve=True, feedback="")
    client.force_login(staff)
    html = client.get(reverse(QUEUE), {"cohort": first_wave.pk, "status": "submitted"}).content.decode()
    assert review_url(waiting) in html
    assert review_url(approved) not in html and review_url(elsewhere) not in html


def test_participants_cannot_open_the_review_queue(client, enrolment, assignment_lesson):
    submission = submit(enrolment, assignment_lesson, link=TIKTOK)
    client.force_login(enrolment.user)
    assert client.get(reverse(QUEUE)).status_code == 302
    assert client.post(review_url(submission), {"decision": "approve"}).status_code == 302
    assert Submission.objects.get().status == "submitted"


def test_the_queue_costs_the_same_queries_for_2_and_12_submissions(client, course, cohort, assignment_lesson, staff):
    def queue_queries():
        client.force_login(staff)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(QUEUE)).status_code == 200
        return len(queries)

    for user in make_users(2, prefix="awal"):
        submit(enrol(user, cohort), assignment_lesson, link=TIKTOK)
    queue_queries()  # the first request fills this process's memory of the site (lms/sites.py)
    few = queue_queries()
    for user in make_users(10, prefix="lagi"):
        submit(enrol(user, cohort), assignment_lesson, file=upload("foto.jpg", JPEG))
    assert queue_queries() == few


# --- The lesson page and the trainers' digest ----------------------------------------------


def writes_in(queries) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)]


def test_the_first_view_after_a_review_marks_it_seen_and_a_second_view_writes_nothing(
    client, enrolment, assignment_lesson, wave_trainer
):
    review(submit(enrolment, assignment_lesson, link=TIKTOK), wave_trainer, approve=False, feedback="Tambahkan logo.")
    client.force_login(enrolment.user)
    first = client.get(assignment_lesson.url).content.decode()
    assert "Tambahkan logo." in first and "assignment__new" in first
    seen_at = Submission.objects.get().feedback_seen_at
    assert seen_at is not None
    with CaptureQueriesContext(connection) as queries:
        second = client.get(assignment_lesson.url)
    assert second.status_code == 200 and "Tambahkan logo." in second.content.decode()
    assert "assignment__new" not in second.content.decode()
    assert writes_in(queries) == []
    assert Submission.objects.get().feedback_seen_at == seen_at


def test_the_history_is_read_in_one_query_whatever_its_length(enrolment, assignment_lesson, staff):
    for n in range(4):
        version = submit(enrolment, assignment_lesson, link=f"{TIKTOK}?v={n}")
        review(version, staff, approve=False, feedback=f"Revisi {n}")
    lesson_context(assignment_lesson, enrolment)  # marks the feedback seen
    with CaptureQueriesContext(connection) as queries:
        context = lesson_context(assignment_lesson, enrolment)
    assert len(queries) == 1
    assert context["assignment"].current.version == 4
    assert [v.version for v in context["assignment"].history] == [3, 2, 1]


def test_the_digest_emails_each_trainer_the_waiting_work_of_their_waves(
    enrolment, assignment_lesson, wave_trainer, other_wave_trainer, staff, django_capture_on_commit_callbacks
):
    submit(enrolment, assignment_lesson, link=TIKTOK)
    reviewed, old = (submit(enrol(u, enrolment.cohort), assignment_lesson, link=TIKTOK) for u in make_users(2))
    review(reviewed, staff, approve=True, feedback="")
    Submission.objects.filter(pk=old.pk).update(submitted_at=timezone.now() - timedelta(hours=25))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_submission_digest", stdout=io.StringIO())
    assert [message.to for message in mail.outbox] == [[wave_trainer.email]]
    body = mail.outbox[0].body
    assert enrolment.user.full_name in body and assignment_lesson.title in body
    assert reviewed.enrolment.user.full_name not in body and old.enrolment.user.full_name not in body


def test_the_digest_run_twice_in_a_day_emails_each_trainer_once(
    enrolment, assignment_lesson, wave_trainer, django_capture_on_commit_callbacks
):
    submit(enrolment, assignment_lesson, link=TIKTOK)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_submission_digest", stdout=io.StringIO())
        call_command("send_submission_digest", stdout=io.StringIO())
    assert [message.to for message in mail.outbox] == [[wave_trainer.email]]
    assert mail.outbox[0].subject == "1 tugas baru perlu diperiksa"
    assert wave_trainer.notices.get().kind == "submission_digest"


@pytest.mark.s3
def test_on_s3_the_file_goes_to_the_private_prefix_and_downloads_by_a_short_lived_link(
    client, s3_storages, enrolment, assignment_lesson
):
    submission = submit(enrolment, assignment_lesson, file=upload("laporan.pdf", PDF))
    assert f"private/{submission.file.name}" in s3_storages.keys("private/")
    client.force_login(enrolment.user)
    response = download(client, submission)
    assert response.status_code == 302
    location = response["Location"]
    query = parse_qs(urlsplit(location).query)
    assert "X-Amz-Signature" in query and query["X-Amz-Expires"] == ["300"]
    status, body, _headers = fetch(location)
    assert (status, body) == (200, PDF)
