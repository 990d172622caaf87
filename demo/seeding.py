"""Seeding the demo: whatever part of it (accounts, programmes, media, waves, journeys) is missing.

Seeding is idempotent: pages are found by slug under their parent, pictures and worksheets
by title, accounts by email, waves by course and name, a demo participant's journey by their
enrolment in its course, and whatever already exists is left exactly as it is.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, Site

from courses.enrolment import enrol
from courses.models import (
    Cohort,
    CohortMode,
    CohortSession,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonPage,
    ModulePage,
    SegmentQuota,
)
from demo.artwork import render_poster, render_worksheet
from demo.content import (
    ACCOUNTS,
    CLASSMATES,
    DEMO_PASSWORD,
    JOURNEYS,
    ORGANISER,
    POSTERS,
    PROGRAMMES,
    WORKSHEETS,
)
from demo.journeys import ensure_journey
from demo.specs import CourseSpec, DemoAccount, Journey, LessonSpec, WaveSpec
from lms.models import Organiser, User


class DemoSeedError(Exception):
    """The demo cannot be seeded into this database; the message says why."""


@dataclass
class ProgrammeSeed:
    """One demo programme as found or made: the course, its pages created now, its waves."""

    course: CoursePage
    pages_created: int
    waves: list[tuple[Cohort, bool]]


@dataclass
class SeedResult:
    """What one run of `seed()` found and made."""

    skipped: bool = False
    accounts: list[tuple[DemoAccount, bool]] = field(default_factory=list)
    programmes: list[ProgrammeSeed] = field(default_factory=list)
    images_created: int = 0
    documents_created: int = 0
    # Each demo participant of the second programme, their enrolment, and whether it was made now.
    journeys: list[tuple[Journey, Enrolment, bool]] = field(default_factory=list)

    @property
    def course(self) -> CoursePage | None:
        """Today's programme (the first)."""
        return self.programmes[0].course if self.programmes else None


@transaction.atomic
def seed(*, if_empty: bool = False) -> SeedResult:
    """Create whatever part of the demo (accounts, programmes, media, waves, journeys) is missing.

    With `if_empty`, do nothing at all once any course exists, so `make run` never adds
    the demo to a site that staff have started filling.
    """
    if if_empty and CoursePage.objects.exists():
        return SeedResult(skipped=True)
    result = SeedResult(accounts=[ensure_account(account) for account in ACCOUNTS])
    for classmate in CLASSMATES:
        ensure_account(classmate)
    author = User.objects.filter(email=ACCOUNTS[0].email).first()
    builder = _CourseBuilder(author, ensure_organiser())
    for spec, waves in PROGRAMMES:
        pages_before = builder.pages_created
        course = builder.build(home_page(), spec)
        cohorts = [ensure_wave(course, wave) for wave in waves]
        result.programmes.append(ProgrammeSeed(course, builder.pages_created - pages_before, cohorts))
    result.images_created = builder.images_created
    result.documents_created = builder.documents_created
    ensure_participants_enrolled(result.programmes[0].waves[0][0])
    courses = {programme.course.slug: programme.course for programme in result.programmes}
    result.journeys = [ensure_journey(journey, courses[journey.course]) for journey in JOURNEYS]
    return result


def ensure_participants_enrolled(cohort: Cohort) -> None:
    """Give each demo participant without a journey a seat in the first wave, so they can read lessons at once."""
    travelling = {journey.email for journey in JOURNEYS}
    for account in ACCOUNTS:
        if account.groups or account.is_superuser or account.email in travelling:
            continue
        user = User.objects.get(email=account.email)
        if not Enrolment.objects.live().filter(user=user, course_id=cohort.course_id).exists():
            enrol(user, cohort, check_window=False)


def ensure_organiser() -> Organiser:
    """The demo's office: the one that runs the demo programme and signs its certificates."""
    organiser, _created = Organiser.objects.get_or_create(
        name=ORGANISER["name"], defaults={"short_name": ORGANISER["short_name"], "place": ORGANISER["place"]}
    )
    return organiser


