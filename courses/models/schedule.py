from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CohortSession(models.Model):
    """A live session of a wave: in a room, online, or both."""

    cohort = models.ForeignKey(
        "courses.Cohort", verbose_name=_("wave"), on_delete=models.CASCADE, related_name="sessions"
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    meeting_url = models.URLField(_("meeting link"), blank=True)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lesson = models.ForeignKey(
        "courses.LessonPage",
        verbose_name=_("lesson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A lesson completed by attending this session, if any."),
    )

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="courses_session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
            )
        ]

    def __str__(self):
        return self.title


class AttendanceRecord(models.Model):
    session = models.ForeignKey(
        CohortSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendance"
    )
    enrolment = models.ForeignKey(
        "courses.Enrolment", verbose_name=_("registrant"), on_delete=models.CASCADE, related_name="attendance"
    )
    present = models.BooleanField(_("present"), default=False)
    method = models.CharField(
        _("recorded by"), max_length=10, choices=[("grid", _("trainer or staff")), ("qr", _("QR check-in"))]
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)
    # A QR check-in is the participant's own word until a trainer confirms it (or undoes it).
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("attendance record")
        verbose_name_plural = _("attendance records")
        constraints = [
            models.UniqueConstraint(fields=["session", "enrolment"], name="courses_attendance_once_per_session")
        ]

    def __str__(self):
        return f"{self.session_id}/{self.enrolment_id}: {self.present}"


class Announcement(models.Model):
    cohort = models.ForeignKey(
        "courses.Cohort", verbose_name=_("wave"), on_delete=models.CASCADE, related_name="announcements"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class EvaluationResponse(models.Model):
    """A participant's end-of-training evaluation (one per enrolment)."""

    enrolment = models.OneToOneField(
        "courses.Enrolment", verbose_name=_("registrant"), on_delete=models.CASCADE, related_name="evaluation"
    )
    answers = models.JSONField(_("answers"), default=dict)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self):
        return f"{self.enrolment_id}"
