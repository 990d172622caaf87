from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Case, F, Func, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models.progress import LessonProgress
from courses.models.schedule import AttendanceRecord, CohortSession
from lms.models import Segment
from lms.prepared import PreparedQuery


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


# How each lesson's completion mode counts in the requirements (see courses/requirements.py).
LESSON_MODES = ["manual", "attendance"]
QUIZ_MODES = ["quiz"]
ASSIGNMENT_MODES = ["assignment"]


def _count(queryset):
    """COUNT(*) of `queryset` as a correlated subquery (0 when empty)."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT", output_field=IntegerField()))
    return Coalesce(Subquery(counted.values("n")[:1], output_field=IntegerField()), Value(0))


def sees_every_wave(user) -> bool:
    """Staff (courses.view_all_cohorts, or a superuser) see every wave and its registrants.

    The one place this rule is written: EnrolmentQuerySet.visible_to, CohortQuerySet.visible_to
    and courses.access ask it (it lives here, below them: models must not import courses.access).
    """
    return user.is_active and user.has_perm("courses.view_all_cohorts")


class EnrolmentQuerySet(models.QuerySet):
    def live(self):
        return self.filter(status__in=LIVE_STATUSES)

    def active(self):
        return self.filter(status=EnrolmentStatus.ACTIVE)

    def waitlisted(self):
        return self.filter(status=EnrolmentStatus.WAITLISTED)

    def current_for(self, user, course):
        """`user`'s live enrolment in `course`, else their latest one (to show a rejection), else None.

        One query, compiled once per process (lms/prepared.py): the course page asks it on
        every view. A person has at most one live enrolment in a course (a constraint)."""
        if not user.is_authenticated:
            return None
        enrolment = CURRENT_ENROLMENT.first(user_id=user.pk, course_id=course.pk)
        if enrolment is not None:
            del enrolment.live_first
        return enrolment

    def ordered_live_first(self):
        """Live enrolments first, then the most recently changed."""
        live_first = Case(When(status__in=LIVE_STATUSES, then=Value(0)), default=Value(1))
        return self.annotate(live_first=live_first).order_by("live_first", "-status_changed_at", "-pk")

    def with_wave_end(self):
        """Annotate `wave_last_session_end` (for Cohort.ends_at), in this one query."""
        last = CohortSession.objects.filter(cohort=OuterRef("cohort")).order_by("-ends_at").values("ends_at")[:1]
        return self.annotate(wave_last_session_end=Subquery(last))

    def with_requirements(self, now=None):
        """Annotate each enrolment with the figures of its course's requirements, in this one query.

        `req_lessons_missing`, `req_quizzes_missing`, `req_assignments_missing`: required live
        lessons of the course not yet completed, by completion mode (marked done or attended;
        quiz passed; assignment approved). `req_sessions_held`: the wave's sessions started by
        `now`; `req_sessions_attended`: those of them the participant attended;
        `req_attendance_minimum`: the course's minimum (%). courses.requirements.Shortfall reads
        them; nothing else should interpret them.
        """
        # Without `now`, the database's clock: the query is then the same on every request, and
        # "Pembelajaran saya" keeps it compiled (lms/prepared.py).
        now = now if now is not None else Now()
        lesson_page = apps.get_model("courses", "LessonPage")
        required = lesson_page.objects.filter(path__startswith=OuterRef("course__path"), live=True, is_required=True)
        done = LessonProgress.objects.filter(
            enrolment=OuterRef("pk"),
            completed_at__isnull=False,
            lesson__path__startswith=OuterRef("course__path"),
            lesson__live=True,
            lesson__is_required=True,
        )

        def missing(modes):
            return _count(required.filter(completion_mode__in=modes)) - _count(
                done.filter(lesson__completion_mode__in=modes)
            )

        held = CohortSession.objects.filter(cohort=OuterRef("cohort"), starts_at__lte=now)
        attended = AttendanceRecord.objects.filter(enrolment=OuterRef("pk"), present=True, session__starts_at__lte=now)
        return self.annotate(
            req_lessons_missing=missing(LESSON_MODES),
            req_quizzes_missing=missing(QUIZ_MODES),
            req_assignments_missing=missing(ASSIGNMENT_MODES),
            req_sessions_held=_count(held),
            req_sessions_attended=_count(attended),
            req_attendance_minimum=F("course__min_attendance_percent"),
        )

    def visible_to(self, user):
        """Staff see every registrant; trainers those of the waves they teach (courses.access names it)."""
        if sees_every_wave(user):
            return self
        return self.filter(cohort__trainers=user)


class Attainment(models.TextChoices):
    """What a participant must have done: the two standards a certificate can state."""

    PARTICIPATION = "participation", _("Participation")
    COMPLETION = "completion", _("Completion")


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
    # Moves only when the status does (set_status): an unconfirmed ASN seat is held for a time
    # counted from here (courses.enrolment.unconfirmed_asn_seats), which no other save may reset.
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
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

    def set_status(self, status: str, *, now=None) -> None:
        """Change the status and note when; save with both fields."""
        self.status = status
        self.status_changed_at = now or timezone.now()


class EnrolmentEvent(models.Model):
    """What happened to an enrolment, who did it and why: the registration audit trail."""

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("registrant"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("action"), max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("registration event")
        verbose_name_plural = _("registration events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.action} {self.at:%Y-%m-%d %H:%M}"


class NipConfirmation(models.Model):
    """A civil servant's NIP confirmed by staff or by the nominating office's import.

    An ASN seat is held on a NIP confirmed here, never on self-declared digits alone: the
    confirmation names the NIP it confirmed, so a NIP changed afterwards is unconfirmed again.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="nip_confirmation"
    )
    nip = models.CharField(_("NIP"), max_length=18)
    source = models.CharField(
        _("confirmed through"), max_length=10, choices=[("staff", _("staff")), ("import", _("nomination import"))]
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("NIP confirmation")
        verbose_name_plural = _("NIP confirmations")

    def __str__(self):
        return f"{self.user_id}: {self.nip}"


CURRENT_ENROLMENT = PreparedQuery(
    lambda user_id, course_id: (
        Enrolment.objects.filter(user_id=user_id, course_id=course_id).select_related("cohort").ordered_live_first()[:1]
    ),
    user_id=int,
    course_id=int,
)
