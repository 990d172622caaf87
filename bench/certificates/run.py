"""Certificate rendering: the project's code path against bare WeasyPrint, then bulk issuance through task workers.

1. Renders N certificates (default 200) one at a time through `certificates.tasks.render_now`
   (content, Django template, segno QR code, WeasyPrint with the confined URL fetcher, PDF/A-3b,
   SHA-256, private storage, the row update, the audit event and the queued email) and, in the
   same run and interleaved with it, the very same HTML through bare WeasyPrint
   (`HTML(string=...).write_pdf(pdf_variant="pdf/a-3b")` with file:// fonts). Prints both
   per-certificate times and their ratio (the overhead must stay within 1.1x; each call starts
   from a collected heap, as a worker's task does), then the same
   certificates rendered in chunks of RENDER_CHUNK (pages of one document, split).
2. Bulk-issues M certificates (default 1,000, after a 200 warm-up batch) for one wave through
   `issuance.start_batch` and real `manage.py db_worker` processes (default 2) on the
   database queue. Prints certificates per second, the ratio to the ideal
   (M x bare time / workers) and each worker's peak memory, which must not grow with M.

    python bench/certificates/run.py [--renders 200] [--bulk 1000] [--workers 2]

Uses DATABASE_URL's PostgreSQL server (or the local one) with a scratch database
`sinau_bench_certificates` that it drops and recreates, and temporary media/private folders.
"""

import argparse
import gc
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "bench"))  # after ROOT: bench/certificates must not shadow the app

from enrol_surge.run import recreate_database, scratch_database_url  # noqa: E402

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def completed_wave(course, size, name):
    """A wave that has ended, every participant of which has done the course's lessons."""
    from django.utils import timezone

    from courses.models import Enrolment, EnrolmentStatus, LessonProgress
    from tests.factories import build_cohort, make_users

    cohort = build_cohort(course, name=name, seats={"public": size, "asn": 1, "umkm": 1}, ended=True)
    users = make_users(size, prefix=f"{name.lower().replace(' ', '')}-")
    Enrolment.objects.bulk_create(
        Enrolment(user=u, course=course, cohort=cohort, segment=u.segment, status=EnrolmentStatus.COMPLETED)
        for u in users
    )
    now = timezone.now()
    LessonProgress.objects.bulk_create(
        LessonProgress(enrolment=enrolment, lesson=lesson, completed_at=now)
        for enrolment in Enrolment.objects.filter(cohort=cohort)
        for lesson in course.get_lessons()
    )
    for n, user in enumerate(users):  # names as a city's participants write them
        user.full_name = f"Siti Nur'aini Ṣalihah {n}" if n % 2 else f"Bambang Hadi Prasetyo {n}"
    type(users[0]).objects.bulk_update(users, ["full_name"])
    return cohort


def build():
    import django

    django.setup()
    from django.core.management import call_command

    from tests.certificates.conftest import build_template, certificate_settings_for
    from tests.factories import UserFactory, build_course

    call_command("migrate", verbosity=0)
    course = build_course(title="Sinau TikTok & YouTube untuk UMKM", modules=1, lessons=1)
    certificate_settings_for(course, build_template(), issue_automatically=False)
    staff = UserFactory(email="staf@bench.id", groups=["Staff"])
    return course, staff


def issue_without_rendering(cohort, staff):
    """Create the wave's certificates (pending) through the project's batch code, queueing nothing."""
    from django.test import override_settings

    from certificates.issuance import run_batch_now
    from certificates.models import Certificate, IssuanceBatch
    from courses.models import Enrolment

    ids = list(Enrolment.objects.filter(cohort=cohort).values_list("pk", flat=True))
    with override_settings(TASKS=DUMMY_TASKS):
        batch = IssuanceBatch.objects.create(cohort=cohort, requested_by=staff, enrolment_ids=ids, requested=len(ids))
        run_batch_now(batch)
    return list(Certificate.objects.filter(batch=batch).order_by("pk").values_list("pk", flat=True))


def bare_html(certificate_id) -> str:
    """The exact HTML the project renders, its static URLs pointed at the files on disk."""
    from django.conf import settings

    from certificates.models import Certificate
    from certificates.rendering import CertificateContent, certificate_html

    certificate = Certificate.objects.select_related("template").get(pk=certificate_id)
    html = certificate_html([CertificateContent.of(certificate)])
    return html.replace(f'url("{settings.STATIC_URL}', f'url("{(ROOT / "static").as_uri()}/')


