"""What a participant's uploaded file really is: judged by its content, never by its name.

The first bytes (and, for Office files, the ZIP's table of contents) decide the type, and
the stored name and extension come from that type. Refusals are ValidationErrors with a
message for the participant; nothing here touches the database or the storage.
"""

import os
import unicodedata
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# What a participant may upload, by content: (MIME type, extension for the stored file).
PDF = ("application/pdf", "pdf")
JPEG = ("image/jpeg", "jpg")
PNG = ("image/png", "png")
GIF = ("image/gif", "gif")
WEBP = ("image/webp", "webp")
MP4 = ("video/mp4", "mp4")
MOV = ("video/quicktime", "mov")
DOCX = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")
XLSX = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
PPTX = ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx")
ACCEPTED_EXTENSIONS = ".pdf,.jpg,.jpeg,.png,.gif,.webp,.mp4,.mov,.docx,.xlsx,.pptx"

# ISO base media brands (the 4 bytes after "ftyp") of the videos phones record. HEIC/AVIF
# photos and other ISO files share the box structure, so the brand must be one of these.
MP4_BRANDS = {b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ", b"MSNV", b"mmp4"}
MOV_BRANDS = {b"qt  "}
# An Office Open XML file is a ZIP with this manifest and one of these folders.
OFFICE_FOLDERS = [("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX)]


def _refuse_type() -> ValidationError:
    return ValidationError(
        _(
            "This type of file is not accepted. Send a PDF, a photo (JPG, PNG, WEBP, GIF), "
            "a video (MP4, MOV) or a Word, Excel or PowerPoint file."
        ),
        code="file_type",
    )


def detect_file_type(uploaded) -> tuple[str, str]:
    """(MIME type, extension) of an uploaded file, read from its content; else ValidationError.

    The name and the browser's Content-Type are ignored: a PNG called "tugas.pdf" is a
    PNG, and a program or web page called "tugas.pdf" is refused. Files larger than
    settings.SUBMISSION_MAX_UPLOAD_BYTES are refused before anything is read.
    """
    size = uploaded.size or 0
    limit = settings.SUBMISSION_MAX_UPLOAD_BYTES
    if size > limit:
        raise ValidationError(
            _("The file is too large: the limit is %(limit)s.") % {"limit": filesizeformat(limit)}, code="file_size"
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[4:8] == b"ftyp":
        if head[8:12] in MP4_BRANDS:
            return MP4
        if head[8:12] in MOV_BRANDS:
            return MOV
    if head.startswith(b"PK\x03\x04"):
        return _office_type(uploaded)
    raise _refuse_type()


def _office_type(uploaded) -> tuple[str, str]:
    # Only the ZIP's central directory is read; nothing is extracted.
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise _refuse_type() from None
    finally:
        uploaded.seek(0)
    # Macro-enabled documents (.docm, .xlsm) carry their macros in vbaProject.bin.
    if "[Content_Types].xml" in names and not any(name.lower().endswith("vbaproject.bin") for name in names):
        for folder, kind in OFFICE_FOLDERS:
            if any(name.startswith(folder) for name in names):
                return kind
    raise _refuse_type()


def clean_file_name(name: str, extension: str) -> str:
    """The participant's file name for downloads: no folders or control characters,
    and the extension of what the file really is."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(char for char in name if unicodedata.category(char)[0] != "C").strip()
    stem = name.rsplit(".", 1)[0].strip(" .") if "." in name else name
    return f"{stem[:200] or 'tugas'}.{extension}"


def download_name(submission) -> str:
    """The name a downloaded file gets: the participant's own, with the real extension."""
    return submission.file_name or os.path.basename(submission.file.name)
