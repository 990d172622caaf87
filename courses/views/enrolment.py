from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from courses import enrolment as enrolment_service
from courses.access import get_own_enrolment
from courses.models import Cohort


@login_required
@require_http_methods(["GET", "POST"])
def enrol(request, cohort_id):
    """Confirm the profile data a registration uses, then register."""
    cohort = get_object_or_404(Cohort.objects.select_related("course"), pk=cohort_id, course__live=True)
    course = cohort.course
    if request.method == "POST":
        try:
            enrolment = enrolment_service.enrol(request.user, cohort)
        except enrolment_service.EnrolmentRefused as refusal:
            messages.error(request, str(refusal))
            return redirect(course.url)
        messages.success(request, _status_message(enrolment))
        return redirect(course.url)
    refusal = None
    try:
        enrolment_service.check_can_enrol(request.user, cohort)
    except enrolment_service.EnrolmentRefused as error:
        refusal = str(error)
    return render(request, "courses/enrol_confirm.html", {"cohort": cohort, "course": course, "refusal": refusal})


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, enrolment_id):
    enrolment = get_own_enrolment(request.user, enrolment_id)
    if request.method == "POST":
        try:
            enrolment_service.withdraw(enrolment, actor=request.user)
        except enrolment_service.EnrolmentRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("Your registration has been withdrawn."))
        return redirect(enrolment.course.url)
    return render(request, "courses/withdraw_confirm.html", {"enrolment": enrolment})


def _status_message(enrolment) -> str:
    if enrolment.status == "active":
        return _("You are registered for %(wave)s.") % {"wave": enrolment.cohort.name}
    if enrolment.status == "pending":
        return _("Your registration for %(wave)s is waiting for approval by the organisers.") % {
            "wave": enrolment.cohort.name
        }
    return _("%(wave)s is full for your segment: you are number %(position)s on the waitlist.") % {
        "wave": enrolment.cohort.name,
        "position": enrolment.waitlist_position,
    }
