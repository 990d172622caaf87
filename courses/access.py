"""Who may see and do what in courses: the one module that views, the admin, exports and
use cases ask.

A participant reaches only their own enrolments; a trainer the waves they teach; staff
(courses.view_all_cohorts) every wave. Rules that filter lists are QuerySet methods beside
their models (`CohortQuerySet.visible_to`, `EnrolmentQuerySet.visible_to`, both through
`sees_every_wave`), because models must not import this module; here they are named and
everything else is written once. The admin asks them through the permission policies below.
"""

from django.contrib.auth import get_user_model
from django.db.models import F, QuerySet
from django.shortcuts import get_object_or_404
from wagtail.permission_policies import ModelPermissionPolicy

from courses.models import Announcement, Cohort, CohortSession, CoursePage, Enrolment, Submission
from courses.models.enrolment import sees_every_wave
from courses.progress import LEARNING_STATUSES, ProgressRow
from lms.prepared import PreparedQuery

__all__ = [
    "ADMIN_POLICIES",
    "ANNOUNCEMENTS",
    "REGISTRANTS",
    "REVIEWS",
    "SESSIONS",
    "WAVES",
    "RegistrantPermissionPolicy",
    "ReviewPermissionPolicy",
    "WavePermissionPolicy",
    "WaveRowPermissionPolicy",
    "can_download_submission",
    "can_manage_registrants",
    "can_manage_waves",
    "can_post_announcements",
    "can_review",
    "can_see_full_nip",
    "can_take_attendance",
    "can_teach",
    "can_view_cohort",
    "cohorts_for_attendance",
    "cohorts_visible_to",
    "current_enrolment",
    "enrolments_visible_to",
    "get_own_enrolment",
    "learning_enrolment",
    "mask_nip",
    "reviewable_enrolments",
    "sees_every_wave",
    "submissions_visible_to",
]


def _signed_in(user) -> bool:
    return user.is_authenticated and user.is_active


# --- Participants: their own enrolments ------------------------------------------------------


def get_own_enrolment(user, enrolment_id: int) -> Enrolment:
    """The user's own enrolment, or 404: nobody reaches another's registration by its id."""
    return get_object_or_404(Enrolment.objects.select_related("cohort", "course"), pk=enrolment_id, user_id=user.pk)


def _learning_enrolments(user_id, **where) -> QuerySet[Enrolment]:
    """The rule: an active or completed enrolment lets its person learn in its course and
    attend its wave. `where` narrows it to a course or a wave."""
    return Enrolment.objects.filter(user_id=user_id, status__in=LEARNING_STATUSES, **where).order_by("pk")


# Asked on every lesson view and by every action on a lesson: compiled once per process
# (lms/prepared.py).
LEARNING_ENROLMENT = PreparedQuery(
    lambda user_id, course_id: _learning_enrolments(user_id, course_id=course_id).select_related("cohort")[:1],
    user_id=int,
    course_id=int,
)
# The same enrolment with what its person did in the course, one row per lesson started
# (a row of NULLs when none): the lesson view's one query for the reader.
LEARNING_ENROLMENT_WITH_PROGRESS = PreparedQuery(
    lambda user_id, course_id: (
        _learning_enrolments(user_id, course_id=course_id)
        .select_related("cohort")
        .annotate(started_lesson_id=F("progress__lesson_id"), lesson_completed_at=F("progress__completed_at"))
    ),
    user_id=int,
    course_id=int,
)


def learning_enrolment(user, course: CoursePage) -> Enrolment | None:
    """The enrolment that lets `user` learn in `course` (active or completed), or None."""
    if not user.is_authenticated:
        return None
    enrolment = LEARNING_ENROLMENT.first(user_id=user.pk, course_id=course.pk)
    if enrolment is not None:
        enrolment.course = course
    return enrolment


def learning_enrolment_with_progress(user, course: CoursePage) -> tuple[Enrolment | None, list[ProgressRow]]:
    """learning_enrolment() and its lesson progress (courses.progress.course_progress takes
    them), in one query."""
    if not user.is_authenticated:
        return None, []
    query = LEARNING_ENROLMENT_WITH_PROGRESS
    rows = query.rows(user_id=user.pk, course_id=course.pk)
    if not rows:
        return None, []
    enrolment = query.instance(rows[0])
    enrolment.course = course
    del enrolment.started_lesson_id, enrolment.lesson_completed_at  # one row's, not the enrolment's
    pk, lesson, completed = query.column("id"), query.column("started_lesson_id"), query.column("lesson_completed_at")
    return enrolment, [
        ProgressRow(row[lesson], row[completed]) for row in rows if row[pk] == enrolment.pk and row[lesson] is not None
    ]


def learning_enrolment_in(user, cohort) -> Enrolment | None:
    """The user's active or completed enrolment in the wave, or None."""
    if not user.is_authenticated:
        return None
    return _learning_enrolments(user.pk, cohort=cohort).first()


def current_enrolment(user, course) -> Enrolment | None:
    """The user's live enrolment in `course`, else their latest one (to show a rejection), else None."""
    return Enrolment.objects.current_for(user, course)


# --- Waves: staff every one, trainers those they teach ---------------------------------------


def cohorts_visible_to(user) -> QuerySet[Cohort]:
    """The waves `user` may see in the admin, its filters and reports."""
    if not _signed_in(user):
        return Cohort.objects.none()
    return Cohort.objects.visible_to(user)


