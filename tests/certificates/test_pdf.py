"""What a rendered certificate PDF holds, read back from real WeasyPrint output.

Text through pypdf, fonts through fontTools, the QR code through pypdfium2 (render the
page) and zxing-cpp (decode it). PDF/A-3b is checked by its markers (XMP pdfaid part 3 /
conformance B, an sRGB output intent, every font embedded): no formal validator such as
veraPDF is reachable from this machine.
"""

import hashlib
import http.server
import io
import threading

import pypdf
import pypdfium2
import pytest
import zxingcpp
from django.utils import timezone
from fontTools.ttLib import TTFont
from PIL import Image as PillowImage
from wagtail.images.models import Image

from certificates.issuance import issue
from certificates.models import Certificate
from certificates.rendering import CertificateContent, render_pdfs
from courses.enrolment import enrol
from lms.storage import private_storage
from tests.certificates.conftest import build_template, certificate_settings_for, complete_course
from tests.factories import UserFactory

FONTS = "static/fonts"


def issued_certificate_for(full_name, course, cohort, template=None, capture=None):
    certificate_settings_for(course, template, issue_automatically=False)
    user = UserFactory(email="pemegang@contoh.id", full_name=full_name)
    enrolment = complete_course(enrol(user, cohort))
    with capture(execute=True):
        certificate = issue(enrolment)
    certificate.refresh_from_db()
    assert certificate.status == "issued", certificate.last_error
    return certificate


def pdf_of(certificate) -> bytes:
    with private_storage().open(certificate.pdf.name, "rb") as file:
        return file.read()


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def embedded_fonts(pdf: bytes):
    """(BaseFont, descriptor) of every font on every page, descendant fonts included."""
    fonts = []
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for part in [font, *[d.get_object() for d in font.get("/DescendantFonts", [])]]:
                if "/FontDescriptor" in part:
                    fonts.append((str(font["/BaseFont"]), part["/FontDescriptor"].get_object()))
    return fonts


def decode_qr(pdf: bytes) -> list[str]:
    page = pypdfium2.PdfDocument(pdf)[0]
    image = page.render(scale=300 / 72).to_pil()
    return [result.text for result in zxingcpp.read_barcodes(image)]


@pytest.fixture
def certificate(course, cohort, django_capture_on_commit_callbacks):
    return issued_certificate_for("Siti Nur'aini Ṣalihah", course, cohort, capture=django_capture_on_commit_callbacks)


def test_the_pdf_text_holds_the_name_with_indonesian_characters_the_serial_and_the_disclaimer(certificate):
    text = " ".join(text_of(pdf_of(certificate)).split())
    assert "Siti Nur'aini Ṣalihah" in text
    assert certificate.serial in text and certificate.course_title in text and "Gelombang 1" in text
    assert "bukan merupakan sertifikasi profesi" in text
    assert certificate.display_code in text


def test_every_font_is_embedded_and_is_the_projects_own_noto_sans(certificate):
    fonts = embedded_fonts(pdf_of(certificate))
    assert len(fonts) == 3  # regular, bold and italic
    originals = {name: TTFont(f"{FONTS}/NotoSans-{name}.ttf") for name in ("Regular", "Bold", "Italic")}
    for base_font, descriptor in fonts:
        assert "/FontFile2" in descriptor, base_font
        assert base_font.split("+", 1)[1].startswith("Sinau-Noto-Sans"), base_font
        embedded = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
        style = base_font.rsplit("-", 1)[1] if base_font.endswith(("Bold", "Italic")) else "Regular"
        original = originals[style]
        assert embedded["head"].created == original["head"].created
        assert embedded["head"].fontRevision == original["head"].fontRevision
        # The outline of "S" is the committed file's, point for point: not a system font's.
        glyph = embedded["glyf"][embedded.getBestCmap()[ord("S")]]
        original_glyph = original["glyf"][original.getBestCmap()[ord("S")]]
        assert list(glyph.coordinates) == list(original_glyph.coordinates)


