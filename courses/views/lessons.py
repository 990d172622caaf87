"""Serving a lesson to a reader: the page model holds the lesson, this composes the use cases.

Wagtail routes the request to the LessonPage; the `on_serve_page` hook in
courses/wagtail_hooks.py hands it here. Previews in the editor run no serve hook and render
the page's own context (LessonPage.get_context) with blocks that supply their own
(QuizBlock.get_context), so a trainer's preview never needs an enrolment.
"""

from django.template.response import TemplateResponse
from wagtail.models import Page

from courses import assignments, quizzes
from courses import progress as learning
from courses.access import can_teach, current_enrolment, learning_enrolment_with_progress
from courses.models import LessonPage
from courses.outline import outline_at


def serve_lesson(request, lesson: LessonPage, *args, **kwargs) -> TemplateResponse:
    """Lessons open to participants with an active or completed enrolment, the course's
    trainers and staff; others get the outline and a call to enrol (HTTP 403)."""
    course = outline_at(lesson.course_path).course
    enrolment, progress_rows = learning_enrolment_with_progress(request.user, course)
    # The page's own context, without LessonPage.get_context's tree lookups (for previews):
    # the module comes from the course's progress below.
    context = Page.get_context(lesson, request, *args, **kwargs)
    context.update(course=course, enrolment=enrolment)
    if enrolment is None and not can_teach(request.user, course):
        context["module"] = lesson.get_module()
        context["registration_enrolment"] = current_enrolment(request.user, course)
        return TemplateResponse(request, "courses/lesson_locked.html", context, status=403)
    progress = learning.course_progress(course, enrolment, progress_rows)
    state = progress.state_of(lesson.pk)
    context.update(progress=progress, lesson_state=state, module=progress.module_of(lesson))
    if enrolment is not None and state is not None and state.locked:
        return TemplateResponse(request, "courses/lesson_sequence_locked.html", context, status=403)
    if enrolment is not None and not (state is not None and state.started):
        # The first view records that the participant opened the lesson; later views write nothing.
        learning.start_lesson(enrolment, lesson)
    # The quiz and assignment blocks render with what this enrolment did so far.
    context.update(quizzes.lesson_context(lesson, enrolment))
    context.update(assignments.lesson_context(lesson, enrolment))
    lessons = [state.lesson for state in progress.lessons]
    index = next((i for i, other in enumerate(lessons) if other.pk == lesson.pk), None)
    if index is not None:
        context["previous_lesson"] = lessons[index - 1] if index > 0 else None
        context["next_lesson"] = lessons[index + 1] if index + 1 < len(lessons) else None
    return TemplateResponse(request, lesson.get_template(request, *args, **kwargs), context)
