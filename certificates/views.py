"""Participants' certificates, downloads, and the public verification pages."""

import time
import zlib

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from certificates.access import can_download
from certificates.models import Certificate, CertificateStatus
from certificates.numbers import normalise_code
from lms.storage import answers_503_when_storage_is_down, serve_private_file

app_name = "certificates"


@login_required
@require_GET
def my_certificates(request):
    certificates = (
        Certificate.objects.of_user(request.user)
        .exclude(status=CertificateStatus.REPLACED)
        .select_related("enrolment__course", "enrolment__cohort")
    )
    return render(request, "certificates/mine.html", {"certificates": certificates})


@login_required
@require_GET
@answers_503_when_storage_is_down
def download(request, code):
    certificate = get_object_or_404(Certificate.objects.select_related("enrolment"), code=code)
    if not can_download(request.user, certificate):
        raise Http404  # the same answer as for a code that does not exist
    return serve_private_file(certificate.pdf.name, download_name=certificate.download_name)


def _rate_limited(request) -> bool:
    """Count a lookup for the client's address; True once it passed the minute's allowance.

    A fixed one-minute window in the shared cache (database or Redis), so the limit holds
    across app servers. The address comes from allauth's adapter, which honours the
    trusted-proxy setting the login limits use (TRUSTED_PROXY_COUNT).
    """
    window = int(time.time() // 60)
    key = f"certificates:lookups:{get_adapter().get_client_ip(request)}:{window}"
    return _count(key) > settings.CERTIFICATE_LOOKUPS_PER_MINUTE


def _count(key: str) -> int:
    """Add one to the counter `key` and return the new count, atomically.

    Redis's INCR is atomic; the database cache's incr is a read then a write, so there the
    read and write run in one transaction that first takes a lock named by the key (a
    PostgreSQL advisory lock; on SQLite every transaction already holds the write lock,
    settings.DATABASES): concurrent lookups of one client queue instead of reading one count.
    """
    backend = caches["default"]
    if not isinstance(backend, DatabaseCache):
        return _add_one(key)
    database = router.db_for_write(backend.cache_model_class)
    with transaction.atomic(using=database):
        connection = connections[database]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [zlib.crc32(key.encode())])
        return _add_one(key)


def _add_one(key: str) -> int:
    cache.add(key, 0, timeout=90)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=90)
        return 1


# Verification pages hold nothing personal beyond what the code's holder chose to share, so the
# browser may keep them for Back and Forward (no-store would forbid that), but asks again each
# time they are opened, so a revocation shows at once.
@cache_control(private=True, no_cache=True, max_age=0)
@require_GET
def verify_form(request):
    """Enter a code (or arrive from a scanned QR code, which links straight to the result)."""
    raw = request.GET.get("kode", "")
    error = None
    if raw:
        code = normalise_code(raw)
        if code:
            return redirect("certificates:verify", code=code)
        error = _("A verification code has 12 letters and digits, e.g. ABCD-EFGH-JKMN.")
    return render(request, "certificates/verify_form.html", {"raw": raw, "error": error}, status=400 if error else 200)


def _lookup(code):
    code = normalise_code(code)
    if not code:
        return None
    return Certificate.objects.select_related("replaced_by").filter(code=code).first()


def public_record(certificate: Certificate) -> dict:
    """What anyone holding the code may know: no email, phone, NIP or anything else personal."""
    record = {
        "code": certificate.display_code,
        "serial": certificate.serial,
        "status": certificate.status,
        "status_label": str(_public_status_label(certificate)),
        "holder_name": certificate.holder_name,
        "course": certificate.course_title,
        "wave": certificate.cohort_name,
        "kind": certificate.kind,
        "issued_on": certificate.issued_at.date().isoformat(),
        "issuer": certificate.issuer,
        "sha256": certificate.sha256 or None,
        "revoked_on": None,
        "revocation_reason": None,
        "replaced_by": None,
    }
    if certificate.status == CertificateStatus.REVOKED:
        record["revoked_on"] = certificate.revoked_at.date().isoformat()
        record["revocation_reason"] = certificate.revocation_reason
    replacement = getattr(certificate, "replaced_by", None)
    if certificate.status == CertificateStatus.REPLACED and replacement is not None:
        record["replaced_by"] = replacement.get_verification_url()
    return record


def _public_status_label(certificate):
    if certificate.status in (CertificateStatus.PENDING, CertificateStatus.FAILED):
        return _("Valid (the PDF is being prepared)")
    return certificate.get_status_display()


@cache_control(private=True, no_cache=True, max_age=0)
@require_GET
def verify(request, code):
    if _rate_limited(request):
        return render(request, "429.html", status=429)
    certificate = _lookup(code)
    context = {"code": code, "certificate": certificate}
    if certificate:
        context["record"] = public_record(certificate)
    return render(request, "certificates/verify.html", context, status=200 if certificate else 404)


@never_cache
@require_GET
def verify_json(request, code):
    if _rate_limited(request):
        return JsonResponse({"error": _("Too many lookups; try again in a minute.")}, status=429)
    certificate = _lookup(code)
    if certificate is None:
        return JsonResponse({"error": _("No certificate has this code.")}, status=404)
    response = JsonResponse(public_record(certificate), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


urlpatterns = [
    path("sertifikat/", my_certificates, name="mine"),
    path("sertifikat/<str:code>/unduh/", download, name="download"),
    path("verifikasi/", verify_form, name="verify_form"),
    path("verifikasi/<str:code>/", verify, name="verify"),
    path("verifikasi/<str:code>/json/", verify_json, name="verify_json"),
]
