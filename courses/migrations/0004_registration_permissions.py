"""Give the Staff and Trainer groups their permissions on waves and registrants."""

from django.db import migrations

PERMISSIONS = {
    "Staff": {
        "cohort": ["add_cohort", "change_cohort", "delete_cohort", "view_cohort", "view_all_cohorts"],
        "enrolment": ["view_enrolment", "change_enrolment", "view_full_nip"],
    },
    # Trainers see the waves they teach (filtered by CohortQuerySet.visible_to) and
    # their registrants, with NIPs masked; they change nothing here.
    "Trainer": {"cohort": ["view_cohort"], "enrolment": ["view_enrolment"]},
}


NAMES = {
    "view_all_cohorts": "Can see every wave and its registrants",
    "view_full_nip": "Can see registrants' full NIP",
}
VERBOSE = {"cohort": "wave", "enrolment": "registrant"}


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group_name, models in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for model, codenames in models.items():
            content_type, _ = ContentType.objects.get_or_create(app_label="courses", model=model)
            for codename in codenames:
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=codename,
                    defaults={"name": NAMES.get(codename, f"Can {codename.split('_')[0]} {VERBOSE[model]}")},
                )
                group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("courses", "0003_cohorts_and_enrolment")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
