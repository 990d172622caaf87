import certificates.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("certificates", "0002_staff_permissions")]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="place",
            field=models.CharField(blank=True, max_length=100, verbose_name="place"),
        ),
        migrations.AddField(
            model_name="issuancebatch",
            name="early_reason",
            field=models.TextField(
                blank=True,
                help_text="Empty when the wave had ended.",
                verbose_name="reason for issuing before the wave ends",
            ),
        ),
        migrations.AlterField(
            model_name="certificatetemplate",
            name="wording",
            field=models.TextField(
                default="pelatihan <strong>{pelatihan}</strong> ({gelombang}) yang diselenggarakan oleh {penyelenggara} pada {tanggal_mulai} sampai dengan {tanggal_selesai} sebanyak {jp} jam pelajaran (JP).",
                help_text="Printed after the participant's name and the kind's words (e.g. “telah menyelesaikan dengan baik”). Simple HTML is allowed. Placeholders: {nama}, {pelatihan}, {gelombang}, {tanggal_mulai}, {tanggal_selesai}, {jp}, {nomor}, {penyelenggara}.",
                validators=[certificates.models.validate_wording],
                verbose_name="wording",
            ),
        ),
        migrations.AlterField(
            model_name="coursecertificatesettings",
            name="issue_automatically",
            field=models.BooleanField(
                default=False,
                help_text="When a wave ends, issue a certificate to every participant who has met the requirements.",
                verbose_name="issue automatically",
            ),
        ),
        migrations.AlterField(
            model_name="coursecertificatesettings",
            name="kind",
            field=models.CharField(
                choices=[("participation", "Participation"), ("completion", "Completion")],
                default="completion",
                help_text="Participation: attendance at least the course's minimum. Completion: the same, and every required lesson done (quizzes passed, assignments approved).",
                max_length=15,
                verbose_name="kind",
            ),
        ),
    ]
