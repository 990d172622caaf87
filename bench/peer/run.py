"""Sinau against its peer, wagtail-lms: the same pages, the same server, the same load.

Builds wagtail-lms (pinned, WAGTAIL_LMS below) in its own virtualenv (bench/peer/.venv-peer,
with Sinau's own pins of Django, Wagtail, gunicorn, psycopg and dj-database-url) and a scratch
Wagtail site for it (bench/peer/peer_site), seeds both sites with the same shapes
(bench/peer/shapes.py: a plain page, a course of 5 and one of 40 lessons of ~400 Indonesian
words from bench/peer/text.py, one learner enrolled in both, a quarter of the lessons done),
serves both under gunicorn with the same workers on the same PostgreSQL server (scratch
databases `sinau_bench_lesson` and `sinau_bench_peer`, dropped and recreated), with DEBUG off
and the database cache, and drives both with Debian's wrk, the learner's session cookie and
the same connections, in alternating rounds (Sinau then the peer for each page, the other
way round in the next round). Queries per page are counted in-process (bench/peer/probe.py).

Prints per page req/s, p50, p99 and queries for both sites (medians over the rounds), the
ratios Sinau/peer and lesson/plain page (each the median of the rounds' ratios: the two
figures of a ratio are measured one after the other, so other work on the machine weighs on
both alike), the app server's CPU time per request (a cross-check that such work skews less),
and the targets as PASS or FAIL:
Sinau's lesson page >= 2x the peer's and >= 0.8x a plain Wagtail page of Sinau's own site.
Exits 0 whatever the targets say (it is a measurement), 1 if something broke (a response
that is not 200, a server that would not start, a seed that failed).

    python bench/peer/run.py [--duration 10] [--rounds 3] [--connections 8] [--workers 2]

Sinau's plain page is a ModulePage (title, introduction, lesson list; no per-participant
work): Sinau has no simpler page type. The peer's is a PlainPage (title and rich text).
Uses DATABASE_URL's server (or the local one on 127.0.0.1:5432). Loads only 127.0.0.1.
"""

import argparse
import hashlib
import html
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "bench"))  # after ROOT: bench/* must not shadow the apps

from enrol_surge.run import free_port, recreate_database, scratch_database_url  # noqa: E402

WAGTAIL_LMS = "wagtail-lms==0.11.1"
# Taken from Sinau's requirements.txt, so both sites run the very same versions of these.
SHARED_PINS = ("django", "wagtail", "gunicorn", "psycopg[binary]", "dj-database-url")
PEER_VENV = HERE / ".venv-peer"
PAGES = [
    ("plain", "plain page"),
    ("course", "course (5 lessons)"),
    ("lesson5", "lesson, 5-lesson course"),
    ("lesson40", "lesson, 40-lesson course"),
]
LESSONS = ("lesson5", "lesson40")
SIDES = ("sinau", "peer")


class Broken(Exception):
    """Something that makes the measurement worthless: exit 1."""


def sinau_python() -> Path:
    venv = ROOT / ".venv" / "bin" / "python"
    return venv if venv.exists() else Path(sys.executable)