def can_view_cohort(user, cohort: Cohort) -> bool:
    return cohorts_visible_to(user).filter(pk=cohort.pk).exists()


def enrolments_visible_to(user) -> QuerySet[Enrolment]:
    """The registrants `user` may see: every one for staff, their waves' for trainers."""
    if not _signed_in(user):
        return Enrolment.objects.none()
    return Enrolment.objects.visible_to(user)


def can_teach(user, course: CoursePage) -> bool:
    """Staff, and trainers of any wave of the course, read its lessons without enrolling."""
    if not _signed_in(user):
        return False
    return sees_every_wave(user) or course.cohorts.filter(trainers=user).exists()


def can_manage_waves(user) -> bool:
    """Staff, who create and change waves, their sessions and announcements."""
    return _signed_in(user) and user.has_perm("courses.change_cohort")


def can_manage_registrants(user) -> bool:
    """Staff, who approve, reject, move, withdraw and import registrants."""
    return _signed_in(user) and user.has_perm("courses.change_enrolment")


def can_see_full_nip(user) -> bool:
    """Staff with courses.view_full_nip see a NIP whole; everyone else its last four digits."""
    return _signed_in(user) and user.has_perm("courses.view_full_nip")


def mask_nip(nip: str) -> str:
    """Show only the last four digits of a NIP."""
    return "•" * (len(nip) - 4) + nip[-4:] if nip else ""


# --- Attendance and announcements ------------------------------------------------------------


def cohorts_for_attendance(user) -> QuerySet[Cohort]:
    """The waves whose attendance `user` records: all for staff, their own for trainers."""
    if not _signed_in(user):
        return Cohort.objects.none()
    if can_manage_waves(user):
        return Cohort.objects.all()
    return Cohort.objects.taught_by(user)


def can_take_attendance(user, cohort: Cohort) -> bool:
    """Staff, and the wave's own trainers, record attendance of its sessions."""
    return cohorts_for_attendance(user).filter(pk=cohort.pk).exists()


def can_post_announcements(user) -> bool:
    """Staff (who manage waves) post announcements; trainers and participants do not."""
    return can_manage_waves(user)


# --- Assignments: reviewing and the files ----------------------------------------------------


def reviewable_enrolments(user) -> QuerySet[Enrolment]:
    """Enrolments whose submissions `user` may see and review: staff all, trainers their waves'."""
    if not (_signed_in(user) and user.has_perm("courses.view_enrolment")):
        return Enrolment.objects.none()
    return Enrolment.objects.visible_to(user)


def submissions_visible_to(user) -> QuerySet[Submission]:
    """Every version of the submissions `user` may review."""
    return Submission.objects.filter(enrolment__in=reviewable_enrolments(user))


def can_review(user, submission: Submission) -> bool:
    return reviewable_enrolments(user).filter(pk=submission.enrolment_id).exists()


def can_download_submission(user, submission: Submission) -> bool:
    """The owner, the trainers of the owner's wave and staff may download the file."""
    if not _signed_in(user):
        return False
    return submission.enrolment.user_id == user.pk or can_review(user, submission)


# --- The admin's permission policies ---------------------------------------------------------


class WavePermissionPolicy(ModelPermissionPolicy):
    """Waves: Django's model permissions, on the waves the user may see."""

    def __init__(self):
        super().__init__(Cohort)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Cohort.objects.none()
        return cohorts_visible_to(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and can_view_cohort(user, instance)


class RegistrantPermissionPolicy(ModelPermissionPolicy):
    """Registrants: Django's model permissions (view, change), on the registrants the user may see."""

    def __init__(self):
        super().__init__(Enrolment)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Enrolment.objects.none()
        return enrolments_visible_to(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and enrolments_visible_to(user).filter(pk=instance.pk).exists()


class ReviewPermissionPolicy(ModelPermissionPolicy):
    """The review queue: viewing (and so reviewing) submissions follows courses.view_enrolment,
    on the submissions of `reviewable_enrolments`; nothing else is allowed."""

    def __init__(self):
        super().__init__(Submission, auth_model=Enrolment)

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, "view")

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(["view"])

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Submission.objects.none()
        return submissions_visible_to(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and can_review(user, instance)


class WaveRowPermissionPolicy(ModelPermissionPolicy):
    """A wave's sessions or announcements: the permissions are those on the wave itself ("view"
    needs courses.view_cohort, any change courses.change_cohort), on rows of the waves the user
    may see."""

    def __init__(self, model):
        super().__init__(model, auth_model=Cohort)

    def _get_permission_codename(self, action):
        return "view_cohort" if action == "view" else "change_cohort"

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and can_view_cohort(user, instance.cohort)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.model._default_manager.filter(cohort__in=cohorts_visible_to(user))


WAVES = WavePermissionPolicy()
REGISTRANTS = RegistrantPermissionPolicy()
REVIEWS = ReviewPermissionPolicy()
SESSIONS = WaveRowPermissionPolicy(CohortSession)
ANNOUNCEMENTS = WaveRowPermissionPolicy(Announcement)

# Registered with Wagtail (courses/wagtail_hooks.py), so the viewsets' own views ask them too.
ADMIN_POLICIES = {
    Cohort: WAVES,
    Enrolment: REGISTRANTS,
    Submission: REVIEWS,
    CohortSession: SESSIONS,
    Announcement: ANNOUNCEMENTS,
}
