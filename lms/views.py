from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lms.forms import ProfileForm


def privacy_notice(request):
    return render(request, "lms/privacy.html")


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("profile")
    return render(request, "lms/profile.html", {"form": form})


def rate_limited(request, exception=None):
    return render(request, "429.html", status=429)
