from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from lms.access import ADMIN_POLICIES
from lms.admin_notices import NoticeViewSet
from lms.admin_tasks import BackgroundTasksViewSet
from lms.models import User
from lms.privacy import ERASED_ACTION, erase
from lms.viewsets import OrganiserViewSet

# Before the viewsets register, so their views ask lms.access (see courses/wagtail_hooks.py).
for model, policy in ADMIN_POLICIES.items():
    register_permission_policy(model, policy, exact_class=True)

register_snippet(OrganiserViewSet)


@hooks.register("register_admin_viewset")
def register_notice_viewset():
    return NoticeViewSet("lms_notice")


@hooks.register("register_admin_viewset")
def register_background_tasks_viewset():
    return BackgroundTasksViewSet("lms_tasks")


@hooks.register("before_bulk_action")
def anonymise_instead_of_deleting_users(request, action_type, objects, action_class_instance):
    """Bulk "Delete" of users anonymises each one (lms/privacy.py), as the single delete does."""
    if action_type != "delete" or action_class_instance.model is not User or request.method != "POST":
        return None
    erasable = [user for user in objects if action_class_instance.check_perm(user)]
    if not erasable:
        return None  # Wagtail's own refusal
    for user in erasable:
        erase(user, actor=request.user, note="Dihapus oleh staf dari admin pengguna (massal)")
    messages.success(
        request,
        ngettext(
            "%(count)d account anonymised: personal data and files erased.",
            "%(count)d accounts anonymised: personal data and files erased.",
            len(erasable),
        )
        % {"count": len(erasable)},
    )
    return redirect(action_class_instance.next_url)


@hooks.register("register_log_actions")
def register_privacy_log_actions(actions):
    actions.register_action(ERASED_ACTION, _("Erase personal data"), _("Personal data erased on request"))
