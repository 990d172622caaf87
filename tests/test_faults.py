"""Faults injected from outside, as an operator meets them: the database restarting, S3 down.

The database tests need PostgreSQL: they terminate every other backend of the test database
(`pg_terminate_backend`), which is what a server restart or a failover does to the app's
persistent connections. They run in the serial group, so no other test loses its connection.
"""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer, get_internal_wsgi_application
from django.db import connection, connections
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from moto.server import ThreadedMotoServer

from certificates.issuance import issue
from courses.enrolment import enrol
from courses.models import Submission
from lms.models import PrivacyRequest
from lms.notices import send_notice
from tests.certificates.conftest import certificate_settings_for, complete_course
from tests.factories import build_cohort
from tests.s3 import S3Endpoint, storages_for

ROOT = Path(__file__).resolve().parent.parent
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("terminates PostgreSQL backends: run with DATABASE_URL=postgres://...")


def terminate_other_backends() -> int:
    """Kill every other connection to this database, as a restart does, and wait until they are gone."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        pids = [pid for (pid,) in cursor.fetchall()]
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(%s)", [pids])
            if cursor.fetchone()[0] == 0:
                break
            time.sleep(0.02)
    return len(pids)


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class PersistentServer:
    """Django's WSGI server answering one request after another in one thread, which keeps its
    database connection between requests (CONN_MAX_AGE), as a gunicorn sync worker does.

    pytest-django's `live_server` closes connections after every request, so it never meets a
    connection that died while idle.
    """

    def __init__(self):
        self.httpd = WSGIServer(("127.0.0.1", 0), QuietHandler, ipv6=False)
        self.httpd.set_app(get_internal_wsgi_application())
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        try:
            self.httpd.serve_forever(poll_interval=0.05)
        finally:
            connections.close_all()  # this thread's connections, or the test database cannot be dropped

    def stop(self):
        self.httpd.shutdown()
        self.thread.join(timeout=10)
        self.httpd.server_close()


def get(url: str, cookie: str) -> int:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.postgres
@pytest.mark.xdist_group("concurrency")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_request_started_after_the_database_killed_its_connections_fails(client, participant):
    needs_postgresql()
    client.force_login(participant)  # the session lives in the database: every request reads it
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    servers = [PersistentServer() for _ in range(3)]
    answers, stop, killed_at = [], threading.Event(), []

    def load(server):
        while not stop.is_set():
            started = time.monotonic()
            answers.append((started, get(server.url + "/akun/profil/", cookie)))

    threads = [threading.Thread(target=load, args=(server,)) for server in servers]
    try:
        for thread in threads:
            thread.start()
        time.sleep(1)
        assert terminate_other_backends() >= len(servers)  # each server's idle persistent connection
        killed_at.append(time.monotonic())
        time.sleep(1.5)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        after = [get(server.url + "/akun/profil/", cookie) for server in servers]
        for server in servers:
            server.stop()

    started_after = [status for started, status in answers if started > killed_at[0]]
    assert len(started_after) > len(servers) and set(started_after) == {200}
    assert after == [200, 200, 200]


def start_worker() -> subprocess.Popen:
    """`manage.py run_worker` (db_worker with a heartbeat) as `make run` starts it, on the test database."""
    database = connection.settings_dict
    url = f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:{database['PORT']}/"
    environment = {
        **os.environ,
        "DATABASE_URL": url + database["NAME"],
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_until_done(result_id, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status = DBTaskResult.objects.get(pk=result_id).status
        if status not in ("READY", "RUNNING"):
            return status
        time.sleep(0.1)
    return DBTaskResult.objects.get(pk=result_id).status


@pytest.mark.postgres
@pytest.mark.xdist_group("concurrency")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_task_worker_outlives_the_database_killing_its_connection(settings):
    needs_postgresql()
    settings.TASKS = DATABASE_TASKS
    worker = start_worker()
    try:
        assert wait_until_done(send_notice.enqueue(0).id) == "SUCCESSFUL"  # connected and idle
        assert terminate_other_backends() >= 1
        queued_after = send_notice.enqueue(0)

        assert wait_until_done(queued_after.id) == "SUCCESSFUL"
        assert worker.poll() is None, worker.stderr.read()
        assert not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists()
    finally:
        worker.terminate()
        worker.wait(timeout=10)


@pytest.mark.postgres
@pytest.mark.xdist_group("concurrency")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_task_worker_outlives_its_connection_killed_in_the_middle_of_a_poll(settings):
    """Killed while idle, the worker's connection is found dead by Django's health check before
    the next poll. Killed between that check and the poll's query (a CI failure: the worker
    exited, and the next task stayed queued), the poll itself fails: the worker must carry on.
    Its connections are killed every few milliseconds for three seconds, so some kill lands there
    (without the fix, in every run of this test so far the worker exited within them)."""
    needs_postgresql()
    settings.TASKS = DATABASE_TASKS
    worker = start_worker()
    try:
        assert wait_until_done(send_notice.enqueue(0).id) == "SUCCESSFUL"
        kills, until = 0, time.monotonic() + 3
        with connection.cursor() as cursor:
            while time.monotonic() < until and worker.poll() is None:
                cursor.execute(
                    "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
                kills += cursor.fetchone()[0]
                time.sleep(0.003)
        assert worker.poll() is None, worker.stderr.read()
        assert kills >= 3  # the worker waits a second before it connects again
        assert wait_until_done(send_notice.enqueue(0).id) == "SUCCESSFUL"
        assert not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists()
    finally:
        worker.terminate()
        worker.wait(timeout=10)


def test_make_run_restarts_the_task_worker_whenever_it_exits():
    commands = subprocess.run(
        ["make", "-n", "--no-print-directory", "run"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
        check=True,
    ).stdout
    loop = next(line for line in commands.splitlines() if "manage.py run_worker" in line)
    assert loop.startswith("while true; do ") and "run_worker --no-reload;" in loop and "done &" in loop


# --- Storage outages -------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class S3Outage:
    """An S3 endpoint (moto's server over HTTP) that a test stops and starts again on the same port."""

    def __init__(self):
        # Its own bucket: moto keeps every bucket of the process, from test to test.
        self.port = free_port()
        self.endpoint = S3Endpoint(url=f"http://127.0.0.1:{self.port}", bucket=f"sinau-faults-{uuid.uuid4().hex[:8]}")
        self.server = None
        self.start()
        self.endpoint.client().create_bucket(Bucket=self.endpoint.bucket)

    def start(self):
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.server.start()  # moto keeps its buckets in the process across restarts

    def stop(self):
        if self.server is not None:
            self.server.stop()
            self.server = None


@pytest.fixture
def s3(settings, no_outbound_network):
    outage = S3Outage()
    settings.STORAGES = storages_for(outage.endpoint)
    yield outage
    outage.stop()


@pytest.mark.s3
def test_with_s3_down_the_certificate_download_says_so_in_indonesian_and_works_once_it_is_back(
    client, s3, course, participant, django_capture_on_commit_callbacks
):
    certificate_settings_for(course, issue_automatically=False)
    enrolment = complete_course(enrol(participant, build_cohort(course, ended=True)))
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue(enrolment)
    client.force_login(participant)
    url = reverse("certificates:download", args=[certificate.code])

    s3.stop()
    response = client.get(url)
    assert response.status_code == 503 and response["Retry-After"] == "120"
    assert "Berkas sedang tidak dapat dijangkau" in response.content.decode()

    s3.start()
    assert client.get(url).status_code == 302


@pytest.mark.s3
def test_with_s3_down_an_assignment_upload_saves_nothing_and_says_to_send_it_again(client, s3, lesson, enrolment):
    lesson.body = [("assignment", {"title": "Video promosi", "instructions": "<p>30 detik.</p>", "accepts": "file"})]
    lesson.completion_mode = "assignment"
    lesson.save()
    client.force_login(enrolment.user)
    url = reverse("courses:submit_assignment", args=[lesson.pk])

    s3.stop()
    response = client.post(url, {"file": SimpleUploadedFile("laporan.pdf", PDF)})
    assert response.status_code == 503
    assert "Tugas Anda belum terkirim" in response.content.decode()
    assert not Submission.objects.exists()

    s3.start()
    assert s3.endpoint.keys("private/") == set()
    assert client.post(url, {"file": SimpleUploadedFile("laporan.pdf", PDF)}).status_code == 302
    submission = Submission.objects.get()
    assert s3.endpoint.keys("private/") == {f"private/{submission.file.name}"}


@pytest.mark.s3
def test_with_s3_down_my_data_export_fails_visibly_and_a_new_request_succeeds_once_it_is_back(
    client, s3, participant, django_capture_on_commit_callbacks
):
    client.force_login(participant)
    s3.stop()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("data_export"))
    assert PrivacyRequest.objects.get().status == "failed"
    assert "Gagal" in client.get(reverse("profile")).content.decode()

    s3.start()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("data_export"))
    ready = PrivacyRequest.objects.get(status="ready")
    assert s3.endpoint.keys("private/exports/") == {f"private/{ready.file.name}"}
    assert client.get(reverse("data_export_download", args=[ready.pk])).status_code == 302
