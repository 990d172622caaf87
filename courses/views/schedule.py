"""A wave's schedule for its participants, its calendar file, and QR check-in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from courses import attendance, requirements
from courses import schedule as schedule_service
from courses.attendance import CheckInRefused

# A refusal the participant can fix by scanning again is a bad request; one about who
# they are is forbidden. Either way the page says why.
REFUSAL_STATUS = {"not_participant": 403}


@login_required
@require_GET
def schedule(request, cohort_id):
    """Sessions, the participant's attendance against the course minimum, and announcements."""
    cohort, enrolment = schedule_service.schedule_access(request.user, cohort_id)
    rows = schedule_service.session_rows(cohort, enrolment)
    standing = requirements.shortfall(enrolment) if enrolment else None
    context = {
        "cohort": cohort,
        "course": cohort.course,
        "enrolment": enrolment,
        "rows": rows,
        "held": sum(1 for row in rows if row.started),
        "attended": sum(1 for row in rows if row.started and row.attended),
        "attendance_percent": standing.attendance_percent if standing else None,
        "min_attendance": cohort.course.min_attendance_percent,
        "announcements": cohort.announcements.all(),
    }
    return render(request, "courses/schedule/schedule.html", context)


@login_required
@require_GET
def schedule_ics(request, cohort_id):
    """The wave's sessions as a calendar file to add to a phone's calendar."""
    cohort, _enrolment = schedule_service.schedule_access(request.user, cohort_id)
    response = HttpResponse(schedule_service.ics_for(cohort), content_type="text/calendar; charset=utf-8")
    filename = f"jadwal-{slugify(cohort.course.title)}-{slugify(cohort.name)}.ics"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request, token):
    """Opened from the QR code in the room: confirm, then record the participant present."""
    try:
        if request.method == "POST":
            record = attendance.check_in(request.user, token)
            messages.success(request, _("You are checked in to %(session)s.") % {"session": record.session.title})
            return redirect("courses:schedule", record.session.cohort_id)
        session, enrolment = attendance.checkin_target(request.user, token)
    except CheckInRefused as refusal:
        context = {"refusal": refusal}
        return render(request, "courses/schedule/check_in.html", context, status=REFUSAL_STATUS.get(refusal.code, 400))
    already = session.attendance.filter(enrolment=enrolment, present=True).exists()
    context = {"session": session, "cohort": session.cohort, "already": already}
    return render(request, "courses/schedule/check_in.html", context)


urlpatterns = [
    path("gelombang/<int:cohort_id>/jadwal/", schedule, name="schedule"),
    path("gelombang/<int:cohort_id>/jadwal.ics", schedule_ics, name="schedule_ics"),
    path("hadir/<str:token>/", check_in, name="check_in"),
]
