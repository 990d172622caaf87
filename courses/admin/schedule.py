"""Sessions, attendance and announcements in the Wagtail admin.

Permissions follow the wave's own (migration 0004 gives them to the Staff and Trainer
groups), through courses.access.SESSIONS and ANNOUNCEMENTS: whoever may view a wave sees
its sessions and announcements, whoever may change a wave (staff) adds, edits and deletes
them, always limited to the waves the user may see. Taking attendance is staff's or the
wave's trainers' (courses.access.can_take_attendance).
"""

import django_filters
import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.log_actions import log

from courses import access, attendance
from courses import schedule as schedule_service
from courses.models import Announcement, AttendanceRecord, CohortSession, CompletionMode, CoursePage, LessonPage
from lms.admin_pages import AdminPageView, PolicyScopedMixin


def visible_cohorts(user):
    return access.cohorts_visible_to(user).select_related("course")


class WaveFilterSet(WagtailFilterSet):
    cohort = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Wave"), queryset=lambda request: visible_cohorts(request.user)
    )


# --- Sessions -----------------------------------------------------------------------


class SessionFilterSet(WaveFilterSet):
    class Meta:
        model = CohortSession
        fields = ["cohort"]


class SessionForm(WagtailAdminModelForm):
    """Waves the user can see; the wave's own trainers; a lesson of the wave's course that
    is completed by attending."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            self.fields["cohort"].queryset = visible_cohorts(self.for_user)
        self.fields["trainer"].queryset = self.fields["trainer"].queryset.filter(groups__name="Trainer").distinct()
        lessons = list(
            LessonPage.objects.filter(completion_mode=CompletionMode.ATTENDANCE).defer_streamfields().order_by("path")
        )
        course_paths = {lesson.path[: -2 * lesson.steplen] for lesson in lessons}
        titles = dict(CoursePage.objects.filter(path__in=course_paths).values_list("path", "title"))
        self.fields["lesson"].queryset = LessonPage.objects.filter(pk__in=[lesson.pk for lesson in lessons])
        self.fields["lesson"].label_from_instance = lambda lesson: (
            f"{titles.get(lesson.path[: -2 * lesson.steplen], '')} — {lesson.title}"
        )

    def clean(self):
        cleaned = super().clean()
        cohort, trainer, lesson = cleaned.get("cohort"), cleaned.get("trainer"), cleaned.get("lesson")
        if cohort and trainer and not cohort.trainers.filter(pk=trainer.pk).exists():
            self.add_error("trainer", _("Choose one of this wave's trainers (set them on the wave first)."))
        if cohort and lesson and not lesson.path.startswith(cohort.course.path):
            self.add_error("lesson", _("Choose a lesson of this wave's course."))
        return cleaned


class SessionIndexView(PolicyScopedMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("cohort__course", "trainer")

    @cached_property
    def attendance_cohort_ids(self):
        return set(access.cohorts_for_attendance(self.request.user).values_list("pk", flat=True))

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.cohort_id in self.attendance_cohort_ids:
            buttons += [
                ListingButton(
                    _("Attendance"),
                    url=reverse("courses_session:attendance", args=[instance.pk]),
                    icon_name="tasks",
                    priority=4,
                ),
                ListingButton(
                    _("QR check-in"),
                    url=reverse("courses_session:checkin_qr", args=[instance.pk]),
                    icon_name="crosshairs",
                    priority=5,
                ),
            ]
        return buttons


class SessionEditView(PolicyScopedMixin, generic.EditView):
    pass


class SessionDeleteView(PolicyScopedMixin, generic.DeleteView):
    pass


class SessionActionMixin(AdminPageView):
    """A page about one session of a wave the user sees, for staff and the wave's trainers only."""

    header_icon = "date"
    permission_policy = access.SESSIONS
    permission_required = "view"
    parent_url_name = "courses_session:index"
    parent_label = gettext_lazy("Sessions")

    @cached_property
    def session(self):
        session = self.get_object_from(CohortSession.objects.select_related("cohort__course"), self.kwargs["pk"])
        if not access.can_take_attendance(self.request.user, session.cohort):
            raise PermissionDenied
        return session

    def get_page_subtitle(self):
        return f"{self.session.title} — {self.session.cohort}"


