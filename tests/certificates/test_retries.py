"""A failed render is retried later with a back-off, on the real database task queue.

The Tasks API has no retries of its own: certificates.tasks records the failure and
enqueues itself again with `run_after`. These tests use django-tasks-db (the backend
`make run` and production use) and run its real worker in-process with --batch.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from certificates.issuance import issue
from certificates.models import Certificate
from certificates.tasks import MAX_ATTEMPTS, backoff, render_now
from tests.certificates.conftest import certificate_settings_for, complete_course

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def storages_with_private_at(location):
    return {
        **settings.STORAGES,
        "private": {"BACKEND": "lms.storage.PrivateFileSystemStorage", "OPTIONS": {"location": location}},
    }


@pytest.fixture
def broken_private_storage(tmp_path):
    """Private storage whose directory is a file: every save fails as a full or unmounted disk would."""
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    with override_settings(STORAGES=storages_with_private_at(blocker / "private")):
        yield


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


@override_settings(TASKS=DATABASE_TASKS)
def test_a_failed_render_is_queued_again_with_a_back_off_and_then_succeeds(course, enrolment, tmp_path):
    certificate_settings_for(course, issue_automatically=False)
    complete_course(enrolment)
    with override_settings(STORAGES=storages_with_private_at(tmp_path / "broken")):
        (tmp_path / "broken").write_text("")  # a file where the directory should be
        certificate = issue(enrolment)
        run_worker()
    certificate.refresh_from_db()
    assert certificate.status == "failed" and certificate.render_attempts == 1
    assert "Error" in certificate.last_error
    assert certificate.serial and certificate.code  # nothing is lost
    expected = timezone.now() + backoff(1)
    assert abs(certificate.next_attempt_at - expected) < timedelta(seconds=10)
    retry = DBTaskResult.objects.filter(task_path="certificates.tasks.render_certificates", status="READY").get()
    assert retry.run_after == certificate.next_attempt_at
    assert retry.args_kwargs["args"] == [[certificate.pk]]

    run_worker()  # too early: the retry waits for its time
    certificate.refresh_from_db()
    assert certificate.status == "failed"

    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())  # its time has come
    run_worker()
    certificate.refresh_from_db()
    assert certificate.status == "issued" and certificate.pdf.read().startswith(b"%PDF-")
    assert [e.action for e in certificate.events.all()] == ["issued", "failed", "rendered"]


@override_settings(TASKS=DATABASE_TASKS)
def test_after_the_last_attempt_the_certificate_waits_for_retry_certificates(course, enrolment, broken_private_storage):
    certificate_settings_for(course, issue_automatically=False)
    complete_course(enrolment)
    certificate = issue(enrolment)
    Certificate.objects.filter(pk=certificate.pk).update(render_attempts=MAX_ATTEMPTS - 1)
    DBTaskResult.objects.all().delete()
    render_now([certificate.pk])
    certificate.refresh_from_db()
    assert (certificate.status, certificate.render_attempts, certificate.next_attempt_at) == (
        "failed",
        MAX_ATTEMPTS,
        None,
    )
    assert not DBTaskResult.objects.exists()  # no more automatic attempts


@override_settings(TASKS=DATABASE_TASKS)
def test_retry_certificates_queues_failed_and_stalled_pending_ones(
    course, enrolment, other_participant, cohort, tmp_path
):
    from courses.enrolment import enrol

    certificate_settings_for(course, issue_automatically=False)
    failed = issue(complete_course(enrolment))
    stalled = issue(complete_course(enrol(other_participant, cohort)))
    DBTaskResult.objects.all().delete()  # the renders were lost (e.g. the queue was wiped)
    Certificate.objects.filter(pk=failed.pk).update(status="failed", render_attempts=MAX_ATTEMPTS)
    Certificate.objects.filter(pk=stalled.pk).update(issued_at=timezone.now() - timedelta(hours=1))

    call_command("retry_certificates")
    run_worker()

    assert set(Certificate.objects.values_list("status", flat=True)) == {"issued"}


@override_settings(TASKS=DATABASE_TASKS)
def test_only_the_render_bookkeeping_commits_without_waiting_for_the_disk(course, enrolment):
    """The issue (serial, code) is durable at once; the render's status update may skip the flush."""
    if connection.vendor != "postgresql":
        pytest.skip("synchronous_commit is PostgreSQL's: this runs in the PostgreSQL pass")
    certificate_settings_for(course, issue_automatically=False)
    complete_course(enrolment)
    relaxed = "SET LOCAL synchronous_commit TO OFF"
    with CaptureQueriesContext(connection) as issuing:
        certificate = issue(enrolment)
    assert not [q for q in issuing.captured_queries if relaxed in q["sql"]]

    with CaptureQueriesContext(connection) as rendering:
        assert render_now([certificate.pk]) == {"issued": 1, "failed": 0}
    sqls = [q["sql"] for q in rendering.captured_queries]
    relaxed_at = next(n for n, sql in enumerate(sqls) if relaxed in sql)
    update_at = next(n for n, sql in enumerate(sqls) if sql.startswith('UPDATE "certificates_certificate"'))
    assert relaxed_at < update_at  # in the same transaction, before the status changes
    with connection.cursor() as cursor:  # and only for that transaction
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"
    certificate.refresh_from_db()
    assert certificate.status == "issued"
