from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from certificates.access import ADMIN_POLICIES
from certificates.admin.viewsets import CertificatesViewSetGroup
from certificates.models import Certificate, CertificateTemplate

# Before the viewsets register, so their views ask certificates.access (see courses/wagtail_hooks.py).
for model, policy in ADMIN_POLICIES.items():
    register_permission_policy(model, policy, exact_class=True)


@hooks.register("register_admin_viewset")
def register_certificate_viewsets():
    return CertificatesViewSetGroup()


@hooks.register("before_delete_snippet")
def keep_templates_with_certificates(request, instances):
    """A template that certificates were issued with stays (its FK is PROTECT), and staff are told why.

    Wagtail's usage check cannot see them: certificates are left out of its reference index
    (see Certificate). Runs for the delete view and the bulk delete, before either asks.
    """
    templates = [instance for instance in instances if isinstance(instance, CertificateTemplate)]
    issued = dict(
        Certificate.objects.filter(template__in=templates)
        .values("template")
        .annotate(count=Count("pk"))
        .values_list("template", "count")
    )
    if not issued:
        return None
    for template in templates:
        if count := issued.get(template.pk):
            messages.error(
                request,
                ngettext(
                    "The template “%(name)s” cannot be deleted: %(count)d certificate was issued with it.",
                    "The template “%(name)s” cannot be deleted: %(count)d certificates were issued with it.",
                    count,
                )
                % {"name": template.name, "count": count},
            )
    return redirect(templates[0].snippet_viewset.get_url_name("list"))
