"""A quiz block's questions as a reader may see them: plain data read from the block's value.

No models and no database: the block itself (courses.blocks.QuizBlock) uses this to show
its questions where no use case has supplied them (a trainer's preview), and
courses.quizzes grades with the same questions.
"""

from dataclasses import dataclass, replace

from django.utils.translation import gettext_lazy

# Form fields carrying answers are named "q-<question id>"; other fields are ignored.
ANSWER_PREFIX = "q-"
TRUE_FALSE_LABELS = {"true": gettext_lazy("True"), "false": gettext_lazy("False")}


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    # None when the reader may not know: a participant who has not submitted yet.
    correct: bool | None = None


@dataclass(frozen=True)
class Question:
    id: str
    type: str  # single_choice, multiple_choice, true_false or short_answer
    prompt: str
    options: tuple[Option, ...] = ()
    accepted_answers: tuple[str, ...] = ()
    explanation: str = ""

    @property
    def field_name(self) -> str:
        return f"{ANSWER_PREFIX}{self.id}"

    @property
    def input_type(self) -> str:
        return {"multiple_choice": "checkbox", "short_answer": "text"}.get(self.type, "radio")

    def option_text(self, option_id) -> str | None:
        return next((option.text for option in self.options if option.id == option_id), None)


def normalise(text: str) -> str:
    """Short answers match ignoring letter case and extra spaces."""
    return " ".join(str(text).split()).casefold()


def _question(child, index: int) -> Question:
    value = child.value
    # Blocks saved through Wagtail always carry ids; the index is a last resort for
    # hand-made stream data, where it is at least stable until the quiz is edited.
    question_id = child.id or f"n{index}"
    kind = child.block_type
    if kind == "true_false":
        options = tuple(Option(key, label, value["answer"] == key) for key, label in TRUE_FALSE_LABELS.items())
        return Question(question_id, kind, value["prompt"], options, explanation=value["explanation"])
    if kind == "short_answer":
        accepted = tuple(answer for answer in value["accepted_answers"] if normalise(answer))
        return Question(question_id, kind, value["prompt"], accepted_answers=accepted, explanation=value["explanation"])
    options = tuple(
        Option(item.id, item.value["text"], bool(item.value["correct"])) for item in value["options"].bound_blocks
    )
    return Question(question_id, kind, value["prompt"], options, explanation=value["explanation"])


def all_questions(quiz) -> list[Question]:
    """Every question of `quiz` with its answers: for grading, never for a participant's form."""
    return [_question(child, index) for index, child in enumerate(quiz["questions"])]


def reader_questions(quiz, *, with_answers: bool = False) -> list[Question]:
    """The questions as a reader may see them; without answers unless `with_answers`."""
    questions = all_questions(quiz)
    if with_answers:
        return questions
    return [
        replace(
            question,
            options=tuple(replace(option, correct=None) for option in question.options),
            accepted_answers=(),
            explanation="",
        )
        for question in questions
    ]
