"""`manage.py seed_certificate_demo`: a certificate template for the demo, settings for the demo courses
that have none, and the certificates of the demo waves that have ended, rendered at once."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from certificates.issuance import issue_due_for_cohort
from certificates.models import (
    Certificate,
    CertificateKind,
    CertificateStatus,
    CertificateTemplate,
    CourseCertificateSettings,
    Signatory,
)
from certificates.tasks import render_now
from courses.models import Cohort, CoursePage
from demo.content import COURSE_SLUG, PEWARTA_SLUG

DEMO_TEMPLATE = "Sertifikat Diskominfo (demo)"
DEMO_COURSES = [COURSE_SLUG, PEWARTA_SLUG]


class Command(BaseCommand):
    help = (
        f"Create the certificate template '{DEMO_TEMPLATE}' if missing, give the demo courses automatic "
        "completion certificates with it unless they have certificate settings, and issue the certificates due "
        "in their waves that have ended, rendering the PDFs here rather than in a task worker, so they are "
        "ready to download and verify as soon as the site starts. Safe to run again. Refuses to run with "
        "DEBUG off unless --allow-production is given, as `seed_demo` does."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Seed even though DEBUG is off: demo certificates, valid and verifiable, for the demo accounts.",
        )

    def handle(self, *args, allow_production: bool = False, **options):
        if not settings.DEBUG and not allow_production:
            # Certificates issued here verify publicly like real ones, to demo accounts with a public password.
            raise CommandError(
                "Refusing to seed demo certificates: DEBUG is off, so this looks like a production site, and the "
                "certificates issued here verify publicly like real ones. "
                "Run again with --allow-production if you really want them here (after seed_demo --allow-production)."
            )
        with transaction.atomic():
            template, created = CertificateTemplate.objects.get_or_create(name=DEMO_TEMPLATE)
            if created:
                Signatory.objects.create(
                    template=template,
                    name="Dra. Retno Wulandari, M.Si.",
                    position="Kepala Dinas Komunikasi dan Informatika Kota Malang",
                    nip="197305121998032004",
                )
            courses = CoursePage.objects.filter(slug__in=DEMO_COURSES, certificate_settings__isnull=True)
            added = [
                CourseCertificateSettings.objects.create(
                    course=course, template=template, kind=CertificateKind.COMPLETION, issue_automatically=True
                )
                for course in courses
            ]
        issued = self.issue_for_ended_waves()
        rendered = self.render_pending()
        if not settings.DEBUG:
            self.stdout.write(
                "DEBUG is off: these demo certificates verify publicly like real ones; revoke them when done."
            )
        if created or added or issued or rendered:
            self.stdout.write(
                f"Demo certificates: template {'created' if created else 'kept'}, {len(added)} course(s) set up, "
                f"{issued} certificate(s) issued in waves that have ended, {rendered} PDF(s) rendered."
            )

    def issue_for_ended_waves(self) -> int:
        """What `issue_due_certificates` would issue in the demo courses' ended waves, however long ago they ended."""
        issued = 0
        for settings_ in CourseCertificateSettings.objects.filter(course__slug__in=DEMO_COURSES).select_related(
            "template", "course__organiser"
        ):
            for cohort in Cohort.objects.ended().filter(course_id=settings_.course_id).order_by("ends_on", "pk"):
                issued += issue_due_for_cohort(cohort, settings_)
        return issued

    def render_pending(self) -> int:
        """Render the demo courses' certificates still waiting for a PDF now, instead of leaving them to a worker.

        `make run` seeds before it starts `run_worker`; the tasks queued when they were issued find them
        already rendered and do nothing.
        """
        waiting = Certificate.objects.filter(
            enrolment__course__slug__in=DEMO_COURSES, status__in=[CertificateStatus.PENDING, CertificateStatus.FAILED]
        )
        return render_now(list(waiting.values_list("pk", flat=True)))["issued"]
