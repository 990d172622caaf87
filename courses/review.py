"""Assignments with mentoring, the trainers' side: who reviews what, the review, the daily digest.

Staff review every wave's submissions, trainers those of the waves they teach (the rule is
courses.access.can_review, which the review queue asks too). Only the
current version waiting for review can be approved or sent back for a revision, under the
same lock on the enrolment row that `assignments.submit()` takes (see its module notes).
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.access import can_review
from courses.assignments import SubmissionRefused, latest_submission
from courses.models import Cohort, CompletionMode, Enrolment, LessonPage, Submission, SubmissionStatus
from courses.progress import complete_lesson
from lms.models import Notice, NoticeKind
from lms.notices import context_builder, notify

MAX_FEEDBACK_LENGTH = 5000


def current_submissions():
    """Submissions that are the latest version of their (enrolment, lesson)."""
    newer = Submission.objects.filter(
        enrolment_id=OuterRef("enrolment_id"), lesson_id=OuterRef("lesson_id"), version__gt=OuterRef("version")
    )
    return Submission.objects.filter(~Exists(newer))


# --- Reviewing --------------------------------------------------------------------


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
        current = latest_submission(submission.enrolment_id, submission.lesson_id)
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
