"""Ending a person's sessions: "Keluar dari semua perangkat", and on a new password.

Sessions live in the database keyed by a random id, not by person, so they are not deleted
one by one: each session stores a hash of the person's password and session generation
(User._get_session_auth_hash), and Django's AuthenticationMiddleware ends any session whose
hash no longer matches. Raising the generation ends them all; a new password (changed or
reset) does the same, except for the session that changed it (update_session_auth_hash).
Rows left behind are unusable and go with `manage.py clearsessions`.
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.models import User


def end_all_sessions(user: User) -> None:
    """Raise the person's session generation: every session of theirs, on any device, is over."""
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)


@login_required
@require_POST
def logout_everywhere(request):
    end_all_sessions(request.user)
    logout(request)
    messages.success(request, _("You have been signed out on every device."))
    return redirect("account_login")
