"""Staff actions on registrants in the Wagtail admin: approve, reject, move, withdraw.

Each view needs "change" on registrants and finds the enrolment among those
courses.access.REGISTRANTS lets the user change (trainers never reach other waves); the
rule itself lives in courses/enrolment.py. Approve, reject and withdraw also work on the
rows ticked in the list, as Wagtail bulk actions (OneByOneBulkAction, registered in
wagtail_hooks.py).
"""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView

from courses import access, reports, requirements
from courses import enrolment as enrolment_service
from courses.admin.bulk import OneByOneBulkAction
from courses.models import Cohort, Enrolment, EnrolmentStatus
from courses.models.enrolment import SEAT_STATUSES
from courses.nominations import ImportRefused, import_nominations, tally
from courses.progress import course_lessons
from lms import exports
from lms.admin_pages import AdminPageView


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (shown to the participant)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class MoveForm(forms.Form):
    cohort = forms.ModelChoiceField(label=gettext_lazy("Move to wave"), queryset=Cohort.objects.none())

    def __init__(self, *args, enrolment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = Cohort.objects.filter(course_id=enrolment.course_id).exclude(
            pk=enrolment.cohort_id
        )


class RegistrantsPageView(AdminPageView):
    """A page about registrants, for those who may change them (staff)."""

    permission_policy = access.REGISTRANTS
    permission_required = "change"
    parent_url_name = "courses_enrolment:index"
    parent_label = gettext_lazy("Registrants")


class EnrolmentActionView(RegistrantsPageView, FormView):
    template_name = "courses/admin/enrolment_action.html"
    header_icon = "group"
    form_class = forms.Form
    action = ""
    page_title = ""

    @cached_property
    def enrolment(self):
        return self.get_object_from(Enrolment.objects.select_related("user", "cohort", "course"), self.kwargs["pk"])

    def get_page_subtitle(self):
        return f"{self.enrolment.user.full_name} — {self.enrolment.cohort}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(enrolment=self.enrolment, **kwargs)

    def form_valid(self, form):
        try:
            message = self.perform(form)
        except enrolment_service.EnrolmentRefused as refusal:
            form.add_error(None, str(refusal))
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(reverse("courses_enrolment:index") + f"?cohort={self.enrolment.cohort_id}")

    def perform(self, form) -> str:
        raise NotImplementedError


class ApproveView(EnrolmentActionView):
    page_title = gettext_lazy("Approve registration")

    def perform(self, form):
        enrolment = enrolment_service.approve(self.enrolment, actor=self.request.user)
        return _("Approved: %(name)s is now %(status)s.") % {
            "name": enrolment.user.full_name,
            "status": enrolment.get_status_display().lower(),
        }


class RejectView(EnrolmentActionView):
    page_title = gettext_lazy("Reject registration")
    form_class = RejectForm

    def perform(self, form):
        enrolment_service.reject(self.enrolment, actor=self.request.user, reason=form.cleaned_data["reason"])
        return _("Rejected: %(name)s.") % {"name": self.enrolment.user.full_name}


def moved_up(enrolment: Enrolment | None) -> str:
    return _("%(name)s moved up from the waitlist.") % {"name": enrolment.user.full_name} if enrolment else ""


class WithdrawView(EnrolmentActionView):
    page_title = gettext_lazy("Mark as withdrawn")

    def perform(self, form):
        promoted = enrolment_service.withdraw(self.enrolment, actor=self.request.user)
        message = _("%(name)s has been withdrawn.") % {"name": self.enrolment.user.full_name}
        return f"{message} {moved_up(promoted)}".strip()


class MoveView(EnrolmentActionView):
    page_title = gettext_lazy("Move to another wave")
    form_class = MoveForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "enrolment": self.enrolment}

    def perform(self, form):
        # move() frees the old place and promotes without saying whom: whoever was waiting
        # in the old wave's segment before and holds a seat after took the freed seat.
        waiting = list(
            Enrolment.objects.waitlisted()
            .filter(cohort_id=self.enrolment.cohort_id, segment=self.enrolment.segment)
            .values_list("pk", flat=True)
        )
        moved = enrolment_service.move(self.enrolment, form.cleaned_data["cohort"], actor=self.request.user)
        message = _("%(name)s moved to %(wave)s (%(status)s).") % {
            "name": moved.user.full_name,
            "wave": moved.cohort.name,
            "status": moved.get_status_display().lower(),
        }
        promoted = Enrolment.objects.filter(pk__in=waiting, status__in=SEAT_STATUSES).select_related("user")
        return " ".join([message, *(moved_up(enrolment) for enrolment in promoted)])


class ConfirmNipView(EnrolmentActionView):
    """Staff vouch for the registrant's NIP (checked against the agency's records): the ASN
    seat is then held for good (courses/enrolment.py: confirmed ASN seats)."""

    page_title = gettext_lazy("Confirm NIP")

    def get_context_data(self, **kwargs):
        nip = self.enrolment.user.nip
        shown = nip if access.can_see_full_nip(self.request.user) else access.mask_nip(nip)
        return super().get_context_data(nip=shown, **kwargs)

    def perform(self, form):
        enrolment_service.confirm_nip(self.enrolment.user, by=self.request.user)
        return _("The NIP of %(name)s is confirmed.") % {"name": self.enrolment.user.full_name}


# --- Bulk actions -----------------------------------------------------------------------


