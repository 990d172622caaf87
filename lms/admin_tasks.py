"""The admin's "Background tasks" page: the task workers and their heartbeats, and the failed tasks
with their errors (a render that raised, a task lost with its worker TASK_MAX_ATTEMPTS times).

Staff only: the "Staff" group has lms.view_workerheartbeat (lms/migrations/0009_staff_see_tasks.py).
"""

from datetime import timedelta

from django.conf import settings
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from django_tasks_db.models import DBTaskResult
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from lms.access import TASKS, can_view_tasks
from lms.admin_pages import AdminPageView
from lms.models import WorkerHeartbeat

SHOWN = 50


def last_line(traceback: str) -> str:
    """The exception's own line, which is what staff need; the whole traceback is one click away."""
    lines = [line for line in traceback.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


class BackgroundTasksView(AdminPageView, TemplateView):
    template_name = "lms/admin/tasks.html"
    page_title = _("Background tasks")
    header_icon = "cogs"
    permission_policy = TASKS
    permission_required = "view"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        silent_since = timezone.now() - timedelta(seconds=settings.WORKER_SILENCE_SECONDS)
        workers = list(WorkerHeartbeat.objects.all()[:SHOWN])
        for worker in workers:
            worker.alive = worker.last_seen > silent_since
        failed = list(
            DBTaskResult.objects.failed()
            .order_by("-finished_at")
            .only("task_path", "finished_at", "worker_ids", "exception_class_path", "traceback")[:SHOWN]
        )
        for task in failed:
            task.error = last_line(task.traceback) or task.exception_class_path
            task.attempts = len(task.worker_ids)
        return super().get_context_data(
            workers=workers,
            failed=failed,
            waiting=DBTaskResult.objects.ready().count(),
            running=DBTaskResult.objects.running().count(),
            **kwargs,
        )


class BackgroundTasksViewSet(ViewSet):
    icon = "cogs"
    menu_label = _("Background tasks")
    menu_order = 950
    add_to_admin_menu = True

    @cached_property
    def menu_item_class(self):
        class TasksMenuItem(MenuItem):
            def is_shown(self, request):
                return can_view_tasks(request.user)

        return TasksMenuItem

    def get_urlpatterns(self):
        return [path("", BackgroundTasksView.as_view(), name="index")]
