"""Seed Sinau's scratch database with the shapes of bench/peer and print what to load, as JSON.

Run by bench/peer/run.py with Sinau's virtualenv, in the repository root, with the bench's
environment (DATABASE_URL of the scratch database, DJANGO_DEBUG=0, ...). Builds through the
project's own code: tests.factories (build_course, build_cohort, UserFactory), the
enrolment service (courses.enrolment.enrol) and progress (courses.progress.complete_lesson).
"""

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.append(str(HERE))

import shapes  # noqa: E402
import text  # noqa: E402


def session_for(user) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def lesson_blocks(seed: int) -> list:
    return [("heading", "Pengantar"), ("text", text.html(seed, shapes.WORDS))]


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from courses import progress as learning
    from courses.enrolment import enrol
    from tests.factories import UserFactory, build_cohort, build_course, verified

    call_command("migrate", verbosity=0)
    learner = verified(UserFactory(email=shapes.LEARNER_EMAIL, full_name="Siti Rahmawati"))
    pages = {}
    for size in shapes.COURSE_SIZES:
        per_module = shapes.LESSONS_PER_MODULE[size]
        course = build_course(title=shapes.COURSE_TITLES[size], modules=size // per_module, lessons=per_module)
        lessons = [lesson.specific for lesson in course.get_lessons()]
        assert len(lessons) == size, (size, len(lessons))
        for index, lesson in enumerate(lessons):
            lesson.body = lesson_blocks(shapes.lesson_seed(size, index))
            lesson.save()
        cohort = build_cohort(course, name=f"Gelombang {size}")
        try:
            enrolment = enrol(learner, cohort, notice=False)
        except TypeError:  # an enrol() without the notice switch
            enrolment = enrol(learner, cohort)
        assert enrolment.status == "active", enrolment.status
        for lesson in lessons[: shapes.done_count(size)]:
            learning.start_lesson(enrolment, lesson)
            learning.complete_lesson(enrolment, lesson)
        measured = lessons[shapes.measured_index(size)]
        pages[f"lesson{size}"] = {"url": measured.get_url(), "title": measured.title}
        if size == shapes.COURSE_SIZES[0]:
            pages["course"] = {"url": course.get_url(), "title": course.title}
            # "A plain Wagtail page of our own site": the course's first module, a ModulePage that
            # renders its title, its introduction (the ~400 words) and its lesson list, with no
            # per-participant work.
            module = course.get_modules().first()
            module.intro = text.html(shapes.PLAIN_SEED, shapes.WORDS)
            module.save()
            pages["plain"] = {"url": module.get_url(), "title": module.title}
    print(json.dumps({"pages": pages, "session": session_for(learner)}))


if __name__ == "__main__":
    main()
