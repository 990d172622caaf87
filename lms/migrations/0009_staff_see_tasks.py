from django.db import migrations


def staff_see_background_tasks(apps, schema_editor):
    """Staff see the task workers and the failed tasks (lms/admin_tasks.py); nobody else does."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name="Staff")
    content_type, _ = ContentType.objects.get_or_create(app_label="lms", model="workerheartbeat")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="view_workerheartbeat", defaults={"name": "Can view task worker"}
    )
    group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("lms", "0008_worker_heartbeat"),
    ]

    operations = [migrations.RunPython(staff_see_background_tasks, migrations.RunPython.noop)]
