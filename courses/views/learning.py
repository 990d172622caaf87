from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses import progress as learning
from courses.access import get_own_enrolment, learning_enrolment
from courses.evaluation import EvaluationForm, EvaluationRefused, can_evaluate, submit_evaluation
from courses.models import Attainment, CompletionMode, Enrolment, LessonPage, Submission
from courses.models.pages import certificate_kinds
from courses.requirements import Shortfall
from lms.prepared import PreparedQuery


def is_partial(request) -> bool:
    """A request from static/js/sinau.js that wants a fragment, not a page (htmx's header; docs/design.md)."""
    return request.headers.get("HX-Request") == "true"


@login_required
@require_POST
def mark_done(request, lesson_id):
    """Mark a "marked done by the participant" lesson complete; works with and without JS."""
    lesson = get_object_or_404(LessonPage.objects.live().defer_streamfields(), pk=lesson_id)
    course = lesson.get_course()
    enrolment = learning_enrolment(request.user, course)
    if enrolment is None:
        raise Http404
    progress = learning.course_progress(course, enrolment)
    state = progress.state_of(lesson.pk)
    if lesson.completion_mode != CompletionMode.MANUAL or state is None or state.locked:
        messages.error(request, _("This lesson cannot be marked done here."))
        return redirect(lesson.url)
    learning.complete_lesson(enrolment, lesson)
    enrolment.refresh_from_db(fields=["status", "completed_at"])
    progress = learning.course_progress(course, enrolment)
    context = {
        "page": lesson,
        "lesson_state": progress.state_of(lesson.pk),
        "progress": progress,
        "enrolment": enrolment,
        "course": course,
    }
    if is_partial(request):
        return render(request, "courses/includes/lesson_completion.html", context)
    if enrolment.status == "completed":
        messages.success(request, _("Congratulations! You have completed %(course)s.") % {"course": course.title})
        return redirect(course.url)
    messages.success(request, _("Lesson marked as done."))
    return redirect(progress.next_lesson.url if progress.next_lesson else course.url)


# The page's main read, with every requirement figure annotated: compiled once per process.
LIVE_ENROLMENTS = PreparedQuery(
    lambda user_id: (
        Enrolment.objects.filter(user_id=user_id)
        .live()
        .with_requirements()
        .with_wave_end()
        .select_related("course", "cohort")
        .order_by("-created_at")
    ),
    user_id=int,
)


@login_required
def my_learning(request):
    """ "Pembelajaran saya": the participant's courses with progress and what is next."""
    enrolments = LIVE_ENROLMENTS.all(user_id=request.user.pk)
    learning_now = [enrolment for enrolment in enrolments if enrolment.status in learning.LEARNING_STATUSES]
    progress_by_enrolment = learning.progress_of_enrolments(learning_now)
    kinds = certificate_kinds([enrolment.course for enrolment in learning_now])
    # Feedback from trainers the participant has not opened yet, per enrolment: one query.
    unseen = dict(
        Submission.objects.filter(enrolment__in=enrolments, reviewed_at__isnull=False, feedback_seen_at__isnull=True)
        .exclude(feedback="")
        .values("enrolment_id")
        .annotate(n=Count("pk"))
        .values_list("enrolment_id", "n")
    )
    rows = []
    for enrolment in enrolments:
        progress = progress_by_enrolment.get(enrolment.pk)
        row = {"enrolment": enrolment, "progress": progress, "new_feedback": unseen.get(enrolment.pk, 0)}
        if progress is not None:
            kind = kinds.get(enrolment.course_id)
            shortfall = Shortfall.of(enrolment)
            row.update(
                certificate_kind=kind,
                requirements_met=shortfall.met(kind or Attainment.COMPLETION),
                missing=shortfall.reasons(kind or Attainment.COMPLETION),
                wave_ends_at=enrolment.cohort.ends_at(last_session_end=enrolment.wave_last_session_end),
            )
        rows.append(row)
    return render(request, "courses/my_learning.html", {"rows": rows})


@login_required
def evaluate(request, enrolment_id):
    """The end-of-training evaluation for one of the participant's own enrolments."""
    enrolment = get_own_enrolment(request.user, enrolment_id)
    if not can_evaluate(enrolment):
        raise Http404
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            submit_evaluation(enrolment, form.cleaned_data)
        except EvaluationRefused as refusal:
            messages.info(request, str(refusal))
        else:
            messages.success(request, _("Thank you for your evaluation!"))
        return redirect(enrolment.course.url)
    done = hasattr(enrolment, "evaluation")
    return render(request, "courses/evaluate.html", {"enrolment": enrolment, "form": form, "done": done})


urlpatterns = [
    path("pendaftaran/<int:enrolment_id>/evaluasi/", evaluate, name="evaluate"),
    path("pelajaran/<int:lesson_id>/selesai/", mark_done, name="mark_done"),
    path("pembelajaran-saya/", my_learning, name="my_learning"),
]
