"""Notices: the one way Sinau tells a person about something, by email and on "Pemberitahuan".

    notify(kind, recipient, obj, context={...})

is called inside the transaction of the event it tells about (an enrolment, a review, a
certificate...). It makes a `Notice` row keyed by (kind, recipient, obj [+ key]) and, once
the transaction commits, queues `send_notice`. So:

- a rolled-back event leaves no notice and sends nothing;
- an event handled twice (a retried task, a doubled click, a cron job run again) finds the
  first row and queues nothing more: the unique constraint decides, also between
  concurrent transactions (the second waits on the first's row and then finds it);
- a send task run twice sends once: it locks the row (SELECT ... FOR UPDATE) and sends only
  a delivery that has not been made (`send_count`), in the same transaction that records it.
  If the mail server fails, the transaction rolls back and the next attempt sends.

The subject and body come from templates/notices/<kind>_subject.txt and <kind>.txt, rendered
by the task in the recipient's language (`User.language`, Indonesian unless they chose
English). The templates get the notice's stored `context` (what was true at the event: a
waitlist position, a reason), the object itself under its model name (e.g. `enrolment`) and as
`object`, `recipient`, `site_url`, and whatever a context builder registered for the kind
adds (`@context_builder(kind)`: e.g. a fresh set-password link, computed at each send).

Staff send a notice again with `resend()`: the same row, sent once more and counted.
"""

from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from lms.models import Notice, NoticeKind

ContextBuilder = Callable[[Notice], dict]
_builders: dict[str, ContextBuilder] = {}

# Context values that are one-time secrets (a link that sets the account's password): they go
# in the email only, never into the text kept on the row and shown on the site or the admin.
SECRET_NAMES = ("set_password_url",)


def context_builder(kind: str) -> Callable[[ContextBuilder], ContextBuilder]:
    """Register a function that adds template context for `kind` at each send (in the worker)."""

    def register(builder: ContextBuilder) -> ContextBuilder:
        _builders[kind] = builder
        return builder

    return register


def notice_key(obj=None, key: str = "") -> str:
    """The unique part of a notice after (kind, recipient): the object's label and id, plus `key`."""
    parts = [f"{obj._meta.label_lower}:{obj.pk}" if obj is not None else "", key]
    return "/".join(part for part in parts if part)


def notify(kind: str, recipient, obj=None, *, key: str = "", context: dict | None = None) -> Notice:
    """Record that `recipient` is to be told `kind` about `obj`, and send it after commit.

    Call it inside the event's transaction. `key` tells apart notices of one kind about one
    object (e.g. a session's start time); `context` (JSON) keeps what was true at the event.
    The same (kind, recipient, obj, key) again returns the first notice and sends nothing.
    """
    if kind not in NoticeKind.values:
        raise ValueError(f"Unknown notice kind: {kind!r}")
    notice, created = Notice.objects.get_or_create(
        kind=kind,
        recipient=recipient,
        key=notice_key(obj, key),
        defaults={"target": obj, "context": context or {}},
    )
    if created:
        transaction.on_commit(partial(send_notice.enqueue, notice.pk))
    return notice


def resend(notice: Notice, *, actor) -> None:
    """Send `notice` once more (staff's "Kirim ulang"): the same row, its count raised when sent.

    Two requests at once ask for the same next delivery, and the task makes it once.
    """
    with transaction.atomic():
        locked = Notice.objects.select_for_update().get(pk=notice.pk)
        locked.resent_by, locked.resent_at = actor, timezone.now()
        locked.save(update_fields=["resent_by", "resent_at"])
        transaction.on_commit(partial(send_notice.enqueue, locked.pk, delivery=locked.send_count + 1))


@task()
def send_notice(notice_id: int, delivery: int = 1) -> bool:
    """Make delivery number `delivery` of the notice (1 = the first), unless it has been made.

    Returns whether an email was sent. Inactive accounts and accounts without an address get
    none; their notices stay listed on the site.
    """
    with transaction.atomic():
        notice = Notice.objects.select_for_update().filter(pk=notice_id).first()
        if notice is None or notice.send_count >= delivery:
            return False
        recipient = notice.recipient
        if not (recipient.is_active and recipient.email):
            return False
        subject, body, kept_body = render(notice)
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email]).send()
        now = timezone.now()
        notice.subject, notice.body = subject, kept_body
        notice.sent_at = notice.sent_at or now
        notice.last_sent_at = now
        notice.send_count += 1
        notice.save(update_fields=["subject", "body", "sent_at", "last_sent_at", "send_count"])
    return True


def render(notice: Notice) -> tuple[str, str, str]:
    """The subject, the email's body and the body as kept (secrets left out), in the recipient's language."""
    recipient = notice.recipient
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        context = {**notice.context, "notice": notice, "recipient": recipient, "site_url": settings.SITE_URL}
        target = notice.target
        context["object"] = target
        if target is not None:
            context[target._meta.model_name] = target
        builder = _builders.get(notice.kind)
        if builder is not None:
            context.update(builder(notice))
        # A subject is one line: a title pasted with a line break must not break the header.
        subject = " ".join(render_to_string(f"notices/{notice.kind}_subject.txt", context).split())
        body = render_to_string(f"notices/{notice.kind}.txt", context)
        kept_body = body
        for name in SECRET_NAMES:
            if context.get(name):
                kept_body = kept_body.replace(context[name], _("(a personal link, sent by email only)"))
    return subject, body, kept_body


# --- Context that lms owns --------------------------------------------------------------


@context_builder(NoticeKind.NOMINATED)
def account_links(notice: Notice) -> dict:
    """Where a nominated person logs in, and, while their account has no password, a link
    that sets one: allauth's password-reset link, made as allauth makes it, fresh at each send
    (it expires after PASSWORD_RESET_TIMEOUT and once the password is set or they log in)."""
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    user = notice.recipient
    links = {
        "login_url": settings.SITE_URL + reverse("account_login"),
        "reset_url": settings.SITE_URL + reverse("account_reset_password"),
    }
    if not user.has_usable_password():
        path = reverse(
            "account_reset_password_from_key",
            kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
        )
        links["set_password_url"] = settings.SITE_URL + path
    return links


def confirm_address_on_password_reset(sender, request, user, **kwargs):
    """A password set through a link mailed to the account's only address proves that address.

    Connected to allauth's `password_reset` signal (lms/apps.py). Nominated civil servants set
    their first password through the link above; without this they would be asked to confirm
    the same address again before their first login. With more than one address we cannot
    tell which one the link went to, so nothing is confirmed.
    """
    from allauth.account.models import EmailAddress

    addresses = list(EmailAddress.objects.filter(user=user))
    if len(addresses) > 1 or (addresses and addresses[0].email.lower() != user.email.lower()):
        return
    if addresses:
        EmailAddress.objects.filter(pk=addresses[0].pk).update(verified=True, primary=True)
    else:
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