def test_the_pdf_is_marked_pdf_a_3b_with_an_output_intent_and_metadata(certificate):
    reader = pypdf.PdfReader(io.BytesIO(pdf_of(certificate)))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
    [intent] = reader.trailer["/Root"]["/OutputIntents"]
    intent = intent.get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    assert intent["/DestOutputProfile"].get_object().get_data()[36:40] == b"acsp"  # an ICC profile
    info = reader.metadata
    assert info.title == f"Sertifikat {certificate.serial}"
    assert info.author == certificate.issuer
    assert "Siti Nur'aini Ṣalihah" in info.subject and certificate.course_title in info.subject


def test_the_qr_code_on_the_page_is_the_verification_url(certificate):
    assert decode_qr(pdf_of(certificate)) == [certificate.get_verification_url()]
    assert certificate.get_verification_url().endswith(f"/verifikasi/{certificate.code}/")


def test_the_stored_sha256_is_the_hash_of_the_stored_pdf(certificate):
    assert certificate.sha256 == hashlib.sha256(pdf_of(certificate)).hexdigest()


def test_a_name_with_markup_is_printed_as_text(course, cohort, django_capture_on_commit_callbacks):
    name = '<b>Budi</b> <img src="/static/img/logo.svg"> & "Ani"'
    certificate = issued_certificate_for(name, course, cohort, capture=django_capture_on_commit_callbacks)
    text = " ".join(text_of(pdf_of(certificate)).split())
    assert '<b>Budi</b> <img src="/static/img/logo.svg"> & "Ani"' in text


class RecordingHandler(http.server.BaseHTTPRequestHandler):
    hits: list

    def do_GET(self):
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(b"")

    def log_message(self, *args):
        pass


@pytest.fixture
def recording_server():
    hits = []
    handler = type("Handler", (RecordingHandler,), {"hits": hits})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()
    server.server_close()


def png_image(title, colour):
    from django.core.files.images import ImageFile

    buffer = io.BytesIO()
    PillowImage.new("RGB", (300, 212), colour).save(buffer, "PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"{title}.png"))


def test_the_url_fetcher_reads_only_the_sites_own_files(
    course, cohort, recording_server, django_capture_on_commit_callbacks
):
    base, hits = recording_server
    template = build_template(
        background_image=png_image("latar", (250, 240, 220)),
        wording=(
            '{nama} <img src="file:///etc/passwd"> <img src="' + base + '/wording.png">'
            '<link rel="stylesheet" href="' + base + '/x.css"><object data="file:///etc/passwd"></object>'
            '<iframe src="file:///etc/passwd"></iframe><img src="/media/../../../../etc/passwd">'
        ),
        extra_css=(
            f"@import url({base}/import.css); body {{ background: url(file:///etc/passwd) }} "
            f".page {{ background-image: url({base}/bg.png) }} "
            ".frame { background: url(/media/../../../../etc/passwd) } "
            ".issuer { background: url(/static/../../lms/settings.py) }"
        ),
    )
    certificate = issued_certificate_for(
        "Siti Nur'aini Ṣalihah", course, cohort, template, capture=django_capture_on_commit_callbacks
    )
    pdf = pdf_of(certificate)
    assert hits == []
    assert "root:" not in text_of(pdf) and b"root:x:0:0" not in pdf and b"SECRET_KEY" not in pdf
    # What the template may use still works: the background image from media is embedded.
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    images = [x for x in reader.pages[0]["/Resources"].get("/XObject", {}).values() if x["/Subtype"] == "/Image"]
    assert [(image["/Width"], image["/Height"]) for image in images] == [(300, 212)]


def test_a_batch_renders_one_complete_pdf_per_certificate(certificate):
    others = []
    for name in ("Andi Wijaya", "Dewi Lestari"):
        twin = Certificate.objects.get(pk=certificate.pk)
        twin.holder_name, twin.serial, twin.code = name, f"X/{name}", name.replace(" ", "").upper()[:12]
        twin.issued_at = timezone.now()
        others.append(twin)
    contents = [CertificateContent.of(c) for c in [certificate, *others]]
    pdfs = render_pdfs(contents)
    assert len(pdfs) == 3
    for pdf, content in zip(pdfs, contents, strict=True):
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) == 1
        assert content.holder_name in text_of(pdf)
        assert reader.metadata.title == f"Sertifikat {content.serial}"
        assert decode_qr(pdf) == [content.verification_url]
        assert 'pdfaid:part="3"' in reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