def bare_render(html: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=html, base_url=ROOT.as_uri() + "/").write_pdf(pdf_variant="pdf/a-3b")


def fonts_of(pdf: bytes) -> set[str]:
    import io

    import pypdf

    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    return {str(font.get_object()["/BaseFont"]).split("+", 1)[1] for font in page["/Resources"]["/Font"].values()}


def reset(ids):
    from certificates.models import Certificate

    Certificate.objects.filter(pk__in=ids).update(status="pending", render_attempts=0, pdf="", sha256="")


def compare_renders(ids):
    from django.test import override_settings

    from certificates.issuance import RENDER_CHUNK
    from certificates.models import Certificate
    from certificates.tasks import render_now

    htmls = {pk: bare_html(pk) for pk in ids}
    with override_settings(TASKS=DUMMY_TASKS):  # the emails queued on issue go nowhere
        render_now(ids[:3])  # warm-up: fonts, templates, connections
        bare_pdf = bare_render(htmls[ids[0]])
        reset(ids[:3])
        project_pdf = Certificate.objects.get(pk=ids[0])
        assert fonts_of(bare_pdf) == {"Sinau-Noto-Sans", "Sinau-Noto-Sans-Bold", "Sinau-Noto-Sans-Italic"}
        project, bare = [], []
        for n, pk in enumerate(ids):  # interleaved, alternating which goes first
            steps = [("project", lambda pk=pk: render_now([pk])), ("bare", lambda pk=pk: bare_render(htmls[pk]))]
            for label, call in steps if n % 2 else reversed(steps):
                # Each starts from a collected heap, as a worker does after each task
                # (tasks.release_memory): otherwise a full collection of ~0.3 s, caused by
                # either side's garbage, lands on whichever call happens to be running.
                gc.collect()
                started = time.perf_counter()
                call()
                (project if label == "project" else bare).append(time.perf_counter() - started)
        assert Certificate.objects.filter(pk__in=ids, status="issued").count() == len(ids)
        project_pdf.refresh_from_db()
        assert fonts_of(project_pdf.pdf.read()) == fonts_of(bare_pdf)
        reset(ids)
        started = time.perf_counter()
        for start in range(0, len(ids), RENDER_CHUNK):
            render_now(ids[start : start + RENDER_CHUNK])
        batched = (time.perf_counter() - started) / len(ids)
        assert Certificate.objects.filter(pk__in=ids, status="issued").count() == len(ids)
    return project, bare, batched, RENDER_CHUNK


def memory_kb(pid: int) -> dict[str, int]:
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0])
    except FileNotFoundError:
        pass
    return values


