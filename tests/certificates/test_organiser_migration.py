"""The data migration that makes organisers from today's issuer text and keeps one attendance minimum."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from courses.models import CoursePage
from lms.models import Organiser
from tests.factories import build_course

BEFORE = [("certificates", "0003_organiser_fields")]
LATEST = [("certificates", "0005_issuer_from_organiser")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_issuer_text_becomes_the_courses_organiser_and_the_certificate_minimum_the_courses():
    course = build_course(title="Konten Kota Malang")
    course.save_revision()
    CoursePage.objects.filter(pk=course.pk).update(organiser=None, min_attendance_percent=0)
    Organiser.objects.all().delete()
    old = migrate(BEFORE)
    template = old.get_model("certificates", "CertificateTemplate").objects.create(
        name="Lama",
        issuer="Dinas Komunikasi dan Informatika Kota Malang",
        place="Malang",
        wording="atas partisipasinya dalam pelatihan <strong>{pelatihan}</strong>.",
    )
    old.get_model("certificates", "CourseCertificateSettings").objects.create(
        course_id=course.pk, template=template, kind="participation", min_attendance_percent=75
    )
    try:
        migrate(LATEST)
    finally:
        migrate(LATEST)  # leave the schema as the other tests expect it, even on failure
    malang = Organiser.objects.get()
    assert (malang.name, malang.short_name, malang.place) == (
        "Dinas Komunikasi dan Informatika Kota Malang",
        "Diskominfo Kota Malang",
        "Malang",
    )
    course = CoursePage.objects.get(pk=course.pk)
    assert (course.organiser, course.min_attendance_percent) == (malang, 75)
    draft = course.get_latest_revision_as_object()  # what the editor opens
    assert (draft.organiser_id, draft.min_attendance_percent) == (malang.pk, 75)
    from certificates.models import CertificateTemplate

    assert CertificateTemplate.objects.get().wording == "pelatihan <strong>{pelatihan}</strong>."
