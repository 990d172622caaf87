from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_GET, require_POST

from lms import privacy
from lms.forms import DeleteAccountForm, ProfileForm
from lms.models import Notice, PrivacyRequest, User
from lms.storage import answers_503_when_storage_is_down, serve_private_file

NOTICES_PER_PAGE = 20


def privacy_notice(request):
    retention = {"export_days": settings.DATA_EXPORT_DAYS, "record_years": settings.PRIVACY_RECORD_DAYS // 365}
    return render(request, "lms/privacy.html", retention)


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        next_url = request.GET.get("next", "")
        if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            return redirect(next_url)
        return redirect("profile")
    exports = request.user.privacy_requests.filter(kind=PrivacyRequest.Kind.EXPORT)[:3]
    return render(request, "lms/profile.html", {"form": form, "exports": exports})


@login_required
@require_POST
def request_data_export(request):
    """ "Unduh data saya": a task prepares the ZIP; the link comes by email and on the profile page."""
    privacy.request_export(request.user)
    messages.success(
        request, _("We are preparing a copy of your data. The link will be emailed to you and shown on this page.")
    )
    return redirect("profile")


@login_required
@require_GET
@answers_503_when_storage_is_down
def download_data_export(request, request_id):
    """The person's own ZIP while it has not expired; anyone else's, or an expired one, is 404."""
    export = privacy.export_for_owner(request.user, request_id)
    if export is None:
        raise Http404
    return serve_private_file(export.file.name, download_name=f"data-sinau-{export.created_at:%Y%m%d}.zip")


@login_required
def delete_account(request):
    """ "Hapus akun": with the password, the account is anonymised at once and the person logged out."""
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        privacy.erase(request.user, actor=request.user)
        logout(request)
        messages.success(request, _("Your account has been deleted."))
        return redirect("/")
    return render(request, "lms/delete_account.html", {"form": form})


@login_required
def notices(request):
    """ "Pemberitahuan": the notices sent to the person, newest first."""
    page = Paginator(Notice.objects.for_recipient(request.user), NOTICES_PER_PAGE).get_page(request.GET.get("p"))
    return render(request, "lms/notices.html", {"page_obj": page, "notices": page.object_list})


def set_language(request):
    """Django's language switcher; a logged-in person's choice also becomes the language of their emails."""
    response = i18n.set_language(request)
    language = request.POST.get("language")
    chosen = request.method == "POST" and language in dict(settings.LANGUAGES)
    if chosen and request.user.is_authenticated and language != request.user.language:
        User.objects.filter(pk=request.user.pk).update(language=language)
    return response
