"""Give the Staff group its permissions on certificates, their templates and course settings."""

from django.db import migrations

MODELS = {
    "certificate": ("certificate", ["add", "change", "view"]),
    "certificatetemplate": ("certificate template", ["add", "change", "delete", "view"]),
    "coursecertificatesettings": ("course certificate settings", ["add", "change", "delete", "view"]),
    "issuancebatch": ("issuance batch", ["add", "view"]),
}


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name="Staff")
    for model, (verbose, actions) in MODELS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="certificates", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {verbose}"}
            )
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("certificates", "0001_certificates"), ("courses", "0004_registration_permissions")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
