"""Staff views for certificates in the Wagtail admin: revoke, re-issue, retry a PDF, and issue a
wave's certificates in bulk with a progress page.

Each view names the permission it needs in a policy of certificates/access.py (Wagtail's
PermissionCheckedMixin refuses anyone else first) and only translates between HTTP and
certificates/issuance.py, where the rules live; an IssuanceError becomes a message on the form.
"""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from certificates import access, issuance
from certificates.models import LIVE_STATUSES, Certificate, CertificateStatus, IssuanceBatch
from certificates.tasks import RENDERABLE
from courses.models import Enrolment, EnrolmentStatus
from lms.admin_pages import AdminPageView

RECENT_BATCHES = 10
FAILED_SHOWN = 100


def waves_issuing_certificates(user):
    """Waves the user can see whose course issues certificates, with completed and certified counts."""
    return (
        access.waves_for_issuing(user)
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


class CertificatesPageView(AdminPageView):
    """A page under "Certificates", for staff with `permission_required` on certificates."""

    permission_policy = access.CERTIFICATES
    parent_url_name = "certificates_certificate:index"
    parent_label = gettext_lazy("Certificates")


class IssuancePageView(CertificatesPageView):
    """A page under "Issue certificates": issuing needs "add" on certificates."""

    permission_required = "add"
    parent_url_name = "certificates_issuance:index"
    parent_label = gettext_lazy("Issue certificates")


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


class CertificateActionView(CertificatesPageView, FormView):
    """A confirmation form for one certificate; subclasses say what the action does in perform()."""

    template_name = "certificates/admin/certificate_action.html"
    header_icon = "doc-full"
    form_class = forms.Form
    page_title = ""
    explanation = ""
    button_class = "button"
    permission_required = "change"

    @cached_property
    def certificate(self):
        queryset = Certificate.objects.select_related("enrolment__user", "enrolment__cohort")
        return self.get_object_from(queryset, self.kwargs["pk"])

    def get_page_subtitle(self):
        return self.certificate.serial

    def get_parent_breadcrumbs(self):
        return [{"url": self.inspect_url(self.certificate), "label": self.certificate.serial}]

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


class WaveListView(CertificatesPageView, TemplateView):
    """The waves whose course issues certificates, each linking to its issuance page."""

    template_name = "certificates/admin/waves.html"
    page_title = gettext_lazy("Issue certificates")
    header_icon = "tasks"
    permission_required = "add"

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


class CohortIssuanceView(IssuancePageView, FormView):
    """Each registrant of a wave and whether they can get a certificate; issue to all eligible or to those chosen."""

    template_name = "certificates/admin/cohort_issuance.html"
    form_class = IssueForm
    page_title = gettext_lazy("Issue certificates")
    header_icon = "tasks"

    @cached_property
    def cohort(self):
        return get_object_or_404(
            access.waves_for_issuing(self.request.user).select_related("course"), pk=self.kwargs["pk"]
        )

    @cached_property
    def settings(self):
        return issuance.settings_for(self.cohort.course_id)

    def get_page_subtitle(self):
        return str(self.cohort)

    def get_breadcrumb_label(self):
        return str(self.cohort)

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
            can_add_settings=access.can_add_course_settings(self.request.user),
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


class BatchView(IssuancePageView, TemplateView):
    """A batch's progress; with ?format=json only the counts, for the page's script to poll."""

    template_name = "certificates/admin/batch.html"
    page_title = gettext_lazy("Issuance progress")
    header_icon = "tasks"
    permission_policy = access.BATCHES
    permission_required = "view"

    @cached_property
    def batch(self):
        return self.get_object_from(
            IssuanceBatch.objects.select_related("cohort__course", "requested_by"), self.kwargs["pk"]
        )

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "json":
            return JsonResponse(issuance.batch_progress(self.batch))
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.batch.cohort)

    def get_parent_breadcrumbs(self):
        cohort = self.batch.cohort
        return [{"url": reverse("certificates_issuance:cohort", args=[cohort.pk]), "label": str(cohort)}]

    def get_context_data(self, **kwargs):
        failed = self.batch.certificates.filter(status=CertificateStatus.FAILED).order_by("holder_name", "pk")
        return super().get_context_data(
            batch=self.batch,
            progress=issuance.batch_progress(self.batch),
            failed_certificates=failed[:FAILED_SHOWN],
            progress_url=reverse("certificates_issuance:batch", args=[self.batch.pk]) + "?format=json",
            can_retry=access.can_manage_certificates(self.request.user),
            **kwargs,
        )


class RetryBatchView(PermissionCheckedMixin, View):
    """Queue again the PDFs of a batch's failed certificates (POST only): staff who may change certificates."""

    http_method_names = ["post"]
    permission_policy = access.CERTIFICATES
    permission_required = "change"

    def post(self, request, *args, **kwargs):
        self.batch = get_object_or_404(access.batches_visible_to(request.user), pk=kwargs["pk"])
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
