"""Quizzes inside lessons: the questions a reader may see, grading, and attempts.

Questions and options are named by their StreamField block ids, never by position,
so reordering or editing a quiz after someone answered it keeps the stored answers
meaningful (a removed option simply no longer counts as right).

Correct answers reach a template in two ways only: `GradedQuiz` (the result of an
attempt already submitted) and `reader_questions(..., with_answers=True)` (trainers
and staff). A participant's form is built from questions stripped of every mark of
correctness, so no template mistake can leak one.

How attempts are never exceeded
-------------------------------
`submit_attempt` locks the enrolment row (SELECT ... FOR UPDATE) before counting its
attempts, so two submissions of one participant queue there; the second counts the
first one's committed row. The unique (enrolment, lesson, number) constraint backs
this up. On SQLite, select_for_update() is a no-op but every transaction starts with
BEGIN IMMEDIATE (settings.DATABASES), so writers run one at a time.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Count, Max
from django.utils.translation import gettext as _

from courses.models import CompletionMode, Enrolment, LessonPage, QuizAttempt
from courses.progress import LEARNING_STATUSES, complete_lesson
from courses.quiz_questions import (  # noqa: F401 (the quiz's vocabulary, used with this module)
    ANSWER_PREFIX,
    TRUE_FALSE_LABELS,
    Option,
    Question,
    all_questions,
    normalise,
    reader_questions,
)

MAX_TEXT_ANSWER = 500


class QuizRefused(Exception):
    """Raised with a message for the participant; nothing has been saved."""


@dataclass(frozen=True)
class GradedQuestion:
    question: Question
    answer: object  # as stored: an option id, a list of them, "true"/"false", or text; None if unanswered
    correct: bool
    given: list  # the participant's answer, for display
    expected: list  # the correct answer(s), for display

    @property
    def answered(self) -> bool:
        return bool(self.given)


@dataclass(frozen=True)
class GradedQuiz:
    questions: list[GradedQuestion]
    pass_mark: int

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def correct_count(self) -> int:
        return sum(1 for graded in self.questions if graded.correct)

    @property
    def score(self) -> Decimal:
        """Percentage of questions answered correctly, with two decimals."""
        if not self.total:
            return Decimal("0.00")
        return (Decimal(100 * self.correct_count) / self.total).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def passed(self) -> bool:
        return self.score >= self.pass_mark


# --- Reading the quiz block ----------------------------------------------------------


def quiz_of(lesson: LessonPage):
    """The lesson's quiz (a StructValue of QuizBlock), or None."""
    block = lesson.get_block("quiz")
    return block.value if block is not None else None


# --- Grading --------------------------------------------------------------------------


def _grade_question(question: Question, answer) -> GradedQuestion:
    correct_ids = [option.id for option in question.options if option.correct]
    if question.type == "short_answer":
        text = answer if isinstance(answer, str) else ""
        accepted = {normalise(candidate) for candidate in question.accepted_answers}
        correct = bool(normalise(text)) and normalise(text) in accepted
        given = [text] if text.strip() else []
        expected = list(question.accepted_answers)
    elif question.type == "multiple_choice":
        chosen = [item for item in answer if isinstance(item, str)] if isinstance(answer, list) else []
        correct = bool(chosen) and set(chosen) == set(correct_ids)
        given = [question.option_text(item) or _("(an answer since removed)") for item in chosen]
        expected = [question.option_text(item) for item in correct_ids]
    else:  # single_choice and true_false: one option id
        chosen = answer if isinstance(answer, str) else None
        correct = chosen is not None and chosen in correct_ids
        given = [question.option_text(chosen) or _("(an answer since removed)")] if chosen else []
        expected = [question.option_text(item) for item in correct_ids]
    return GradedQuestion(question, answer, correct, given, expected)


def grade(quiz, answers: dict) -> GradedQuiz:
    """Grade `answers` ({question id: value}, as stored) against the quiz as it is now.

    An unanswered question is wrong; a multiple-choice question is right only when the
    chosen set is exactly the correct set.
    """
    graded = [_grade_question(question, answers.get(question.id)) for question in all_questions(quiz)]
    return GradedQuiz(graded, pass_mark=quiz["pass_mark"])


def _values(data, key) -> list:
    if hasattr(data, "getlist"):
        return data.getlist(key)
    value = data[key]
    return list(value) if isinstance(value, list | tuple) else [value]


