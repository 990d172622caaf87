from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = "Sinau"
    default = True


class SinauUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with forms that know Sinau's profile fields."""

    user_viewset = "lms.viewsets.UserViewSet"
