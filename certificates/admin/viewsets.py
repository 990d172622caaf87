"""Certificates in the Wagtail admin: templates (a snippet), per-course settings, issued
certificates with their actions, and issuing a wave's certificates in bulk.

Certificates are never added or edited here: they come from certificates/issuance.py,
and the only changes are its actions (revoke, re-issue) and queueing a PDF again.
Staff rights are Django permissions given to the "Staff" group
(certificates/migrations/0002_staff_permissions.py); trainers and participants have none.
"""

from datetime import datetime

import django_filters
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button, HeaderButton
from wagtail.snippets.views.snippets import PreviewOnCreateView, PreviewOnEditView, SnippetViewSet
from wagtail.utils.decorators import xframe_options_sameorigin_override

from certificates import access
from certificates.admin import views as admin_views
from certificates.models import (
    LIVE_STATUSES,
    Certificate,
    CertificateStatus,
    CertificateTemplate,
    CourseCertificateSettings,
)
from certificates.numbers import normalise_code
from certificates.rendering import render_sample
from certificates.tasks import RENDERABLE
from courses.models import Cohort, CoursePage
from lms.admin_pages import RecordViewSet
from lms.exports import SafeSpreadsheetExportMixin


class PdfPreviewMixin:
    """The preview is the real PDF, rendered with sample data from the form's unsaved state,
    shown in the editor's preview panel (a frame of this same site).

    Wagtail's own preview goes through `make_preview_request` to the model's `serve_preview`;
    this answers here instead, so the model knows nothing of rendering. The site's strict
    Content-Security-Policy (frame-ancestors 'none', object-src 'none') is relaxed for this
    response only, or the browser would refuse to show the PDF in the panel.
    """

    @method_decorator(xframe_options_sameorigin_override)
    def get(self, request, *args, **kwargs):
        # As Wagtail's PreviewOnEdit.get, up to handing the object to make_preview_request.
        form = self.get_form(self._get_form_data(self._get_form_state()))
        if not self.validate_form(form):
            return self.error_response()
        form.save(commit=False)
        response = HttpResponse(render_sample(self.object), content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="pratinjau-sertifikat.pdf"'
        response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'self'"
        return response


class CertificatePreviewOnCreateView(PdfPreviewMixin, PreviewOnCreateView):
    pass


class CertificatePreviewOnEditView(PdfPreviewMixin, PreviewOnEditView):
    pass


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    preview_on_add_view_class = CertificatePreviewOnCreateView
    preview_on_edit_view_class = CertificatePreviewOnEditView
    icon = "form"
    menu_label = _("Certificate templates")
    menu_item_is_registered = True  # listed under "Certificates", not under "Snippets"
    list_display = ["name", "title", DateColumn("updated_at", label=_("Updated"))]
    search_fields = ["name", "title"]
    copy_view_enabled = True


class CourseCertificateSettingsViewSet(ModelViewSet):
    model = CourseCertificateSettings
    icon = "cog"
    menu_label = _("Course settings")
    copy_view_enabled = False
    list_display = ["course", "template", "kind", "issue_automatically"]
    list_filter = ["kind", "issue_automatically"]

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        form_class.base_fields["course"].queryset = CoursePage.objects.all()
        return form_class


def certificate_actions(user, certificate: Certificate) -> list[tuple[str, str, str, str]]:
    """(name, label, url, icon) of what `user` may do with `certificate` now."""
    actions = []
    if access.can_download(user, certificate):
        actions.append(
            ("download", _("Download PDF"), reverse("certificates:download", args=[certificate.code]), "download")
        )
    if not access.can_manage_certificates(user):
        return actions
    if certificate.status in RENDERABLE:
        actions.append(
            ("retry", _("Retry PDF"), reverse("certificates_certificate:retry", args=[certificate.pk]), "rotate")
        )
    if certificate.status in LIVE_STATUSES:
        actions.append(
            ("reissue", _("Re-issue"), reverse("certificates_certificate:reissue", args=[certificate.pk]), "resubmit")
        )
        actions.append(
            ("revoke", _("Revoke"), reverse("certificates_certificate:revoke", args=[certificate.pk]), "cross")
        )
    return actions


class CertificateFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CertificateStatus.choices)
    course = django_filters.ModelChoiceFilter(
        label=_("Course"),
        field_name="enrolment__course",
        queryset=lambda request: CoursePage.objects.filter(certificate_settings__isnull=False),
    )
    cohort = django_filters.ModelChoiceFilter(
        label=_("Wave"),
        field_name="enrolment__cohort",
        queryset=lambda request: Cohort.objects.filter(course__certificate_settings__isnull=False).select_related(
            "course"
        ),
    )

    class Meta:
        model = Certificate
        fields = ["status", "course", "cohort"]


