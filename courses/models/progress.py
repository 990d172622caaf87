from uuid import uuid4

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.storage import lazy_private_storage


class LessonProgress(models.Model):
    """One participant's progress through one lesson."""

    enrolment = models.ForeignKey(
        "courses.Enrolment", verbose_name=_("registrant"), on_delete=models.CASCADE, related_name="progress"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", verbose_name=_("lesson"), on_delete=models.CASCADE, related_name="+"
    )
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress records")
        constraints = [models.UniqueConstraint(fields=["enrolment", "lesson"], name="courses_progress_one_per_lesson")]

    def __str__(self):
        return f"{self.enrolment_id}/{self.lesson_id}"


class QuizAttempt(models.Model):
    """One submitted attempt at a lesson's quiz, with the answers given and the score."""

    enrolment = models.ForeignKey(
        "courses.Enrolment", verbose_name=_("registrant"), on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", verbose_name=_("lesson"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, default="practice")
    number = models.PositiveSmallIntegerField(_("attempt"))
    answers = models.JSONField(_("answers"), default=dict)
    score = models.DecimalField(_("score (%)"), max_digits=5, decimal_places=2)
    passed = models.BooleanField(_("passed"))
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["enrolment", "lesson", "number"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson", "number"], name="courses_quiz_attempt_number")
        ]

    def __str__(self):
        return f"{self.enrolment_id}/{self.lesson_id} #{self.number}: {self.score}"


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    REVISION = "revision", _("Revision requested")


def submission_upload_to(instance, filename: str) -> str:
    # The stored name never carries the participant's own file name, which may hold
    # personal data or characters storages dislike; the extension comes from content.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"submissions/{instance.lesson_id}/{uuid4().hex}.{extension}"


def private_storage():
    # A lazy stand-in, so the field follows STORAGES after settings change (tests, S3).
    return lazy_private_storage


class Submission(models.Model):
    """One version of a participant's assignment; a resubmission is a new row.

    The latest version of (enrolment, lesson) is the current one; earlier rows keep
    the history with their feedback.
    """

    enrolment = models.ForeignKey(
        "courses.Enrolment", verbose_name=_("registrant"), on_delete=models.CASCADE, related_name="submissions"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", verbose_name=_("lesson"), on_delete=models.CASCADE, related_name="+"
    )
    version = models.PositiveSmallIntegerField(_("version"))
    link = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to=submission_upload_to, storage=private_storage, blank=True)
    file_name = models.CharField(_("original file name"), max_length=255, blank=True)
    file_type = models.CharField(_("file type"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SubmissionStatus.choices, default=SubmissionStatus.SUBMITTED
    )
    feedback = models.TextField(_("feedback"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    feedback_seen_at = models.DateTimeField(_("feedback read at"), null=True, blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson", "version"], name="courses_submission_version"),
            models.CheckConstraint(condition=~models.Q(link="", file=""), name="courses_submission_not_empty"),
        ]

    def __str__(self):
        return f"{self.enrolment_id}/{self.lesson_id} v{self.version}"
