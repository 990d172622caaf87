"""Task workers die: their tasks are queued again, a few times, then shown to staff as failed.

The reaper's rules run on any database; the worker killed with SIGKILL mid-render needs
PostgreSQL (two worker processes on one database) and runs in the serial group.
"""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from certificates.issuance import issue
from certificates.models import Certificate
from certificates.rendering import sha256
from courses.enrolment import enrol
from lms.models import WorkerHeartbeat
from lms.notices import send_notice
from lms.workers import Heartbeat, reap_lost_tasks
from tests.certificates.conftest import certificate_settings_for, complete_course
from tests.factories import UserFactory, build_cohort, verified
from tests.test_faults import terminate_other_backends

ROOT = Path(__file__).resolve().parent.parent
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE_TASKS
    settings.WORKER_SILENCE_SECONDS = 30
    settings.TASK_MAX_ATTEMPTS = 3


def running_task(*workers: str, started_seconds_ago: float = 40) -> DBTaskResult:
    """A task claimed once by each of `workers` in turn, the last still running it."""
    task = DBTaskResult.objects.get(pk=send_notice.enqueue(0).id)
    for worker in workers:
        task.claim(worker)
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=timezone.now() - timedelta(seconds=started_seconds_ago))
    return DBTaskResult.objects.get(pk=task.pk)


def last_beat(worker: str, seconds_ago: float) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id=worker, started_at=now - timedelta(hours=1), last_seen=now - timedelta(seconds=seconds_ago)
    )


@pytest.mark.django_db
def test_the_task_of_a_worker_silent_for_more_than_30_seconds_is_queued_again(database_tasks):
    last_beat("dead", seconds_ago=31)
    task = running_task("dead")

    assert reap_lost_tasks() == {"requeued": 1, "failed": 0}
    task.refresh_from_db()
    assert task.status == "READY" and task.started_at is None and task.worker_ids == ["dead"]


@pytest.mark.django_db
def test_the_task_of_a_worker_that_beat_recently_is_left_running_however_long_it_takes(database_tasks):
    last_beat("alive", seconds_ago=4)
    task = running_task("alive", started_seconds_ago=3600)

    assert reap_lost_tasks() == {"requeued": 0, "failed": 0}
    task.refresh_from_db()
    assert task.status == "RUNNING" and task.worker_ids == ["alive"]


@pytest.mark.django_db
def test_a_task_of_a_worker_that_never_beat_gets_the_same_30_seconds_before_it_is_queued_again(database_tasks):
    young, old = running_task("plain-db-worker", started_seconds_ago=10), running_task("gone", started_seconds_ago=31)

    assert reap_lost_tasks() == {"requeued": 1, "failed": 0}
    assert DBTaskResult.objects.get(pk=young.pk).status == "RUNNING"
    assert DBTaskResult.objects.get(pk=old.pk).status == "READY"


@pytest.mark.django_db
def test_a_task_lost_with_its_worker_three_times_fails_with_the_reason(database_tasks):
    last_beat("third", seconds_ago=60)
    task = running_task("first", "second", "third")

    assert reap_lost_tasks() == {"requeued": 0, "failed": 1}
    task.refresh_from_db()
    assert task.status == "FAILED" and task.finished_at is not None
    assert task.exception_class_path == "lms.workers.WorkerLost"
    assert "worker third stopped" in task.traceback and "3 time(s)" in task.traceback
    assert task.task_result.errors[0].exception_class_path == "lms.workers.WorkerLost"


@pytest.mark.django_db
def test_a_worker_restarted_under_the_same_id_takes_back_what_its_previous_process_was_running(database_tasks):
    last_beat("host-1", seconds_ago=2)  # the previous process, killed two seconds ago
    task = running_task("host-1", started_seconds_ago=5)
    heartbeat = Heartbeat("host-1")

    heartbeat.start()
    heartbeat.stop()
    assert DBTaskResult.objects.get(pk=task.pk).status == "READY"
    assert not WorkerHeartbeat.objects.filter(pk="host-1").exists()  # stopped in order: the row goes


@pytest.mark.django_db
def test_a_finished_task_is_never_touched_and_workers_gone_a_day_are_forgotten(database_tasks):
    last_beat("long-gone", seconds_ago=2 * 86400)
    task = running_task("long-gone")
    task.set_successful(None)

    assert reap_lost_tasks() == {"requeued": 0, "failed": 0}
    assert DBTaskResult.objects.get(pk=task.pk).status == "SUCCESSFUL"
    assert not WorkerHeartbeat.objects.exists()


@pytest.mark.django_db
def test_certificates_of_a_render_given_up_on_are_failed_with_the_reason_and_retried_later(
    database_tasks, course, participant, django_capture_on_commit_callbacks
):
    certificate_settings_for(course, issue_automatically=False)
    enrolment = complete_course(enrol(participant, build_cohort(course, ended=True)))
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue(enrolment)
    render = DBTaskResult.objects.get(task_path="certificates.tasks.render_certificates")
    for worker in ("first", "second", "third"):
        render.claim(worker)
    DBTaskResult.objects.filter(pk=render.pk).update(started_at=timezone.now() - timedelta(seconds=40))

    assert reap_lost_tasks() == {"requeued": 0, "failed": 1}
    certificate.refresh_from_db()
    assert certificate.status == "failed" and certificate.render_attempts == 1
    assert certificate.last_error.startswith("WorkerLost: worker third stopped")
    retry = DBTaskResult.objects.filter(status="READY", task_path=render.task_path).get()
    assert retry.args_kwargs["args"] == [[certificate.pk]] and retry.run_after > timezone.now()


