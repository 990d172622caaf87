from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        # The context builders of courses' notices (lms/notices.py) must be registered in every
        # process that sends notices, task workers included, not only where the views are loaded.
        # Imported here because Django requires it: models are not ready when apps.py is loaded.
        from courses import outline, review, trainer_pages  # noqa: F401

        outline.connect()
        trainer_pages.connect()
