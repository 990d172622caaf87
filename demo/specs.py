"""The shapes the demo is described in: accounts, programmes, pictures, worksheets, waves and journeys.

Lesson bodies are lists of (block type, value) made by the small helpers at the end; pictures
and worksheets are named there by their key in POSTERS and WORKSHEETS and looked up (or made)
only when a lesson is actually built. A journey is what one demo participant has done so far,
in steps dated in days from the start of their wave.
"""

from dataclasses import dataclass, field

from django.utils.text import slugify

from lms.models import Segment


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: str
    groups: tuple[str, ...] = ()
    is_superuser: bool = False
    segment: str = Segment.PUBLIC
    nip: str = ""
    opd: str = ""
    business_name: str = ""
    district: str = ""


@dataclass(frozen=True)
class Poster:
    """An illustrative 16:9 poster: a gradient, a drawn motif and large text."""

    title: str
    headline: str
    kicker: str
    subtitle: str
    colours: tuple[str, str]
    motif: str = "circles"


@dataclass(frozen=True)
class Worksheet:
    """A printable worksheet: a short introduction, a table to fill in and notes."""

    title: str
    intro: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = ()
    example_rows: int = 0
    landscape: bool = True

    @property
    def filename(self) -> str:
        return f"{slugify(self.title)}.pdf"


@dataclass(frozen=True)
class LessonSpec:
    title: str
    slug: str
    minutes: int
    body: list
    required: bool = True
    completion: str = "manual"  # a CompletionMode value


@dataclass(frozen=True)
class ModuleSpec:
    title: str
    slug: str
    intro: str
    lessons: list[LessonSpec]


@dataclass(frozen=True)
class CourseSpec:
    title: str
    slug: str
    summary: str
    intro: str
    learning_hours: int
    cover: str
    modules: list[ModuleSpec]
    min_attendance_percent: int = 0


@dataclass(frozen=True)
class SessionSpec:
    """A live session on day `day` of its wave (0 is the first day), local time."""

    title: str
    day: int
    starts_at: str  # "HH:MM"
    minutes: int = 120


@dataclass(frozen=True)
class WaveSpec:
    """A wave of a demo course, its dates counted in days from the day the seed runs."""

    name: str
    registration_opens_in: int
    registration_closes_in: int
    starts_in: int
    mode: str
    seats: dict[str, int]
    venue: str = ""
    # A training of two weeks: the first and the last day both count.
    days: int = 14
    trainers: tuple[str, ...] = ()  # emails of demo accounts who teach it
    sessions: tuple[SessionSpec, ...] = ()
    meeting_url: str = ""  # for the sessions of an online or hybrid wave


# --- Journeys: what a demo participant has done, step by step ------------------------


@dataclass(frozen=True)
class Done:
    """Marks the lesson done (completion mode "manual")."""

    lesson: str  # slug
    day: int


@dataclass(frozen=True)
class Quiz:
    """One attempt at the lesson's quiz: questions answered right by position (None: all)."""

    lesson: str
    day: int
    right: tuple[int, ...] | None = None


@dataclass(frozen=True)
class Submit:
    """A version of the lesson's assignment, as a link."""

    lesson: str
    day: int
    link: str


@dataclass(frozen=True)
class Review:
    """The wave's trainer reviews the current version: approved, or a revision asked for."""

    lesson: str
    day: int
    approve: bool
    feedback: str
    seen: bool = True  # whether the participant has read the feedback


@dataclass(frozen=True)
class Evaluate:
    """The end-of-training evaluation: ratings 1-5 by question key, and two answers in words."""

    day: int
    ratings: dict[str, int]
    most_useful: str = ""
    suggestions: str = ""


@dataclass(frozen=True)
class Journey:
    """Where one demo participant is in a course: registered in `wave`, then `steps`.

    `attended` marks the wave's sessions held so far, in order (present or absent).
    `where` says it in a few words, for the seed's output.
    """

    email: str
    course: str  # slug
    wave: str
    where: str
    registered_day: int = -14  # relative to the wave's start
    attended: tuple[bool, ...] = ()
    steps: tuple = field(default_factory=tuple)


def image(key: str, alt_text: str, caption: str = "") -> tuple:
    return ("image", {"image": key, "alt_text": alt_text, "caption": caption})


def video(url: str, title: str, duration: str = "") -> tuple:
    return ("video", {"url": url, "title": title, "duration": duration})


def document(key: str, description: str) -> tuple:
    return ("document", {"document": key, "title": "", "description": description})


def callout(kind: str, title: str, html: str) -> tuple:
    return ("callout", {"kind": kind, "title": title, "text": html})


def checklist(title: str, *items: str) -> tuple:
    return ("checklist", {"title": title, "items": list(items)})


def heading(text: str) -> tuple:
    return ("heading", text)


def text(html: str) -> tuple:
    return ("text", html)


def quiz(title: str, kind: str, pass_mark: int, max_attempts: int, *questions: tuple) -> tuple:
    return (
        "quiz",
        {
            "title": title,
            "kind": kind,
            "pass_mark": pass_mark,
            "max_attempts": max_attempts,
            "questions": [{"type": kind_, "value": value} for kind_, value in questions],
        },
    )


def single_choice(prompt: str, options: list[tuple[str, bool]], explanation: str = "") -> tuple:
    return ("single_choice", _choice(prompt, options, explanation))


def multiple_choice(prompt: str, options: list[tuple[str, bool]], explanation: str = "") -> tuple:
    return ("multiple_choice", _choice(prompt, options, explanation))


def _choice(prompt: str, options: list[tuple[str, bool]], explanation: str) -> dict:
    return {
        "prompt": prompt,
        "options": [{"text": text_, "correct": correct} for text_, correct in options],
        "explanation": explanation,
    }


def true_false(prompt: str, answer: bool, explanation: str = "") -> tuple:
    return ("true_false", {"prompt": prompt, "answer": "true" if answer else "false", "explanation": explanation})


def short_answer(prompt: str, accepted: list[str], explanation: str = "") -> tuple:
    return ("short_answer", {"prompt": prompt, "accepted_answers": accepted, "explanation": explanation})


def assignment(title: str, instructions: str, accepts: str = "link_or_file") -> tuple:
    return ("assignment", {"title": title, "instructions": instructions, "accepts": accepts})
