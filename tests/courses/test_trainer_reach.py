"""Trainers' reach (issue 16, point 5): page permissions only on the courses they teach, and
no search by a NIP they may only see masked."""

from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission

from courses.enrolment import enrol
from courses.trainer_pages import GROUP_NAME
from tests.factories import build_cohort, build_course

REGISTRANTS = "courses_enrolment:index"


def teach(trainer, cohort):
    cohort.trainers.add(trainer)
    cohort.save()  # modelcluster keeps parental relations in memory until save


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_the_trainer_role_holds_no_permission_on_the_page_tree(db):
    assert not GroupPagePermission.objects.filter(group__name="Trainer").exists()


def test_a_trainer_edits_the_lessons_of_the_course_they_teach(client, trainer, cohort, lesson):
    teach(trainer, cohort)
    client.force_login(trainer)
    response = client.get(edit_url(lesson))
    assert response.status_code == 200
    assert trainer.groups.filter(name=GROUP_NAME.format(course_id=cohort.course_id)).exists()


def test_a_trainer_cannot_edit_a_lesson_of_a_course_they_do_not_teach(client, trainer, cohort, lesson):
    other = build_course(title="Branding Kota", modules=1, lessons=1)
    teach(trainer, build_cohort(other))
    client.force_login(trainer)
    response = client.get(edit_url(lesson))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    title, revisions = lesson.title, lesson.revisions.count()
    client.post(edit_url(lesson), {"title": "Diubah orang lain", "slug": lesson.slug})
    lesson.refresh_from_db()
    assert (lesson.title, lesson.revisions.count()) == (title, revisions)


def test_a_trainer_cannot_add_a_course_to_the_site(client, trainer, cohort, course):
    teach(trainer, cohort)
    client.force_login(trainer)
    home = course.get_parent()
    response = client.get(reverse("wagtailadmin_pages:add", args=["courses", "coursepage", home.pk]))
    assert response.status_code == 302


def test_a_trainer_leaves_the_course_when_they_teach_none_of_its_waves(client, trainer, cohort, lesson):
    teach(trainer, cohort)
    cohort.trainers.remove(trainer)
    cohort.save()
    client.force_login(trainer)
    assert client.get(edit_url(lesson)).status_code == 302
    assert not trainer.groups.filter(name__startswith="Pelatih kursus #").exists()


def test_a_trainer_of_two_waves_keeps_the_course_while_teaching_one(client, trainer, course, cohort, lesson):
    second = build_cohort(course, name="Gelombang 2")
    teach(trainer, cohort)
    teach(trainer, second)
    second.delete()
    client.force_login(trainer)
    assert client.get(edit_url(lesson)).status_code == 200


def test_a_trainer_added_from_the_users_side_gets_the_course_too(client, trainer, cohort, lesson):
    trainer.taught_cohorts.add(cohort)
    client.force_login(trainer)
    assert client.get(edit_url(lesson)).status_code == 200
    trainer.taught_cohorts.clear()
    assert not Group.objects.get(name=GROUP_NAME.format(course_id=cohort.course_id)).user_set.exists()


# --- Searching registrants by NIP ----------------------------------------------------------


def test_a_trainer_searching_a_full_nip_finds_no_one(client, trainer, cohort, asn_participant):
    teach(trainer, cohort)
    enrolment = enrol(asn_participant, cohort)
    client.force_login(trainer)
    by_nip = client.get(reverse(REGISTRANTS), {"q": asn_participant.nip}).content.decode()
    assert f"enrolment_{enrolment.pk}_title" not in by_nip
    by_name = client.get(reverse(REGISTRANTS), {"q": asn_participant.full_name}).content.decode()
    assert f"enrolment_{enrolment.pk}_title" in by_name  # the search itself works for them


def test_staff_who_may_see_the_nip_find_a_registrant_by_it(client, staff, cohort, asn_participant):
    enrolment = enrol(asn_participant, cohort)
    client.force_login(staff)
    html = client.get(reverse(REGISTRANTS), {"q": asn_participant.nip}).content.decode()
    assert f"enrolment_{enrolment.pk}_title" in html
