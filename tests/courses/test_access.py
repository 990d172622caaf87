"""courses.access: each rule asked by the people it must refuse as well as those it lets in.

Sari (participant) is enrolled in Gelombang 1 of the course, which Dimas (trainer) teaches;
Budi (other_participant) is in the same wave; Ayu is staff; a second trainer teaches a wave of
another course only. tests/test_access_table.py asks the same rules through every URL.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from courses import access
from courses.models import Cohort, Enrolment
from tests.factories import UserFactory, build_cohort, build_course


def teach(trainer, cohort):
    cohort.trainers.add(trainer)
    cohort.save()


@pytest.fixture
def other_trainer(db):
    """Teaches a wave of another course, and nothing of `course`."""
    trainer = UserFactory(email="pelatih-lain@contoh.id", groups=["Trainer"])
    teach(trainer, build_cohort(build_course("Kursus Lain", modules=1, lessons=1), "Gelombang Lain"))
    return trainer


def test_staff_see_every_wave_and_trainers_only_theirs(cohort, trainer, other_trainer, staff, participant):
    teach(trainer, cohort)
    assert set(access.cohorts_visible_to(staff)) == set(Cohort.objects.all())
    assert list(access.cohorts_visible_to(trainer)) == [cohort]
    assert cohort not in access.cohorts_visible_to(other_trainer)
    assert not access.cohorts_visible_to(participant).exists()
    assert not access.cohorts_visible_to(AnonymousUser()).exists()


def test_a_deactivated_staff_member_sees_no_wave(cohort, staff):
    staff.is_active = False
    staff.save()
    assert not access.sees_every_wave(staff)
    assert not access.can_view_cohort(staff, cohort)


def test_a_superuser_sees_every_wave_without_the_group(cohort):
    admin = UserFactory(is_superuser=True)
    assert access.sees_every_wave(admin) and access.can_view_cohort(admin, cohort)


def test_registrants_follow_the_waves(enrolment, trainer, other_trainer, staff, other_participant):
    teach(trainer, enrolment.cohort)
    assert list(access.enrolments_visible_to(trainer)) == [enrolment]
    assert list(access.enrolments_visible_to(staff)) == list(Enrolment.objects.all())
    assert not access.enrolments_visible_to(other_trainer).exists()
    assert not access.enrolments_visible_to(other_participant).exists()


def test_only_staff_and_the_courses_trainers_read_lessons_without_enrolling(
    course, cohort, trainer, other_trainer, staff, participant
):
    teach(trainer, cohort)
    assert access.can_teach(trainer, course) and access.can_teach(staff, course)
    assert not access.can_teach(other_trainer, course)
    assert not access.can_teach(participant, course)
    assert not access.can_teach(AnonymousUser(), course)


def test_attendance_is_staffs_and_the_waves_own_trainers(cohort, trainer, other_trainer, staff, participant):
    teach(trainer, cohort)
    assert access.can_take_attendance(staff, cohort) and access.can_take_attendance(trainer, cohort)
    assert not access.can_take_attendance(other_trainer, cohort)
    assert not access.can_take_attendance(participant, cohort)
    assert access.can_post_announcements(staff)
    assert not access.can_post_announcements(trainer)


def test_a_full_nip_is_for_staff_with_the_permission(staff, trainer):
    assert access.can_see_full_nip(staff)
    assert not access.can_see_full_nip(trainer)
    assert access.mask_nip("198001012005011001") == "••••••••••••••1001"
    assert access.mask_nip("") == ""


def test_registrants_are_changed_by_staff_only(staff, trainer, participant):
    assert access.can_manage_registrants(staff)
    assert not access.can_manage_registrants(trainer)
    assert not access.can_manage_registrants(participant)


def test_a_participant_reaches_only_their_own_enrolment(enrolment, participant, other_participant):
    assert access.get_own_enrolment(participant, enrolment.pk) == enrolment
    with pytest.raises(Http404):
        access.get_own_enrolment(other_participant, enrolment.pk)
