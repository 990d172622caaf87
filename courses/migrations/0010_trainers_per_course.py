"""Trainers' page permissions per course (issue 16, point 5).

Migration 0002 gave the Trainer group add_page and change_page on the home page, that is on
every course. Here that grant is taken away and each course with trainers gets its own group,
"Pelatih kursus #<page id>", with those permissions on the course's page only, holding the
trainers of its waves; courses/trainer_pages.py keeps the groups in step from now on.
"""

from django.db import migrations

TRAINER = "Trainer"
GROUP_NAME = "Pelatih kursus #{course_id}"
PAGE_PERMISSIONS = ("add_page", "change_page")


def page_permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return list(Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS))


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Cohort = apps.get_model("courses", "Cohort")
    GroupPagePermission.objects.filter(group__name=TRAINER).delete()
    permissions = page_permissions(apps)
    for course_id in Cohort.objects.filter(trainers__isnull=False).values_list("course_id", flat=True).distinct():
        group, _ = Group.objects.get_or_create(name=GROUP_NAME.format(course_id=course_id))
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(group=group, page_id=course_id, permission=permission)
        trainer_ids = Cohort.trainers.through.objects.filter(cohort__course_id=course_id).values_list(
            "user_id", flat=True
        )
        group.user_set.add(*set(trainer_ids))


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")
    Group.objects.filter(name__startswith="Pelatih kursus #").delete()
    trainer = Group.objects.filter(name=TRAINER).first()
    home = Page.objects.filter(depth=2).order_by("path").first()
    if trainer and home:
        for permission in page_permissions(apps):
            GroupPagePermission.objects.get_or_create(group=trainer, page=home, permission=permission)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0009_checkin_confirmation"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
