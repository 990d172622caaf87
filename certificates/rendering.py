"""Certificate PDFs: HTML from a template, then WeasyPrint, as PDF/A-3b.

What staff write into a template (wording, extra CSS, images) may name any URL, so the
URL fetcher here reads only the site's own static files and public media, through the
storages (local disk or S3), and refuses everything else: no file:// paths, no network.
Participant data is escaped before it meets the staff's wording, so a name is always text.
"""

import hashlib
import html
import logging
import posixpath
import threading
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from urllib.parse import unquote, urlsplit

import segno
import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.safestring import mark_safe
from weasyprint.pdf.metadata import DocumentMetadata
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from certificates.models import KIND_TEXT, PLACEHOLDER_RE, Certificate, CertificateKind, CertificateTemplate
from lms.models import Organiser

logger = logging.getLogger(__name__)

PDF_VARIANT = "pdf/a-3b"
# Base of every relative URL in a certificate. Not a real host: the fetcher maps it to storage.
BASE_URL = "https://sinau.invalid/"


class SiteFilesOnlyFetcher(URLFetcher):
    """Serves /static/... from the static files and /media/... from the default storage; refuses the rest."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)  # inline images (e.g. the QR code); nothing is fetched
        parts = urlsplit(url)
        base = urlsplit(BASE_URL)
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
            raise ValueError(f"Certificates may only use the site's own files, not {url!r}")
        path = posixpath.normpath(unquote(parts.path))
        if path.startswith(settings.STATIC_URL):
            return URLFetcherResponse(url, static_file(path.removeprefix(settings.STATIC_URL)))
        if path.startswith(settings.MEDIA_URL):
            name = path.removeprefix(settings.MEDIA_URL)
            with default_storage.open(name, "rb") as file:
                return URLFetcherResponse(url, file.read())
        raise ValueError(f"Certificates may only use static and media files, not {url!r}")


@lru_cache(maxsize=64)
def static_file(name: str) -> bytes:
    """A static file's bytes (fonts, CSS), kept in memory: they do not change while the process runs."""
    if ".." in name.split("/"):
        raise ValueError("No such static file")
    found = finders.find(name)
    if not found:
        raise ValueError(f"No such static file: {name}")
    with open(found, "rb") as file:
        return file.read()


_fonts = threading.local()


def font_configuration() -> FontConfiguration:
    """This thread's font configuration, shared by all its renders.

    A new one per render would load the system's Fontconfig setup and register the
    certificate's @font-face files again each time (fonts are keyed by their rule and
    src URL; uploaded media get new names, so a changed file is a new font).
    """
    config = getattr(_fonts, "config", None)
    if config is None:
        config = _fonts.config = FontConfiguration()
    return config


@dataclass
class CertificateContent:
    """What a certificate says: frozen on a Certificate, or made up for a preview."""

    template: CertificateTemplate
    kind: str
    serial: str
    code: str
    holder_name: str
    course_title: str
    cohort_name: str
    starts_on: date
    ends_on: date
    learning_hours: int
    issuer: str
    place: str
    issued_on: date
    verification_url: str
    logo: object = None  # the organiser's logo (a Wagtail image), if any

    @classmethod
    def of(cls, certificate: Certificate) -> "CertificateContent":
        return cls(
            template=certificate.template,
            kind=certificate.kind,
            serial=certificate.serial,
            code=certificate.display_code,
            holder_name=certificate.holder_name,
            course_title=certificate.course_title,
            cohort_name=certificate.cohort_name,
            starts_on=certificate.starts_on,
            ends_on=certificate.ends_on,
            learning_hours=certificate.learning_hours,
            issuer=certificate.issuer,
            place=certificate.place,
            issued_on=timezone.localdate(certificate.issued_at),
            verification_url=certificate.get_verification_url(),
            logo=certificate.enrolment.course.organiser.logo if certificate.enrolment.course.organiser else None,
        )


def long_date(value: date) -> str:
    return formats.date_format(value, "j F Y")


def fill_wording(wording: str, content: CertificateContent) -> str:
    """The staff's wording with each placeholder replaced by its escaped value."""
    values = {
        "nama": content.holder_name,
        "pelatihan": content.course_title,
        "gelombang": content.cohort_name,
        "tanggal_mulai": long_date(content.starts_on),
        "tanggal_selesai": long_date(content.ends_on),
        "jp": str(content.learning_hours),
        "nomor": content.serial,
        "penyelenggara": content.issuer,
    }
    return PLACEHOLDER_RE.sub(lambda match: html.escape(values.get(match[1], match[0])), wording)


