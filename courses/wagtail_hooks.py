from wagtail import hooks

from courses.admin import registrants, review_queue
from courses.admin.viewsets import TrainingViewSetGroup
from courses.models import LessonPage
from courses.views.lessons import serve_lesson


@hooks.register("register_admin_viewset")
def register_training_viewsets():
    return TrainingViewSetGroup()


for bulk_action in (*registrants.BULK_ACTIONS, *review_queue.BULK_ACTIONS):
    hooks.register("register_bulk_action", bulk_action)


@hooks.register("before_serve_page")
def serve_lessons_to_readers(page, request, serve_args, serve_kwargs):
    """A lesson is served by courses.views.lessons (Wagtail's routing found it; previews skip this)."""
    if isinstance(page, LessonPage):
        return serve_lesson(request, page, *serve_args, **serve_kwargs)
    return None
