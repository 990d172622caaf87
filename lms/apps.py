from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = "Sinau"
    default = True

    def ready(self):
        from allauth.account.signals import password_reset

        from lms.notices import confirm_address_on_password_reset

        password_reset.connect(confirm_address_on_password_reset, dispatch_uid="lms.confirm_address_on_password_reset")

        from django.contrib.auth.signals import user_logged_in

        from lms.middleware import restore_language_on_login

        user_logged_in.connect(restore_language_on_login, dispatch_uid="lms.restore_language_on_login")


class SinauUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with forms that know Sinau's profile fields."""

    user_viewset = "lms.viewsets.UserViewSet"
