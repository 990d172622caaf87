"""Outgoing email goes through a background task, enqueued once the transaction
that caused it has committed: a rolled-back sign-up sends nothing, and a slow
SMTP server never holds up a request."""

from functools import partial

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django_tasks import task


@task()
def deliver_email(subject: str, body: str, from_email: str, to: list[str], html: str | None = None) -> None:
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


def send_later(message: EmailMessage) -> None:
    """Queue `message` for delivery after the current transaction commits."""
    html = None
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            html = content
    transaction.on_commit(
        partial(
            deliver_email.enqueue,
            subject=str(message.subject),
            body=message.body,
            from_email=message.from_email,
            to=list(message.to),
            html=html,
        )
    )
