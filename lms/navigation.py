"""What the site's navigation offers a person, decided once at login.

The "Admin" link is for staff and trainers (Wagtail's access_admin permission). Asking for
that permission on every page cost two queries (the person's and their groups'
permissions); it is a convenience link, not a guard — the admin checks on every request —
so it is decided when the person logs in and kept in their session.
"""

from lms.access import can_enter_admin

ADMIN_LINK_KEY = "sinau_admin_link"


def remember_admin_access(sender, request, user, **kwargs) -> None:
    """user_logged_in receiver: show the admin link to those who may open the admin."""
    if request is not None and hasattr(request, "session"):
        request.session[ADMIN_LINK_KEY] = can_enter_admin(user)
