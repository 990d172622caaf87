"""`manage.py send_submission_digest`: email trainers the assignments waiting for their review."""

from django.core.management.base import BaseCommand, CommandError

from courses.review import send_submission_digest

# Longer than a year would announce submissions long reviewed; far longer overflows a date.
MAX_HOURS = 366 * 24


class Command(BaseCommand):
    help = (
        "Email each trainer one digest of the assignments sent in their waves in the last 24 hours "
        "(see --hours) that are still waiting for review, with a link to the review queue. Run it once a "
        "day (e.g. cron '0 7 * * *'), so each submission is announced once; a submission reviewed before "
        "the digest runs is left out. Waves without trainers get no digest: staff see them in the review "
        "queue. The emails are sent by the task worker."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=int,
            default=24,
            help="Announce submissions sent in this many past hours (default 24: run the command daily).",
        )

    def handle(self, *args, hours: int = 24, **options):
        if not 1 <= hours <= MAX_HOURS:
            raise CommandError(f"--hours must be between 1 and {MAX_HOURS} (a year); {hours} was given.")
        sent = send_submission_digest(hours=hours)
        self.stdout.write(f"Queued {sent} digest email(s) for trainers.")
