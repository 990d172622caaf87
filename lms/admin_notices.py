"""Notices in the Wagtail admin: which notices a person got, and "Kirim ulang" (send again).

Staff only: the "Staff" group has lms.view_notice and lms.resend_notice
(lms/migrations/0004_notices_and_user_language.py). Trainers and participants have neither, so
a trainer is turned away by Wagtail (to the admin's dashboard) and a participant is sent to the
admin's login. Notices are made by lms/notices.py only: there is no add, edit or delete view.
"""

from datetime import datetime

import django_filters
from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.widgets import Button, HeaderButton

from lms import notices
from lms.access import NOTICES, can_resend_notices
from lms.admin_pages import AdminPageView, RecordViewSet
from lms.models import Notice, NoticeKind, User


def notices_of_url(user_id: int) -> str:
    """The admin list of the notices one person got (linked from a registrant's menu)."""
    return reverse("lms_notice:index") + f"?recipient={user_id}"


def chosen_recipient(request):
    """Only the person named in the URL: a list of every account would be thousands long.
    Staff reach one person's notices from the registrant's menu, or search by name or email."""
    pk = request.GET.get("recipient", "") if request else ""
    if pk.isdigit() and len(pk) < 19:
        return User.objects.filter(pk=int(pk))
    return User.objects.none()


class NoticeFilterSet(WagtailFilterSet):
    recipient = django_filters.ModelChoiceFilter(label=gettext_lazy("Recipient"), queryset=chosen_recipient)
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Kind"), choices=NoticeKind.choices)

    class Meta:
        model = Notice
        fields = ["recipient", "kind"]


class NoticeIndexView(generic.IndexView):
    def get_base_queryset(self):
        return Notice.objects.select_related("recipient")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if can_resend_notices(self.request.user):
            url = reverse("lms_notice:resend", args=[instance.pk])
            buttons.append(Button(_("Send again"), url=url, icon_name="mail", priority=30))
        return buttons


class NoticeInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(Notice.objects.select_related("recipient", "resent_by"), pk=self.pk)

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None:
            return "-"
        # The generic template formats with |localize, which does not convert to local time.
        return timezone.localtime(value) if isinstance(value, datetime) else value

    @property
    def header_buttons(self):
        if not can_resend_notices(self.request.user):
            return []
        url = reverse("lms_notice:resend", args=[self.object.pk])
        return [HeaderButton(_("Send again"), url=url, icon_name="mail")]


class ResendNoticeView(AdminPageView, FormView):
    """Confirm, then send the notice once more (POST); the row counts each sending."""

    template_name = "lms/admin/notice_resend.html"
    header_icon = "mail"
    page_title = gettext_lazy("Send the notice again")
    form_class = forms.Form
    permission_policy = NOTICES
    permission_required = "resend"
    parent_url_name = "lms_notice:index"
    parent_label = gettext_lazy("Notices")

    @cached_property
    def notice(self):
        return self.get_object_from(Notice.objects.select_related("recipient"), self.kwargs["pk"])

    def get_page_subtitle(self):
        return self.notice.recipient.full_name or self.notice.recipient.email

    def get_context_data(self, **kwargs):
        back_url = notices_of_url(self.notice.recipient_id)
        return super().get_context_data(notice=self.notice, back_url=back_url, **kwargs)

    def form_valid(self, form):
        notices.resend(self.notice, actor=self.request.user)
        messages.success(
            self.request,
            _("“%(subject)s” will be sent again to %(email)s.")
            % {"subject": self.notice, "email": self.notice.recipient.email},
        )
        return redirect(notices_of_url(self.notice.recipient_id))


class NoticeViewSet(RecordViewSet):
    model = Notice
    icon = "mail"
    menu_label = gettext_lazy("Notices")
    menu_order = 160
    add_to_admin_menu = True
    index_view_class = NoticeIndexView
    inspect_view_class = NoticeInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50
    filterset_class = NoticeFilterSet
    search_fields = ["recipient__full_name", "recipient__email", "subject"]
    list_display = [
        "__str__",  # the subject, or the kind while the notice is on its way
        Column("recipient", label=gettext_lazy("Recipient"), accessor="recipient"),
        Column("kind", label=gettext_lazy("Kind"), accessor="get_kind_display"),
        DateColumn("created_at", label=gettext_lazy("Created")),
        DateColumn("last_sent_at", label=gettext_lazy("Last sent")),
        Column("send_count", label=gettext_lazy("Times sent")),
    ]
    inspect_view_fields = [
        "recipient",
        "kind",
        "subject",
        "body",
        "created_at",
        "sent_at",
        "last_sent_at",
        "send_count",
        "resent_by",
        "resent_at",
    ]

    # Notices are made by lms/notices.py only (RecordViewSet: no add, edit or delete views).
    def extra_urlpatterns(self):
        return [path("<int:pk>/resend/", ResendNoticeView.as_view(), name="resend")]
