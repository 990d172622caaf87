"""E-certificates: templates, per-course settings, issued certificates and their audit trail.

`courses` never imports this app: per-course settings point at the course from here, and
issuance listens to `courses.signals.course_completed`.
"""

import re

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, PreviewableMixin

from certificates.wording import (  # noqa: F401 (migrations and callers name them here)
    DEFAULT_SERIAL_PATTERN,
    DEFAULT_WORDING,
    KIND_TEXT,
    KIND_WORDS_RE,
    PLACEHOLDER_RE,
    PLACEHOLDERS,
    CertificateKind,
    validate_serial_pattern,
    validate_wording,
)
from lms.storage import lazy_private_storage


class CertificateTemplate(PreviewableMixin, ClusterableModel):
    """The look and wording of a certificate (a snippet edited by staff)."""

    name = models.CharField(_("name"), max_length=100, unique=True, help_text=_("For staff only."))
    title = models.CharField(_("title"), max_length=100, default="SERTIFIKAT")
    wording = models.TextField(
        _("wording"),
        validators=[validate_wording],
        default=DEFAULT_WORDING,
        help_text=_(
            "Printed after the participant's name and the kind's words (e.g. “telah menyelesaikan dengan baik”). "
            "Simple HTML is allowed. Placeholders: {nama}, {pelatihan}, {gelombang}, {tanggal_mulai}, "
            "{tanggal_selesai}, {jp}, {nomor}, {penyelenggara}."
        ),
    )
    background_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("background image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A4 landscape, e.g. 3508 x 2480 pixels."),
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default="#1d4e89",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour such as #1d4e89."))],
    )
    extra_css = models.TextField(
        _("extra CSS"),
        blank=True,
        help_text=_("Advanced: styles added to the certificate page. Only the site's own files can be used."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        FieldPanel("name"),
        MultiFieldPanel([FieldPanel("title"), FieldPanel("wording")], heading=_("Wording")),
        MultiFieldPanel([FieldPanel("background_image"), FieldPanel("accent_colour")], heading=_("Layout")),
        InlinePanel("signatories", label=_("Signatories"), min_num=1, max_num=3),
        FieldPanel("extra_css"),
    ]

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_preview_template(self, request, mode_name):
        # The admin's preview views (certificates.admin.viewsets.PdfPreviewMixin) answer with
        # the real PDF and never reach the template-based default of PreviewableMixin.
        return "certificates/certificate.html"


class Signatory(Orderable):
    template = ParentalKey(
        CertificateTemplate, verbose_name=_("template"), on_delete=models.CASCADE, related_name="signatories"
    )
    name = models.CharField(_("name"), max_length=150)
    position = models.CharField(_("title"), max_length=200, help_text=_("e.g. Kepala Dinas Kominfo Kota ..."))
    nip = models.CharField(
        _("NIP"), max_length=18, blank=True, validators=[RegexValidator(r"^\d{18}$", _("A NIP has 18 digits."))]
    )
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("position")]), FieldPanel("nip"), FieldPanel("signature")]

    class Meta(Orderable.Meta):
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def __str__(self):
        return self.name


class CourseCertificateSettings(models.Model):
    """Whether and how a course issues certificates."""

    course = models.OneToOneField(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE, related_name="certificate_settings"
    )
    template = models.ForeignKey(CertificateTemplate, verbose_name=_("template"), on_delete=models.PROTECT)
    kind = models.CharField(
        _("kind"),
        max_length=15,
        choices=CertificateKind.choices,
        default=CertificateKind.COMPLETION,
        help_text=_(
            "Participation: attendance at least the course's minimum. Completion: the same, and every required "
            "lesson done (quizzes passed, assignments approved)."
        ),
    )
    issue_automatically = models.BooleanField(
        _("issue automatically"),
        default=False,
        help_text=_("When a wave ends, issue a certificate to every participant who has met the requirements."),
    )
    serial_pattern = models.CharField(
        _("serial number pattern"),
        max_length=60,
        default=DEFAULT_SERIAL_PATTERN,
        validators=[validate_serial_pattern],
        help_text=_("{seq} is the running number, {year} the year of issue."),
    )

    panels = [
        FieldPanel("course"),
        FieldPanel("template"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("issue_automatically")]),
        FieldPanel("serial_pattern"),
    ]

    class Meta:
        verbose_name = _("course certificate settings")
        verbose_name_plural = _("course certificate settings")

    def __str__(self):
        return str(self.course)


class SerialCounter(models.Model):
    """The last number used for a serial pattern in a year (0 when the pattern has no {year}).

    Rows are locked while a number is taken, so no number is ever handed out twice, and a
    number once taken is never given back (a revoked certificate keeps its serial).
    """

    # The canonical spelling (certificates.numbers.canonical_pattern): spellings that print the
    # same serials share a counter. Written out, a canonical spelling can be longer than the one typed.
    pattern = models.CharField(_("serial pattern"), max_length=120)
    year = models.PositiveSmallIntegerField(_("year"))
    last_value = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("serial counter")
        verbose_name_plural = _("serial counters")
        constraints = [models.UniqueConstraint(fields=["pattern", "year"], name="one_counter_per_pattern_and_year")]

    def __str__(self):
        return f"{self.pattern} {self.year or ''}: {self.last_value}"


