"""Waves and registrants in the Wagtail admin.

Staff (courses.view_all_cohorts) see every wave; trainers only the waves they teach,
in lists, filters, exports and every detail view alike: the views ask courses.access
(its policies, registered in courses/wagtail_hooks.py, and its predicates).
"""

import django_filters
from django.contrib import messages
from django.db import transaction
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton, ListingButton

from courses import access
from courses.admin import registrants as admin_views
from courses.admin import review_queue, schedule
from courses.enrolment import fill_free_seats
from courses.models import Cohort, CoursePage, Enrolment, EnrolmentStatus
from courses.models.cohorts import seat_summaries
from lms.access import can_view_notices
from lms.admin_notices import notices_of_url
from lms.admin_pages import PolicyScopedMixin
from lms.exports import SafeSpreadsheetExportMixin
from lms.models import Segment


class SeatsColumn(Column):
    """ "public 67/70 (+3 waiting)" per segment; the view fills `seats` for the page."""

    def get_value(self, instance):
        parts = []
        for row in getattr(instance, "seats", []):
            text = f"{row['segment_label']} {row['taken']}/{row['seats']}"
            if row["waiting"]:
                text += " " + str(_("(+%(n)s waiting)") % {"n": row["waiting"]})
            if row["pending"]:
                text += " " + str(_("(%(n)s pending)") % {"n": row["pending"]})
            parts.append(text)
        return " · ".join(parts)


class CohortIndexView(PolicyScopedMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("course")

    def get_table(self, object_list):
        summaries = seat_summaries(object_list)
        for cohort in object_list:
            cohort.seats = summaries[cohort.pk]
        return super().get_table(object_list)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            ListingButton(
                _("Report"), url=reverse("courses_cohort:report", args=[instance.pk]), icon_name="table", priority=4
            )
        )
        buttons.append(
            ListingButton(
                _("Registrants"),
                url=reverse("courses_enrolment:index") + f"?cohort={instance.pk}",
                icon_name="group",
                priority=5,
            )
        )
        return buttons


class CohortEditView(PolicyScopedMixin, generic.EditView):
    def save_instance(self):
        instance = super().save_instance()
        # More seats may have been given: the waitlist moves up at once.

        fill_free_seats(instance)
        return instance


class CohortDeleteView(PolicyScopedMixin, generic.DeleteView):
    def form_valid(self, form):
        # Registrants keep a wave (Enrolment.cohort is PROTECT), which Wagtail's usage count
        # does not see: say so rather than fail; the atomic block undoes Wagtail's log entry.
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ProtectedError:
            messages.error(self.request, _("This wave has registrants, so it cannot be deleted."))
            return redirect("courses_cohort:edit", self.object.pk)


