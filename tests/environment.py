"""Loaded with `-p` before Django's settings are read: the environment of a test run.

lms/settings.py gives production's values unless the environment says otherwise; the tests
say, here, exactly where they differ, so that processes they start (manage.py commands,
task workers) inherit the same. Test-only switches that are not environment variables
(the MD5 password hasher) live in tests/settings.py.
"""

import os

import pytest

# Production's settings with DEBUG off, served over plain HTTP: the test client and the
# browser tests' live server speak http://, so no HTTPS redirect and no secure-only cookies.
os.environ["DJANGO_DEBUG"] = "0"
os.environ["DJANGO_SECRET_KEY"] = "tests-only-key-" + "t" * 50
os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
os.environ["SECURE_SSL_REDIRECT"] = "0"
os.environ["SESSION_COOKIE_SECURE"] = "0"
os.environ["CSRF_COOKIE_SECURE"] = "0"
os.environ["SITE_URL"] = "http://127.0.0.1:8000"
# pytest-django swaps in locmem for the test process; processes it starts send nothing either.
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
# Collected, hashed static files are a deployment step; tests read from the finders.
os.environ.setdefault("STATIC_PLAIN_STORAGE", "1")
# Tasks run in-process so a test sees their effect; tests of the database
# backend and its worker override this per test.
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
# Private and public files go to a temporary directory of this process's own: xdist
# workers inherit the controller's environment, and tests that count stored files
# must not see another worker's.
if os.environ.get("SINAU_TEST_ROOT_PID") != str(os.getpid()):
    import tempfile

    _root = tempfile.mkdtemp(prefix="sinau-test-")
    os.environ["SINAU_TEST_ROOT_PID"] = str(os.getpid())
    os.environ["MEDIA_ROOT"] = os.path.join(_root, "media")
    os.environ["PRIVATE_ROOT"] = os.path.join(_root, "private")
    os.environ["SQLITE_TEST_PATH"] = os.path.join(_root, "test.sqlite3")

# Serve static files from the app directories, as `make run` does, so tests can
# fetch them (page weight, browser tests) without a collectstatic step.
os.environ.setdefault("WHITENOISE_USE_FINDERS", "1")

# SQLITE_TEST_PATH above: a file, not memory, for the SQLite test database, so
# concurrency tests can open several connections.


@pytest.hookimpl(trylast=True)  # after xdist's, which appends "@group" to the node ids
def pytest_collection_modifyitems(config, items):
    """Refuse to run if `--dist loadgroup` lost its groups (pytest 9.2 with xdist 3.8 did).

    The concurrency tests each open up to 50 connections and must run one after another
    on one worker; split across workers they exceed PostgreSQL's 100.
    """
    if not getattr(config.option, "loadgroup", False):
        return
    lost = [item.nodeid for item in items if item.get_closest_marker("xdist_group") and "@" not in item.nodeid]
    if lost:
        raise pytest.UsageError(f"xdist_group marks were not applied (pytest/xdist versions?): {lost[:3]}")
