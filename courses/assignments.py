"""Assignments with mentoring, the participant's side: sending work and seeing where it stands.

A submission is never edited by its participant: a resubmission is a new row with the
next version number, so the history (and every piece of feedback) is kept. The latest
version of (enrolment, lesson) is the current one; only it can be reviewed
(courses/review.py), and a participant may send a new version only after a revision was
requested.

How versions stay unique
------------------------
`submit()` and `review.review()` lock the enrolment row (SELECT ... FOR UPDATE) before
they read the current version, so a double-tapped "Send" or a review racing a
resubmission queue there; the unique constraint on (enrolment, lesson, version) is the
backstop. On SQLite, transactions start with BEGIN IMMEDIATE (settings.DATABASES), which
serialises writers the same way. The file is written to storage before the lock is taken,
so a slow upload to S3 never holds the row; if the row is then refused, the file is deleted.

Files are accepted by what they contain (courses/submission_files.py), links by what they
point at (courses/submission_links.py). Files live in the private storage and are served
only through `courses.views.assignments.submission_file`, which checks
`access.can_download_submission()`.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Enrolment, LessonPage, Submission, SubmissionStatus
from courses.progress import LEARNING_STATUSES, course_progress
from courses.submission_files import ACCEPTED_EXTENSIONS, clean_file_name, detect_file_type
from courses.submission_links import validate_link


class SubmissionRefused(Exception):
    """Raised with a message for the participant or trainer; nothing has been saved."""


def latest_submission(enrolment_id: int, lesson_id: int) -> Submission | None:
    """The current version of the participant's work for the lesson, or None."""
    return Submission.objects.filter(enrolment_id=enrolment_id, lesson_id=lesson_id).order_by("-version").first()


# --- Submitting -------------------------------------------------------------------


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


def _check_can_send_new_version(current: Submission | None) -> None:
    if current is None or current.status == SubmissionStatus.REVISION:
        return
    if current.status == SubmissionStatus.APPROVED:
        raise SubmissionRefused(_("Your assignment has already been approved."))
    raise SubmissionRefused(_("Your assignment is waiting for review; you can send a new version after feedback."))


def _check_lesson_open(enrolment: Enrolment, lesson: LessonPage) -> None:
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
    try:
        if link:
            submission.link = validate_link(link)
        if file:
            submission.file_type, extension = detect_file_type(file)
            submission.file_name = clean_file_name(file.name, extension)
    except ValidationError as error:
        raise SubmissionRefused(error.messages[0]) from None
    _check_lesson_open(enrolment, lesson)
    # Checked once before the upload so a refused resubmission costs no upload, and
    # again under the lock below, where it counts.
    _check_can_send_new_version(latest_submission(enrolment.pk, lesson.pk))
    if file:
        submission.file.save(f"upload.{extension}", file, save=False)
    try:
        with transaction.atomic():
            locked = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
            if locked.status not in LEARNING_STATUSES:
                raise SubmissionRefused(_("You are not taking part in this course."))
            current = latest_submission(enrolment.pk, lesson.pk)
            _check_can_send_new_version(current)
            submission.version = current.version + 1 if current else 1
            submission.save()
    except Exception:
        if submission.file:
            submission.file.delete(save=False)
        raise
    return submission


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
    """Context the lesson page needs for its assignment block: one query, whatever the
    number of versions, and one more on the first view after a review (see mark_feedback_seen).

    `enrolment` is always the viewer's own (the lesson is served with
    access.learning_enrolment(request.user)), so showing it the trainer's decision is reading it.
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
    current = state.current
    state.new_feedback = bool(current and current.reviewed_at and current.feedback and current.feedback_seen_at is None)
    mark_feedback_seen(versions)
    return {"assignment": state}


def mark_feedback_seen(versions: list[Submission]) -> None:
    """Mark the trainer's feedback among `versions` that the participant has not seen yet as seen now.

    Only feedback still unseen is written (one UPDATE), so the first view after a review
    writes once and every later view writes nothing. The instances keep their old value,
    so the page that marks them can still say "New".
    """
    unseen = [v.pk for v in versions if v.reviewed_at and v.feedback and v.feedback_seen_at is None]
    if unseen:
        Submission.objects.filter(pk__in=unseen, feedback_seen_at__isnull=True).update(feedback_seen_at=timezone.now())