def bulk_issue(cohort, staff, workers: int, environment: dict) -> dict:
    """Start `workers` db_worker processes, issue the wave, time it until every PDF is done."""
    from certificates.issuance import start_batch
    from certificates.models import Certificate

    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--no-reload",
                "--no-startup-delay",
                "--interval",
                "0.1",
                "-v",
                "0",
            ],
            cwd=ROOT,
            env=environment,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
        )
        for _ in range(workers)
    ]
    try:
        time.sleep(4)  # let them import Django and reach their polling loop
        baseline = [memory_kb(p.pid).get("VmRSS", 0) for p in processes]
        started = time.perf_counter()
        batch = start_batch(cohort, by=staff)
        total = batch.requested
        rss_at = {}
        while True:
            done = Certificate.objects.filter(batch=batch, status__in=["issued", "failed"]).count()
            for mark in (25, 50, 100):
                if mark not in rss_at and done * 100 >= total * mark:
                    rss_at[mark] = [memory_kb(p.pid).get("VmRSS", 0) for p in processes]
            if done >= total:
                break
            if time.perf_counter() - started > 1800:
                raise RuntimeError(f"only {done} of {total} certificates after 30 minutes")
            time.sleep(0.25)
        elapsed = time.perf_counter() - started
        failed = Certificate.objects.filter(batch=batch, status="failed").count()
        peaks = [memory_kb(p.pid).get("VmHWM", 0) for p in processes]
        return {
            "total": total,
            "elapsed": elapsed,
            "failed": failed,
            "baseline": baseline,
            "rss_at": rss_at,
            "peaks": peaks,
        }
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def percentile(values: list[float], n: int) -> float:
    return statistics.quantiles(values, n=100)[n - 1]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--renders", type=int, default=200)
    parser.add_argument("--bulk", type=int, default=1000)
    parser.add_argument("--warm-bulk", type=int, default=200, help="a smaller batch first, to compare memory")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres"
    if not base.startswith("postgres"):
        print("bench/certificates needs PostgreSQL: set DATABASE_URL=postgres://...")
        return 1
    url = scratch_database_url(base, "sinau_bench_certificates")
    recreate_database(url)
    scratch = tempfile.mkdtemp(prefix="sinau-bench-certificates-")
    environment = {
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "lms.settings",
        "STATIC_PLAIN_STORAGE": "1",
        "WHITENOISE_USE_FINDERS": "1",
        "LOG_LEVEL": "WARNING",
        "MEDIA_ROOT": f"{scratch}/media",
        "PRIVATE_ROOT": f"{scratch}/private",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        # As in production: no query log (it would grow to 9,000 entries per worker) and no template debugging.
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-not-secret",
        "SITE_URL": "http://127.0.0.1:8000",  # printed in each certificate's QR code
    }
    os.environ.update(environment)
    course, staff = build()

    render_wave = completed_wave(course, args.renders, "Gelombang render")
    ids = issue_without_rendering(render_wave, staff)
    project, bare, batched, chunk = compare_renders(ids)
    project_mean, bare_mean = statistics.mean(project), statistics.mean(bare)
    ratio = project_mean / bare_mean
    median_ratio = statistics.median(project) / statistics.median(bare)
    print(f"\n{len(ids)} certificates, one at a time (interleaved)")
    print(f"  project code path  mean {ms(project_mean)}  median {ms(statistics.median(project))}")
    print(f"  bare WeasyPrint    mean {ms(bare_mean)}  median {ms(statistics.median(bare))}")
    print(f"  90th percentile: project {ms(percentile(project, 90))}, bare {ms(percentile(bare, 90))}")
    print(f"  ratio project/bare: of means {ratio:.3f}, of medians {median_ratio:.3f} (target: at most 1.1)")
    print(f"  batched, {chunk} per document: {ms(batched)} per certificate, {project_mean / batched:.2f}x faster")

    worker_environment = {**os.environ, **environment}
    results = []
    for size in [n for n in (args.warm_bulk, args.bulk) if n]:
        wave = completed_wave(course, size, f"Gelombang {size}")
        result = bulk_issue(wave, staff, args.workers, worker_environment)
        results.append(result)
        rate = result["total"] / result["elapsed"]
        ideal = result["total"] * bare_mean / args.workers
        print(f"\nbulk issue of {result['total']} through {args.workers} db_worker processes")
        print(f"  {result['elapsed']:.1f} s, {rate:.1f} certificates/s, {result['failed']} failed")
        print(
            f"  ideal {ideal:.1f} s ({result['total']} x bare {ms(bare_mean)} / {args.workers}); "
            f"ratio {result['elapsed'] / ideal:.2f}"
        )
        print(f"  worker RSS MB at start {[round(kb / 1024) for kb in result['baseline']]}, ", end="")
        print(
            ", ".join(f"{mark}% {[round(kb / 1024) for kb in rss]}" for mark, rss in sorted(result["rss_at"].items()))
        )
        print(f"  worker peak MB (VmHWM) {[round(kb / 1024) for kb in result['peaks']]}")

    print("\nSummary")
    print(
        f"- render, one at a time: project {ms(project_mean)}, bare WeasyPrint {ms(bare_mean)} (means); "
        f"ratio {ratio:.2f} of means, {median_ratio:.2f} of medians"
    )
    print(
        f"- render, {chunk} per document: {ms(batched)} per certificate ({project_mean / batched:.2f}x faster; "
        f"{batched / bare_mean:.2f}x bare WeasyPrint's one-at-a-time time)"
    )
    for result in results:
        ideal = result["total"] * bare_mean / args.workers
        print(
            f"- bulk {result['total']}: {result['total'] / result['elapsed']:.1f} certificates/s with {args.workers} "
            f"workers, {result['elapsed'] / ideal:.2f}x the ideal; worker peak "
            f"{max(result['peaks']) / 1024:.0f} MB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
