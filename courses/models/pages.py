from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail.url_routing import RouteResult

from courses.blocks import LessonBodyBlock
from courses.editor_forms import CoursePageForm, LessonPageForm
from courses.models.cohorts import Cohort, seat_summaries
from courses.models.enrolment import Enrolment
from courses.signals import certificate_offer
from lms.editor_forms import ReadablePayloadsPageForm
from lms.models import Segment
from lms.prepared import PreparedQuery


def all_segments() -> list[str]:
    return list(Segment.values)


def restrictions_on_or_above(path):
    """View restrictions on the page at `path` (a value or an OuterRef) or on its ancestors.

    The ancestors' paths are prefixes of the page's own: restrictions on those pages, or on
    the pages those are aliases of (an alias cannot have restrictions of its own)."""
    return PageViewRestriction.objects.filter(
        Q(page__path=Substr(path, 1, Length("page__path")))
        | Q(page__aliases__path=Substr(path, 1, Length("page__aliases__path")))
    )


class OneQueryViewRestrictions:
    """Wagtail asks each served page for the view restrictions of it and its ancestors (to
    resolve aliases it loads the ancestors first); here one query finds them. A page routed by
    CourseIndexPage.route knows already whether there are any (`view_restricted`, read with
    the page by the same rule): none, no query."""

    def get_view_restrictions(self):
        if getattr(self, "view_restricted", None) is False:
            return PageViewRestriction.objects.none()
        return restrictions_on_or_above(Value(self.path)).distinct()