def qr_svg(url: str) -> str:
    """The verification URL as an inline SVG QR code (error correction M, quiet zone kept)."""
    # A fixed mask pattern: choosing the "best" of the eight costs ~8 ms in pure Python per
    # certificate (a twentieth of the render) and every mask gives a standard, scannable code.
    code = segno.make(url, error="m", micro=False, mask=4)
    return code.svg_inline(scale=4, dark="#000000", light="#ffffff", border=2)


def _page(content: CertificateContent) -> dict:
    return {
        "c": content,
        "wording": mark_safe(fill_wording(content.template.wording, content)),  # noqa: S308 values escaped
        "qr": mark_safe(qr_svg(content.verification_url)),  # noqa: S308 made by segno
        "kind": KIND_TEXT[content.kind],
        "issued_on": long_date(content.issued_on),
    }


def certificate_html(contents: list[CertificateContent], signatories=None) -> str:
    """One HTML document with a page per certificate; all must share one template."""
    template = contents[0].template
    if signatories is None:
        signatories = list(template.signatories.select_related("signature"))
    with translation.override("id"):
        return render_to_string(
            "certificates/certificate.html",
            {
                "pages": [_page(content) for content in contents],
                "t": template,
                "signatories": signatories,
                "media_url": settings.MEDIA_URL,
            },
        )


def _metadata(content: CertificateContent) -> DocumentMetadata:
    kind = KIND_TEXT[content.kind]["noun"]
    created = content.issued_on.isoformat()
    return DocumentMetadata(
        title=f"Sertifikat {content.serial}",
        authors=[content.issuer],
        description=f"Sertifikat {kind} pelatihan {content.course_title} atas nama {content.holder_name}",
        keywords=["sertifikat", content.serial, content.course_title],
        generator="Sinau",
        created=created,
        modified=created,
        lang="id",
    )


def render_pdfs(contents: list[CertificateContent], signatories=None) -> list[bytes]:
    """The PDF of each certificate (all of one template), laid out as one document and split by page.

    Laying out a batch at once shares the parsing of fonts and styles between certificates.
    Each PDF gets its own metadata and is a complete PDF/A-3b file.
    """
    html_document = weasyprint.HTML(
        string=certificate_html(contents, signatories), base_url=BASE_URL, url_fetcher=SiteFilesOnlyFetcher()
    )
    document = html_document.render(pdf_variant=PDF_VARIANT, font_config=font_configuration())
    if len(document.pages) != len(contents):
        raise RuntimeError(f"{len(contents)} certificates laid out on {len(document.pages)} pages")
    pdfs = []
    for page, content in zip(document.pages, contents, strict=True):
        single = document.copy([page])
        single.metadata = _metadata(content)
        pdfs.append(single.write_pdf(pdf_variant=PDF_VARIANT))
    return pdfs


def render_pdf(content: CertificateContent, signatories=None) -> bytes:
    return render_pdfs([content], signatories)[0]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sample_content(template: CertificateTemplate, kind: str = CertificateKind.COMPLETION) -> CertificateContent:
    """Made-up content for a preview, with the first organiser's name, place and logo (or an example)."""
    today = date.today()
    organiser = Organiser.objects.select_related("logo").first()
    return CertificateContent(
        template=template,
        kind=kind,
        serial=template_sample_serial(),
        code="CONT-OHKO-DE23",
        holder_name="Siti Nur'aini Ṣalihah",
        course_title="Konten Kreatif TikTok untuk UMKM",
        cohort_name="Gelombang 1",
        starts_on=today,
        ends_on=today,
        learning_hours=32,
        issuer=organiser.name if organiser else "Dinas Komunikasi dan Informatika Kota Contoh",
        place=organiser.place if organiser else "Kota Contoh",
        issued_on=today,
        verification_url=settings.SITE_URL + "/verifikasi/CONTOHKODE23/",
        logo=organiser.logo if organiser else None,
    )


def template_sample_serial() -> str:
    return "00001/CONTOH/" + str(date.today().year)


def render_sample(template: CertificateTemplate) -> bytes:
    """A preview of `template` with sample data (the template may be unsaved, as in the admin's preview)."""
    signatories = list(template.signatories.all())
    return render_pdf(sample_content(template), signatories)
