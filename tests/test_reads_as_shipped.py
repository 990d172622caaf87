"""Reading writes nothing, and costs a fixed number of queries, with the caches as they ship.

Measured with the cache configuration README.md ships (no REDIS_URL: the database cache for
what is shared, per-process memory for renditions and the site; lms/settings.py, "Cache")
and again with Redis as the shared cache. DEBUG is off, as in production. The participant
has opened every page once before (the first view of a lesson records that it was opened).
"""

import io
import re

from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from courses.enrolment import enrol
from courses.models import LessonPage
from courses.progress import complete_lesson
from tests.courses.test_quizzes import QUESTIONS, add_quiz_lesson
from tests.factories import build_cohort, build_course, make_users

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.I)
LESSON_QUERY_BUDGET = 10


def image(title="Foto produk UMKM"):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (1200, 800), "#c0392b").save(buffer, "PNG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name="produk.png"))


def questions(count):
    return [QUESTIONS[index % len(QUESTIONS)] for index in range(count)]


def learner_in(lessons_per_module: int, quiz_questions: int, *, courses: int = 1, prefix: str):
    """A participant enrolled in `courses` courses of 5 modules; the first also has a lesson with
    an image and a quiz of `quiz_questions` questions; a quarter of its lessons done."""
    user = make_users(1, prefix=prefix)[0]
    first = None
    for number in range(courses):
        course = build_course(title=f"Kursus {prefix}{number}", modules=5, lessons=lessons_per_module)
        enrolment = enrol(user, build_cohort(course))
        if first is None:
            first = course, enrolment
    course, enrolment = first
    module = course.get_modules().first()
    picture = module.add_child(
        instance=LessonPage(
            title="Foto produk",
            body=[("text", "<p>Cahaya dari samping.</p>"), ("image", {"image": image(), "alt_text": "Keripik"})],
        )
    )
    quiz = add_quiz_lesson(course, questions(quiz_questions))
    lessons = list(course.get_lessons())
    for lesson in lessons[: len(lessons) // 4]:
        complete_lesson(enrolment, lesson)
    plain = lessons[-1]  # a lesson of the last module: text only
    return user, {
        "home": "/",
        "course": course.url,
        "module": plain.get_parent().url,
        "lesson": plain.url,
        "lesson with an image": picture.url,
        "lesson with a quiz": quiz.url,
        "my learning": reverse("courses:my_learning"),
        "my certificates": reverse("certificates:mine"),
    }


def read(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in queries.captured_queries]


def test_reading_writes_nothing_once_the_pages_were_opened(client, db, shared_cache):
    user, pages = learner_in(2, 4, prefix="w-")
    client.force_login(user)
    for url in pages.values():
        client.get(url)  # the first view: a lesson records that it was opened, renditions are made
    for name, url in pages.items():
        writes = [sql for sql in read(client, url) if WRITE.match(sql)]
        assert writes == [], f"{name} ({shared_cache}) wrote: {writes}"


def test_a_public_lookup_writes_only_its_rate_limit_counter(client, db):
    url = reverse("certificates:verify", args=["ABCD-EFGH-JKMN"])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 404  # no such certificate; the lookup still counts
    writes = [query["sql"] for query in queries.captured_queries if WRITE.match(query["sql"])]
    assert writes and all('"sinau_cache"' in sql for sql in writes), writes


def counts(client, pages) -> dict[str, int]:
    for url in pages.values():
        client.get(url)
    return {name: len(read(client, url)) for name, url in pages.items()}


def test_pages_cost_the_same_queries_whatever_the_size_and_a_lesson_at_most_ten(client, db):
    small_user, small = learner_in(1, 4, prefix="s-")  # 5 lessons (+2), a quiz of 4 questions, one course
    large_user, large = learner_in(12, 20, courses=3, prefix="l-")  # 60 lessons (+2), 20 questions, three courses
    client.force_login(small_user)
    small_counts = counts(client, small)
    client.force_login(large_user)
    large_counts = counts(client, large)
    print(f"\nqueries, 5 lessons / 1 course: {small_counts}\nqueries, 60 lessons / 3 courses: {large_counts}")
    assert small_counts == large_counts
    for name in ("lesson", "lesson with an image", "lesson with a quiz"):
        assert small_counts[name] <= LESSON_QUERY_BUDGET, (name, small_counts[name])


def test_a_lesson_costs_one_shared_query_and_three_for_the_reader(client, db, shared_cache):
    """The moonshot's shape: the route (the same for every reader), then the session, the user,
    and the enrolment with its lesson progress."""
    user, pages = learner_in(3, 4, prefix="m-")
    client.force_login(user)
    client.get(pages["lesson"])
    expected = ["courses_enrolment", "courses_lessonpage", "django_session", "lms_user"]
    sqls = read(client, pages["lesson"])
    read_from = sorted(table for sql in sqls for table in re.findall(r'FROM "(\w+)"', sql) if table in expected)
    assert len(sqls) == 4 and read_from == expected, sqls
