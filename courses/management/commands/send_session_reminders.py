"""`manage.py send_session_reminders`: remind participants of tomorrow's live sessions."""

from django.core.management.base import BaseCommand

from courses.schedule import send_session_reminders


class Command(BaseCommand):
    help = (
        "Email each active or completed participant of a wave a reminder of every live session "
        "of the wave that starts in the next 24 hours, with its time, place or meeting link. "
        "Run it every few minutes (e.g. cron '*/5 * * * *'; `make run` runs it in its loop): "
        "each person is reminded once per session and start time, however often it runs. "
        "The emails are sent by the task worker."
    )

    def handle(self, *args, **options):
        made = send_session_reminders()
        self.stdout.write(f"Queued {made} session reminder(s).")