class AttendanceView(SessionActionMixin, TemplateView):
    """One row per learning participant of the wave with a "present" box, saved in one POST.

    Only boxes the trainer changed are written: a participant who checks in by QR code
    while the grid is open keeps their check-in when the grid is saved.
    """

    template_name = "courses/admin/attendance_grid.html"
    page_title = gettext_lazy("Attendance")

    def get_context_data(self, **kwargs):
        enrolments = list(schedule_service.learners(self.session.cohort))
        records = {
            record.enrolment_id: record
            for record in AttendanceRecord.objects.filter(session=self.session).select_related("recorded_by")
        }
        rows = [(enrolment, records.get(enrolment.pk)) for enrolment in enrolments]
        present = sum(1 for _enrolment, record in rows if record and record.present)
        return super().get_context_data(session=self.session, rows=rows, present=present, **kwargs)

    def post(self, request, *args, **kwargs):
        ticked, shown_ticked = _ids(request.POST.getlist("present")), _ids(request.POST.getlist("was_present"))
        marks = {pk: True for pk in ticked - shown_ticked} | {pk: False for pk in shown_ticked - ticked}
        try:
            records = attendance.record_attendance(self.session, marks, recorder=request.user)
        except attendance.AttendanceRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("Attendance saved (%(n)s changes).") % {"n": len(records)})
        return redirect("courses_session:attendance", self.session.pk)


def _ids(values) -> set[int]:
    """The ids among posted values (ASCII digits that fit a 64-bit key); anything else is dropped.

    str.isdigit() alone lets "²" through (int() refuses it) and numbers no column can hold.
    """
    return {int(value) for value in values if value.isascii() and value.isdigit() and len(value) <= 18}


class CheckInQRView(SessionActionMixin, TemplateView):
    """The QR code to show in the room; the page reloads itself when the code changes."""

    template_name = "courses/admin/session_qr.html"
    page_title = gettext_lazy("QR check-in")

    def get_context_data(self, **kwargs):
        opens, closes = attendance.checkin_window(self.session)
        now = timezone.now()
        context = {"session": self.session, "opens": opens, "closes": closes, "is_open": opens <= now <= closes}
        if context["is_open"]:
            url = self.request.build_absolute_uri(attendance.checkin_url(self.session, now=now))
            # The URL becomes path data, never text, so the SVG is safe to inline. A white
            # background keeps the code scannable in the admin's dark theme; without a fixed
            # size it fills the box, as large as a projector allows.
            qr = segno.make(url, error="m")
            svg = qr.svg_inline(scale=8, border=2, omitsize=True, light="#fff", title=str(_("Check-in QR code")))
            step = attendance.CHECKIN_STEP
            context.update(
                url=url,
                qr_svg=mark_safe(svg),  # noqa: S308
                step_seconds=step,
                max_age_seconds=attendance.CHECKIN_MAX_AGE,
                refresh_seconds=step - int(now.timestamp()) % step,  # when the next code starts
            )
        return super().get_context_data(**context, **kwargs)


class CheckInsView(SessionActionMixin, TemplateView):
    """The trainer's live list of QR check-ins (it reloads itself): confirm each one seen in
    the room, undo any other (the participant is then marked absent)."""

    template_name = "courses/admin/session_checkins.html"
    page_title = gettext_lazy("Live check-ins")
    refresh_seconds = 15

    def get_context_data(self, **kwargs):
        records = list(attendance.self_check_ins(self.session))
        return super().get_context_data(
            session=self.session, records=records, refresh_seconds=self.refresh_seconds, **kwargs
        )

    def post(self, request, *args, **kwargs):
        action, record_id = request.POST.get("action"), _ids([request.POST.get("record", "")])
        use_case = {"confirm": attendance.confirm_check_in, "undo": attendance.undo_check_in}.get(action)
        try:
            if use_case is None or not record_id:
                raise attendance.AttendanceRefused(_("This check-in is no longer on the list."))
            record = use_case(self.session, record_id.pop(), trainer=request.user)
        except attendance.AttendanceRefused as refusal:
            messages.error(request, str(refusal))
        else:
            done = _("%(name)s: check-in confirmed.") if action == "confirm" else _("%(name)s: marked absent.")
            messages.success(request, done % {"name": record.enrolment.user.full_name})
        return redirect("courses_session:checkins", self.session.pk)


