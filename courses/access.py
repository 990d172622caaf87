"""The one place that decides which enrolments a request may see or change."""

from django.shortcuts import get_object_or_404

from courses.models.enrolment import Enrolment


def get_own_enrolment(user, enrolment_id: int) -> Enrolment:
    """The user's own enrolment, or 404: nobody reaches another's registration by its id."""
    return get_object_or_404(Enrolment.objects.select_related("cohort", "course"), pk=enrolment_id, user_id=user.pk)


def current_enrolment(user, course) -> Enrolment | None:
    """The user's live enrolment in `course`, else their latest one (to show a rejection), else None."""
    return Enrolment.objects.current_for(user, course)


def can_see_full_nip(user) -> bool:
    """Staff with courses.view_full_nip see a NIP whole; everyone else its last four digits."""
    return user.has_perm("courses.view_full_nip")


def mask_nip(nip: str) -> str:
    """Show only the last four digits of a NIP."""
    return "•" * (len(nip) - 4) + nip[-4:] if nip else ""
