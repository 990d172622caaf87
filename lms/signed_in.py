"""Who is signed in: the session and the person, each in one prepared query.

Every page a signed-in person opens reads their session row and their user row. These are the
database session engine and the model backend of Django, with their one read each declared
once as a PreparedQuery (lms/prepared.py), so it is not built and compiled to SQL anew on
every request. Nothing else differs: the session is stored, saved, expired and deleted by
Django's engine, and the session hash (lms/sessions.py, "Keluar dari semua perangkat") is
checked by Django's AuthenticationMiddleware as before.

    SESSION_ENGINE = "lms.signed_in"
    AUTHENTICATION_BACKENDS = ["lms.signed_in.ModelBackend", ...]
"""

from django.contrib.auth import backends
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db.models.functions import Now

from lms.models import User
from lms.prepared import PreparedQuery

# The database's clock decides expiry (Django's engine asks with the app server's; they agree
# to well under a second, against sessions that live for weeks).
UNEXPIRED_SESSION = PreparedQuery(
    lambda session_key: Session.objects.filter(session_key=session_key, expire_date__gt=Now()),
    session_key=str,
)
USER = PreparedQuery(lambda pk: User._default_manager.filter(pk=pk), pk=int)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        session = UNEXPIRED_SESSION.first(session_key=self.session_key)
        if session is None:
            self._session_key = None
        return session


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        user = USER.first(pk=user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
