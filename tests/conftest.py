import os
import socket
import uuid

import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from lms.memory import process_memory
from tests.factories import UserFactory, build_course, verified

IN_CI = os.environ.get("CI") == "true"

# Property tests: ~25 examples each in `make test`; HYPOTHESIS_PROFILE=thorough (make bench) tries many more.
# Database fixtures are function-scoped on purpose: every example of a test shares the test's rows.
# No example database: nothing written into the checkout, each run draws afresh (fixed in CI).
hypothesis_settings.register_profile(
    "quick",
    max_examples=25,
    database=None,
    deadline=None,
    derandomize=IN_CI,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
hypothesis_settings.register_profile(
    "thorough",
    max_examples=500,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    )


_flushed = False  # a transactional test has emptied the database since its migrated rows were last there


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    """Give a test that runs inside a transaction the database as migrated, whatever ran before it.

    A transactional test ends by emptying every table (Django's flush), data migrations' rows
    included: the default Site, the root pages, the staff groups. pytest-django runs those
    tests last for that reason, but pytest-xdist's reordering of groups (run without
    `--no-loadscope-reorder`, as the Makefile has it) can put a transactional test before
    others on a worker, which then found no Site. Here the migrated rows, serialized when the
    test database was made, are loaded again before the next such test, outside its transaction.
    """
    global _flushed
    uses_database = item.get_closest_marker("django_db") or "db" in getattr(item, "fixturenames", ())
    if _flushed and uses_database and not _is_transactional(item):
        from django.db import connections
        from pytest_django.plugin import blocking_manager_key
        from wagtail.models import Site

        with item.config.stash[blocking_manager_key].unblock():
            if not Site.objects.exists():
                for connection in connections.all(initialized_only=True):
                    contents = getattr(connection, "_test_serialized_contents", None)
                    if contents:
                        connection.creation.deserialize_db_from_string(contents)
        _flushed = False
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    global _flushed
    try:
        return (yield)
    finally:
        if _is_transactional(item):
            _flushed = True


@pytest.fixture(autouse=True)
def site_language():
    """Each test starts in the site's default language, as each request does.

    A request handled in English leaves English active in its thread; code called
    outside a request afterwards would otherwise speak English.
    """
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fresh_process_memory():
    """Each test starts with this process's own caches empty (lms/sites.py, renditions): a
    rolled-back test leaves no signal that would tell them its sites and pages are gone."""
    process_memory.clear()
    for alias in ("renditions", "template_fragments"):
        caches[alias].clear()
    yield


@pytest.fixture(autouse=True)
def fresh_cache_in_transactional_tests(request):
    """Transactional tests flush the database but not the database cache table, so
    rate-limit counters (allauth's) would otherwise carry over from test to test."""
    if _is_transactional(request.node):
        from django.core.cache import cache

        request.getfixturevalue("transactional_db")
        cache.clear()
    yield


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture(params=["database cache (as shipped)", "redis"])
def shared_cache(request, settings):
    """The shared cache as README ships it (the database cache), and again as Redis
    (REDIS_URL): in CI both run. Each Redis test has a key prefix of its own, so nothing is
    flushed that another test process is using."""
    if request.param == "redis":
        if not redis_answers():
            message = "Redis does not answer on 127.0.0.1:6379 (start it: see .ci/run)"
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)
        settings.CACHES = {
            **settings.CACHES,
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://127.0.0.1:6379/0",
                "KEY_PREFIX": f"sinau-test-{uuid.uuid4().hex}",
            },
        }
    return request.param


@pytest.fixture
def participant(db):
    return verified(UserFactory(email="sari@contoh.id", full_name="Sari Wulandari"))


@pytest.fixture
def other_participant(db):
    return verified(UserFactory(email="budi@contoh.id", full_name="Budi Santoso"))


@pytest.fixture
def asn_participant(db):
    return verified(UserFactory(email="asn@contoh.id", full_name="Rina Kusuma", asn=True))


@pytest.fixture
def trainer(db):
    return verified(UserFactory(email="pelatih@contoh.id", full_name="Dimas Pelatih", groups=["Trainer"]))


@pytest.fixture
def staff(db):
    return verified(UserFactory(email="staf@contoh.id", full_name="Ayu Staf", groups=["Staff"]))


@pytest.fixture
def course(db):
    return build_course()


@pytest.fixture
def lesson(course):
    return course.get_lessons().first().specific


from tests.network import no_outbound_network  # noqa: E402, F401  (fixture)


@pytest.fixture
def cohort(course):
    from tests.factories import build_cohort

    return build_cohort(course)


@pytest.fixture
def enrolment(participant, cohort):
    """The participant's active enrolment in the course's first wave."""
    from courses.enrolment import enrol

    return enrol(participant, cohort)
