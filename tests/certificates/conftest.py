"""Fixtures for certificates: a template with a signatory, per-course settings, a completed enrolment."""

import pytest

from certificates.models import CertificateTemplate, CourseCertificateSettings, Signatory


def build_template(name="Sertifikat Kominfo", **fields):
    template = CertificateTemplate.objects.create(name=name, **fields)
    Signatory.objects.create(
        template=template, name="Drs. Budi Santoso, M.Si.", position="Kepala Dinas", nip="197001011990031001"
    )
    return template


def certificate_settings_for(course, template=None, **fields):
    fields.setdefault("issue_automatically", True)
    return CourseCertificateSettings.objects.create(course=course, template=template or build_template(), **fields)


def complete_course(enrolment):
    """Complete every lesson of the enrolment's course (and so the enrolment)."""
    from courses.progress import complete_lesson

    for lesson in enrolment.course.get_lessons():
        complete_lesson(enrolment, lesson)
    enrolment.refresh_from_db()
    return enrolment


@pytest.fixture
def cohort(course):
    """A wave that ended yesterday: certificates are issued only once a wave has ended."""
    from tests.factories import build_cohort

    return build_cohort(course, ended=True)


@pytest.fixture
def certificate_template(db):
    return build_template()


@pytest.fixture
def course_settings(course, certificate_template):
    return certificate_settings_for(course, certificate_template)


@pytest.fixture
def completed_enrolment(enrolment, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        complete_course(enrolment)
    return enrolment