def peer_requirements() -> list[str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        name, _, version = line.partition("==")
        if version and name.lower() in SHARED_PINS:
            pins[name.lower()] = line
    missing = [name for name in SHARED_PINS if name not in pins]
    if missing:
        raise Broken(f"requirements.txt pins none of {missing}: cannot give the peer the same versions")
    return [WAGTAIL_LMS, *pins.values()]


def ensure_peer_venv() -> Path:
    """bench/peer/.venv-peer with wagtail-lms and the shared pins, from the package registry."""
    requirements = peer_requirements()
    digest = hashlib.sha256("\n".join(requirements).encode()).hexdigest()[:12]
    stamp = PEER_VENV / f".installed-{digest}"
    python = PEER_VENV / "bin" / "python"
    if not stamp.exists():
        print(f"building the peer's virtualenv: {' '.join(requirements)}", flush=True)
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", *requirements], check=True)
        for old in PEER_VENV.glob(".installed-*"):
            old.unlink()
        stamp.touch()
    return python


def versions(python: Path, names: list[str]) -> dict[str, str]:
    code = "import json, sys, importlib.metadata as m; print(json.dumps({n: m.version(n) for n in sys.argv[1:]}))"
    out = subprocess.run([str(python), "-c", code, *names], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def run_json(label: str, command: list[str], cwd: Path, env: dict) -> subprocess.Popen:
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    process.label = label
    return process


def collect(process: subprocess.Popen, timeout: float = 600) -> dict:
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        raise Broken(f"{process.label} did not finish in {timeout:.0f}s") from None
    if process.returncode != 0:
        raise Broken(f"{process.label} failed (exit {process.returncode}):\n{err[-4000:]}")
    try:
        return json.loads(out.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        raise Broken(f"{process.label} printed no result:\n{out[-2000:]}\n{err[-2000:]}") from None


def start_server(label: str, command: list[str], cwd: Path, env: dict, port: int) -> subprocess.Popen:
    process = subprocess.Popen(command, cwd=cwd, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise Broken(f"{label}'s gunicorn exited at start (exit {process.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            time.sleep(0.2)
    stop_server(process)
    raise Broken(f"{label}'s gunicorn did not start within 60s")


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def preflight(label: str, port: int, session: str, page: dict) -> None:
    """One request with the learner's cookie: 200, and the page's own title in it."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", page["url"], headers={"Cookie": f"sessionid={session}"})
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
    finally:
        conn.close()
    if response.status != 200:
        where = response.getheader("Location") or ""
        raise Broken(f"{label} {page['url']} answered {response.status} {where} instead of 200")
    if page["title"] not in body and html.escape(page["title"]) not in body:
        raise Broken(f"{label} {page['url']} does not show its title {page['title']!r}")


BENCH_LINE = re.compile(r"^BENCH (.*)$", re.MULTILINE)


def wrk(port: int, url: str, session: str, args, duration: float) -> dict:
    command = [
        "wrk",
        "-t",
        str(args.threads),
        "-c",
        str(args.connections),
        "-d",
        f"{duration:g}s",
        "--timeout",
        "10s",
        "-s",
        str(HERE / "load.lua"),
        "-H",
        f"Cookie: sessionid={session}",
        f"http://127.0.0.1:{port}{url}",
    ]
    out = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60).stdout
    match = BENCH_LINE.search(out)
    if not match:
        raise Broken(f"wrk printed no result for {url}:\n{out}")
    values = {key: int(value) for key, value in (item.split("=") for item in match.group(1).split())}
    seconds = values["duration_us"] / 1e6
    return {
        "rps": values["requests"] / seconds if seconds else 0.0,
        "p50": values["p50_us"] / 1000,
        "p99": values["p99_us"] / 1000,
        "requests": values["requests"],
        "not200": values["not200"],
        "socket_errors": values["connect"] + values["read"] + values["write"] + values["timeout"],
    }


def cpu_seconds(master: subprocess.Popen) -> float:
    """User + system CPU time of gunicorn's workers so far (children of its master), from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        if int(fields[1]) == master.pid:  # fields[1] is the parent's pid
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def git_state() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}{' + uncommitted changes in the working tree' if dirty.strip() else ''}"


def ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=10, help="seconds of load per page, side and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (at most --connections)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers, the same for both sites")
    parser.add_argument("--warmup", type=float, default=3, help="seconds of unrecorded load per page first")
    args = parser.parse_args()
    args.threads = min(args.threads, args.connections)

    if not shutil.which("wrk") and shutil.which("apt-get") and os.geteuid() == 0:
        print("Installing wrk, the HTTP load tool, from Debian's packages ...", flush=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, capture_output=True)
        if not shutil.which("wrk"):
            subprocess.run(["apt-get", "update", "-qq"], check=False, capture_output=True)
            subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, capture_output=True)
    if not shutil.which("wrk"):
        print("bench/peer needs wrk, the HTTP load tool: apt-get install -y wrk (Debian's package)")
        return 1
    base = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres"
    if not base.startswith("postgres"):
        print("bench/peer needs PostgreSQL: set DATABASE_URL=postgres://...")
        return 1
    try:
        return measure(args, base)
    except Broken as error:
        print(f"\nbench/peer BROKE: {error}")
        return 1


def measure(args, base: str) -> int:
    started = time.monotonic()
    peer_python = ensure_peer_venv()
    sinau_py = sinau_python()
    shared = ["django", "wagtail", "gunicorn", "psycopg"]
    sinau_versions = versions(sinau_py, shared)
    peer_versions = versions(peer_python, [*shared, "wagtail-lms"])

    sinau_url = scratch_database_url(base, "sinau_bench_lesson")
    peer_url = scratch_database_url(base, "sinau_bench_peer")
    recreate_database(sinau_url)
    recreate_database(peer_url)
    secret = "bench-peer-" + "k" * 50
    clean = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE", "PYTHONPATH")}
    sinau_env = {
        **clean,
        "DATABASE_URL": sinau_url,
        "DJANGO_SETTINGS_MODULE": "lms.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secret,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SITE_URL": "http://127.0.0.1:8000",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "STATIC_PLAIN_STORAGE": "1",  # no collectstatic needed; pages only name static URLs
        "WHITENOISE_USE_FINDERS": "1",
        "PYTHONWARNINGS": "ignore:No directory at:UserWarning",  # whitenoise, about the absent STATIC_ROOT
        "LOG_LEVEL": "WARNING",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "PYTHONPATH": str(ROOT),
    }
    peer_env = {
        **clean,
        "PEER_DATABASE_URL": peer_url,
        "DJANGO_SETTINGS_MODULE": "peer_site.settings",
        "DJANGO_SECRET_KEY": secret,
        "PYTHONPATH": str(HERE),
    }
    seeding = [
        run_json(
            "Sinau's seed",
            [str(sinau_py), str(HERE / "sinau_seed.py")],
            ROOT,
            {
                **sinau_env,
                "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            },
        ),
        run_json("the peer's seed", [str(peer_python), str(HERE / "peer_site" / "seed.py")], HERE, peer_env),
    ]
    seeds = dict(zip(SIDES, (collect(p) for p in seeding), strict=True))
    probes = [
        run_json(
            "Sinau's query count and profile",
            [str(sinau_py), str(HERE / "probe.py"), json.dumps(seeds["sinau"]), "--profile", "lesson40"],
            ROOT,
            sinau_env,
        ),
        run_json(
            "the peer's query count",
            [str(peer_python), str(HERE / "probe.py"), json.dumps(seeds["peer"])],
            HERE,
            peer_env,
        ),
    ]
    queries = dict(zip(SIDES, (collect(p) for p in probes), strict=True))
    lesson_profile = queries["sinau"].pop("profile")
    for side in SIDES:
        for name, result in queries[side].items():
            if result["status"] != 200:
                raise Broken(f"{side} {seeds[side]['pages'][name]['url']} answered {result['status']} in-process")
    print(f"seeded and counted in {time.monotonic() - started:.0f}s", flush=True)
    load_before = os.getloadavg()[0]
    if load_before > (os.cpu_count() or 1):
        print(
            f"note: load average {load_before:.1f} on {os.cpu_count()} cores before the load: other work shares "
            "the machine, so absolute figures are low; the alternating rounds keep the ratios comparable",
            flush=True,
        )

    ports = {side: free_port() for side in SIDES}
    commands = {
        "sinau": ([str(sinau_py.parent / "gunicorn"), "lms.wsgi"], ROOT, sinau_env),
        "peer": ([str(peer_python.parent / "gunicorn"), "peer_site.wsgi"], HERE, peer_env),
    }
    servers = {}
    results = {side: {name: [] for name, _ in PAGES} for side in SIDES}
    socket_errors = 0
    try:
        for side in SIDES:
            command, cwd, env = commands[side]
            servers[side] = start_server(
                side,
                [*command, "-w", str(args.workers), "-b", f"127.0.0.1:{ports[side]}", "--log-level", "warning"],
                cwd,
                env,
                ports[side],
            )
        for side in SIDES:
            for name, _ in PAGES:
                preflight(side, ports[side], seeds[side]["session"], seeds[side]["pages"][name])
        if args.warmup > 0:
            for side in SIDES:
                for name, _ in PAGES:
                    wrk(ports[side], seeds[side]["pages"][name]["url"], seeds[side]["session"], args, args.warmup)
        for round_number in range(args.rounds):
            order = SIDES if round_number % 2 == 0 else SIDES[::-1]
            for name, label in PAGES:
                for side in order:
                    cpu_before = cpu_seconds(servers[side])
                    result = wrk(
                        ports[side], seeds[side]["pages"][name]["url"], seeds[side]["session"], args, args.duration
                    )
                    result["cpu_ms"] = (cpu_seconds(servers[side]) - cpu_before) * 1000 / max(result["requests"], 1)
                    if servers[side].poll() is not None:
                        raise Broken(f"{side}'s gunicorn died during the load")
                    if result["not200"] or not result["requests"]:
                        raise Broken(
                            f"{side} {label}: {result['not200']} responses of {result['requests']} were not 200"
                        )
                    socket_errors += result["socket_errors"]
                    results[side][name].append(result)
                    print(
                        f"round {round_number + 1}  {label:<26} {side:<6} {result['rps']:7.1f} req/s  "
                        f"p50 {result['p50']:7.1f} ms  p99 {result['p99']:7.1f} ms  "
                        f"app CPU {result['cpu_ms']:5.1f} ms/request",
                        flush=True,
                    )
    finally:
        for server in servers.values():
            stop_server(server)

    def med(side, name, key):
        return statistics.median(r[key] for r in results[side][name])

    def paired(side_a, name_a, side_b, name_b, key="rps"):
        """The median over the rounds of round n's a/b: each pair measured close together."""
        pairs = zip(results[side_a][name_a], results[side_b][name_b], strict=True)
        return statistics.median(ratio(a[key], b[key]) for a, b in pairs)

    print()
    print(
        f"bench/peer: gunicorn -w {args.workers} (sync), PostgreSQL, DEBUG off, database cache; wrk "
        f"-t{args.threads} -c{args.connections}, {args.rounds} alternating rounds of {args.duration:g}s per page "
        f"and side; medians over the rounds; the learner's session cookie"
    )
    print(
        f"Sinau {git_state()}: Django {sinau_versions['django']}, Wagtail {sinau_versions['wagtail']}, "
        f"gunicorn {sinau_versions['gunicorn']}"
    )
    print(
        f"peer  wagtail-lms {peer_versions['wagtail-lms']}: Django {peer_versions['django']}, "
        f"Wagtail {peer_versions['wagtail']}, gunicorn {peer_versions['gunicorn']}"
    )
    print(
        f"load average (1 min) {load_before:.1f} before the rounds, {os.getloadavg()[0]:.1f} after, "
        f"on {os.cpu_count()} cores"
    )
    print(
        "plain page: Sinau's is a ModulePage (title, ~400-word introduction, its lesson list); the peer's a PlainPage"
    )
    print()
    header = (
        f"{'page':<26} | {'Sinau req/s':>11} {'p50 ms':>7} {'p99 ms':>7} {'queries':>7} | "
        f"{'peer req/s':>10} {'p50 ms':>7} {'p99 ms':>7} {'queries':>7} | {'Sinau/peer':>10} | {'Sinau/plain':>12}"
    )
    print(header)
    print("-" * len(header))
    for name, label in PAGES:
        sinau_rps, peer_rps = med("sinau", name, "rps"), med("peer", name, "rps")
        print(
            f"{label:<26} | {sinau_rps:11.1f} {med('sinau', name, 'p50'):7.1f} {med('sinau', name, 'p99'):7.1f} "
            f"{queries['sinau'][name]['queries']:7d} | {peer_rps:10.1f} {med('peer', name, 'p50'):7.1f} "
            f"{med('peer', name, 'p99'):7.1f} {queries['peer'][name]['queries']:7d} | "
            f"{paired('sinau', name, 'peer', name):9.2f}x | {paired('sinau', name, 'sinau', 'plain'):11.2f}x"
        )
    print()
    print("req/s per round (Sinau | peer):")
    for name, label in PAGES:
        rounds = "  ".join(
            f"{s['rps']:.1f} | {p['rps']:.1f}"
            for s, p in zip(results["sinau"][name], results["peer"][name], strict=True)
        )
        print(f"  {label:<26} {rounds}")
    print()
    print("app server CPU per request (gunicorn workers' user + system time / requests; PostgreSQL not included):")
    for name, label in PAGES:
        sinau_cpu, peer_cpu = med("sinau", name, "cpu_ms"), med("peer", name, "cpu_ms")
        print(
            f"  {label:<26} Sinau {sinau_cpu:5.1f} ms  peer {peer_cpu:5.1f} ms  "
            f"peer/Sinau {paired('peer', name, 'sinau', name, 'cpu_ms'):4.2f}x"
        )
    if socket_errors:
        print(f"wrk counted {socket_errors} socket errors (connect, read, write or timeout) over the run")
    print()
    print("targets (req/s, the median of the rounds' ratios; the same ratio from app CPU per request after it)")
    for name in LESSONS:
        label = dict(PAGES)[name]
        against_peer = paired("sinau", name, "peer", name)
        against_plain = paired("sinau", name, "sinau", "plain")
        # The same ratios from app CPU time per request (inverted: less time is more throughput).
        cpu_peer = paired("peer", name, "sinau", name, "cpu_ms")
        cpu_plain = paired("sinau", "plain", "sinau", name, "cpu_ms")
        for what, value, goal, cpu in (
            ("the peer's lesson", against_peer, 2.0, cpu_peer),
            ("Sinau's plain page", against_plain, 0.8, cpu_plain),
        ):
            verdict = "PASS" if value >= goal else "FAIL"
            print(f"  Sinau {label:<26} >= {goal:.1f}x {what:<18} {value:5.2f}x  {verdict}   (app CPU: {cpu:.2f}x)")
    print()
    print("profile of one Sinau lesson view (40-lesson course), in-process before the load (bench/peer/probe.py):")
    print(lesson_profile)
    print(f"\nbench/peer took {time.monotonic() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
