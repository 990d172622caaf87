from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel

from courses.models.enrolment import SEAT_STATUSES, Enrolment, EnrolmentStatus, sees_every_wave
from courses.models.schedule import CohortSession
from lms.models import Segment


class CohortMode(models.TextChoices):
    ONLINE = "online", _("Online")
    OFFLINE = "offline", _("In person")
    HYBRID = "hybrid", _("Hybrid")


# A wave's last day lasts until this time (local time, WIB) unless a session runs later.
DAY_ENDS_AT = time(23, 59)


class CohortQuerySet(models.QuerySet):
    def open_for_registration(self, now=None):
        """Waves taking registrations at `now`: from registration_opens_at, until registration_closes_at."""
        now = now or timezone.now()
        return self.filter(registration_opens_at__lte=now, registration_closes_at__gt=now)

    def ended(self, now=None):
        """Waves that have ended by `now`: see Cohort.ends_at."""
        now = now or timezone.now()
        # ends_on 23:59 WIB has passed exactly when ends_on <= the local date 23h59m ago.
        last_day_over = (timezone.localtime(now) - timedelta(hours=DAY_ENDS_AT.hour, minutes=DAY_ENDS_AT.minute)).date()
        running = CohortSession.objects.filter(cohort=OuterRef("pk"), ends_at__gt=now)
        return self.filter(ends_on__lte=last_day_over).exclude(Exists(running))

    def taught_by(self, user):
        return self.filter(trainers=user)

    def visible_to(self, user):
        """Staff see every wave; trainers the waves they teach; anyone else none (courses.access names it)."""
        if sees_every_wave(user):
            return self
        return self.taught_by(user)


class Cohort(ClusterableModel):
    """A wave (gelombang) of a course: its dates, registration window, trainers and seats."""

    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.PROTECT, related_name="cohorts"
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("e.g. Gelombang 1"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    registration_opens_at = models.DateTimeField(_("registration opens at"))
    registration_closes_at = models.DateTimeField(_("registration closes at"))
    mode = models.CharField(_("mode"), max_length=10, choices=CohortMode.choices, default=CohortMode.ONLINE)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    trainers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("trainers"), blank=True, related_name="taught_cohorts"
    )
    waitlist_open = models.BooleanField(
        _("waitlist open"), default=True, help_text=_("When a segment is full, later registrants join its waitlist.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = _("wave")
        verbose_name_plural = _("waves")
        ordering = ["starts_on", "pk"]
        permissions = [("view_all_cohorts", _("Can see every wave and its registrants"))]
        constraints = [
            models.UniqueConstraint(fields=["course", "name"], name="courses_cohort_unique_name_per_course"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="courses_cohort_ends_after_it_starts",
                violation_error_message=_("A wave cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(registration_closes_at__gt=models.F("registration_opens_at")),
                name="courses_cohort_registration_window",
                violation_error_message=_("Registration must close after it opens."),
            ),
        ]

    def __str__(self):
        return f"{self.course.title} — {self.name}"

    def ends_at(self, *, last_session_end=...) -> datetime:
        """When the wave is over: the later of its last day at 23:59 WIB and the end of its last session.

        `last_session_end`, when a list has loaded it (e.g. EnrolmentQuerySet.with_wave_end), spares the query.
        """
        last_day = timezone.make_aware(datetime.combine(self.ends_on, DAY_ENDS_AT))
        if last_session_end is ...:
            last_session_end = self.sessions.aggregate(end=Max("ends_at"))["end"]
        last_session = last_session_end
        return max(last_day, last_session) if last_session else last_day

    def has_ended(self, now=None) -> bool:
        return (now or timezone.now()) >= self.ends_at()

    def is_registration_open(self, now=None) -> bool:
        """For display: CohortQuerySet.open_for_registration's rule on this wave as loaded.

        Registering reads the window from the database (courses.enrolment.check_can_enrol).
        """
        now = now or timezone.now()
        return self.registration_opens_at <= now < self.registration_closes_at

    def seat_summary(self) -> list[dict]:
        """Per segment: seats, seats taken, seats left, waiting and pending counts."""
        return seat_summaries([self])[self.pk]


def seat_summaries(cohorts) -> dict[int, list[dict]]:
    """seat_summary() for many waves in two queries, whatever their number."""
    ids = [cohort.pk for cohort in cohorts]
    counts: dict[tuple, dict] = {}
    rows = (
        Enrolment.objects.filter(cohort_id__in=ids)
        .values("cohort_id", "segment", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        bucket = counts.setdefault((row["cohort_id"], row["segment"]), {"taken": 0, "waiting": 0, "pending": 0})
        if row["status"] in SEAT_STATUSES:
            bucket["taken"] += row["n"]
        elif row["status"] == EnrolmentStatus.WAITLISTED:
            bucket["waiting"] += row["n"]
        elif row["status"] == EnrolmentStatus.PENDING:
            bucket["pending"] += row["n"]
    summaries: dict[int, list[dict]] = {pk: [] for pk in ids}
    for quota in SegmentQuota.objects.filter(cohort_id__in=ids).order_by("cohort_id", "segment"):
        bucket = counts.get((quota.cohort_id, quota.segment), {"taken": 0, "waiting": 0, "pending": 0})
        summaries[quota.cohort_id].append(
            {
                "segment": quota.segment,
                "segment_label": quota.get_segment_display(),
                "seats": quota.seats,
                "left": max(quota.seats - bucket["taken"], 0),
                **bucket,
            }
        )
    return summaries


class SegmentQuota(models.Model):
    """The seats of one segment in one wave. Its row is the lock that enrolment takes."""

    cohort = ParentalKey(Cohort, verbose_name=_("wave"), on_delete=models.CASCADE, related_name="quotas")
    segment = models.CharField(_("segment"), max_length=16, choices=Segment.choices)
    seats = models.PositiveIntegerField(_("seats"))

    class Meta:
        verbose_name = _("seat quota")
        verbose_name_plural = _("seat quotas")
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "segment"],
                name="courses_quota_one_per_segment",
                violation_error_message=_("This wave already has a quota for that segment."),
            )
        ]

    def __str__(self):
        return f"{self.get_segment_display()}: {self.seats}"
