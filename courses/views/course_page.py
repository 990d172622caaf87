"""Serving a course page: the page model composes its context, with the outline from memory.

The course page is what everybody opens on registration day. Its outline (modules and
lessons) is the same for every reader and is kept per process (courses/outline.py); the waves'
seats and the reader's own registration are read on every view. Previews in the editor run no
serve hook and read the outline from the database (CoursePage.get_context).
"""

from django.template.response import TemplateResponse

from courses.models import CoursePage
from courses.models.pages import lessons_by_module
from courses.outline import outline_of


def serve_course(request, course: CoursePage, *args, **kwargs) -> TemplateResponse:
    outline = outline_of(course)
    context = course.get_context(request, *args, outline=lessons_by_module(outline.modules, outline.lessons), **kwargs)
    return TemplateResponse(request, course.get_template(request, *args, **kwargs), context)
