from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses import progress as learning
from courses import quizzes
from courses.access import learning_enrolment
from courses.models import LessonPage
from courses.views.learning import is_partial


@login_required
@require_POST
def submit_quiz(request, lesson_id):
    """Grade and store an attempt at a lesson's quiz; works with and without JavaScript."""
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    course = lesson.get_course()
    enrolment = learning_enrolment(request.user, course)
    if enrolment is None:
        raise Http404
    state = learning.course_progress(course, enrolment).state_of(lesson.pk)
    error = None
    if state is not None and state.locked:
        error = _("This course is taken in order: complete the earlier lessons first.")
    else:
        try:
            quizzes.submit_attempt(enrolment, lesson, request.POST)
        except quizzes.QuizRefused as refusal:
            error = str(refusal)
    quiz = quizzes.quiz_of(lesson)
    if is_partial(request) and quiz is not None and not (state and state.locked):
        context = {"value": quiz, "self": quiz, "page": lesson, "enrolment": enrolment, "quiz_error": error}
        context.update(quizzes.lesson_context(lesson, enrolment))
        return render(request, "blocks/quiz.html", context)
    if error:
        messages.error(request, error)
    return redirect(f"{lesson.get_url(request)}#quiz")


urlpatterns = [
    path("pelajaran/<int:lesson_id>/kuis/", submit_quiz, name="submit_quiz"),
]
