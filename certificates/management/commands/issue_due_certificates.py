"""`manage.py issue_due_certificates`: automatic issuance, run from cron and by `make run`'s loop.

Issues, for every wave that has ended (within the last 30 days) in a course whose certificate
settings say "issue automatically", a certificate to each participant who has met the
requirements and has none yet. Idempotent, and safe to run twice at once: each wave's row
is locked while its certificates are made.
"""

from django.core.management.base import BaseCommand

from certificates.issuance import issue_due


class Command(BaseCommand):
    help = "Issue the certificates now due in waves that have ended (courses that issue automatically)."

    def handle(self, *args, **options):
        issued = issue_due()
        total = sum(issued.values())
        for cohort, count in issued.items():
            if count:
                self.stdout.write(f"{cohort}: {count} certificate(s) issued")
        if total or options["verbosity"] > 1:
            self.stdout.write(f"{total} certificate(s) issued in {len(issued)} ended wave(s).")
