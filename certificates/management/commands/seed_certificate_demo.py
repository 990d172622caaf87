"""`manage.py seed_certificate_demo`: a certificate template for the demo, and settings for courses that have none."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from certificates.models import CertificateKind, CertificateTemplate, CourseCertificateSettings, Signatory
from courses.demo.content import COURSE_SLUG
from courses.models import CoursePage

DEMO_TEMPLATE = "Sertifikat Diskominfo (demo)"


class Command(BaseCommand):
    help = (
        f"Create the certificate template '{DEMO_TEMPLATE}' if missing, and give the demo course automatic "
        "completion certificates with it unless it has certificate settings. Refuses to run with DEBUG off."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Refusing to seed demo certificate settings: DEBUG is off.")
        template, created = CertificateTemplate.objects.get_or_create(name=DEMO_TEMPLATE)
        if created:
            Signatory.objects.create(
                template=template,
                name="Dra. Retno Wulandari, M.Si.",
                position="Kepala Dinas Komunikasi dan Informatika Kota Malang",
                nip="197305121998032004",
            )
        courses = CoursePage.objects.filter(slug=COURSE_SLUG, certificate_settings__isnull=True)
        added = [
            CourseCertificateSettings.objects.create(
                course=course, template=template, kind=CertificateKind.COMPLETION, issue_automatically=True
            )
            for course in courses
        ]
        if created or added:
            self.stdout.write(
                f"Demo certificates: template {'created' if created else 'kept'}, {len(added)} course(s) set up."
            )
