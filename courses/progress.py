"""Progress through a course: lesson completion, course completion and summaries.

Every function here runs a fixed number of queries whatever the size of the course
or the wave: counts are done by the database, never by loading a row per lesson.
"""

from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone

from courses import requirements
from courses.models import (
    Attainment,
    AttendanceRecord,
    CompletionMode,
    CoursePage,
    Enrolment,
    EnrolmentStatus,
    LessonPage,
    LessonProgress,
    ModulePage,
)
from courses.outline import course_lessons, outline_of  # noqa: F401 (course_lessons: callers name it here)
from courses.signals import course_completed
from lms.prepared import PreparedQuery

LEARNING_STATUSES = [EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED]


def start_lesson(enrolment: Enrolment, lesson: LessonPage) -> None:
    """Record that the participant opened the lesson (one query, idempotent)."""
    LessonProgress.objects.bulk_create([LessonProgress(enrolment=enrolment, lesson=lesson)], ignore_conflicts=True)


@transaction.atomic
def complete_lesson(enrolment: Enrolment, lesson: LessonPage, *, now=None) -> bool:
    """Mark `lesson` complete for `enrolment`; complete the course if it was the last.

    Returns False if it was already complete. Five queries at most, whatever the
    course size: read the progress row, upsert it, then check the course.
    """
    now = now or timezone.now()
    already = LessonProgress.objects.filter(enrolment=enrolment, lesson=lesson, completed_at__isnull=False).exists()
    if already:
        return False
    LessonProgress.objects.bulk_create(
        [LessonProgress(enrolment=enrolment, lesson=lesson, completed_at=now)],
        update_conflicts=True,
        unique_fields=["enrolment", "lesson"],
        update_fields=["completed_at"],
    )
    complete_course_if_done(enrolment, now=now)
    return True


def complete_course_if_done(enrolment: Enrolment, *, now=None) -> bool:
    """Complete the enrolment when the course's requirements for completion hold (courses.requirements).

    The conditional UPDATE makes completion happen once even if two last lessons are
    completed at the same moment; the signal goes out after commit. A completed
    enrolment is not yet a certificate: that waits for the wave's end (certificates).
    """
    if enrolment.status != EnrolmentStatus.ACTIVE:
        return False
    if not requirements.shortfall(enrolment, now=now).met(Attainment.COMPLETION):
        return False
    now = now or timezone.now()
    updated = Enrolment.objects.filter(pk=enrolment.pk, status=EnrolmentStatus.ACTIVE).update(
        status=EnrolmentStatus.COMPLETED, completed_at=now, status_changed_at=now
    )
    if not updated:
        return False
    enrolment.status, enrolment.completed_at = EnrolmentStatus.COMPLETED, now
    transaction.on_commit(partial(course_completed.send, sender=Enrolment, enrolment=enrolment))
    return True


@dataclass
class LessonState:
    lesson: LessonPage
    completed: bool = False
    started: bool = False
    locked: bool = False


@dataclass
class ModuleState:
    module: ModulePage
    lessons: list[LessonState] = field(default_factory=list)

    @property
    def required(self) -> int:
        return sum(1 for state in self.lessons if state.lesson.is_required)

    @property
    def completed(self) -> int:
        return sum(1 for state in self.lessons if state.lesson.is_required and state.completed)

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.required) if self.required else 100


@dataclass
class CourseProgress:
    modules: list[ModuleState]
    next_lesson: LessonPage | None

    @property
    def lessons(self) -> list[LessonState]:
        return [state for module in self.modules for state in module.lessons]

    @property
    def required(self) -> int:
        return sum(module.required for module in self.modules)

    @property
    def completed(self) -> int:
        return sum(module.completed for module in self.modules)

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.required) if self.required else 100

    def module_of(self, lesson: LessonPage) -> ModulePage | None:
        parent_path = lesson.path[: -lesson.steplen]
        return next((state.module for state in self.modules if state.module.path == parent_path), None)

    def state_of(self, lesson_id: int) -> LessonState | None:
        return next((state for state in self.lessons if state.lesson.pk == lesson_id), None)


# Read on every lesson view: compiled once per process (lms/prepared.py).
PROGRESS_ROWS = PreparedQuery(
    lambda enrolment_id: LessonProgress.objects.filter(enrolment_id=enrolment_id).only("lesson_id", "completed_at"),
    enrolment_id=int,
)


class ProgressRow(NamedTuple):
    """What course_progress needs of a LessonProgress row."""

    lesson_id: int
    completed_at: datetime | None


def course_progress(course: CoursePage, enrolment: Enrolment | None, rows=None) -> CourseProgress:
    """Modules, lessons and this enrolment's state of each: one query for the enrolment's
    progress unless its `rows` were read with it (courses.access.learning_enrolment_with_progress),
    the outline from this process's memory (courses/outline.py).

    In a sequential course a lesson is locked while an earlier required lesson is
    incomplete. The next lesson ("lanjutkan") is the first incomplete, unlocked one.
    """
    outline = outline_of(course)
    if rows is None:
        rows = PROGRESS_ROWS.all(enrolment_id=enrolment.pk) if enrolment is not None else []
    return _progress(course, outline.modules, outline.lessons, rows)


def progress_of_enrolments(enrolments) -> dict[int, CourseProgress]:
    """course_progress() of many enrolments ("Pembelajaran saya"): their progress rows in one
    query, whatever their number; each course's outline from this process's memory
    (courses/outline.py: three queries for a course this process has not read in the last minute)."""
    if not enrolments:
        return {}
    rows: dict[int, list] = {}
    progress_rows = LessonProgress.objects.filter(enrolment__in=enrolments)
    for row in progress_rows.only("enrolment_id", "lesson_id", "completed_at"):
        rows.setdefault(row.enrolment_id, []).append(row)
    result = {}
    for enrolment in enrolments:
        outline = outline_of(enrolment.course)
        result[enrolment.pk] = _progress(enrolment.course, outline.modules, outline.lessons, rows.get(enrolment.pk, []))
    return result


def _progress(course: CoursePage, modules, lessons, progress_rows) -> CourseProgress:
    modules = {module.path: ModuleState(module) for module in modules}
    progress = {row.lesson_id: row for row in progress_rows}
    blocked = False
    next_lesson = None
    for lesson in lessons:
        module = modules.get(lesson.path[: -lesson.steplen])
        if module is None:
            continue
        row = progress.get(lesson.pk)
        state = LessonState(lesson, completed=bool(row and row.completed_at), started=row is not None)
        state.locked = course.is_sequential and blocked
        if lesson.is_required and not state.completed:
            blocked = True
        if next_lesson is None and not state.completed and not state.locked:
            next_lesson = lesson
        module.lessons.append(state)
    return CourseProgress(list(modules.values()), next_lesson)


def complete_by_attendance(record: AttendanceRecord) -> None:
    """After attendance is recorded: complete the session's lesson, re-check the course."""
    enrolment = record.enrolment
    lesson_id = record.session.lesson_id
    if record.present and lesson_id:
        lesson = LessonPage.objects.filter(pk=lesson_id, completion_mode=CompletionMode.ATTENDANCE).first()
        if lesson and complete_lesson(enrolment, lesson):
            return
    complete_course_if_done(enrolment)