class SessionViewSet(ModelViewSet):
    model = CohortSession
    icon = "date"
    menu_label = gettext_lazy("Sessions")
    index_view_class = SessionIndexView
    edit_view_class = SessionEditView
    delete_view_class = SessionDeleteView
    filterset_class = SessionFilterSet
    search_fields = ["title", "venue"]
    list_display = [
        "title",
        Column("cohort", label=gettext_lazy("Wave")),
        Column("starts_at", label=gettext_lazy("Starts at")),
        Column("venue", label=gettext_lazy("Venue")),
        Column("trainer", label=gettext_lazy("Trainer"), accessor="trainer.full_name"),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("cohort"),
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=gettext_lazy("When (WIB)")),
            FieldPanel("venue"),
            FieldPanel("meeting_url"),
            FieldPanel("trainer"),
            FieldPanel("lesson", widget=forms.Select),
        ],
        base_form_class=SessionForm,
    )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/attendance/", AttendanceView.as_view(), name="attendance"),
            path("<int:pk>/qr/", CheckInQRView.as_view(), name="checkin_qr"),
            path("<int:pk>/checkins/", CheckInsView.as_view(), name="checkins"),
        ]

    def get_permissions_to_register(self):
        # Nothing to grant per model: the wave's permissions decide (WavePermissionPolicy).
        return Permission.objects.none()


# --- Announcements --------------------------------------------------------------------


class AnnouncementFilterSet(WaveFilterSet):
    class Meta:
        model = Announcement
        fields = ["cohort"]


class AnnouncementForm(WagtailAdminModelForm):
    class Meta:
        model = Announcement
        fields = ["cohort", "title", "body"]
        help_texts = {"body": gettext_lazy("Emailed to every registered participant of the wave when you save.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            self.fields["cohort"].queryset = visible_cohorts(self.for_user)


class AnnouncementEditForm(WagtailAdminModelForm):
    class Meta:
        model = Announcement
        fields = ["title", "body"]
        help_texts = {"body": gettext_lazy("Changes show on the schedule page; the email is not sent again.")}


class AnnouncementIndexView(PolicyScopedMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("cohort__course", "author")


class AnnouncementCreateView(generic.CreateView):
    def save_instance(self):
        """Post through the use case, which also emails the wave's participants."""
        data = self.form.cleaned_data
        announcement = schedule_service.post_announcement(
            data["cohort"], author=self.request.user, title=data["title"], body=data["body"]
        )
        log(announcement, "wagtail.create", user=self.request.user)
        return announcement

    def get_success_message(self, instance):
        return _("Announcement posted and emailed to the participants of %(wave)s.") % {"wave": instance.cohort.name}


class AnnouncementEditView(PolicyScopedMixin, generic.EditView):
    pass


class AnnouncementDeleteView(PolicyScopedMixin, generic.DeleteView):
    pass


class AnnouncementViewSet(ModelViewSet):
    model = Announcement
    icon = "mail"
    menu_label = gettext_lazy("Announcements")
    index_view_class = AnnouncementIndexView
    add_view_class = AnnouncementCreateView
    edit_view_class = AnnouncementEditView
    delete_view_class = AnnouncementDeleteView
    copy_view_enabled = False
    filterset_class = AnnouncementFilterSet
    search_fields = ["title", "body"]
    list_display = [
        "title",
        Column("cohort", label=gettext_lazy("Wave")),
        Column("created_at", label=gettext_lazy("Posted at")),
        Column("emailed_at", label=gettext_lazy("Emailed at")),
        Column("author", label=gettext_lazy("By"), accessor="author.full_name"),
    ]

    def get_form_class(self, for_update=False):
        return AnnouncementEditForm if for_update else AnnouncementForm

    def get_permissions_to_register(self):
        return Permission.objects.none()


def viewsets() -> list:
    """Viewsets added to the Training menu group (courses/viewsets.py)."""
    return [SessionViewSet("courses_session"), AnnouncementViewSet("courses_announcement")]
