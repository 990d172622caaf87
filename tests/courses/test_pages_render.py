from html import unescape

from django.test import Client


def test_the_home_page_lists_published_courses(client: Client, course):
    response = client.get("/")
    assert response.status_code == 200
    assert course.title in unescape(response.content.decode())


def test_a_course_page_shows_its_outline_of_modules_and_lessons(client, course):
    response = client.get(course.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Modul 1" in html and "Modul 2" in html
    assert "Pelajaran 2.3" in html


def test_a_lesson_page_shows_breadcrumb_and_neighbours(client, course, enrolment):
    client.force_login(enrolment.user)
    lessons = list(course.get_lessons())
    response = client.get(lessons[3].url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-label="Navigasi remah roti"' in html or "breadcrumb" in html
    assert lessons[2].title in html and lessons[4].title in html


def test_the_course_page_outline_kept_in_memory_follows_publishing_at_once(client, course):
    """courses/views/course_page.py reads the outline from the process's memory; a publish,
    an unpublish or a new lesson in this process is seen on the next view."""
    from courses.models import LessonPage

    assert "Pelajaran 1.1" in client.get(course.url).content.decode()
    module = course.get_modules().first()
    first = module.get_children().first().specific
    first.title = "Pelajaran Pembuka yang Baru"
    first.save_revision().publish()
    module.add_child(instance=LessonPage(title="Pelajaran Tambahan", body=[]))
    html = client.get(course.url).content.decode()
    assert "Pelajaran Pembuka yang Baru" in html and "Pelajaran Tambahan" in html and "Pelajaran 1.1<" not in html
    course.get_modules().last().unpublish()
    html = client.get(course.url).content.decode()
    assert "Modul 1" in html and "Modul 2" not in html and "Pelajaran 2.3" not in html
