from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("lms", "0005_notice_field_names")]

    operations = [
        migrations.AddField(
            model_name="user",
            name="session_epoch",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="session generation"),
        ),
    ]
