"""`manage.py lapse_unconfirmed_asn`: free ASN seats held too long on an unconfirmed NIP."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from courses.enrolment import lapse_unconfirmed_asn


class Command(BaseCommand):
    help = (
        "Withdraw every ASN registration whose NIP nobody has confirmed (staff, or the nominating "
        "office's import) within ASN_UNCONFIRMED_HOLD_HOURS of getting its seat; the first person "
        "waiting in the segment takes the seat, and both are told. Run it every few minutes "
        "(cron '*/5 * * * *'; `make run` runs it in its loop)."
    )

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):  # the reason is stored as the participant reads it
            lapsed = lapse_unconfirmed_asn()
        self.stdout.write(f"Lapsed {lapsed} unconfirmed ASN registration(s).")
