"""Organisers from the issuer text of today's templates, and one attendance minimum.

- Each distinct issuer becomes an Organiser (name, place and logo from its template); each
  course takes the organiser of its certificate template, or the only/first one there is.
- The attendance minimum lives on the course alone: where a course's certificate settings
  overrode it, the override becomes the course's minimum (it was the stricter rule for
  certificates, and certificates are what participants are promised).
- Wording that began "atas partisipasinya dalam" loses those words: the kind now says it.
Page fields are changed on the row and in the latest revision, so the editor shows them.
"""

import re

from django.db import migrations

LEGACY_LEAD = re.compile(r"^\s*atas\s+partisipasinya\s+dalam\s+", re.I)


def short_name(name: str) -> str:
    short = re.sub(r"Dinas Komunikasi,? dan Informatika", "Diskominfo", name, flags=re.I)
    return short[:50]


def set_course_fields(apps, course, **fields):
    Revision = apps.get_model("wagtailcore", "Revision")
    CoursePage = apps.get_model("courses", "CoursePage")
    CoursePage.objects.filter(pk=course.pk).update(
        **{("organiser_id" if name == "organiser" else name): value for name, value in fields.items()}
    )
    if course.latest_revision_id:
        revision = Revision.objects.filter(pk=course.latest_revision_id).first()
        if revision is not None and isinstance(revision.content, dict):
            revision.content.update(fields)
            revision.save(update_fields=["content"])


def forwards(apps, schema_editor):
    Organiser = apps.get_model("lms", "Organiser")
    CertificateTemplate = apps.get_model("certificates", "CertificateTemplate")
    CourseCertificateSettings = apps.get_model("certificates", "CourseCertificateSettings")
    CoursePage = apps.get_model("courses", "CoursePage")

    by_template = {}
    for template in CertificateTemplate.objects.order_by("pk"):
        name = " ".join((template.issuer or "").split()) or "Penyelenggara"
        organiser, _ = Organiser.objects.get_or_create(
            name=name[:200], defaults={"short_name": short_name(name), "place": template.place or ""}
        )
        if organiser.logo_id is None and template.logo_id:
            organiser.logo_id = template.logo_id
            organiser.save(update_fields=["logo"])
        by_template[template.pk] = organiser
        wording = LEGACY_LEAD.sub("", template.wording)
        if wording != template.wording:
            CertificateTemplate.objects.filter(pk=template.pk).update(wording=wording)

    settings_by_course = {row.course_id: row for row in CourseCertificateSettings.objects.all()}
    fallback = Organiser.objects.order_by("pk").first()
    for course in CoursePage.objects.all():
        fields = {}
        settings = settings_by_course.get(course.pk)
        organiser = by_template.get(settings.template_id) if settings else None
        organiser = organiser or fallback
        if course.organiser_id is None and organiser is not None:
            fields["organiser"] = organiser.pk
        if settings is not None and settings.min_attendance_percent is not None:
            fields["min_attendance_percent"] = settings.min_attendance_percent
        if fields:
            set_course_fields(apps, course, **fields)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0003_organiser_fields"),
        ("lms", "0003_organiser"),
        ("courses", "0006_course_organiser"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
