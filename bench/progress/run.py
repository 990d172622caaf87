"""Progress at city scale: a wave of 10,000 participants over 40 lessons.

Builds 400,000 lesson-progress rows on PostgreSQL, then times the wave report page,
its XLSX export (every participant) and a lesson page render for a participant,
printing the queries each made.

    python bench/progress/run.py [--participants 10000] [--lessons 40]

Uses DATABASE_URL's server (or the local one) with a scratch database
`sinau_bench_progress` that it drops and recreates.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from enrol_surge.run import recreate_database, scratch_database_url  # noqa: E402


def build(participants: int, lessons: int):
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from courses.models import Enrolment, EnrolmentStatus, LessonProgress
    from tests.factories import UserFactory, build_cohort, build_course, make_users

    call_command("migrate", verbosity=0)
    course = build_course(title="Sinau TikTok & YouTube", modules=4, lessons=lessons // 4)
    cohort = build_cohort(course, seats={"public": participants, "asn": participants, "umkm": participants})
    all_lessons = [lesson.specific for lesson in course.get_lessons()]
    started = time.perf_counter()
    segments = ["public"] * 5 + ["asn"] * 4 + ["umkm"]
    users = []
    for index, segment in enumerate(["public", "asn", "umkm"]):
        share = segments.count(segment) * participants // len(segments)
        if index == 2:
            share = participants - len(users)
        users += make_users(share, segment=segment, prefix=f"b{segment}-")
    Enrolment.objects.bulk_create(
        (
            Enrolment(user=u, course=course, cohort=cohort, segment=u.segment, status=EnrolmentStatus.ACTIVE)
            for u in users
        ),
        batch_size=2000,
    )
    enrolment_ids = list(Enrolment.objects.filter(cohort=cohort).values_list("pk", flat=True))
    now = timezone.now()
    batch = []
    for n, enrolment_id in enumerate(enrolment_ids):
        done = n % (lessons + 1)  # an even spread from nothing done to everything done
        for index, lesson in enumerate(all_lessons):
            # Every participant has opened every lesson: a row each, completed or not.
            completed_at = now if index < done else None
            batch.append(LessonProgress(enrolment_id=enrolment_id, lesson_id=lesson.pk, completed_at=completed_at))
        if len(batch) >= 20000:
            LessonProgress.objects.bulk_create(batch)
            batch = []
    LessonProgress.objects.bulk_create(batch)
    rows = LessonProgress.objects.count()
    print(
        f"built {len(enrolment_ids)} participants, {len(all_lessons)} lessons, {rows} progress rows "
        f"in {time.perf_counter() - started:.1f}s"
    )
    staff = UserFactory(email="staf@bench.id", groups=["Staff"])
    learner = Enrolment.objects.filter(cohort=cohort).order_by("pk")[len(enrolment_ids) // 2]
    return cohort, all_lessons, staff, learner


def measure(label: str, call, repeat: int = 3):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call()  # warm caches
    times, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            result = call()
            times.append(time.perf_counter() - started)
        queries = len(captured)
    print(f"{label:<28} {statistics.median(times) * 1000:9.1f} ms   {queries:4d} queries")
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=10_000)
    parser.add_argument("--lessons", type=int, default=40)
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres"
    if not base.startswith("postgres"):
        print("bench/progress needs PostgreSQL: set DATABASE_URL=postgres://...")
        return 1
    url = scratch_database_url(base, "sinau_bench_progress")
    recreate_database(url)
    os.environ.update(
        {
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "lms.settings",
            # Production's settings (DEBUG off: no query log) over plain HTTP, as the test client speaks.
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "bench-" + "k" * 60,
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "SITE_URL": "http://testserver",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "STATIC_PLAIN_STORAGE": "1",
            "WHITENOISE_USE_FINDERS": "1",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "LOG_LEVEL": "WARNING",
            "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        }
    )
    cohort, lessons, staff, learner = build(args.participants, args.lessons)

    import openpyxl
    from django.test import Client
    from django.urls import reverse

    staff_client, learner_client = Client(), Client()
    staff_client.force_login(staff)
    learner_client.force_login(learner.user)
    report = reverse("courses_cohort:report", args=[cohort.pk])

    def xlsx():
        response = staff_client.get(report, {"export": "xlsx"})
        return b"".join(response.streaming_content)

    measure("report page (50 per page)", lambda: staff_client.get(report))
    measure("report page 100 of 200", lambda: staff_client.get(report, {"p": 100}))
    data = measure("XLSX export (all)", xlsx, repeat=1)
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).active
    rows = sum(1 for _ in sheet.iter_rows(values_only=True)) - 1
    print(f"{'':<28} {len(data) / 1e6:9.1f} MB   {rows} participants")
    lesson = lessons[len(lessons) // 2]
    measure("lesson page (participant)", lambda: learner_client.get(lesson.url), repeat=5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
