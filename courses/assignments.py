"""Assignments with mentoring: participants submit a link and/or a file, trainers review.

A submission is never edited by its participant: a resubmission is a new row with the
next version number, so the history (and every piece of feedback) is kept. The latest
version of (enrolment, lesson) is the current one; only it can be reviewed, and a
participant may send a new version only after a revision was requested.

How versions stay unique
------------------------
`submit()` and `review()` lock the enrolment row (SELECT ... FOR UPDATE) before they
read the current version, so a double-tapped "Send" or a review racing a resubmission
queue there; the unique constraint on (enrolment, lesson, version) is the backstop. On
SQLite, transactions start with BEGIN IMMEDIATE (settings.DATABASES), which serialises
writers the same way. The file is written to storage before the lock is taken, so a
slow upload to S3 never holds the row; if the row is then refused, the file is deleted.

Files are accepted by what they contain, never by their name: the first bytes (and, for
Office files, the ZIP's table of contents) decide the type, and the stored name and
extension come from that type. They live in the private storage and are served only
through `courses.views.assignments.submission_file`, which checks `can_download()`.
"""

import os
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import (
    Cohort,
    CompletionMode,
    Enrolment,
    EnrolmentStatus,
    LessonPage,
    Submission,
    SubmissionStatus,
)
from lms.models import Notice, NoticeKind
from lms.notices import context_builder, notify

MAX_LINK_LENGTH = 500
MAX_FEEDBACK_LENGTH = 5000
LEARNING_STATUSES = (EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED)

# What a participant may upload, by content: (MIME type, extension for the stored file).
PDF = ("application/pdf", "pdf")
JPEG = ("image/jpeg", "jpg")
PNG = ("image/png", "png")
GIF = ("image/gif", "gif")
WEBP = ("image/webp", "webp")
MP4 = ("video/mp4", "mp4")
MOV = ("video/quicktime", "mov")
DOCX = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")
XLSX = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
PPTX = ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx")
ACCEPTED_EXTENSIONS = ".pdf,.jpg,.jpeg,.png,.gif,.webp,.mp4,.mov,.docx,.xlsx,.pptx"

