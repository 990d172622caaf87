"""One serial counter per canonical pattern: spellings that print the same serials share one.

Counters of spellings that mean the same ({seq:05} and {seq:05d}) are merged into one row
keeping the highest number used, so no number already on a certificate is handed out again.
"""

from django.db import migrations, models


def merge_counters(apps, schema_editor):
    from certificates.numbers import canonical_pattern

    SerialCounter = apps.get_model("certificates", "SerialCounter")
    highest = {}
    for counter in SerialCounter.objects.all():
        key = (canonical_pattern(counter.pattern), counter.year)
        highest[key] = max(highest.get(key, 0), counter.last_value)
    SerialCounter.objects.all().delete()
    SerialCounter.objects.bulk_create(
        SerialCounter(pattern=pattern, year=year, last_value=last) for (pattern, year), last in highest.items()
    )


class Migration(migrations.Migration):
    dependencies = [("certificates", "0006_field_and_model_names")]

    operations = [
        migrations.AlterField(
            model_name="serialcounter",
            name="pattern",
            field=models.CharField(max_length=120, verbose_name="serial pattern"),
        ),
        migrations.RunPython(merge_counters, migrations.RunPython.noop),
    ]
