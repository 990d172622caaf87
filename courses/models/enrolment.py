from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lms.models import Segment


class EnrolmentStatus(models.TextChoices):
    WAITLISTED = "waitlisted", _("Waitlisted")
    PENDING = "pending", _("Pending approval")
    ACTIVE = "active", _("Registered")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REJECTED = "rejected", _("Rejected")


# An enrolment in one of these states counts as the user's one place in a course.
LIVE_STATUSES = [
    EnrolmentStatus.WAITLISTED,
    EnrolmentStatus.PENDING,
    EnrolmentStatus.ACTIVE,
    EnrolmentStatus.COMPLETED,
]
# These hold a seat of the wave's segment quota.
SEAT_STATUSES = [EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED]


class EnrolmentQuerySet(models.QuerySet):
    def live(self):
        return self.filter(status__in=LIVE_STATUSES)

    def holding_seats(self):
        return self.filter(status__in=SEAT_STATUSES)

    def active(self):
        return self.filter(status=EnrolmentStatus.ACTIVE)

    def waitlisted(self):
        return self.filter(status=EnrolmentStatus.WAITLISTED)

    def visible_to(self, user):
        """Staff see every registrant; trainers those of the waves they teach."""
        if user.is_superuser or user.has_perm("courses.view_all_cohorts"):
            return self
        return self.filter(cohort__trainers=user)


class Enrolment(models.Model):
    """A user's place in a wave of a course: a seat, a waitlist place, or a request.

    It carries its course (always its wave's course) so that the database can say
    "one live enrolment per user per course" with a partial unique constraint.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="enrolments"
    )
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.PROTECT, related_name="enrolments"
    )
    cohort = models.ForeignKey(
        "courses.Cohort", verbose_name=_("wave"), on_delete=models.PROTECT, related_name="enrolments"
    )
    segment = models.CharField(
        _("segment"), max_length=16, choices=Segment.choices, help_text=_("The segment at the time of enrolment.")
    )
    status = models.CharField(_("status"), max_length=12, choices=EnrolmentStatus.choices)
    waitlist_position = models.PositiveIntegerField(_("waitlist position"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed at"), auto_now=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_reason = models.TextField(_("reason"), blank=True)

    objects = EnrolmentQuerySet.as_manager()

    # Registrations reference nothing an editor needs to trace, and there are many:
    # keep them out of Wagtail's reference index (which would enqueue a task per save).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("registrant")
        verbose_name_plural = _("registrants")
        ordering = ["cohort", "segment", "status", "waitlist_position", "created_at"]
        permissions = [("view_full_nip", _("Can see registrants' full NIP"))]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"],
                condition=Q(status__in=LIVE_STATUSES),
                name="courses_enrolment_one_live_per_course",
                violation_error_message=_("You are already registered for this course."),
            ),
            models.UniqueConstraint(
                fields=["cohort", "segment", "waitlist_position"],
                condition=Q(waitlist_position__isnull=False),
                name="courses_enrolment_unique_waitlist_position",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=EnrolmentStatus.WAITLISTED, waitlist_position__gte=1)
                    | (~Q(status=EnrolmentStatus.WAITLISTED) & Q(waitlist_position__isnull=True))
                ),
                name="courses_enrolment_position_only_when_waitlisted",
            ),
        ]
        indexes = [models.Index(fields=["cohort", "segment", "status"], name="courses_enrolment_seats_idx")]

    def __str__(self):
        return f"{self.user} — {self.cohort}"

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_STATUSES


class EnrolmentEvent(models.Model):
    """What happened to an enrolment, who did it and why: the registration audit trail."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.action} {self.at:%Y-%m-%d %H:%M}"
