"""Trainers edit the pages of the courses they teach, and no others.

Wagtail's page permissions belong to groups, so each course taught has its own group,
"Pelatih kursus #<page id>", holding add_page and change_page on that course's page (its
modules and lessons below it). A trainer is in the group of every course of which they teach
a wave, and leaves it when they teach none of its waves any more: the groups follow
Cohort.trainers (m2m_changed, from either side) and the waves' saves and deletions. The
Trainer role itself keeps the admin and the image and document choosers, but no page
permission (migration 0010 took away the grant on the whole tree). Publishing stays with staff
through the "Persetujuan Staff" workflow.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import GroupPagePermission

from courses.models import Cohort

GROUP_NAME = "Pelatih kursus #{course_id}"
GROUP_PREFIX = "Pelatih kursus #"
PAGE_PERMISSIONS = ("add_page", "change_page")


def course_group(course_id: int) -> Group:
    """The group of the course's trainers, with its page permissions (made on first use)."""
    group, created = Group.objects.get_or_create(name=GROUP_NAME.format(course_id=course_id))
    if created:
        permissions = Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS)
        GroupPagePermission.objects.bulk_create(
            [GroupPagePermission(group=group, page_id=course_id, permission=permission) for permission in permissions]
        )
    return group


@transaction.atomic
def sync_course(course_id: int) -> None:
    """Make the course's group hold exactly the trainers of its waves."""
    trainers = get_user_model().objects.filter(taught_cohorts__course_id=course_id).distinct()
    course_group(course_id).user_set.set(trainers)


@transaction.atomic
def sync_trainer(user) -> None:
    """Put `user` in the groups of the courses they teach, and out of every other course group."""
    taught = set(Cohort.objects.filter(trainers=user).values_list("course_id", flat=True))
    wanted = {course_group(course_id) for course_id in taught}
    current = set(user.groups.filter(name__startswith=GROUP_PREFIX))
    user.groups.remove(*(current - wanted))
    user.groups.add(*(wanted - current))


def _trainers_changed(sender, instance, action, reverse, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # user.taught_cohorts changed
        sync_trainer(instance)
    else:
        sync_course(instance.course_id)


def _wave_saved(sender, instance, created, **kwargs) -> None:
    # A wave moved to another course: its trainers follow (new trainers arrive by m2m_changed).
    if not created:
        for trainer in get_user_model().objects.filter(taught_cohorts=instance):
            sync_trainer(trainer)


def _wave_deleted(sender, instance, **kwargs) -> None:
    sync_course(instance.course_id)


def connect() -> None:
    """Called from CoursesConfig.ready()."""
    m2m_changed.connect(_trainers_changed, sender=Cohort.trainers.through, dispatch_uid="courses.trainer_pages.m2m")
    post_save.connect(_wave_saved, sender=Cohort, dispatch_uid="courses.trainer_pages.saved")
    post_delete.connect(_wave_deleted, sender=Cohort, dispatch_uid="courses.trainer_pages.deleted")
