"""The page tree is locked: course index -> course -> module -> lesson, nothing else."""

from django.test import SimpleTestCase
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from tests.factories import home_page


class PageTreeRules(WagtailPageTestCase, SimpleTestCase):
    def test_each_page_type_allows_only_its_children(self):
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage})
        self.assertAllowedSubpageTypes(ModulePage, {LessonPage})
        self.assertAllowedSubpageTypes(LessonPage, set())

    def test_each_page_type_lives_only_under_its_parent(self):
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertAllowedParentPageTypes(ModulePage, {CoursePage})
        self.assertAllowedParentPageTypes(LessonPage, {ModulePage})
        self.assertAllowedParentPageTypes(CourseIndexPage, {Page})


def test_the_admin_refuses_a_lesson_directly_under_a_course(client, staff, course):
    client.force_login(staff)
    response = client.post(f"/admin/pages/add/courses/lessonpage/{course.pk}/", {"title": "Salah tempat"})
    # Wagtail answers with a redirect and an error message (or 403); either way nothing is made.
    assert response.status_code == 302
    assert not LessonPage.objects.child_of(course).exists()


def test_the_home_page_is_the_course_index(course):
    assert isinstance(home_page(), CourseIndexPage)
    assert [page.specific for page in home_page().get_children()] == [course]
