"""Registration surge: many participants registering at once, through the real stack.

Runs the app under gunicorn (4 workers) on PostgreSQL, sends at least 1,000
registration requests from 50 concurrent clients over several waves and segments,
then prints throughput, latency percentiles, oversold seats and 5xx responses.

    python bench/enrol_surge/run.py [--requests 1200] [--clients 50] [--workers 4]

Uses DATABASE_URL's server (or the local one on 127.0.0.1:5432) with a scratch
database `sinau_bench_enrol` that it drops and recreates.
"""

import argparse
import http.client
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def scratch_database_url(base_url: str, name: str) -> str:
    parts = urlsplit(base_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit((parts.scheme, parts.netloc, "/postgres", parts.query, ""))
    name = parts.path.lstrip("/")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(total_users: int, waves: int) -> tuple[list[int], list[tuple[str, int]]]:
    """Migrate, build a course with waves, users and logged-in sessions."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from lms.models import User
    from tests.factories import build_cohort, build_course, make_users

    call_command("migrate", verbosity=0)
    course = build_course(title="Sinau TikTok & YouTube", modules=1, lessons=1)
    cohorts = [
        build_cohort(course, name=f"Gelombang {n}", seats={"public": 70, "asn": 70, "umkm": 20})
        for n in range(1, waves + 1)
    ]
    per_segment = {"public": total_users * 5 // 10, "asn": total_users * 4 // 10}
    per_segment["umkm"] = total_users - sum(per_segment.values())
    users = []
    for segment, count in per_segment.items():
        users += make_users(count, segment=segment, prefix=f"bench-{segment}-")
    sessions = []
    for user in User.objects.filter(pk__in=[u.pk for u in users]):
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        sessions.append((store.session_key, user.pk))
    return [c.pk for c in cohorts], sessions


def start_gunicorn(port: int, workers: int, env: dict) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "lms.wsgi",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start")


def surge(port: int, jobs: list[tuple[str, int]], clients: int, deadline_s: float) -> list[tuple[int, float]]:
    """Each job (session key, wave id) is one POST; clients start together at a barrier."""
    results: list[tuple[int, float]] = []
    lock = threading.Lock()
    chunks = [jobs[i::clients] for i in range(clients)]
    barrier = threading.Barrier(len(chunks))
    stop_at = time.monotonic() + deadline_s

    def client(chunk):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        barrier.wait()
        for session_key, cohort_id in chunk:
            if time.monotonic() > stop_at:
                break
            token = secrets.token_hex(16)  # 32 characters: a valid CSRF secret
            body = f"csrfmiddlewaretoken={token}"
            headers = {
                "Cookie": f"sessionid={session_key}; csrftoken={token}",
                "Content-Type": "application/x-www-form-urlencoded",
                "Host": "127.0.0.1",
            }
            started = time.perf_counter()
            try:
                conn.request("POST", f"/gelombang/{cohort_id}/daftar/", body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                status = 599
            with lock:
                results.append((status, time.perf_counter() - started))
        conn.close()

    threads = [threading.Thread(target=client, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def check_seats(cohort_ids: list[int]) -> tuple[int, int, list[str]]:
    """Oversold seats, seats left free while someone waits, and waitlist faults."""
    from courses.models import Cohort, Enrolment

    oversold = free_with_waiting = 0
    faults = []
    for cohort in Cohort.objects.filter(pk__in=cohort_ids):
        for row in cohort.seat_summary():
            oversold += max(0, row["taken"] - row["seats"])
            if row["taken"] < row["seats"] and row["waiting"]:
                free_with_waiting += 1
            positions = sorted(
                Enrolment.objects.filter(cohort=cohort, segment=row["segment"], status="waitlisted").values_list(
                    "waitlist_position", flat=True
                )
            )
            if positions != list(range(1, len(positions) + 1)):
                faults.append(f"{cohort.name}/{row['segment']}")
    return oversold, free_with_waiting, faults


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1200)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--waves", type=int, default=4)
    args = parser.parse_args()

    base = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres"
    if not base.startswith("postgres"):
        print("enrol_surge needs PostgreSQL: set DATABASE_URL=postgres://...")
        return 1
    url = scratch_database_url(base, "sinau_bench_enrol")
    recreate_database(url)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "lms.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-" + "k" * 60,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SITE_URL": "http://127.0.0.1:8000",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "STATIC_PLAIN_STORAGE": "1",
        "LOG_LEVEL": "WARNING",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    }
    os.environ.update(env)
    started = time.perf_counter()
    cohort_ids, sessions = prepare(args.requests, args.waves)
    rng = random.Random(2026)
    jobs = [(session_key, rng.choice(cohort_ids)) for session_key, _ in sessions]
    print(f"prepared {len(jobs)} participants over {len(cohort_ids)} waves in {time.perf_counter() - started:.1f}s")

    port = free_port()
    server = start_gunicorn(port, args.workers, env)
    try:
        wall = time.perf_counter()
        results = surge(port, jobs, args.clients, deadline_s=600)
        wall = time.perf_counter() - wall
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    latencies = [latency * 1000 for _, latency in results]
    statuses: dict[int, int] = {}
    for status, _ in results:
        statuses[status] = statuses.get(status, 0) + 1
    server_errors = sum(n for status, n in statuses.items() if status >= 500)
    oversold, free_with_waiting, faults = check_seats(cohort_ids)

    from courses.models import Enrolment

    print(f"requests            {len(results)} from {args.clients} concurrent clients, gunicorn -w {args.workers}")
    print(f"throughput          {len(results) / wall:.1f} requests/s over {wall:.2f}s")
    print(
        "latency ms          "
        f"p50 {percentile(latencies, 50):.1f}  p95 {percentile(latencies, 95):.1f}  "
        f"p99 {percentile(latencies, 99):.1f}  mean {statistics.mean(latencies):.1f}"
    )
    print(f"status codes        {dict(sorted(statuses.items()))}")
    print(
        f"registrations       active {Enrolment.objects.active().count()}, "
        f"waitlisted {Enrolment.objects.waitlisted().count()}"
    )
    print(f"oversold seats      {oversold}")
    print(f"5xx responses       {server_errors}")
    print(f"free seat + waiting {free_with_waiting}; waitlist faults {faults or 0}")
    return 0 if oversold == 0 and server_errors == 0 and not faults and free_with_waiting == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