def read_answers(quiz, data) -> dict:
    """The answers in posted form `data` as {question id: value}, or QuizRefused.

    Anything that does not belong to this quiz (an unknown question or option, two
    answers to a single-choice question) is refused whole: it is forged, or the quiz
    was edited while the participant had it open.
    """
    questions = {question.id: question for question in all_questions(quiz)}
    changed = QuizRefused(_("This quiz has changed since you opened it. Reload the page and answer again."))
    answers = {}
    for key in data:
        if not key.startswith(ANSWER_PREFIX):
            continue
        question = questions.get(key.removeprefix(ANSWER_PREFIX))
        if question is None:
            raise changed
        values = [value for value in _values(data, key) if isinstance(value, str) and value != ""]
        if not values:
            continue
        if question.type == "short_answer":
            if len(values) > 1:
                raise changed
            if len(values[0]) > MAX_TEXT_ANSWER:
                raise QuizRefused(_("An answer can be at most %(max)s characters long.") % {"max": MAX_TEXT_ANSWER})
            if values[0].strip():
                answers[question.id] = values[0].strip()
            continue
        option_ids = [option.id for option in question.options]
        if any(value not in option_ids for value in values):
            raise changed
        if question.type == "multiple_choice":
            answers[question.id] = [option_id for option_id in option_ids if option_id in values]
        elif len(values) > 1:
            raise changed
        else:
            answers[question.id] = values[0]
    return answers


# --- Attempts -------------------------------------------------------------------------


def attempts_left(quiz, attempts_used: int) -> int | None:
    """How many more attempts the participant has; None when they are unlimited."""
    if not quiz["max_attempts"]:
        return None
    return max(0, quiz["max_attempts"] - attempts_used)


@transaction.atomic
def submit_attempt(enrolment: Enrolment, lesson: LessonPage, post_data) -> QuizAttempt:
    """Grade and store one attempt at the lesson's quiz; complete the lesson if it passes.

    Everything that needs no lock (reading and grading the answers) happens first; the
    enrolment row is locked only to count the attempts and number the new one.
    """
    quiz = quiz_of(lesson)
    if quiz is None:
        raise QuizRefused(_("This lesson has no quiz."))
    answers = read_answers(quiz, post_data)
    if not all_questions(quiz):
        raise QuizRefused(_("This quiz has no questions yet."))
    if not answers:
        raise QuizRefused(_("Answer at least one question before submitting."))
    graded = grade(quiz, answers)

    locked = Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
    if locked is None or locked.status not in LEARNING_STATUSES:
        raise QuizRefused(_("Only participants learning in this course can answer its quiz."))
    used = QuizAttempt.objects.filter(enrolment=locked, lesson=lesson).aggregate(count=Count("pk"), last=Max("number"))
    if attempts_left(quiz, used["count"]) == 0:
        raise QuizRefused(_("You have no attempts left at this quiz."))
    attempt = QuizAttempt.objects.create(
        enrolment=locked,
        lesson=lesson,
        kind=quiz["kind"],
        number=(used["last"] or 0) + 1,
        answers=answers,
        score=graded.score,
        passed=graded.passed,
    )
    if graded.passed and lesson.completion_mode == CompletionMode.QUIZ:
        complete_lesson(locked, lesson)
        enrolment.status, enrolment.completed_at = locked.status, locked.completed_at
    return attempt


def lesson_context(lesson: LessonPage, enrolment: Enrolment | None) -> dict:
    """What templates/blocks/quiz.html needs, in one query whatever the quiz size.

    `enrolment` None means a trainer or staff member reading the lesson (serve() has
    checked that): they see the questions with the correct answers marked.
    """
    quiz = quiz_of(lesson)
    if quiz is None:
        return {}
    if enrolment is None:
        return {"quiz_questions": reader_questions(quiz, with_answers=True), "quiz_show_answers": True}
    attempts = list(QuizAttempt.objects.filter(enrolment=enrolment, lesson=lesson).order_by("number"))
    latest = attempts[-1] if attempts else None
    left = attempts_left(quiz, len(attempts))
    return {
        "quiz_questions": reader_questions(quiz),
        "quiz_show_answers": False,
        "quiz_attempts": attempts,
        "quiz_attempts_left": left,
        "quiz_can_submit": enrolment.status in LEARNING_STATUSES and left != 0,
        "quiz_best_score": max((attempt.score for attempt in attempts), default=None),
        "quiz_latest": latest,
        # The right answers are shown once they can no longer be copied into a retry:
        # after a pass or the last attempt. Right/wrong marks and explanations always.
        "quiz_reveal_answers": bool(latest and (latest.passed or left == 0)),
        "quiz_result": grade(quiz, latest.answers if isinstance(latest.answers, dict) else {}) if latest else None,
    }
