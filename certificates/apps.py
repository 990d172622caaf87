from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from certificates.issuance import issue_on_completion, kind_offered
        from courses.signals import certificate_offer, course_completed

        course_completed.connect(issue_on_completion, dispatch_uid="certificates.issue_on_completion")
        certificate_offer.connect(kind_offered, dispatch_uid="certificates.kind_offered")
