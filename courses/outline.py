"""A course's outline — the course page, its live modules and lessons — kept per process.

Every lesson view needs the whole outline (the module list, previous and next lesson, locks
in a sequential course), and it is the same for every reader. It is read from the database
once per process and kept for SITE_MEMORY_SECONDS in the process's memory
(lms/memory.py; docs/design.md, "Caches"); saving, publishing, moving or deleting any page forgets the
outlines in the process that did it, and the other processes see the change within that time.
What a reader did (their progress) is never kept here.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from courses.models import CoursePage, LessonPage, ModulePage
from lms.memory import process_memory

KEY = "course-outline:{path}"


@dataclass
class Outline:
    course: CoursePage
    modules: list[ModulePage]
    lessons: list[LessonPage]  # in reading order, without their bodies


def course_lessons(course: CoursePage):
    """Live lessons of `course` in reading order, without their bodies (a query)."""
    return course.get_lessons().defer_streamfields()


def outline_at(course_path: str) -> Outline:
    """The outline of the course at `course_path`: no query when this process read it lately."""
    local = process_memory
    key = KEY.format(path=course_path)
    outline = local.get(key)
    if outline is None:
        course = CoursePage.objects.select_related("organiser").get(path=course_path)
        outline = read_outline(course)
        local.set(key, outline, settings.SITE_MEMORY_SECONDS)
    return outline


def outline_of(course: CoursePage) -> Outline:
    return outline_at(course.path)


def read_outline(course: CoursePage) -> Outline:
    modules = list(ModulePage.objects.child_of(course).live().order_by("path"))
    return Outline(course, modules, list(course_lessons(course)))


def forget_outlines(sender=None, instance=None, **kwargs) -> None:
    """A page changed in this process: forget the outline of its course."""
    page = instance or kwargs.get("page")
    if not isinstance(page, Page) or not page.depth or not page.path:
        return  # not a page, or one whose place in the tree is not known yet (a fixture loading)
    depth = 3  # courses sit below the site's home page (Wagtail's root, home, course)
    if page.depth >= depth:
        process_memory.delete(KEY.format(path=page.path[: depth * page.steplen]))


def connect() -> None:
    """Called from CoursesConfig.ready()."""
    post_save.connect(forget_outlines, dispatch_uid="courses.outline.saved")
    post_delete.connect(forget_outlines, dispatch_uid="courses.outline.deleted")
    page_published.connect(forget_outlines, dispatch_uid="courses.outline.published")
    page_unpublished.connect(forget_outlines, dispatch_uid="courses.outline.unpublished")
    post_page_move.connect(forget_on_move, dispatch_uid="courses.outline.moved")


def forget_on_move(sender, instance, url_path_before, url_path_after, **kwargs) -> None:
    process_memory.clear()  # both the old and the new course change; moves are rare
