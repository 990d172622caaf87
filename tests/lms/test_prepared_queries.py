"""Prepared queries (lms/prepared.py): compiled once, the same rows and objects as the ORM's.

And what reads through them on every request: the session and the user (lms/signed_in.py),
a lesson's route with its view restrictions (CourseIndexPage.route), the reader's enrolment
and progress.
"""

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models.functions import Now
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from courses.access import learning_enrolment, learning_enrolment_with_progress
from courses.enrolment import enrol
from courses.models import Enrolment, LessonProgress
from courses.models.enrolment import EnrolmentStatus
from courses.progress import complete_lesson, course_progress, start_lesson
from lms.prepared import PreparedQuery, PreparedQueryError
from tests.factories import build_course, make_users

pytestmark = pytest.mark.django_db


def fields(obj) -> dict:
    return {key: value for key, value in vars(obj).items() if not key.startswith("_")}


def test_the_same_objects_as_the_orm_with_related_rows_and_deferred_fields(enrolment, participant, course):
    built = []

    def build(user_id, course_id):
        built.append((user_id, course_id))
        return (
            Enrolment.objects.filter(user_id=user_id, course_id=course_id)
            .select_related("cohort")
            .only("status", "cohort__name", "user_id")
        )

    query = PreparedQuery(build, user_id=int, course_id=int)
    for _ in range(3):
        [found] = query.all(user_id=participant.pk, course_id=course.pk)
    [expected] = build(participant.pk, course.pk)
    assert len(built) == 2  # compiled once (with stand-ins), whatever the calls; the second is `expected`
    assert type(found) is Enrolment and fields(found) == fields(expected)
    assert found.get_deferred_fields() == expected.get_deferred_fields() and "segment" in found.get_deferred_fields()
    with CaptureQueriesContext(connection) as queries:
        assert found.cohort.name == enrolment.cohort.name  # loaded with the row: no query
    assert len(queries) == 0
    assert found._state.adding is False and found._state.db == "default"
    assert query.all(user_id=participant.pk + 1000, course_id=course.pk) == []
    assert query.first(user_id=participant.pk, course_id=-5) is None


def test_each_call_is_one_query_through_djangos_cursor(participant, course):
    query = PreparedQuery(lambda user_id: Enrolment.objects.filter(user_id=user_id), user_id=int)
    query.all(user_id=participant.pk)
    with CaptureQueriesContext(connection) as queries:
        query.all(user_id=participant.pk)
    assert len(queries) == 1 and str(participant.pk) in queries[0]["sql"]


def test_a_value_the_orm_rewrites_cannot_be_prepared():
    query = PreparedQuery(lambda email: Session.objects.filter(session_key__startswith=email), email=str)
    with pytest.raises(PreparedQueryError, match="does not reach the SQL unchanged"):
        query.all(email="a")
    with pytest.raises(PreparedQueryError, match="only int and str"):
        PreparedQuery(lambda when: Session.objects.filter(expire_date=when), when=timezone.datetime)


def test_wrong_parameters_are_refused(participant):
    query = PreparedQuery(lambda user_id: Enrolment.objects.filter(user_id=user_id), user_id=int)
    with pytest.raises(TypeError):
        query.all(user=participant.pk)
    with pytest.raises(ValueError):
        query.all(user_id="1 OR 1=1")  # converted to the declared kind before it reaches the SQL


def test_a_value_with_quotes_is_a_parameter_not_sql():
    query = PreparedQuery(lambda key: Session.objects.filter(session_key=key, expire_date__gt=Now()), key=str)
    assert query.all(key="x' OR '1'='1") == []


