from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = "Sinau"
    default = True

    def ready(self):
        # Imports here, not at the top: Django requires the apps' models to be loaded before
        # modules that use them are imported, and ready() is the first moment they are.
        from allauth.account.signals import password_reset

        from lms.notices import confirm_address_on_password_reset

        password_reset.connect(confirm_address_on_password_reset, dispatch_uid="lms.confirm_address_on_password_reset")

        from django.contrib.auth.signals import user_logged_in

        from lms.middleware import restore_language_on_login

        user_logged_in.connect(restore_language_on_login, dispatch_uid="lms.restore_language_on_login")

        from lms import sites
        from lms.navigation import remember_admin_access

        sites.connect()
        user_logged_in.connect(remember_admin_access, dispatch_uid="lms.remember_admin_access")

        from lms.foreign_keys import tolerate_ids_that_are_not_numbers

        tolerate_ids_that_are_not_numbers()


class SinauUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with forms that know Sinau's profile fields."""

    user_viewset = "lms.viewsets.UserViewSet"