def home_page() -> CourseIndexPage:
    """The course index that is the default site's home page."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None or not isinstance(site.root_page.specific, CourseIndexPage):
        raise DemoSeedError("The default site's root page is not a course index; run `manage.py migrate` first.")
    return site.root_page.specific


def ensure_account(account: DemoAccount) -> tuple[DemoAccount, bool]:
    """Create `account` with a verified email and the demo password; (account, created)."""
    if User.objects.filter(email__iexact=account.email).exists():
        return account, False
    user = User(
        email=account.email,
        full_name=account.full_name,
        is_staff=account.is_superuser,
        is_superuser=account.is_superuser,
        segment=account.segment,
        nip=account.nip,
        opd=account.opd,
        business_name=account.business_name,
        district=account.district,
        privacy_consent_at=timezone.now(),
    )
    user.set_password(DEMO_PASSWORD)
    try:
        user.full_clean()
    except ValidationError as error:
        raise DemoSeedError(f"Demo account {account.email} is not valid here: {error.messages}") from error
    groups = list(Group.objects.filter(name__in=account.groups))
    if len(groups) != len(account.groups):
        raise DemoSeedError(f"Missing groups {account.groups}; run `manage.py migrate` first.")
    user.save()
    user.groups.add(*groups)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return account, True


def ensure_wave(course: CoursePage, spec: WaveSpec) -> tuple[Cohort, bool]:
    """The wave of `course` named `spec.name`, made from `spec` if missing; (wave, created).

    Its dates count from today, so a new demo always has a wave open for registration;
    an existing wave is left as it is, whenever it was seeded.
    """
    existing = Cohort.objects.filter(course=course, name=spec.name).first()
    if existing is not None:
        return existing, False
    today = timezone.localdate()
    starts_on = today + timedelta(days=spec.starts_in)
    cohort = Cohort(
        course=course,
        name=spec.name,
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=spec.days - 1),
        # Round local times, as staff would set them, rather than the second the seed happened to run.
        registration_opens_at=_local_datetime(today + timedelta(days=spec.registration_opens_in), time(8)),
        registration_closes_at=_local_datetime(today + timedelta(days=spec.registration_closes_in), time(23, 59)),
        mode=spec.mode,
        venue=spec.venue,
        trainers=list(User.objects.filter(email__in=spec.trainers)),
        quotas=[SegmentQuota(segment=segment, seats=seats) for segment, seats in spec.seats.items()],
    )
    try:
        cohort.full_clean()  # the model's own checks: dates in order, one wave of that name per course
    except ValidationError as error:
        raise DemoSeedError(f"Demo wave {spec.name} is not valid here: {error.messages}") from error
    cohort.save()  # saves the quotas and trainers with it
    trainer = cohort.trainers.order_by("pk").first()
    online = spec.mode in (CohortMode.ONLINE, CohortMode.HYBRID)
    for session in spec.sessions:
        hour, minute = (int(part) for part in session.starts_at.split(":"))
        starts_at = _local_datetime(starts_on + timedelta(days=session.day), time(hour, minute))
        CohortSession.objects.create(
            cohort=cohort,
            title=session.title,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=session.minutes),
            venue=spec.venue if spec.mode != CohortMode.ONLINE else "",
            meeting_url=spec.meeting_url if online else "",
            trainer=trainer,
        )
    return cohort, True


def _local_datetime(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


class _CourseBuilder:
    """Adds the pages of a CourseSpec that are missing, and the media those pages use.

    Pages are matched by slug under their parent; an existing page is left as it is
    (a trainer may have edited it), so media are only looked up or made for new pages.
    """

    def __init__(self, author: User | None, organiser: Organiser):
        self.author = author
        self.organiser = organiser
        self.pages_created = self.images_created = self.documents_created = 0
        self._images: dict[str, Image] = {}
        self._documents: dict[str, Document] = {}
        self._lesson_body = LessonPage._meta.get_field("body")

    def build(self, home: CourseIndexPage, spec: CourseSpec) -> CoursePage:
        course = self._child(
            home,
            spec.slug,
            lambda: CoursePage(
                title=spec.title,
                summary=spec.summary,
                organiser=self.organiser,
                intro=spec.intro,
                learning_hours=spec.learning_hours,
                min_attendance_percent=spec.min_attendance_percent,
                cover_image=self.image(spec.cover),
            ),
        )
        for module_spec in spec.modules:
            module = self._child(
                course, module_spec.slug, lambda m=module_spec: ModulePage(title=m.title, intro=m.intro)
            )
            for lesson_spec in module_spec.lessons:
                self._child(module, lesson_spec.slug, lambda lesson=lesson_spec: self.lesson(lesson))
        return course

    def lesson(self, spec: LessonSpec) -> LessonPage:
        body = self._lesson_body.to_python([self._resolve(block) for block in spec.body])
        # The same validation the admin applies (alt text, video URL, lengths) keeps the demo honest.
        self._lesson_body.stream_block.clean(body)
        return LessonPage(
            title=spec.title,
            body=body,
            estimated_minutes=spec.minutes,
            is_required=spec.required,
            completion_mode=spec.completion,
        )

    def image(self, key: str) -> Image:
        if key not in self._images:
            poster = POSTERS[key]
            image = Image.objects.filter(title=poster.title).first()
            if image is None:
                data = ImageFile(io.BytesIO(render_poster(poster)), name=f"{slugify(poster.title)}.jpg")
                image = Image(title=poster.title, file=data, uploaded_by_user=self.author)
                image._set_image_file_metadata()
                image.save()
                self.images_created += 1
            self._images[key] = image
        return self._images[key]

    def document(self, key: str) -> Document:
        if key not in self._documents:
            sheet = WORKSHEETS[key]
            document = Document.objects.filter(title=sheet.title).first()
            if document is None:
                data = ContentFile(render_worksheet(sheet), name=sheet.filename)
                document = Document(title=sheet.title, file=data, uploaded_by_user=self.author)
                document._set_document_file_metadata()
                document.save()
                self.documents_created += 1
            self._documents[key] = document
        return self._documents[key]

    def _resolve(self, block: tuple) -> tuple:
        kind, value = block
        if kind == "image":
            return kind, {**value, "image": self.image(value["image"])}
        if kind == "document":
            return kind, {**value, "document": self.document(value["document"])}
        return block

    def _child(self, parent: Page, slug: str, make: Callable[[], Page]) -> Page:
        """The child of `parent` with `slug`, or a new one from `make()`, published with a revision."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            return existing.specific
        page = make()
        page.slug, page.owner, page.live = slug, self.author, False
        parent.add_child(instance=page)
        # Published through a revision, as the admin does, so Wagtail shows it as live rather than draft.
        page.save_revision(user=self.author).publish(user=self.author, skip_permission_checks=True)
        page.refresh_from_db()  # publish() saved a copy made from the revision
        self.pages_created += 1
        return page