class CertificateStatus(models.TextChoices):
    PENDING = "pending", _("Being prepared")
    ISSUED = "issued", _("Valid")
    FAILED = "failed", _("Preparation failed")
    REVOKED = "revoked", _("Revoked")
    REPLACED = "replaced", _("Replaced")


LIVE_STATUSES = [CertificateStatus.PENDING, CertificateStatus.ISSUED, CertificateStatus.FAILED]


class CertificateQuerySet(models.QuerySet):
    def live(self):
        return self.filter(status__in=LIVE_STATUSES)

    def of_user(self, user):
        return self.filter(enrolment__user=user)


def private_storage():
    """The private storage (callable, so migrations name this function rather than a location)."""
    return lazy_private_storage


def certificate_upload_to(certificate, filename):
    return f"certificates/{certificate.issued_at:%Y/%m}/{filename}"


class Certificate(models.Model):
    """One certificate for one enrolment, with what it says frozen at issue."""

    # Thousands per template: Wagtail's reference index would queue a task per save to record
    # them as "usage" of the template, and deleting a used template is refused anyway (PROTECT).
    wagtail_reference_index_ignore = True

    enrolment = models.ForeignKey(
        "courses.Enrolment", verbose_name=_("enrolment"), on_delete=models.PROTECT, related_name="certificates"
    )
    template = models.ForeignKey(CertificateTemplate, verbose_name=_("template"), on_delete=models.PROTECT)
    kind = models.CharField(_("kind"), max_length=15, choices=CertificateKind.choices)
    serial = models.CharField(_("serial number"), max_length=60, unique=True)
    code = models.CharField(_("verification code"), max_length=16, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=CertificateStatus.choices)
    # As printed, frozen at issue.
    holder_name = models.CharField(_("holder"), max_length=150)
    course_title = models.CharField(_("course"), max_length=255)
    cohort_name = models.CharField(_("wave"), max_length=100)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    learning_hours = models.PositiveSmallIntegerField(_("learning hours (JP)"))
    issuer = models.CharField(_("issuer"), max_length=200)
    place = models.CharField(_("place"), max_length=100, blank=True)
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when issued automatically."),
    )
    batch = models.ForeignKey(
        "IssuanceBatch",
        verbose_name=_("issuance batch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    # The PDF.
    pdf = models.FileField(_("PDF"), storage=private_storage, upload_to=certificate_upload_to, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    rendered_at = models.DateTimeField(_("rendered at"), null=True, blank=True)
    render_attempts = models.PositiveSmallIntegerField(_("render attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    # The end of its life.
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=Q(status__in=["pending", "issued", "failed"]),
                name="one_live_certificate_per_enrolment",
            ),
            models.CheckConstraint(
                condition=~Q(status="revoked") | (Q(revoked_at__isnull=False) & ~Q(revocation_reason="")),
                name="revoked_certificate_has_date_and_reason",
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="certificate_retry_idx")]

    def __str__(self):
        return self.serial

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_STATUSES

    @property
    def display_code(self) -> str:
        """The code in groups of four, easier to read out and type."""
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))

    def get_verification_url(self) -> str:
        from django.urls import reverse

        return settings.SITE_URL + reverse("certificates:verify", args=[self.code])

    @property
    def download_name(self) -> str:
        return "sertifikat-" + re.sub(r"[^0-9A-Za-z]+", "-", self.serial).strip("-").lower() + ".pdf"


class IssuanceBatch(models.Model):
    """Staff's request to issue certificates for (part of) a wave; its certificates report progress."""

    cohort = models.ForeignKey("courses.Cohort", verbose_name=_("wave"), on_delete=models.CASCADE)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )
    enrolment_ids = models.JSONField(_("registrants"), default=list)
    requested = models.PositiveIntegerField(_("requested"), default=0)
    skipped = models.PositiveIntegerField(_("skipped"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    early_reason = models.TextField(
        _("reason for issuing before the wave ends"), blank=True, help_text=_("Empty when the wave had ended.")
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    class Meta:
        verbose_name = _("issuance batch")
        verbose_name_plural = _("issuance batches")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.cohort} · {self.created_at:%Y-%m-%d %H:%M}"


class CertificateEvent(models.Model):
    """The audit trail: who issued, rendered, revoked or re-issued which certificate, and when."""

    class Action(models.TextChoices):
        ISSUED = "issued", _("Issued")
        RENDERED = "rendered", _("PDF ready")
        FAILED = "failed", _("PDF failed")
        REVOKED = "revoked", _("Revoked")
        REISSUED = "reissued", _("Re-issued")
        REPLACED = "replaced", _("Replaced")

    certificate = models.ForeignKey(
        Certificate, verbose_name=_("certificate"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate event")
        verbose_name_plural = _("certificate events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.certificate}"
