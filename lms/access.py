"""Who may see and do what in lms: the notices' admin (staff read them and send them again),
the admin link, and deleting one's own account.

Accounts are the person's own (lms/views.py asks only `login_required`); the users' admin is
Wagtail's, on Django's permissions.
"""

from wagtail.permission_policies import ModelPermissionPolicy

from lms.models import Notice, WorkerHeartbeat

# "view" is lms.view_notice; "resend" lms.resend_notice (the Staff group has both).
NOTICES = ModelPermissionPolicy(Notice)

# "view" is lms.view_workerheartbeat (the Staff group has it): the background tasks page.
TASKS = ModelPermissionPolicy(WorkerHeartbeat)

# Registered with Wagtail (lms/wagtail_hooks.py), so the viewsets' own views ask them too.
ADMIN_POLICIES = {Notice: NOTICES}


def can_view_notices(user) -> bool:
    return NOTICES.user_has_permission(user, "view")


def can_resend_notices(user) -> bool:
    return NOTICES.user_has_permission(user, "resend")


def can_view_tasks(user) -> bool:
    """The workers and the failed tasks with their errors (lms/admin_tasks.py)."""
    return TASKS.user_has_permission(user, "view")


def can_enter_admin(user) -> bool:
    """Staff and trainers (Wagtail's access_admin): the site shows them the admin link."""
    return user.is_active and (user.is_staff or user.has_perm("wagtailadmin.access_admin"))


def can_delete_own_account(user) -> bool:
    """Everyone but staff accounts, which an administrator deletes from the user admin."""
    return not (user.is_staff or user.is_superuser)
