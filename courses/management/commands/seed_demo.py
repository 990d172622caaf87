"""`manage.py seed_demo`: the demo programme and accounts, for trying Sinau out (see courses/demo.py)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from courses import demo


class Command(BaseCommand):
    help = (
        "Create the demo programme 'Sinau TikTok & YouTube' (3 modules, lessons, generated images and PDF "
        f"worksheets) and demo accounts with the password '{demo.DEMO_PASSWORD}'. Safe to run again: what "
        "exists already (matched by slug, title or email) is left unchanged."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if any course already exists (what `make run` uses).",
        )

    def handle(self, *args, if_empty: bool = False, **options):
        try:
            result = demo.seed(if_empty=if_empty)
        except demo.DemoSeedError as error:
            raise CommandError(str(error)) from error
        if result.skipped:
            self.stdout.write("A course already exists, so the demo was not seeded (--if-empty).")
            return
        self.report_course(result)
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

    def report_accounts(self, result: demo.SeedResult) -> None:
        rows = [
            (account.email, account.role, demo.DEMO_PASSWORD if created else "(already exists, unchanged)")
            for account, created in result.accounts
        ]
        widths = [max(len(row[i]) for row in [("EMAIL", "ROLE", "PASSWORD"), *rows]) for i in range(3)]
        self.stdout.write("\nDemo logins (log in at /akun/login/; the admin is at /admin/):")
        for row in [("EMAIL", "ROLE", "PASSWORD"), *rows]:
            cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write(("  " + "  ".join(cells)).rstrip())
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
