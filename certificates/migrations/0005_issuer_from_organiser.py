from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("certificates", "0004_organisers_from_issuers")]

    operations = [
        migrations.RemoveField(model_name="certificatetemplate", name="issuer"),
        migrations.RemoveField(model_name="certificatetemplate", name="logo"),
        migrations.RemoveField(model_name="certificatetemplate", name="place"),
        migrations.RemoveField(model_name="coursecertificatesettings", name="min_attendance_percent"),
    ]