class CohortViewSet(ModelViewSet):
    model = Cohort
    icon = "calendar-alt"
    menu_label = _("Waves")
    index_view_class = CohortIndexView
    edit_view_class = CohortEditView
    delete_view_class = CohortDeleteView
    copy_view_enabled = False
    list_display = ["name", "course", "starts_on", "registration_closes_at", SeatsColumn("seats", label=_("Seats"))]
    list_filter = ["course", "mode"]
    search_fields = ["name"]
    panels = [
        FieldPanel("course"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")], heading=_("Dates")),
        FieldRowPanel(
            [FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")], heading=_("Registration")
        ),
        MultiFieldPanel([FieldPanel("mode"), FieldPanel("venue")], heading=_("Where")),
        FieldPanel("trainers"),
        FieldPanel("waitlist_open"),
        InlinePanel("quotas", heading=_("Seats per segment"), label=_("Quota"), min_num=1),
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/report/", admin_views.CohortReportView.as_view(), name="report"),
        ]

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        form_class.base_fields["course"].queryset = CoursePage.objects.all()
        form_class.base_fields["trainers"].queryset = form_class.base_fields["trainers"].queryset.filter(
            groups__name="Trainer"
        )
        return form_class


class EnrolmentFilterSet(WagtailFilterSet):
    cohort = django_filters.ModelChoiceFilter(
        label=_("Wave"),
        queryset=lambda request: access.cohorts_visible_to(request.user).select_related("course"),
    )
    segment = django_filters.ChoiceFilter(label=_("Segment"), choices=Segment.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=EnrolmentStatus.choices)

    class Meta:
        model = Enrolment
        fields = ["cohort", "segment", "status"]


class NipColumn(Column):
    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        if not access.can_see_full_nip(parent_context["request"].user):
            context["value"] = access.mask_nip(context["value"] or "")
        return context


ACTIONS = {
    # action: (label, icon, statuses it applies to). Which rows offer which action;
    # the rule itself (and the last word) is in courses/enrolment.py.
    "approve": (_("Approve"), "check", {EnrolmentStatus.PENDING}),
    "reject": (_("Reject"), "cross", {EnrolmentStatus.PENDING, EnrolmentStatus.WAITLISTED}),
    "move": (
        _("Move to another wave"),
        "arrow-right",
        {EnrolmentStatus.PENDING, EnrolmentStatus.WAITLISTED, EnrolmentStatus.ACTIVE},
    ),
    "withdraw": (
        _("Mark as withdrawn"),
        "logout",
        {EnrolmentStatus.PENDING, EnrolmentStatus.WAITLISTED, EnrolmentStatus.ACTIVE},
    ),
    # Offered on ASN rows only (get_list_more_buttons).
    "confirm_nip": (
        _("Confirm NIP"),
        "success",
        {EnrolmentStatus.PENDING, EnrolmentStatus.WAITLISTED, EnrolmentStatus.ACTIVE},
    ),
}


class EnrolmentIndexView(SafeSpreadsheetExportMixin, generic.IndexView):
    """Registrants; staff act from each row's "more" menu or on the rows they tick.

    The name is the title column, the only one where Wagtail renders a row's menu; the
    tick boxes and Wagtail's bulk-action footer (courses/admin_views.py: approve, reject,
    withdraw) are there only for users who may change registrants.
    """

    def get_add_url(self):
        return None

    @cached_property
    def can_act(self) -> bool:
        return access.can_manage_registrants(self.request.user)

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.can_act:
            buttons.append(
                HeaderButton(_("Import nominated ASN"), url=reverse("courses_enrolment:import"), icon_name="upload")
            )
        return buttons

    @cached_property
    def columns(self):
        name = self._get_title_column_class(TitleColumn)(
            "name",
            label=_("Name"),
            accessor="user.full_name",
            get_title_id=lambda enrolment: f"enrolment_{enrolment.pk}_title",
        )
        checkboxes = [BulkActionsCheckboxColumn("bulk_actions", obj_type="enrolment")] if self.can_act else []
        return [*checkboxes, name, *super().columns]

    def get_edit_url(self, instance):
        return None

    def get_copy_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None

    def get_base_queryset(self):
        # cohort__course: each row's menu is labelled with str(enrolment), which names the course.
        return access.enrolments_visible_to(self.request.user).select_related("user", "cohort__course", "course")

    @cached_property
    def can_see_notices(self) -> bool:
        return can_view_notices(self.request.user)

    def get_list_more_buttons(self, instance):
        buttons = []
        if self.can_act:
            buttons = [
                MenuItem(
                    label, url=reverse(f"courses_enrolment:{action}", args=[instance.pk]), icon_name=icon, priority=n
                )
                for n, (action, (label, icon, statuses)) in enumerate(ACTIONS.items(), start=10)
                if instance.status in statuses and (action != "confirm_nip" or instance.segment == Segment.ASN)
            ]
        if self.can_see_notices:
            # What the registrant was told (and "Kirim ulang"), in lms's admin of notices.
            buttons.append(MenuItem(_("Notices"), url=notices_of_url(instance.user_id), icon_name="mail", priority=20))
        return buttons

    def get_context_data(self, **kwargs):
        return super().get_context_data(bulk_actions_enabled=self.can_act, **kwargs)

    def search_queryset(self, queryset):
        # Whoever sees a NIP masked cannot search by it either: any digits they typed that
        # found a row would confirm the NIP (or part of it).
        if not access.can_see_full_nip(self.request.user):
            self.search_fields = [field for field in self.search_fields if field != "user__nip"]
        return super().search_queryset(queryset)

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        if not access.can_see_full_nip(self.request.user):
            row["user.nip"] = access.mask_nip(row["user.nip"])
        return row


class EnrolmentViewSet(ModelViewSet):
    model = Enrolment
    icon = "group"
    menu_label = _("Registrants")
    index_view_class = EnrolmentIndexView
    index_template_name = "courses/admin/bulk_index.html"
    add_view_enabled = False
    copy_view_enabled = False
    list_per_page = 50
    filterset_class = EnrolmentFilterSet
    search_fields = ["user__full_name", "user__email", "user__nip", "user__opd"]
    # After the name, which EnrolmentIndexView adds as the title column.
    list_display = [
        Column("segment", label=_("Segment"), accessor="get_segment_display"),
        NipColumn("nip", label=_("NIP"), accessor="user.nip"),
        Column("opd", label=_("Agency (OPD)"), accessor="user.opd"),
        Column("cohort", label=_("Wave"), accessor="cohort.name"),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("waitlist_position", label=_("Waitlist")),
        Column("created_at", label=_("Registered at")),
    ]
    list_export = [
        "user.full_name",
        "user.email",
        "segment",
        "user.nip",
        "user.opd",
        "user.business_name",
        "user.district",
        "cohort.name",
        "status",
        "waitlist_position",
        "created_at",
        "status_changed_at",
        "decision_reason",
    ]
    export_headings = {
        "user.full_name": _("Name"),
        "user.email": _("Email"),
        "segment": _("Segment"),
        "user.nip": _("NIP"),
        "user.opd": _("Agency (OPD)"),
        "user.business_name": _("Business name"),
        "user.district": _("District"),
        "cohort.name": _("Wave"),
        "status": _("Status"),
        "waitlist_position": _("Waitlist position"),
        "created_at": _("Registered at"),
        "status_changed_at": _("Status changed at"),
        "decision_reason": _("Reason"),
    }
    export_filename = "pendaftar"

    def get_urlpatterns(self):
        # Registrants change only through the rules in courses/enrolment.py: there is
        # no add, edit or delete view, only the actions below.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("import/", admin_views.ImportNominationsView.as_view(), name="import"),
            path("<int:pk>/approve/", admin_views.ApproveView.as_view(), name="approve"),
            path("<int:pk>/reject/", admin_views.RejectView.as_view(), name="reject"),
            path("<int:pk>/move/", admin_views.MoveView.as_view(), name="move"),
            path("<int:pk>/withdraw/", admin_views.WithdrawView.as_view(), name="withdraw"),
            path("<int:pk>/confirm-nip/", admin_views.ConfirmNipView.as_view(), name="confirm_nip"),
        ]


class TrainingViewSetGroup(ViewSetGroup):
    menu_label = _("Training")
    menu_icon = "group"
    menu_order = 150

    def __init__(self):

        self.items = (
            CohortViewSet("courses_cohort"),
            EnrolmentViewSet("courses_enrolment"),
            *review_queue.viewsets(),
            *schedule.viewsets(),
        )
        super().__init__()
