"""What every page of our admin beside a viewset shares: the permission check and the breadcrumbs.

A view names its `permission_policy` (from lms.access, courses.access or certificates.access) and the
action it needs (`permission_required`); Wagtail's PermissionCheckedMixin refuses anyone
else before the view runs (the admin shows the refusal on the dashboard). The object a view
is about is then looked up among `policy.instances_user_has_permission_for(...)`, so a row
the person may not reach is a 404, never a leak. The breadcrumbs are declared once per
family of views, as the listing they belong to (`parent_url_name`, `parent_label`).
"""

from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet


class AdminPageView(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    """A permission-checked admin page that sits under a listing in the breadcrumbs."""

    parent_url_name = ""
    parent_label = ""

    def get_object_from(self, queryset, pk):
        """The row `pk` among those this policy lets the user act on with `permission_required`, or 404."""
        allowed = self.permission_policy.instances_user_has_permission_for(self.request.user, self.permission_required)
        return get_object_or_404(queryset.filter(pk__in=allowed.values("pk")), pk=pk)

    def get_parent_breadcrumbs(self) -> list[dict]:
        """Crumbs between the listing and this page (e.g. the object the page is about)."""
        return []

    def get_breadcrumb_label(self) -> str:
        return self.get_page_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.parent_url_name), "label": self.parent_label},
            *self.get_parent_breadcrumbs(),
            {"url": "", "label": self.get_breadcrumb_label()},
        ]


class PolicyScopedMixin:
    """For Wagtail's generic model views: the listing and the object come from the rows the
    model's permission policy gives the user (e.g. a trainer's own waves), nothing else."""

    scope_actions = ("view", "change", "delete")

    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(self.request.user, self.scope_actions)

    def get_queryset(self):
        if isinstance(self, generic.IndexView):
            return super().get_queryset()
        return self.get_base_queryset()


class RecordViewSet(ModelViewSet):
    """A listing and an inspect page of rows that only the system writes (certificates, notices):
    no add, edit, copy, delete or history views. `extra_urlpatterns()` adds the row's actions."""

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            add_url_name=None,
            edit_url_name=None,
            delete_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            **kwargs,
        )

    def extra_urlpatterns(self) -> list:
        return []

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
            *self.extra_urlpatterns(),
        ]
