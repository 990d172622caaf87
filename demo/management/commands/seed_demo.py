"""`manage.py seed_demo`: the demo programme, its waves and accounts, for trying Sinau out (see demo/)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from demo import seeding
from demo.content import DEMO_PASSWORD


class Command(BaseCommand):
    help = (
        "Create the demo programmes 'Sinau TikTok & YouTube' (3 modules, lessons, generated images and PDF "
        "worksheets; waves 'Gelombang 1', registration open, and 'Gelombang 2') and 'Pewarta Warga' (pre-test, "
        "quizzes, an assignment, post-test; an ended, a running and an open wave with live sessions, and demo "
        "participants at each stage), and demo accounts with "
        f"the password '{DEMO_PASSWORD}'. Safe to run again: what exists already (matched by slug, title, "
        "wave name, email or a participant's registration) is left unchanged. Refuses to run with DEBUG off "
        "unless --allow-production is given. `seed_certificate_demo` then issues the ended wave's certificates."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if any course already exists (what `make run` uses).",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Seed even though DEBUG is off. The demo accounts' password is public: anyone can log in with it.",
        )

    def handle(self, *args, if_empty: bool = False, allow_production: bool = False, **options):
        if not settings.DEBUG and not allow_production:
            # The password is printed here and in the repository: on a public site the demo
            # superuser would be anyone's.
            raise CommandError(
                "Refusing to seed the demo: DEBUG is off, so this looks like a production site, and the demo "
                f"accounts (a superuser among them) share a public password ('{DEMO_PASSWORD}'). "
                "Run again with --allow-production if you really want them here."
            )
        try:
            result = seeding.seed(if_empty=if_empty)
        except seeding.DemoSeedError as error:
            raise CommandError(str(error)) from error
        if result.skipped:
            self.stdout.write("A course already exists, so the demo was not seeded (--if-empty).")
            return
        for programme in result.programmes:
            self.report_course(programme)
            self.report_waves(programme)
        if result.images_created or result.documents_created:
            self.stdout.write(
                f"\n{result.images_created} images and {result.documents_created} documents created for them."
            )
        self.report_accounts(result)
        self.report_journeys(result)

    def report_course(self, programme: seeding.ProgrammeSeed) -> None:
        course = programme.course
        if programme.pages_created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"\nSeeded '{course.title}' at {course.url_path.removeprefix('/home')}: "
                    f"{programme.pages_created} pages created."
                )
            )
        else:
            self.stdout.write(f"\nThe course '{course.title}' and all its pages already exist; left unchanged.")

    def report_waves(self, programme: seeding.ProgrammeSeed) -> None:
        rows = [
            (
                cohort.name,
                f"{cohort.starts_on:%Y-%m-%d} to {cohort.ends_on:%Y-%m-%d}",
                f"{timezone.localtime(cohort.registration_opens_at):%Y-%m-%d %H:%M} to "
                f"{timezone.localtime(cohort.registration_closes_at):%Y-%m-%d %H:%M}",
                cohort.mode,
                ", ".join(f"{quota.segment} {quota.seats}" for quota in cohort.quotas.order_by("pk")),
                "created" if created else "(already exists, unchanged)",
            )
            for cohort, created in programme.waves
        ]
        self.stdout.write(f"Waves of '{programme.course.title}' (times in {timezone.get_current_timezone_name()}):")
        self.write_table(("WAVE", "DATES", "REGISTRATION", "MODE", "SEATS", ""), rows)

    def report_journeys(self, result: seeding.SeedResult) -> None:
        """Who is where in the second programme (README, "The demo")."""
        if not result.journeys:
            return
        rows = [
            (
                journey.email,
                enrolment.cohort.name,
                journey.where if created else f"{journey.where} (already there, unchanged)",
            )
            for journey, enrolment, created in result.journeys
        ]
        course = result.journeys[0][1].course
        self.stdout.write(f"\nWho is where in '{course.title}':")
        self.write_table(("PARTICIPANT", "WAVE", "WHERE THEY ARE"), rows)

    def report_accounts(self, result: seeding.SeedResult) -> None:
        rows = [
            (account.email, account.role, DEMO_PASSWORD if created else "(already exists, unchanged)")
            for account, created in result.accounts
        ]
        self.stdout.write("\nDemo logins (log in at /akun/login/; the admin is at /admin/):")
        self.write_table(("EMAIL", "ROLE", "PASSWORD"), rows)
        if any(created for _account, created in result.accounts):
            self.stdout.write(f"All new demo accounts share the password '{DEMO_PASSWORD}'.")
        else:
            self.stdout.write("All demo accounts already exist; none was changed.")
        if not settings.DEBUG:
            self.stdout.write(
                self.style.WARNING(
                    "DEBUG is off: these accounts have a published password. Change or delete them "
                    "before this site is public."
                )
            )

    def write_table(self, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write(("  " + "  ".join(cells)).rstrip())