# ISO base media brands (the 4 bytes after "ftyp") of the videos phones record. HEIC/AVIF
# photos and other ISO files share the box structure, so the brand must be one of these.
MP4_BRANDS = {b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ", b"MSNV", b"mmp4"}
MOV_BRANDS = {b"qt  "}
# An Office Open XML file is a ZIP with this manifest and one of these folders.
OFFICE_FOLDERS = [("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX)]


class SubmissionRefused(Exception):
    """Raised with a message for the participant or trainer; nothing has been saved."""


# --- Checking what was sent ------------------------------------------------------


def validate_link(url: str) -> str:
    """The link, trimmed, if it is a web address a trainer can open; else SubmissionRefused.

    Any host is accepted (shop pages live on many marketplaces), but only http(s) with a
    real domain name: no javascript:, data: or ftp: links, no "localhost", no user:password@.
    """
    url = (url or "").strip()
    if not url:
        raise SubmissionRefused(_("Enter the link to your work."))
    if len(url) > MAX_LINK_LENGTH:
        raise SubmissionRefused(_("The link is too long (at most %(max)s characters).") % {"max": MAX_LINK_LENGTH})
    try:
        parts = urlsplit(url)
        URLValidator(schemes=["http", "https"])(url)
    except (ValueError, ValidationError):
        raise SubmissionRefused(_("Enter a full web address starting with https://")) from None
    host = (parts.hostname or "").rstrip(".")
    if "." not in host or parts.username is not None or parts.password is not None:
        raise SubmissionRefused(_("Enter a full web address starting with https://")) from None
    return url


def _refuse_type():
    return SubmissionRefused(
        _(
            "This type of file is not accepted. Send a PDF, a photo (JPG, PNG, WEBP, GIF), "
            "a video (MP4, MOV) or a Word, Excel or PowerPoint file."
        )
    )


def detect_file_type(uploaded) -> tuple[str, str]:
    """(MIME type, extension) of an uploaded file, read from its content; else SubmissionRefused.

    The name and the browser's Content-Type are ignored: a PNG called "tugas.pdf" is a
    PNG, and a program or web page called "tugas.pdf" is refused. Files larger than
    settings.SUBMISSION_MAX_UPLOAD_BYTES are refused before anything is read.
    """
    size = uploaded.size or 0
    limit = settings.SUBMISSION_MAX_UPLOAD_BYTES
    if size > limit:
        raise SubmissionRefused(_("The file is too large: the limit is %(limit)s.") % {"limit": filesizeformat(limit)})
    if size == 0:
        raise SubmissionRefused(_("The file is empty."))
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[4:8] == b"ftyp":
        if head[8:12] in MP4_BRANDS:
            return MP4
        if head[8:12] in MOV_BRANDS:
            return MOV
    if head.startswith(b"PK\x03\x04"):
        return _office_type(uploaded)
    raise _refuse_type()


def _office_type(uploaded) -> tuple[str, str]:
    # Only the ZIP's central directory is read; nothing is extracted.
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise _refuse_type() from None
    finally:
        uploaded.seek(0)
    # Macro-enabled documents (.docm, .xlsm) carry their macros in vbaProject.bin.
    if "[Content_Types].xml" in names and not any(name.lower().endswith("vbaproject.bin") for name in names):
        for folder, kind in OFFICE_FOLDERS:
            if any(name.startswith(folder) for name in names):
                return kind
    raise _refuse_type()


def clean_file_name(name: str, extension: str) -> str:
    """The participant's file name for downloads: no folders or control characters,
    and the extension of what the file really is."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(char for char in name if unicodedata.category(char)[0] != "C").strip()
    stem = name.rsplit(".", 1)[0].strip(" .") if "." in name else name
    return f"{stem[:200] or 'tugas'}.{extension}"


def _check_accepts(accepts: str, link: str, file) -> None:
    wants_link = accepts in ("link", "link_or_file", "link_and_file")
    wants_file = accepts in ("file", "link_or_file", "link_and_file")
    if link and not wants_link:
        raise SubmissionRefused(_("This assignment asks for a file, not a link."))
    if file and not wants_file:
        raise SubmissionRefused(_("This assignment asks for a link, not a file."))
    if accepts == "link_and_file" and not (link and file):
        raise SubmissionRefused(_("This assignment asks for both a link and a file."))
    if accepts == "link" and not link:
        raise SubmissionRefused(_("Enter the link to your work."))
    if accepts == "file" and not file:
        raise SubmissionRefused(_("Choose the file to send."))
    if not (link or file):
        raise SubmissionRefused(_("Enter a link or choose a file to send."))


# --- Submitting -------------------------------------------------------------------


def current_submissions():
    """Submissions that are the latest version of their (enrolment, lesson)."""
    newer = Submission.objects.filter(
        enrolment_id=OuterRef("enrolment_id"), lesson_id=OuterRef("lesson_id"), version__gt=OuterRef("version")
    )
    return Submission.objects.filter(~Exists(newer))


def _latest(enrolment_id: int, lesson_id: int) -> Submission | None:
    return Submission.objects.filter(enrolment_id=enrolment_id, lesson_id=lesson_id).order_by("-version").first()


def _check_can_send_new_version(current: Submission | None) -> None:
    if current is None or current.status == SubmissionStatus.REVISION:
        return
    if current.status == SubmissionStatus.APPROVED:
        raise SubmissionRefused(_("Your assignment has already been approved."))
    raise SubmissionRefused(_("Your assignment is waiting for review; you can send a new version after feedback."))


def _check_lesson_open(enrolment: Enrolment, lesson: LessonPage) -> None:
    from courses.progress import course_progress

    if enrolment.status not in LEARNING_STATUSES:
        raise SubmissionRefused(_("You are not taking part in this course."))
    state = course_progress(enrolment.course, enrolment).state_of(lesson.pk)
    if state is None:
        raise SubmissionRefused(_("This lesson is not part of your course."))
    if state.locked:
        raise SubmissionRefused(_("Complete the earlier lessons first."))


def submit(enrolment: Enrolment, lesson: LessonPage, *, link: str = "", file=None) -> Submission:
    """Save a new version of the participant's work for the lesson's assignment block.

    Refused with SubmissionRefused (nothing saved, no file left behind) when the block's
    `accepts` rule is not met, the link or file is not acceptable, the lesson is not open
    to the participant, or the current version is approved or still waiting for review.
    """
    block = lesson.get_block("assignment")
    if block is None:
        raise SubmissionRefused(_("This lesson has no assignment."))
    link = (link or "").strip()
    _check_accepts(block.value["accepts"], link, file)
    submission = Submission(enrolment=enrolment, lesson=lesson)
    if link:
        submission.link = validate_link(link)
    if file:
        submission.file_type, extension = detect_file_type(file)
        submission.file_name = clean_file_name(file.name, extension)
    _check_lesson_open(enrolment, lesson)
    # Checked once before the upload so a refused resubmission costs no upload, and
    # again under the lock below, where it counts.
    _check_can_send_new_version(_latest(enrolment.pk, lesson.pk))
    if file:
        submission.file.save(f"upload.{extension}", file, save=False)
    try:
        with transaction.atomic():
            locked = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
            if locked.status not in LEARNING_STATUSES:
                raise SubmissionRefused(_("You are not taking part in this course."))
            current = _latest(enrolment.pk, lesson.pk)
            _check_can_send_new_version(current)
            submission.version = current.version + 1 if current else 1
            submission.save()
    except Exception:
        if submission.file:
            submission.file.delete(save=False)
        raise
    return submission


# --- Reviewing --------------------------------------------------------------------


def reviewable_enrolments(user):
    """Enrolments whose submissions `user` may see and review: staff all, trainers their waves'."""
    if not (user.is_authenticated and user.has_perm("courses.view_enrolment")):
        return Enrolment.objects.none()
    return Enrolment.objects.visible_to(user)


def visible_submissions(user):
    """Every version of the submissions `user` may review."""
    return Submission.objects.filter(enrolment__in=reviewable_enrolments(user))


def can_review(user, submission: Submission) -> bool:
    return reviewable_enrolments(user).filter(pk=submission.enrolment_id).exists()


def can_download(user, submission: Submission) -> bool:
    """The owner, the trainers of the owner's wave and staff may download the file."""
    if not user.is_authenticated or not user.is_active:
        return False
    if submission.enrolment.user_id == user.pk:
        return True
    return can_review(user, submission)


def review(submission: Submission, reviewer, *, approve: bool, feedback: str = "") -> Submission:
    """Approve the current version, or ask for a revision (feedback required).

    Raises PermissionDenied unless the reviewer is staff or trains the participant's
    wave, and SubmissionRefused if the submission is not the current version waiting for
    review. Approval completes the lesson when it is "completed by assignment"; the
    participant is emailed the decision and the feedback after commit.
    """
    if not can_review(reviewer, submission):
        raise PermissionDenied
    feedback = (feedback or "").strip()
    if not approve and not feedback:
        raise SubmissionRefused(_("Write feedback so the participant knows what to revise."))
    if len(feedback) > MAX_FEEDBACK_LENGTH:
        raise SubmissionRefused(_("Feedback is limited to %(max)s characters.") % {"max": MAX_FEEDBACK_LENGTH})
    now = timezone.now()
    status = SubmissionStatus.APPROVED if approve else SubmissionStatus.REVISION
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update().get(pk=submission.enrolment_id)
        current = _latest(submission.enrolment_id, submission.lesson_id)
        if current is None or current.pk != submission.pk:
            raise SubmissionRefused(_("Only the latest version of a submission can be reviewed."))
        updated = Submission.objects.filter(pk=submission.pk, status=SubmissionStatus.SUBMITTED).update(
            status=status, feedback=feedback, reviewer=reviewer, reviewed_at=now, feedback_seen_at=None
        )
        if not updated:
            raise SubmissionRefused(_("This submission has already been reviewed."))
        submission.status, submission.feedback, submission.reviewer = status, feedback, reviewer
        submission.reviewed_at, submission.feedback_seen_at = now, None
        lesson = submission.lesson
        if approve and lesson.completion_mode == CompletionMode.ASSIGNMENT:
            from courses.progress import complete_lesson

            complete_lesson(enrolment, lesson, now=now)
        notify(
            NoticeKind.SUBMISSION_REVIEWED,
            enrolment.user,
            submission,
            context={"lesson_url": _lesson_url(lesson)},
        )
    return submission


def _lesson_url(lesson: LessonPage) -> str:
    return f"{settings.SITE_URL}{lesson.url or ''}#assignment"


# --- The trainers' daily digest ---------------------------------------------------


def send_submission_digest(*, hours: int = 24, now=None) -> int:
    """Email each trainer the submissions of their waves sent in the last `hours` and
    still waiting for review; returns the number of trainers with a digest today.

    Run once a day (cron: `manage.py send_submission_digest`), so each new submission is
    announced once; a trainer's digest is one notice per day, so a second run on the same
    day sends nothing more. Waves without trainers are left to staff's review queue.
    """
    now = now or timezone.now()
    waiting = list(
        Submission.objects.filter(status=SubmissionStatus.SUBMITTED, submitted_at__gte=now - timedelta(hours=hours))
        .select_related("enrolment__user", "enrolment__cohort__course", "lesson")
        .defer("lesson__body")
        .order_by("enrolment__cohort_id", "submitted_at")
    )
    by_cohort: dict[int, list[Submission]] = {}
    for submission in waiting:
        by_cohort.setdefault(submission.enrolment.cohort_id, []).append(submission)
    by_trainer: dict[int, tuple] = {}
    teaching = Cohort.trainers.through.objects.filter(cohort_id__in=by_cohort).select_related("user")
    for row in teaching.order_by("user_id", "cohort_id"):
        trainer, rows = by_trainer.setdefault(row.user_id, (row.user, []))
        rows.extend(by_cohort[row.cohort_id])
    queue_url = settings.SITE_URL + reverse("courses_submission:index") + "?status=submitted"
    sent = 0
    day = timezone.localdate(now).isoformat()
    for trainer, submissions in by_trainer.values():
        if not (trainer.is_active and trainer.email):
            continue
        sent += 1
        context = {"submission_ids": [s.pk for s in submissions], "queue_url": queue_url, "hours": hours}
        notify(NoticeKind.SUBMISSION_DIGEST, trainer, key=day, context=context)
    return sent


@context_builder(NoticeKind.SUBMISSION_DIGEST)
def digest_submissions(notice: Notice) -> dict:
    """The digest's submissions, in the order they were listed when it was made."""
    ids = notice.context.get("submission_ids", [])
    found = Submission.objects.select_related("enrolment__user", "enrolment__cohort", "lesson").defer("lesson__body")
    by_id = found.in_bulk(ids)
    return {"submissions": [by_id[pk] for pk in ids if pk in by_id]}


# --- The lesson page --------------------------------------------------------------


@dataclass
class AssignmentState:
    """What the assignment block shows one viewer (see templates/blocks/assignment.html)."""

    accepts: str
    current: Submission | None = None
    history: list[Submission] = field(default_factory=list)
    can_submit: bool = False
    new_feedback: bool = False
    is_participant: bool = False
    max_upload_bytes: int = 0
    file_accept: str = ACCEPTED_EXTENSIONS

    @property
    def accepts_link(self) -> bool:
        return self.accepts in ("link", "link_or_file", "link_and_file")

    @property
    def accepts_file(self) -> bool:
        return self.accepts in ("file", "link_or_file", "link_and_file")


def lesson_context(lesson, enrolment) -> dict:
    """Context the lesson page needs for its assignment block (a fixed number of queries).

    One query reads every version, whatever their number. `enrolment` is always the
    viewer's own (LessonPage.serve passes learning_enrolment(request.user)), so showing
    the page is what marks new feedback as seen: one more query, only when there is some.
    """
    block = lesson.get_block("assignment")
    if block is None:
        return {}
    state = AssignmentState(accepts=block.value["accepts"], max_upload_bytes=settings.SUBMISSION_MAX_UPLOAD_BYTES)
    if enrolment is None:
        return {"assignment": state}
    versions = list(
        Submission.objects.filter(enrolment=enrolment, lesson_id=lesson.pk)
        .select_related("reviewer")
        .order_by("-version")
    )
    state.is_participant = True
    state.current = versions[0] if versions else None
    state.history = versions[1:]
    state.can_submit = enrolment.status in LEARNING_STATUSES and (
        state.current is None or state.current.status == SubmissionStatus.REVISION
    )
    unseen = [v for v in versions if v.reviewed_at and v.feedback and v.feedback_seen_at is None]
    if unseen:
        state.new_feedback = state.current in unseen
        Submission.objects.filter(pk__in=[v.pk for v in unseen]).update(feedback_seen_at=timezone.now())
    return {"assignment": state}


def download_name(submission: Submission) -> str:
    """The name a downloaded file gets: the participant's own, with the real extension."""
    return submission.file_name or os.path.basename(submission.file.name)
