from django.core.management.base import BaseCommand

from certificates.tasks import retry_stalled


class Command(BaseCommand):
    help = "Queue again the certificates whose PDF is still pending or failed (e.g. after a storage outage)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            help="Also retry failed certificates now that are waiting for their next automatic attempt.",
        )

    def handle(self, *args, **options):
        queued = retry_stalled(include_waiting=options["all"])
        self.stdout.write(f"{queued} certificate(s) queued for rendering.")
