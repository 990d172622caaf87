"""Staff views for certificates in the Wagtail admin: revoke, re-issue, retry a PDF, and issue a
wave's certificates in bulk with a progress page.

Each view checks its permission first and only translates between HTTP and
certificates/issuance.py, where the rules live; an IssuanceError becomes a message on the form.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from certificates import issuance
from certificates.access import can_manage
from certificates.models import LIVE_STATUSES, Certificate, CertificateStatus, IssuanceBatch
from certificates.tasks import RENDERABLE
from courses.models import Cohort, Enrolment, EnrolmentStatus

RECENT_BATCHES = 10
FAILED_SHOWN = 100


def waves_issuing_certificates(user):
    """Waves the user can see whose course issues certificates, with completed and certified counts."""
    return (
        Cohort.objects.visible_to(user)
        .filter(course__certificate_settings__isnull=False)
        .select_related("course")
        .annotate(
            completed=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.COMPLETED), distinct=True),
            certified=Count(
                "enrolments__certificates",
                filter=Q(enrolments__certificates__status__in=LIVE_STATUSES),
                distinct=True,
            ),
        )
        .order_by("-starts_on", "-pk")
    )


def recent_batches(cohort):
    return IssuanceBatch.objects.filter(cohort=cohort).select_related("requested_by")[:RECENT_BATCHES]


def visible_batches(user):
    return IssuanceBatch.objects.filter(cohort__in=Cohort.objects.visible_to(user)).select_related(
        "cohort__course", "requested_by"
    )


class CertificatesBreadcrumbsMixin:
    def certificates_breadcrumbs(self):
        return [*self.breadcrumbs_items, {"url": reverse("certificates_certificate:index"), "label": _("Certificates")}]

    def issuance_breadcrumbs(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("certificates_issuance:index"), "label": _("Issue certificates")},
        ]


# --- Actions on one certificate -------------------------------------------------------------


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for revoking"),
        help_text=gettext_lazy("Shown to anyone who verifies the certificate."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReissueForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        help_text=gettext_lazy("Optional, for the audit trail, e.g. what was corrected."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CertificateActionView(CertificatesBreadcrumbsMixin, WagtailAdminTemplateMixin, FormView):
    """A confirmation form for one certificate; subclasses say what the action does in perform()."""

    template_name = "certificates/admin/certificate_action.html"
    header_icon = "doc-full"
    form_class = forms.Form
    page_title = ""
    explanation = ""
    button_class = "button"

    def dispatch(self, request, *args, **kwargs):
        if not can_manage(request.user):
            raise PermissionDenied
        queryset = Certificate.objects.select_related("enrolment__user", "enrolment__cohort")
        self.certificate = get_object_or_404(queryset, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.certificate.serial

    def get_breadcrumbs_items(self):
        return [
            *self.certificates_breadcrumbs(),
            {"url": self.inspect_url(self.certificate), "label": self.certificate.serial},
            {"url": "", "label": self.get_page_title()},
        ]

    @staticmethod
    def inspect_url(certificate):
        return reverse("certificates_certificate:inspect", args=[certificate.pk])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            certificate=self.certificate,
            explanation=self.explanation,
            button_class=self.button_class,
            cancel_url=self.inspect_url(self.certificate),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            certificate, message = self.perform(form)
        except issuance.IssuanceError as refusal:
            form.add_error(None, str(refusal))
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(self.inspect_url(certificate))

    def perform(self, form) -> tuple[Certificate, str]:
        raise NotImplementedError


class RevokeView(CertificateActionView):
    page_title = gettext_lazy("Revoke certificate")
    form_class = RevokeForm
    button_class = "button no"
    explanation = gettext_lazy(
        "A revoked certificate stays on record: its verification page says it was revoked, when, and why. "
        "This cannot be undone."
    )

    def perform(self, form):
        certificate = issuance.revoke(self.certificate, by=self.request.user, reason=form.cleaned_data["reason"])
        return certificate, _("Certificate %(serial)s has been revoked.") % {"serial": certificate.serial}


class ReissueView(CertificateActionView):
    page_title = gettext_lazy("Re-issue certificate")
    form_class = ReissueForm
    explanation = gettext_lazy(
        "Use this after a correction, e.g. of the participant's name: the new certificate takes the name from "
        "the participant's profile as it is now and gets a new serial number and verification code. "
        "This certificate is then shown as replaced, with a link to the new one."
    )

    def get_context_data(self, **kwargs):
        return super().get_context_data(profile_name=self.certificate.enrolment.user.full_name, **kwargs)

    def perform(self, form):
        new = issuance.reissue(self.certificate, by=self.request.user, note=form.cleaned_data["note"])
        return new, _("Certificate %(old)s has been replaced by %(new)s.") % {
            "old": self.certificate.serial,
            "new": new.serial,
        }


class RetryPdfView(CertificateActionView):
    page_title = gettext_lazy("Retry PDF")
    explanation = gettext_lazy("The PDF of this certificate is made again in the background.")

    def perform(self, form):
        if self.certificate.status not in RENDERABLE:
            raise issuance.IssuanceError(_("Only a certificate whose PDF is pending or failed can be retried."))
        issuance.queue_renders([self.certificate.pk])
        return self.certificate, _("The PDF of %(serial)s has been queued again.") % {"serial": self.certificate.serial}


# --- Issuing a wave's certificates ------------------------------------------------------------


class WaveListView(CertificatesBreadcrumbsMixin, WagtailAdminTemplateMixin, TemplateView):
    """The waves whose course issues certificates, each linking to its issuance page."""

    template_name = "certificates/admin/waves.html"
    page_title = gettext_lazy("Issue certificates")
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("certificates.add_certificate"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.certificates_breadcrumbs(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        page = Paginator(waves_issuing_certificates(self.request.user), 50).get_page(self.request.GET.get("p"))
        return super().get_context_data(page_obj=page, waves=page.object_list, **kwargs)


class IssueForm(forms.Form):
    scope = forms.ChoiceField(choices=[("all", "all"), ("selected", "selected")])
    enrolments = forms.ModelMultipleChoiceField(queryset=Enrolment.objects.none(), required=False)
    early_reason = forms.CharField(
        label=gettext_lazy("Reason for issuing before the wave ends"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrolments"].queryset = Enrolment.objects.filter(cohort=cohort)


class CohortIssuanceView(CertificatesBreadcrumbsMixin, WagtailAdminTemplateMixin, FormView):
    """Each registrant of a wave and whether they can get a certificate; issue to all eligible or to those chosen."""

    template_name = "certificates/admin/cohort_issuance.html"
    form_class = IssueForm
    page_title = gettext_lazy("Issue certificates")
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("certificates.add_certificate"):
            raise PermissionDenied
        queryset = Cohort.objects.visible_to(request.user).select_related("course")
        self.cohort = get_object_or_404(queryset, pk=kwargs["pk"])
        self.settings = issuance.settings_for(self.cohort.course_id)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.cohort)

    def get_breadcrumbs_items(self):
        return [*self.issuance_breadcrumbs(), {"url": "", "label": str(self.cohort)}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "cohort": self.cohort}

    def get_context_data(self, **kwargs):
        rows = issuance.eligibility_for_cohort(self.cohort, self.settings) if self.settings else []
        ends_at = self.cohort.ends_at()
        return super().get_context_data(
            cohort=self.cohort,
            settings=self.settings,
            rows=rows,
            eligible_count=sum(1 for row in rows if row.eligible),
            wave_ended=timezone.now() >= ends_at,
            wave_ends_at=ends_at,
            minimum=self.cohort.course.min_attendance_percent,
            batches=recent_batches(self.cohort),
            can_add_settings=self.request.user.has_perm("certificates.add_coursecertificatesettings"),
            **kwargs,
        )

    def form_valid(self, form):
        if form.cleaned_data["scope"] == "all":
            enrolment_ids = None
        else:
            enrolment_ids = [enrolment.pk for enrolment in form.cleaned_data["enrolments"]]
        try:
            batch = issuance.start_batch(
                self.cohort,
                by=self.request.user,
                enrolment_ids=enrolment_ids,
                early_reason=form.cleaned_data["early_reason"],
            )
        except issuance.IssuanceError as refusal:
            form.add_error(None, str(refusal))
            return self.form_invalid(form)
        messages.success(
            self.request,
            ngettext("%(n)d certificate is being issued.", "%(n)d certificates are being issued.", batch.requested)
            % {"n": batch.requested},
        )
        return redirect("certificates_issuance:batch", batch.pk)


class BatchView(CertificatesBreadcrumbsMixin, WagtailAdminTemplateMixin, TemplateView):
    """A batch's progress; with ?format=json only the counts, for the page's script to poll."""

    template_name = "certificates/admin/batch.html"
    page_title = gettext_lazy("Issuance progress")
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("certificates.view_issuancebatch"):
            raise PermissionDenied
        self.batch = get_object_or_404(visible_batches(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "json":
            return JsonResponse(issuance.batch_progress(self.batch))
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.batch.cohort)

    def get_breadcrumbs_items(self):
        cohort = self.batch.cohort
        return [
            *self.issuance_breadcrumbs(),
            {"url": reverse("certificates_issuance:cohort", args=[cohort.pk]), "label": str(cohort)},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        failed = self.batch.certificates.filter(status=CertificateStatus.FAILED).order_by("holder_name", "pk")
        return super().get_context_data(
            batch=self.batch,
            progress=issuance.batch_progress(self.batch),
            failed_certificates=failed[:FAILED_SHOWN],
            progress_url=reverse("certificates_issuance:batch", args=[self.batch.pk]) + "?format=json",
            can_retry=can_manage(self.request.user),
            **kwargs,
        )


class RetryBatchView(View):
    """Queue again the PDFs of a batch's failed certificates (POST only)."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        if not can_manage(request.user):
            raise PermissionDenied
        self.batch = get_object_or_404(visible_batches(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        ids = list(
            self.batch.certificates.filter(status=CertificateStatus.FAILED).order_by("pk").values_list("pk", flat=True)
        )
        issuance.queue_renders(ids)
        if ids:
            messages.success(
                request,
                ngettext("%(n)d PDF has been queued again.", "%(n)d PDFs have been queued again.", len(ids))
                % {"n": len(ids)},
            )
        else:
            messages.info(request, _("No certificate of this batch has failed."))
        return redirect("certificates_issuance:batch", self.batch.pk)