class EnrolmentBulkAction(OneByOneBulkAction):
    models = [Enrolment]
    permission_policy = access.REGISTRANTS
    permission_required = "change"
    refusals = (enrolment_service.EnrolmentRefused,)
    header_icon = "group"

    def visible_queryset(self):
        # Earliest registration first: when seats run out, they go in the order people registered.
        return super().visible_queryset().select_related("user", "cohort__course").order_by("created_at", "pk")

    def name_of(self, enrolment):
        return enrolment.user.full_name

    def object_context(self, enrolment):
        return {
            "item": enrolment,
            "name": enrolment.user.full_name,
            "detail": f"{enrolment.cohort} · {enrolment.get_status_display()}",
        }


class ApproveBulkAction(EnrolmentBulkAction):
    display_name = gettext_lazy("Approve")
    action_type = "approve"
    aria_label = gettext_lazy("Approve the chosen registrants")
    confirm_label = gettext_lazy("Yes, approve")
    action_priority = 10

    def act(self, enrolment, form):
        enrolment = enrolment_service.approve(enrolment, actor=self.request.user)
        if enrolment.status == EnrolmentStatus.WAITLISTED:
            return _("%(name)s joined the waitlist: no seat is free.") % {"name": enrolment.user.full_name}
        return ""

    def done_message(self, count):
        return ngettext("%(n)d approved.", "%(n)d approved.", count) % {"n": count}


class RejectBulkAction(EnrolmentBulkAction):
    display_name = gettext_lazy("Reject")
    action_type = "reject"
    aria_label = gettext_lazy("Reject the chosen registrants")
    confirm_label = gettext_lazy("Yes, reject")
    action_priority = 20
    classes = {"serious"}
    form_class = RejectForm

    def act(self, enrolment, form):
        enrolment_service.reject(enrolment, actor=self.request.user, reason=form.cleaned_data["reason"])
        return ""

    def done_message(self, count):
        return ngettext("%(n)d rejected.", "%(n)d rejected.", count) % {"n": count}


class WithdrawBulkAction(EnrolmentBulkAction):
    display_name = gettext_lazy("Mark as withdrawn")
    action_type = "withdraw"
    aria_label = gettext_lazy("Mark the chosen registrants as withdrawn")
    confirm_label = gettext_lazy("Yes, mark as withdrawn")
    action_priority = 30
    classes = {"serious"}

    def act(self, enrolment, form):
        return moved_up(enrolment_service.withdraw(enrolment, actor=self.request.user))

    def done_message(self, count):
        return ngettext("%(n)d marked as withdrawn.", "%(n)d marked as withdrawn.", count) % {"n": count}


BULK_ACTIONS = [ApproveBulkAction, RejectBulkAction, WithdrawBulkAction]


class NominationImportForm(forms.Form):
    cohort = forms.ModelChoiceField(label=gettext_lazy("Wave"), queryset=Cohort.objects.none())
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "Columns: nama, email, nip, opd; optional: whatsapp, kecamatan. UTF-8, comma or semicolon."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = access.cohorts_visible_to(user).select_related("course")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload


class ImportNominationsView(RegistrantsPageView, FormView):
    """Register a CSV of ASN nominated by their agency; one result line per row."""

    template_name = "courses/admin/import_nominations.html"
    form_class = NominationImportForm
    page_title = gettext_lazy("Import nominated ASN")
    header_icon = "upload"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):

        cohort = form.cleaned_data["cohort"]
        try:
            results = import_nominations(cohort, form.cleaned_data["file"].read(), actor=self.request.user)
        except ImportRefused as refusal:
            form.add_error("file", str(refusal))
            return self.form_invalid(form)
        return self.render_to_response(
            self.get_context_data(form=form, cohort=cohort, results=results, counts=tally(results))
        )


class CohortReportView(AdminPageView, TemplateView):
    """Participants x lessons for one wave, the per-segment summary, and exports."""

    template_name = "courses/admin/cohort_report.html"
    header_icon = "table"
    page_title = gettext_lazy("Wave report")
    paginate_by = 50
    permission_policy = access.WAVES
    permission_required = "view"
    parent_url_name = "courses_cohort:index"
    parent_label = gettext_lazy("Waves")

    @cached_property
    def cohort(self):
        return self.get_object_from(Cohort.objects.select_related("course"), self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export == "csv":
            return self.csv_response()
        if export == "xlsx":
            return self.xlsx_response()
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.cohort)

    def get_breadcrumb_label(self):
        return str(self.cohort)

    def get_context_data(self, **kwargs):

        lessons = list(course_lessons(self.cohort.course))
        held = reports.sessions_held(self.cohort)
        paginator = Paginator(reports.report_enrolments(self.cohort), self.paginate_by)
        page = paginator.get_page(self.request.GET.get("p"))
        return super().get_context_data(
            cohort=self.cohort,
            lessons=lessons,
            page_obj=page,
            rows=reports.participant_rows(
                self.cohort, list(page.object_list), lessons, requirements.attainment_for(self.cohort.course)
            ),
            summary=reports.segment_summary(self.cohort, held),
            evaluation=reports.evaluation_summary(self.cohort),
            sessions_held=held,
            **kwargs,
        )

    def _rows(self):

        full = access.can_see_full_nip(self.request.user)
        return reports.export_rows(self.cohort, mask_nip=(lambda nip: nip) if full else access.mask_nip)

    def _filename(self):
        return f"laporan-{slugify(self.cohort.course.title)}-{slugify(self.cohort.name)}"

    def csv_response(self):
        return exports.csv_response(self._rows(), self._filename())

    def xlsx_response(self):
        return exports.xlsx_response(self._rows(), self._filename(), sheet_title=_("Report"))
