"""The shapes the demo is described in: accounts, the programme, its pictures, worksheets and waves.

Lesson bodies are lists of (block type, value) made by the small helpers at the end; pictures
and worksheets are named there by their key in POSTERS and WORKSHEETS and looked up (or made)
only when a lesson is actually built.
"""

from dataclasses import dataclass

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


@dataclass(frozen=True)
class WaveSpec:
    """A wave of the demo course, its dates counted in days from the day the seed runs."""

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