class CertificateIndexView(SafeSpreadsheetExportMixin, generic.IndexView):
    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if access.can_issue_certificates(self.request.user):
            buttons.append(
                HeaderButton(_("Issue certificates"), url=reverse("certificates_issuance:index"), icon_name="plus")
            )
        return buttons

    def search_queryset(self, queryset):
        # A code as printed or read out (groups, dashes, lower case) finds its certificate too.
        code = normalise_code(self.search_query) if self.is_searching else ""
        if code:
            return queryset.filter(code=code) | super().search_queryset(queryset)
        return super().search_queryset(queryset)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for n, (_name, label, url, icon) in enumerate(certificate_actions(self.request.user, instance)):
            buttons.append(Button(label, url=url, icon_name=icon, priority=30 + n))
        return buttons


class CertificateInspectView(generic.InspectView):
    template_name = "certificates/admin/certificate_inspect.html"

    def get_object(self, queryset=None):
        queryset = Certificate.objects.select_related(
            "template", "issued_by", "revoked_by", "batch", "replaces", "enrolment__user", "enrolment__cohort"
        )
        return get_object_or_404(queryset, pk=self.pk)

    def get_code_display_value(self):
        return self.object.display_code

    def get_issued_by_display_value(self):
        issuer = self.object.issued_by
        if issuer is None:
            return _("Automatically, when the wave ended")
        return issuer.full_name or issuer.email

    def get_sha256_display_value(self):
        return self.object.sha256 or "-"

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        # The generic template formats with |localize, which does not convert to local time.
        return timezone.localtime(value) if isinstance(value, datetime) else value

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(label, url=url, icon_name=icon, attrs={"data-certificate-action": name})
            for name, label, url, icon in certificate_actions(self.request.user, self.object)
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            events=self.object.events.select_related("actor"),
            replaced_by=Certificate.objects.filter(replaces=self.object).first(),
            profile_name=self.object.enrolment.user.full_name,
            **kwargs,
        )


class CertificateViewSet(RecordViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = _("Certificates")
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50
    filterset_class = CertificateFilterSet
    search_fields = ["serial", "holder_name", "code"]
    list_display = ["serial", "holder_name", "course_title", "cohort_name", "status", "issued_at"]
    inspect_view_fields = [
        "serial",
        "code",
        "status",
        "kind",
        "holder_name",
        "course_title",
        "cohort_name",
        "starts_on",
        "ends_on",
        "learning_hours",
        "issuer",
        "place",
        "template",
        "issued_at",
        "issued_by",
        "sha256",
    ]
    list_export = [
        "serial",
        "holder_name",
        "course_title",
        "cohort_name",
        "kind",
        "status",
        "issued_at",
        "revoked_at",
        "revocation_reason",
    ]
    export_filename = "sertifikat"

    # Certificates are made by issuance only (RecordViewSet: no add, edit or delete views).
    def extra_urlpatterns(self):
        return [
            path("<int:pk>/revoke/", admin_views.RevokeView.as_view(), name="revoke"),
            path("<int:pk>/reissue/", admin_views.ReissueView.as_view(), name="reissue"),
            path("<int:pk>/retry/", admin_views.RetryPdfView.as_view(), name="retry"),
        ]


class IssuanceViewSet(ViewSet):
    """Waves whose course issues certificates, each wave's issuance page, and batch progress."""

    icon = "tasks"
    menu_label = _("Issue certificates")

    @cached_property
    def menu_item_class(self):
        class IssuanceMenuItem(MenuItem):
            def is_shown(self, request):
                return access.can_issue_certificates(request.user)

        return IssuanceMenuItem

    def get_urlpatterns(self):
        return [
            path("", admin_views.WaveListView.as_view(), name="index"),
            path("wave/<int:pk>/", admin_views.CohortIssuanceView.as_view(), name="cohort"),
            path("batch/<int:pk>/", admin_views.BatchView.as_view(), name="batch"),
            path("batch/<int:pk>/retry/", admin_views.RetryBatchView.as_view(), name="retry_batch"),
        ]


class CertificatesViewSetGroup(ViewSetGroup):
    menu_label = _("Certificates")
    menu_icon = "doc-full-inverse"
    menu_order = 160

    items = (
        CertificateViewSet("certificates_certificate"),
        IssuanceViewSet("certificates_issuance"),
        CertificateTemplateViewSet(),
        CourseCertificateSettingsViewSet("certificates_settings"),
    )
