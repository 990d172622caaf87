"""Seed the peer's scratch database with the shapes of bench/peer and print what to load, as JSON.

Run by bench/peer/run.py with the peer's virtualenv (bench/peer/.venv-peer) in bench/peer/.
Builds through Wagtail's page API and wagtail-lms's own models: CoursePage with H5PLessonPage
children (rich text only: the lessons carry the same words as Sinau's), CourseEnrollment and
H5PLessonCompletion for a quarter of the lessons.
"""

import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peer_site.settings")

import shapes  # noqa: E402
import text  # noqa: E402


def session_for(user) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def main() -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from wagtail.models import Site
    from wagtail_lms.models import CourseEnrollment, CoursePage, H5PLessonCompletion, H5PLessonPage

    from peer_site.models import PlainPage

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    home = Site.objects.get(is_default_site=True).root_page
    learner = get_user_model().objects.create_user(
        username="peserta",
        email=shapes.LEARNER_EMAIL,
        password="kata-sandi-bench-123",
        first_name="Siti",
        last_name="Rahmawati",
    )
    pages = {}
    plain = home.add_child(instance=PlainPage(title="Modul 1", body=text.html(shapes.PLAIN_SEED, shapes.WORDS)))
    pages["plain"] = {"url": plain.get_url(), "title": plain.title}
    for size in shapes.COURSE_SIZES:
        course = home.add_child(
            instance=CoursePage(title=shapes.COURSE_TITLES[size], description="<p>Belajar membuat konten.</p>")
        )
        lessons = []
        for index in range(size):
            body = [("paragraph", "<h2>Pengantar</h2>" + text.html(shapes.lesson_seed(size, index), shapes.WORDS))]
            lessons.append(course.add_child(instance=H5PLessonPage(title=f"Pelajaran {index + 1}", body=body)))
        CourseEnrollment.objects.create(user=learner, course=course)
        H5PLessonCompletion.objects.bulk_create(
            H5PLessonCompletion(user=learner, lesson=lesson) for lesson in lessons[: shapes.done_count(size)]
        )
        measured = lessons[shapes.measured_index(size)]
        pages[f"lesson{size}"] = {"url": measured.get_url(), "title": measured.title}
        if size == shapes.COURSE_SIZES[0]:
            pages["course"] = {"url": course.get_url(), "title": course.title}
    print(json.dumps({"pages": pages, "session": session_for(learner)}))


if __name__ == "__main__":
    main()
