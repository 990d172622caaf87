from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import i18n

from lms.forms import ProfileForm
from lms.models import Notice, User

NOTICES_PER_PAGE = 20


def privacy_notice(request):
    return render(request, "lms/privacy.html")


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
    return render(request, "lms/profile.html", {"form": form})


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
