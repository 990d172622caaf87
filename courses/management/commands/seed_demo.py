"""`manage.py seed_demo`: the demo programme, its waves and accounts, for trying Sinau out (see courses/demo/)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from courses import demo


class Command(BaseCommand):
    help = (
        "Create the demo programme 'Sinau TikTok & YouTube' (3 modules, lessons, generated images and PDF "
        "worksheets), its waves 'Gelombang 1' (registration open) and 'Gelombang 2', and demo accounts with "
        f"the password '{demo.DEMO_PASSWORD}'. Safe to run again: what exists already (matched by slug, title, "
        "wave name or email) is left unchanged. Refuses to run with DEBUG off unless --allow-production is given."
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
                f"accounts (a superuser among them) share a public password ('{demo.DEMO_PASSWORD}'). "
                "Run again with --allow-production if you really want them here."
            )
        try:
            result = demo.seed(if_empty=if_empty)
        except demo.DemoSeedError as error:
            raise CommandError(str(error)) from error
        if result.skipped:
            self.stdout.write("A course already exists, so the demo was not seeded (--if-empty).")
            return
        self.report_course(result)
        self.report_waves(result)
        self.report_accounts(result)

    def report_course(self, result: demo.SeedResult) -> None:
        course = result.course
        if result.pages_created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Seeded '{course.title}' at {course.url_path.removeprefix('/home')}: "
                    f"{result.pages_created} pages, {result.images_created} images, "
                    f"{result.documents_created} documents created."
                )
            )
        else:
            self.stdout.write(f"The course '{course.title}' and all its pages already exist; left unchanged.")

    def report_waves(self, result: demo.SeedResult) -> None:
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
            for cohort, created in result.waves
        ]
        self.stdout.write(f"\nWaves of '{result.course.title}' (times in {timezone.get_current_timezone_name()}):")
        self.write_table(("WAVE", "DATES", "REGISTRATION", "MODE", "SEATS", ""), rows)

    def report_accounts(self, result: demo.SeedResult) -> None:
        rows = [
            (account.email, account.role, demo.DEMO_PASSWORD if created else "(already exists, unchanged)")
            for account, created in result.accounts
        ]
        self.stdout.write("\nDemo logins (log in at /akun/login/; the admin is at /admin/):")
        self.write_table(("EMAIL", "ROLE", "PASSWORD"), rows)
        if any(created for _account, created in result.accounts):
            self.stdout.write(f"All new demo accounts share the password '{demo.DEMO_PASSWORD}'.")
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