@pytest.mark.django_db
def test_staff_see_a_task_given_up_on_with_its_reason_and_the_silent_worker(client, staff, database_tasks):
    last_beat("third", seconds_ago=60)
    running_task("first", "second", "third")
    reap_lost_tasks()
    client.force_login(staff)

    response = client.get(reverse("lms_tasks:index"))
    page = response.content.decode()
    assert response.status_code == 200 and "Tugas latar belakang" in page
    assert "lms.notices.send_notice" in page and "WorkerLost: worker third stopped" in page
    assert "Diam: tugasnya diantrekan ulang" in page  # the worker that went silent


@pytest.mark.django_db
def test_trainers_and_participants_do_not_see_the_background_tasks(client, trainer, participant):
    client.force_login(trainer)
    assert client.get(reverse("lms_tasks:index")).status_code == 302  # Wagtail's refusal, to the dashboard
    client.force_login(participant)
    assert client.get(reverse("lms_tasks:index"))["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.postgres
@pytest.mark.xdist_group("concurrency")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_heartbeat_outlives_the_database_killing_its_connection(settings):
    if connection.vendor != "postgresql":
        pytest.skip("terminates PostgreSQL backends: run with DATABASE_URL=postgres://...")
    settings.TASKS = DATABASE_TASKS
    worker = start(["manage.py", "run_worker", "--no-reload", "--no-startup-delay", "--worker-id", "steady"])
    try:
        beaten = WorkerHeartbeat.objects.filter(pk="steady", last_seen__gt=F("started_at"))  # by its thread
        assert wait_for(beaten.exists, 30), worker.stderr.read()
        assert terminate_other_backends() >= 1  # the heartbeat thread's, held between beats
        killed_at = timezone.now()
        # Beats again before the others would take it for dead (WORKER_SILENCE_SECONDS).
        beat_again = wait_for(lambda: WorkerHeartbeat.objects.get(pk="steady").last_seen > killed_at, 30)
        assert worker.poll() is None
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    assert beat_again, worker.stderr.read()
    assert not WorkerHeartbeat.objects.exists()  # SIGTERM: stopped in order, the row removed


# --- A worker killed with SIGKILL mid-render, on PostgreSQL -----------------------------------

# A worker whose render stops, with the PDFs made in memory and none stored, until it is killed:
# the fault injected is the kill, at a moment the test chooses.
HANGING_WORKER = """
import os, pathlib, sys, time
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")
django.setup()
import certificates.tasks
from django.core.management import call_command
render_pdfs = certificates.tasks.render_pdfs
def render_then_hang(*args, **kwargs):
    render_pdfs(*args, **kwargs)
    pathlib.Path(sys.argv[1]).write_text("rendered, not stored")
    time.sleep(3600)
certificates.tasks.render_pdfs = render_then_hang
call_command("run_worker", *sys.argv[2:])
"""


def worker_environment() -> dict:
    database = connection.settings_dict
    url = f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:{database['PORT']}/"
    return {**os.environ, "DATABASE_URL": url + database["NAME"], "TASKS_BACKEND": "django_tasks_db.DatabaseBackend"}


def start(command: list[str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, *command],
        cwd=ROOT,
        env=worker_environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def stored_pdfs() -> list[Path]:
    return sorted((Path(os.environ["PRIVATE_ROOT"]) / "certificates").rglob("*.pdf"))


@pytest.mark.postgres
@pytest.mark.xdist_group("concurrency")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_certificates_of_a_worker_killed_mid_render_are_rendered_by_another_within_a_minute_once_each(
    settings, course, tmp_path
):
    if connection.vendor != "postgresql":
        pytest.skip("two worker processes on one database: run with DATABASE_URL=postgres://...")
    settings.TASKS = DATABASE_TASKS
    certificate_settings_for(course)  # issued automatically, one render task per certificate
    cohort = build_cohort(course, ended=True)
    for number in range(4):
        complete_course(enrol(verified(UserFactory(email=f"peserta{number}@contoh.id")), cohort))
    # Earlier tests of this process may have stored PDFs in the same private root: only the
    # files that appear during this test are this test's.
    before = set(stored_pdfs())
    assert Certificate.objects.filter(status="pending").count() == 4
    options = ["--no-reload", "--no-startup-delay", "--interval", "0.1", "--worker-id"]
    marker = tmp_path / "hanging"
    doomed = start(["-c", HANGING_WORKER, str(marker), *options, "doomed"])
    survivor = None
    try:
        assert wait_for(marker.exists, 60), doomed.stderr.read()
        survivor = start(["manage.py", "run_worker", *options, "survivor"])
        os.kill(doomed.pid, signal.SIGKILL)
        killed_at = time.monotonic()
        assert wait_for(lambda: Certificate.objects.filter(status="issued").count() == 4, 60), survivor.stderr.read()
        assert time.monotonic() - killed_at < 60
    finally:
        for worker in (doomed, survivor):
            if worker is not None and worker.poll() is None:
                worker.terminate()
                worker.wait(timeout=30)

    certificates = list(Certificate.objects.order_by("pk"))
    pdfs = sorted(set(stored_pdfs()) - before)
    assert sorted(Path(c.pdf.path) for c in certificates) == pdfs  # exactly one stored PDF each, no orphan
    assert all(c.sha256 == sha256(Path(c.pdf.path).read_bytes()) for c in certificates)
    lost = DBTaskResult.objects.get(worker_ids=["doomed", "survivor"])
    assert lost.status == "SUCCESSFUL"
    renders = DBTaskResult.objects.filter(task_path="certificates.tasks.render_certificates")
    assert renders.count() == 4 and set(renders.values_list("status", flat=True)) == {"SUCCESSFUL"}
