"""Participants' certificates, downloads, and the public verification pages."""

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from certificates.access import can_download
from certificates.models import Certificate, CertificateStatus
from certificates.numbers import normalise_code
from lms.rate_limits import refused_for
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


def _refused_for(request) -> int:
    """Count a lookup for the client's address: 0 while within CERTIFICATE_LOOKUPS_PER_MINUTE in
    the last sixty seconds, else the seconds to wait (lms/rate_limits.py). The address comes from
    allauth's adapter, which honours the trusted-proxy setting the login limits use
    (TRUSTED_PROXY_COUNT)."""
    client = get_adapter().get_client_ip(request)
    return refused_for("certificates:lookups", client, settings.CERTIFICATE_LOOKUPS_PER_MINUTE)


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
    if wait := _refused_for(request):
        response = render(request, "429.html", {"retry_after": wait}, status=429)
        response["Retry-After"] = str(wait)
        return response
    certificate = _lookup(code)
    context = {"code": code, "certificate": certificate}
    if certificate:
        context["record"] = public_record(certificate)
    return render(request, "certificates/verify.html", context, status=200 if certificate else 404)


@never_cache
@require_GET
def verify_json(request, code):
    if wait := _refused_for(request):
        message = ngettext(
            "Too many lookups; try again in %(seconds)d second.",
            "Too many lookups; try again in %(seconds)d seconds.",
            wait,
        ) % {"seconds": wait}
        response = JsonResponse({"error": message}, status=429)
        response["Retry-After"] = str(wait)
        return response
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