class CourseIndexPage(OneQueryViewRestrictions, Page):
    """The list of programmes; the site's home page."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    base_form_class = ReadablePayloadsPageForm
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("course index")
        verbose_name_plural = _("course indexes")

    def route(self, request, path_components):
        """A course, module or lesson found in one query.

        Wagtail's routing asks each level of the tree for its child by slug, two queries a
        level. Below this page the levels have one type each (course, module, lesson), so
        the depth says which table to ask, and the URL path says which row. Longer paths
        take Wagtail's own way (and its 404s).
        """
        query = ROUTES.get(len(path_components))
        if query is None:
            return super().route(request, path_components)
        url_path = self.url_path + "/".join(path_components) + "/"
        under_this = [page for page in query.all(url_path=url_path) if page.path.startswith(self.path)]
        if not under_this:
            raise Http404
        page = under_this[0]
        return RouteResult(page)

    def get_courses(self):
        """Published programmes, in the order staff put them in the page tree."""
        return CoursePage.objects.child_of(self).live().select_related("cover_image").order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = self.get_courses()
        return context


def lessons_by_module(modules, lessons) -> list[tuple]:
    """[(module, [its lessons])] in reading order, from modules and lessons in path order."""
    by_parent_path = {module.path: (module, []) for module in modules}
    for lesson in lessons:
        entry = by_parent_path.get(lesson.path[: -lesson.steplen])
        if entry:
            entry[1].append(lesson)
    return list(by_parent_path.values())


def certificate_kinds(courses) -> dict[int, str]:
    """{course id: the kind of certificate it issues} for courses that issue one: one question
    to the certificates app (courses.signals.certificate_offer), whatever the number of courses."""
    kinds: dict[int, str] = {}
    for _receiver, answer in certificate_offer.send(sender=CoursePage, courses=list(courses)):
        kinds.update(answer or {})
    return kinds


class CoursePage(OneQueryViewRestrictions, Page):
    """A training programme (pelatihan, bimtek): modules of lessons."""

    summary = models.CharField(_("summary"), max_length=300, help_text=_("One or two sentences shown in lists."))
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul", "ol", "h3"])
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organiser = models.ForeignKey(
        "lms.Organiser",
        verbose_name=_("organiser"),
        null=True,  # only for rows older than organisers; the form requires one
        blank=False,
        on_delete=models.PROTECT,
        related_name="courses",
        help_text=_("The office that runs this programme and issues its certificates."),
    )
    learning_hours = models.PositiveSmallIntegerField(
        _("learning hours (JP)"),
        default=0,
        validators=[MaxValueValidator(999)],
        help_text=_("Jam pelajaran, as printed on certificates."),
    )
    eligible_segments = models.JSONField(_("eligible segments"), default=all_segments)
    is_sequential = models.BooleanField(
        _("sequential"),
        default=False,
        help_text=_("A lesson opens only when the previous required lesson is complete."),
    )
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "Share of the wave's live sessions a participant must attend, for completing the course and for "
            "any certificate (participation or completion). 0: attendance is not required."
        ),
    )
    requires_approval = models.BooleanField(
        _("registrations need staff approval"),
        default=False,
        help_text=_("Registrants wait for staff to approve or reject them instead of taking a free seat at once."),
    )

    base_form_class = CoursePageForm
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("organiser"),
        FieldPanel("intro"),
        FieldPanel("cover_image"),
        FieldPanel("learning_hours"),
        FieldPanel("eligible_segments"),
        FieldPanel("requires_approval"),
        FieldPanel("is_sequential"),
        FieldPanel("min_attendance_percent"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("intro")]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def get_certificate_kind(self) -> str | None:
        """The kind of certificate this course issues (an Attainment value), or None.

        Asked through courses.signals.certificate_offer: the certificates app answers.
        """
        return certificate_kinds([self]).get(self.pk)

    def is_segment_eligible(self, segment: str) -> bool:
        return segment in self.eligible_segments

    def get_modules(self):
        return ModulePage.objects.child_of(self).live().order_by("path")

    def get_lessons(self):
        """All published lessons of the course, in reading order (module by module)."""
        return LessonPage.objects.descendant_of(self).live().order_by("path")

    def get_outline(self):
        """[(module, [lessons])] with two queries, whatever the course size."""
        return lessons_by_module(self.get_modules(), self.get_lessons().defer_streamfields())

    def get_context(self, request, *args, outline=None, **kwargs):
        """The course page's context; `outline` as get_outline() gives it, when the caller has it
        (courses.views.course_page: from the process's memory)."""
        context = super().get_context(request, *args, **kwargs)
        if outline is None:
            outline = self.get_outline()
        context["outline"] = outline
        context["lesson_count"] = sum(len(lessons) for _module, lessons in outline)
        context["total_minutes"] = sum(lesson.estimated_minutes for _module, ls in outline for lesson in ls)
        context["cohorts"] = self.get_cohorts_for_registration()
        context["enrolment"] = Enrolment.objects.current_for(request.user, self)
        context["certificate_kind"] = self.get_certificate_kind()
        return context

    def get_cohorts_for_registration(self):
        """Waves that have not ended, each with its seat summary per segment."""
        cohorts = list(Cohort.objects.filter(course=self, ends_on__gte=timezone.localdate()).order_by("starts_on"))
        summaries = seat_summaries(cohorts)
        for cohort in cohorts:
            cohort.seats = summaries[cohort.pk]
        return cohorts


class ModulePage(OneQueryViewRestrictions, Page):
    """A module of a course, e.g. "Membuat Konten Kreatif"."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul", "ol"])

    base_form_class = ReadablePayloadsPageForm
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def get_lessons(self):
        return LessonPage.objects.child_of(self).live().order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["course"] = self.get_parent().specific
        context["lessons"] = self.get_lessons().defer_streamfields()
        return context


class CompletionMode(models.TextChoices):
    MANUAL = "manual", _("the participant marks it done")
    QUIZ = "quiz", _("the participant passes its quiz")
    ASSIGNMENT = "assignment", _("the participant's assignment is approved")
    ATTENDANCE = "attendance", _("the participant attended its live session")


class LessonPage(OneQueryViewRestrictions, Page):
    """One lesson: a StreamField of text, images, videos, documents and checklists."""

    body = StreamField(LessonBodyBlock(), verbose_name=_("body"), blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"), default=10, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    is_required = models.BooleanField(
        _("required"), default=True, help_text=_("Required lessons count towards completing the course.")
    )
    completion_mode = models.CharField(
        _("completed when"),
        max_length=12,
        choices=CompletionMode.choices,
        default=CompletionMode.MANUAL,
    )

    base_form_class = LessonPageForm
    parent_page_types = ["courses.ModulePage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("estimated_minutes"),
        FieldPanel("is_required"),
        FieldPanel("completion_mode"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def full_clean(self, *args, exclude=None, **kwargs):
        # A form that refused the body leaves the old (for a new lesson, empty) body on the
        # instance: checking the completion mode against it would blame a missing quiz the
        # trainer did add. The body's own error says what to fix.
        self._body_refused = exclude is not None and "body" in exclude
        super().full_clean(*args, exclude=exclude, **kwargs)

    def clean(self):
        super().clean()
        if getattr(self, "_body_refused", False):
            return
        block_types = {block.block_type for block in self.body}
        if self.completion_mode == CompletionMode.QUIZ and "quiz" not in block_types:
            raise ValidationError({"completion_mode": _("Add a quiz block to the body, or choose another way.")})
        if self.completion_mode == CompletionMode.ASSIGNMENT and "assignment" not in block_types:
            raise ValidationError({"completion_mode": _("Add an assignment block to the body, or choose another way.")})

    def get_block(self, block_type: str):
        """The lesson's quiz or assignment block (there is at most one of each), or None."""
        return next((block for block in self.body if block.block_type == block_type), None)

    def get_module(self):
        return ModulePage.objects.get(path=self.path[: -self.steplen])

    @property
    def course_path(self) -> str:
        """The tree path of the lesson's course (lessons sit two levels below it)."""
        return self.path[: -2 * self.steplen]

    def get_course(self):
        return CoursePage.objects.get(path=self.course_path)

    def get_context(self, request, *args, **kwargs):
        """The lesson in its place in the tree. Serving it to a reader (progress, quiz and
        assignment state) is composed above the use cases, in courses/views/lessons.py."""
        context = super().get_context(request, *args, **kwargs)
        module = self.get_module()
        context["module"] = module
        context["course"] = CoursePage.objects.get(path=module.path[: -self.steplen])
        return context


def _live_page_at(page_class, *related: str) -> PreparedQuery:
    """Live pages of `page_class` at a URL path, each knowing whether view restrictions apply."""
    pages = page_class.objects.select_related(*related) if related else page_class.objects  # () would mean all
    return PreparedQuery(
        lambda url_path: (
            pages.live()
            .filter(url_path=url_path)
            .annotate(view_restricted=Exists(restrictions_on_or_above(OuterRef("path"))))
            .order_by("path")
        ),
        url_path=str,
    )


# Below the home page the number of path components names the page type (CourseIndexPage.route).
ROUTES = {1: _live_page_at(CoursePage, "organiser"), 2: _live_page_at(ModulePage), 3: _live_page_at(LessonPage)}
