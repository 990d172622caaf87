"""Bringing demo participants to their stage of a programme, through the functions real people use.

A journey (demo.specs.Journey) is played once: registration (enrol: a seat or a
waitlist place), attendance at the sessions held so far (record_attendance, by the wave's
trainer), then its steps: lessons marked done, quiz attempts, assignment versions and the
trainer's reviews, the evaluation. Each row is then dated on its day of the wave, so an
ended wave's work carries that wave's dates. A participant already registered in the
course is left as they are.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from courses import assignments, quizzes
from courses.attendance import record_attendance
from courses.enrolment import enrol
from courses.evaluation import submit_evaluation
from courses.models import (
    Cohort,
    CoursePage,
    Enrolment,
    EnrolmentStatus,
    EvaluationResponse,
    LessonPage,
    LessonProgress,
    QuizAttempt,
    Submission,
)
from courses.progress import LEARNING_STATUSES, complete_lesson
from courses.review import review
from demo.specs import Done, Evaluate, Journey, Quiz, Review, Submit
from lms.models import User

# Participants do their homework in the evening.
STEP_TIME = time(19, 30)


def ensure_journey(journey: Journey, course: CoursePage) -> tuple[Journey, Enrolment, bool]:
    """The participant's enrolment in `course`, played from `journey` if missing; (journey, enrolment, created)."""
    user = User.objects.get(email=journey.email)
    existing = Enrolment.objects.filter(user=user, course=course).first()
    if existing is not None:
        return journey, existing, False
    cohort = Cohort.objects.get(course=course, name=journey.wave)
    enrolment = enrol(user, cohort, check_window=False)
    Enrolment.objects.filter(pk=enrolment.pk).update(created_at=_on_day(cohort, journey.registered_day, time(8)))
    if enrolment.status in LEARNING_STATUSES:
        _Player(enrolment, cohort).play(journey)
    enrolment.refresh_from_db()
    return journey, enrolment, True


def _on_day(cohort: Cohort, day: int, at: time = STEP_TIME) -> datetime:
    return timezone.make_aware(datetime.combine(cohort.starts_on + timedelta(days=day), at))


class _Player:
    def __init__(self, enrolment: Enrolment, cohort: Cohort):
        self.enrolment = enrolment
        self.cohort = cohort
        self.trainer = cohort.trainers.order_by("pk").first()
        self.lessons = {lesson.slug: lesson for lesson in LessonPage.objects.descendant_of(enrolment.course).live()}
        self.last_step_at = None

    def play(self, journey: Journey) -> None:
        held = self.cohort.sessions.filter(starts_at__lte=timezone.now()).order_by("starts_at", "pk")
        for session, present in zip(held, journey.attended, strict=False):
            record_attendance(session, {self.enrolment.pk: present}, recorder=self.trainer)
        for step in journey.steps:
            at = _on_day(self.cohort, step.day)
            getattr(self, f"_{type(step).__name__.lower()}")(step, at)
            self.last_step_at = at
        if self.last_step_at and self._reload().status == EnrolmentStatus.COMPLETED:
            Enrolment.objects.filter(pk=self.enrolment.pk).update(
                completed_at=self.last_step_at, status_changed_at=self.last_step_at
            )

    def _reload(self) -> Enrolment:
        self.enrolment.refresh_from_db()
        return self.enrolment

    def _date_progress(self, lesson: LessonPage, at: datetime) -> None:
        progress = LessonProgress.objects.filter(enrolment=self.enrolment, lesson=lesson)
        progress.update(started_at=at)
        progress.filter(completed_at__isnull=False).update(completed_at=at)

    def _done(self, step: Done, at: datetime) -> None:
        lesson = self.lessons[step.lesson]
        complete_lesson(self._reload(), lesson, now=at)
        self._date_progress(lesson, at)

    def _quiz(self, step: Quiz, at: datetime) -> None:
        lesson = self.lessons[step.lesson]
        attempt = quizzes.submit_attempt(self._reload(), lesson, _answers(lesson, step.right))
        QuizAttempt.objects.filter(pk=attempt.pk).update(submitted_at=at)
        self._date_progress(lesson, at)

    def _submit(self, step: Submit, at: datetime) -> None:
        lesson = self.lessons[step.lesson]
        submission = assignments.submit(self._reload(), lesson, link=step.link)
        Submission.objects.filter(pk=submission.pk).update(submitted_at=at)
        self._date_progress(lesson, at)

    def _review(self, step: Review, at: datetime) -> None:
        lesson = self.lessons[step.lesson]
        current = Submission.objects.filter(enrolment=self.enrolment, lesson=lesson).order_by("-version").first()
        review(current, self.trainer, approve=step.approve, feedback=step.feedback)
        seen_at = at + timedelta(hours=2) if step.seen else None
        Submission.objects.filter(pk=current.pk).update(reviewed_at=at, feedback_seen_at=seen_at)
        LessonProgress.objects.filter(enrolment=self.enrolment, lesson=lesson, completed_at__isnull=False).update(
            completed_at=at
        )

    def _evaluate(self, step: Evaluate, at: datetime) -> None:
        answers = {**step.ratings, "most_useful": step.most_useful, "suggestions": step.suggestions}
        response = submit_evaluation(self._reload(), answers)
        EvaluationResponse.objects.filter(pk=response.pk).update(submitted_at=at)


def _answers(lesson: LessonPage, right: tuple[int, ...] | None) -> dict:
    """Posted answers to the lesson's quiz: right for the questions at positions `right` (None: all)."""
    answers = {}
    for index, question in enumerate(quizzes.all_questions(quizzes.quiz_of(lesson))):
        correct = right is None or index in right
        if question.type == "short_answer":
            answers[question.field_name] = question.accepted_answers[0] if correct else "tidak tahu"
            continue
        chosen = [option.id for option in question.options if option.correct == correct]
        if question.type == "multiple_choice":
            answers[question.field_name] = chosen if correct else chosen[:1]
        else:
            answers[question.field_name] = chosen[0]
    return answers
