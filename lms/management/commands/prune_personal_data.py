from django.core.management.base import BaseCommand

from lms.privacy import prune


class Command(BaseCommand):
    help = (
        "Delete personal-data exports past DATA_EXPORT_DAYS and records of exports and deletions past "
        "PRIVACY_RECORD_DAYS (cron, e.g. daily)."
    )

    def handle(self, *args, **options):
        counts = prune()
        self.stdout.write(
            f"{counts['expired_exports']} expired export(s) deleted, {counts['old_records']} old record(s) deleted."
        )
