"""Participants send their assignments; owners, trainers and staff download the files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from courses import assignments
from courses.access import can_download_submission, learning_enrolment
from courses.models import CoursePage, LessonPage, Submission
from courses.submission_files import download_name
from lms.storage import answers_503_when_storage_is_down, serve_private_file


@login_required
@require_POST
@answers_503_when_storage_is_down(upload=True)
def submit_assignment(request, lesson_id):
    """Send (or resend after a revision request) the work for a lesson's assignment."""
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    course = CoursePage.objects.filter(path=lesson.course_path).first()
    enrolment = learning_enrolment(request.user, course) if course else None
    if enrolment is None:
        raise Http404
    try:
        assignments.submit(enrolment, lesson, link=request.POST.get("link", ""), file=request.FILES.get("file"))
    except assignments.SubmissionRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Your assignment has been sent. Your trainer will review it."))
    return redirect(f"{lesson.get_url(request)}#assignment")


@require_GET
@answers_503_when_storage_is_down
def submission_file(request, submission_id):
    """The submitted file, for its owner, the trainers of the owner's wave and staff.

    Anyone else (signed in or not) gets 404, so ids reveal nothing.
    """
    submission = get_object_or_404(Submission.objects.select_related("enrolment"), pk=submission_id)
    if not submission.file or not can_download_submission(request.user, submission):
        raise Http404
    return serve_private_file(submission.file.name, download_name=download_name(submission))


urlpatterns = [
    path("pelajaran/<int:lesson_id>/tugas/", submit_assignment, name="submit_assignment"),
    path("tugas/<int:submission_id>/berkas/", submission_file, name="submission_file"),
]