def test_the_reader_is_read_through_prepared_queries(client, enrolment, lesson):
    """One query for the session, one for the user; an ended session signs nobody in."""
    client.force_login(enrolment.user)
    client.get(lesson.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(lesson.url).status_code == 200
    sqls = [query["sql"] for query in queries.captured_queries]
    assert sum('FROM "django_session"' in sql for sql in sqls) == 1
    assert sum('FROM "lms_user"' in sql for sql in sqls) == 1
    session = Session.objects.get()
    assert session.get_decoded()[SESSION_KEY] == str(enrolment.user.pk)
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    assert client.get(lesson.url).status_code == 403  # signed out: the lesson's outline only


def test_learning_enrolment_and_progress_read_prepared(enrolment, lesson, participant, course):
    complete_lesson(enrolment, lesson)
    found = learning_enrolment(participant, course)
    assert found.pk == enrolment.pk and found.cohort.pk == enrolment.cohort.pk and found.course is course
    progress = course_progress(course, found)
    assert progress.state_of(lesson.pk).completed
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.save(update_fields=["status"])
    assert learning_enrolment(participant, course) is None


def test_the_lesson_view_reads_the_enrolment_with_its_progress_in_one_query(
    client, enrolment, participant, course, lesson
):
    assert learning_enrolment_with_progress(participant, course) == (enrolment, [])  # nothing started yet
    lessons = [page.specific for page in course.get_lessons()]
    start_lesson(enrolment, lessons[1])
    complete_lesson(enrolment, lessons[0])
    other = enrol(make_users(1, prefix="lain-")[0], enrolment.cohort)
    complete_lesson(other, lessons[2])  # someone else's progress stays theirs
    with CaptureQueriesContext(connection) as queries:
        found, rows = learning_enrolment_with_progress(participant, course)
    assert len(queries) == 1
    assert found.pk == enrolment.pk and found.course is course and found.cohort.name == enrolment.cohort.name
    assert not hasattr(found, "started_lesson_id")
    expected = {(row.lesson_id, row.completed_at) for row in LessonProgress.objects.filter(enrolment=enrolment)}
    assert {tuple(row) for row in rows} == expected and len(rows) == 2
    progress = course_progress(course, found, rows)
    assert [state.completed for state in progress.lessons[:3]] == [True, False, False]
    assert progress.state_of(lessons[1].pk).started and not progress.state_of(lessons[2].pk).started
    client.force_login(participant)
    client.get(lessons[1].url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(lessons[1].url).status_code == 200
    enrolment_reads = [q["sql"] for q in queries.captured_queries if 'FROM "courses_enrolment"' in q["sql"]]
    assert len(enrolment_reads) == 1 and "courses_lessonprogress" in enrolment_reads[0]
    assert not any('FROM "courses_lessonprogress"' in q["sql"] for q in queries.captured_queries)
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.save(update_fields=["status"])
    assert learning_enrolment_with_progress(participant, course) == (None, [])


def password_on(page) -> PageViewRestriction:
    return PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")


def asks_password(client, page, restriction) -> bool:
    """Wagtail's password form for `restriction`, and not the lesson."""
    html = client.get(page.url).content.decode()
    form = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    return form in html and "lesson__body" not in html


@pytest.mark.parametrize("where", ["lesson", "module", "course"])
def test_a_restriction_on_the_page_or_an_ancestor_holds_on_the_routed_page(client, enrolment, lesson, where):
    page = {"lesson": lesson, "module": lesson.get_parent(), "course": enrolment.course}[where]
    client.force_login(enrolment.user)
    assert "lesson__body" in client.get(lesson.url).content.decode()
    restriction = password_on(page)
    assert asks_password(client, lesson, restriction)
    restriction.delete()
    assert "lesson__body" in client.get(lesson.url).content.decode()


def test_a_restriction_elsewhere_costs_the_routed_page_nothing(client, enrolment, lesson):
    other = build_course(title="Kursus Lain", modules=1, lessons=1)
    password_on(other)
    client.force_login(enrolment.user)
    client.get(lesson.url)
    with CaptureQueriesContext(connection) as queries:
        assert "lesson__body" in client.get(lesson.url).content.decode()
    assert not any("wagtailcore_pageviewrestriction" in q["sql"] and "EXISTS" not in q["sql"] for q in queries)


def test_a_restriction_on_the_source_of_an_aliased_course_holds_on_the_alias(client, enrolment, lesson):
    course = enrolment.course
    alias = course.create_alias(update_slug=f"{course.slug}-salinan", recursive=True)
    aliased_lesson = alias.get_descendants().type(type(lesson)).filter(alias_of=lesson).first()
    assert aliased_lesson is not None and aliased_lesson.url != lesson.url
    client.force_login(enrolment.user)
    assert client.get(aliased_lesson.url).status_code == 403  # enrolled in the source, not the alias
    restriction = password_on(course)
    assert asks_password(client, aliased_lesson, restriction)


def test_a_restricted_course_page_asks_for_the_password_before_its_outline(client, enrolment):
    """The course page is served by courses/views/course_page.py from a serve hook ordered after
    Wagtail's view restrictions."""
    course = enrolment.course
    client.force_login(enrolment.user)
    assert "Modul 1" in client.get(course.url).content.decode()
    restriction = password_on(course)
    html = client.get(course.url).content.decode()
    assert reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, course.pk]) in html
    assert "Modul 1" not in html


def test_a_page_not_routed_here_finds_the_same_restrictions_in_one_query(enrolment, lesson):
    """Pages Wagtail loads itself (no `view_restricted` read with them) ask the same rule."""
    course = enrolment.course
    plain = type(lesson).objects.get(pk=lesson.pk)
    assert list(plain.get_view_restrictions()) == []
    on_module = password_on(lesson.get_parent())
    assert list(plain.get_view_restrictions()) == [on_module]
    alias = course.create_alias(update_slug=f"{course.slug}-salinan", recursive=True)
    aliased_lesson = type(lesson).objects.get(alias_of=lesson, path__startswith=alias.path)
    assert on_module in aliased_lesson.get_view_restrictions()  # through the module it aliases
    on_course = password_on(course)  # made after the alias: reaches it only through its source
    with CaptureQueriesContext(connection) as queries:
        found = list(aliased_lesson.get_view_restrictions())
    assert on_course in found and len(queries) == 1
    assert set(plain.get_view_restrictions()) == {on_module, on_course}
