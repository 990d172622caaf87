from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from lms.storage import lazy_private_storage
from lms.validators import normalise_whatsapp, validate_nip, validate_whatsapp


class Segment(models.TextChoices):
    """Who a participant is, for seat quotas and the budget report."""

    PUBLIC = "public", _("General public")
    ASN = "asn", _("Civil servant (ASN)")
    UMKM = "umkm", _("Small business owner (UMKM)")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("full_name", "Administrator")
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account: participant, trainer or staff.

    `full_name` is printed on certificates exactly as written here. Once a
    certificate has been issued it is locked (`full_name_locked_at`); a correction
    then goes through staff, who re-issue the certificate.
    """

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(
        _("name for certificates"),
        max_length=150,
        help_text=_("Your full name exactly as it should be printed on certificates."),
    )
    whatsapp = models.CharField(
        _("WhatsApp number"),
        max_length=16,
        blank=True,
        validators=[validate_whatsapp],
        help_text=_("For example 0812 3456 7890; saved as +62…"),
    )
    segment = models.CharField(_("segment"), max_length=16, choices=Segment.choices, default=Segment.PUBLIC)
    nip = models.CharField(
        _("NIP"),
        max_length=18,
        blank=True,
        validators=[validate_nip],
        help_text=_("18-digit civil servant ID number (ASN only)."),
    )
    opd = models.CharField(
        _("agency (OPD)"), max_length=200, blank=True, help_text=_("Your government agency (ASN only).")
    )
    business_name = models.CharField(_("business name"), max_length=200, blank=True)
    district = models.CharField(_("district (kecamatan)"), max_length=100, blank=True)
    privacy_consent_at = models.DateTimeField(_("privacy notice accepted at"), null=True, blank=True)
    full_name_locked_at = models.DateTimeField(
        _("name locked at"),
        null=True,
        blank=True,
        help_text=_("Set when a certificate is issued; the participant can no longer change the name."),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the emails and notices this person gets; set by the language switcher."),
    )
    # Raised by "Keluar dari semua perangkat" (lms.sessions): every session's stored hash stops matching.
    session_epoch = models.PositiveIntegerField(_("session generation"), default=0, editable=False)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # Empty NIPs are many; a real NIP belongs to one person only.
            models.UniqueConstraint(
                fields=["nip"],
                condition=~Q(nip=""),
                name="lms_user_nip_unique",
                violation_error_message=_("This NIP is already registered to another account."),
            ),
            models.CheckConstraint(
                condition=Q(segment="asn") | Q(nip=""),
                name="lms_user_nip_only_for_asn",
                violation_error_message=_("Only civil servants (ASN) fill in a NIP."),
            ),
        ]

    def __str__(self):
        return self.full_name or self.email

    def _get_session_auth_hash(self, secret=None):
        """Django's session hash (an HMAC of the password), with the session generation mixed in once raised.

        A new password or a new generation changes the hash, and AuthenticationMiddleware then
        ends every session that stored the old one. At generation 0 it is Django's own hash, so
        sessions from before the field stay valid.
        """
        if not self.session_epoch:
            return super()._get_session_auth_hash(secret=secret)
        return salted_hmac(
            "lms.User.session_auth_hash", f"{self.session_epoch}:{self.password}", secret=secret, algorithm="sha256"
        ).hexdigest()

    def clean(self):
        super().clean()
        self.full_name = " ".join(self.full_name.split())
        errors = {}
        if not self.full_name:
            errors["full_name"] = _("Enter your name as it should be printed on certificates.")
        if self.whatsapp:
            try:
                self.whatsapp = normalise_whatsapp(self.whatsapp)
            except ValidationError as error:
                errors["whatsapp"] = error
        if self.segment == Segment.ASN:
            if not self.nip:
                errors["nip"] = _("Civil servants (ASN) must enter their 18-digit NIP.")
            elif type(self).objects.exclude(pk=self.pk).filter(nip=self.nip).exists():
                # Said here, on the field, rather than by the constraint's form-wide error.
                errors["nip"] = _("This NIP is already registered to another account.")
            if not self.opd.strip():
                errors["opd"] = _("Civil servants (ASN) must enter their agency (OPD).")
        elif self.nip:
            errors["nip"] = _("Only civil servants (ASN) fill in a NIP; leave it empty.")
        if self.segment == Segment.UMKM and not self.business_name.strip():
            errors["business_name"] = _("Small business owners (UMKM) must enter their business name.")
        if errors:
            raise ValidationError(errors)

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_full_name_locked(self) -> bool:
        """Whether the certificate name can only be changed by staff."""
        return self.full_name_locked_at is not None

    def lock_full_name(self) -> None:
        """Freeze the certificate name (called when a certificate is issued)."""
        if self.full_name_locked_at is None:
            self.full_name_locked_at = timezone.now()
            type(self).objects.filter(pk=self.pk).update(full_name_locked_at=self.full_name_locked_at)


class Organiser(models.Model):
    """An office (OPD) that runs programmes and issues their certificates, e.g. a city's Diskominfo.

    Courses belong to one; their certificates print its name, place and logo. Built for one
    office today; staff and page-tree sections per organiser come later.
    """

    name = models.CharField(
        _("name"), max_length=200, unique=True, help_text=_("e.g. Dinas Komunikasi dan Informatika Kota Malang")
    )
    short_name = models.CharField(_("short name"), max_length=50, help_text=_("e.g. Diskominfo Kota Malang"))
    place = models.CharField(
        _("place"), max_length=100, help_text=_("The city printed before the date on certificates, e.g. Malang.")
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")
        ordering = ["name"]

    def __str__(self):
        return self.name


class NoticeKind(models.TextChoices):
    """Every notice Sinau sends; each has templates/notices/<kind>_subject.txt and <kind>.txt."""

    REGISTERED_SEAT = "registered_seat", _("Registered with a seat")
    REGISTERED_WAITLIST = "registered_waitlist", _("Registered on the waitlist")
    REGISTERED_PENDING = "registered_pending", _("Registration waiting for approval")
    NOMINATED = "nominated", _("Nominated by their agency")
    APPROVED = "approved", _("Registration approved")
    REJECTED = "rejected", _("Registration rejected")
    PROMOTED = "promoted", _("Seat from the waitlist")
    MOVED = "moved", _("Moved to another wave")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SESSION_REMINDER = "session_reminder", _("Live session reminder")
    ANNOUNCEMENT = "announcement", _("Announcement")
    SUBMISSION_REVIEWED = "submission_reviewed", _("Assignment reviewed")
    SUBMISSION_DIGEST = "submission_digest", _("Assignments to review (trainers)")
    CERTIFICATE_ISSUED = "certificate_issued", _("Certificate ready")
    DATA_EXPORT_READY = "data_export_ready", _("Personal data ready to download")


class NoticeQuerySet(models.QuerySet):
    def for_recipient(self, user):
        """The notices `user` got, newest first."""
        return self.filter(recipient=user).order_by("-created_at", "-pk")


class Notice(models.Model):
    """One message to one person about one thing, sent by email and listed on "Pemberitahuan".

    The row is made in the transaction of the event it tells about, and (kind, recipient,
    key) is unique, so an event handled twice makes one row; the send task locks the row
    and sends only what has not been sent (lms/notices.py). `subject` and `body` hold the
    text as last sent, with one-time links left out.
    """

    kind = models.CharField(_("kind"), max_length=32, choices=NoticeKind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="notices"
    )
    key = models.CharField(_("key"), max_length=120, help_text=_("What the notice is about, e.g. courses.enrolment:42"))
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("about (type)"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("about (ID)"), null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    context = models.JSONField(_("details"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    subject = models.TextField(_("subject"), blank=True)
    body = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("last sent at"), null=True, blank=True)
    send_count = models.PositiveIntegerField(_("times sent"), default=0)
    resent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last resent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resent_at = models.DateTimeField(_("resend asked at"), null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "recipient", "key"], name="lms_notice_once_per_kind_person_key")
        ]
        indexes = [models.Index(fields=["recipient", "-created_at"], name="lms_notice_recipient_newest")]
        permissions = [("resend_notice", "Can send a notice again")]

    def __str__(self):
        return self.subject or self.get_kind_display()

    @property
    def resend_count(self) -> int:
        """How many times the notice was sent again after the first time."""
        return max(self.send_count - 1, 0)


def private_storage():
    """The private storage (callable, so migrations name this function rather than a location)."""
    return lazy_private_storage


class PrivacyRequest(models.Model):
    """A person's request under UU PDP, and its record: an export of their data or an erasure.

    An export's ZIP lives in private storage until `expires_at` (settings.DATA_EXPORT_DAYS); an
    erasure keeps who asked, who ran it and what was erased (`summary`), never what was there.
    The rows are kept for settings.PRIVACY_RECORD_DAYS (lms/privacy.py: prune).
    """

    class Kind(models.TextChoices):
        EXPORT = "export", _("Export of personal data")
        ERASURE = "erasure", _("Account deletion")

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")
        DONE = "done", _("Done")
        EXPIRED = "expired", _("Expired")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="privacy_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(_("file"), storage=private_storage, upload_to="exports/", blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_downloadable(self) -> bool:
        """An export whose ZIP is ready and not yet expired."""
        return (
            self.kind == self.Kind.EXPORT
            and self.status == self.Status.READY
            and bool(self.file)
            and self.expires_at is not None
            and self.expires_at > timezone.now()
        )


class WorkerHeartbeat(models.Model):
    """A task worker that says it is alive (`manage.py run_worker`, lms/workers.py).

    Its thread moves `last_seen` every WORKER_HEARTBEAT_SECONDS; a worker silent for longer than
    WORKER_SILENCE_SECONDS is taken for dead and its running tasks are queued again.
    """

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    hostname = models.CharField(_("host"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process id"), null=True)
    started_at = models.DateTimeField(_("started at"))
    last_seen = models.DateTimeField(_("last seen"), db_index=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("task worker")
        verbose_name_plural = _("task workers")
        ordering = ["-last_seen"]

    def __str__(self):
        return self.worker_id
