from wagtail import hooks
from wagtail.permissions import register_permission_policy

from courses.access import ADMIN_POLICIES
from courses.admin import registrants, review_queue
from courses.admin.viewsets import TrainingViewSetGroup
from courses.models import CoursePage, LessonPage
from courses.views.course_page import serve_course
from courses.views.lessons import serve_lesson

# Before the viewsets register (Wagtail would make a default policy for each model), so their
# own views, menus and Wagtail's permission checks all ask courses.access.
for model, policy in ADMIN_POLICIES.items():
    register_permission_policy(model, policy, exact_class=True)


@hooks.register("register_admin_viewset")
def register_training_viewsets():
    return TrainingViewSetGroup()


for bulk_action in (*registrants.BULK_ACTIONS, *review_queue.BULK_ACTIONS):
    hooks.register("register_bulk_action", bulk_action)


# After Wagtail's own on_serve_page hooks (order 0: view restrictions — private, password,
# groups), so a restricted lesson stays restricted. Previews run none of these hooks.
@hooks.register("on_serve_page", order=10)
def serve_lessons_to_readers(serve_next):
    """A lesson is served by courses.views.lessons, a course page by courses.views.course_page,
    once Wagtail's routing has found them."""

    def serve(page, request, serve_args, serve_kwargs):
        if isinstance(page, LessonPage):
            return serve_lesson(request, page, *serve_args, **serve_kwargs)
        if isinstance(page, CoursePage):
            return serve_course(request, page, *serve_args, **serve_kwargs)
        return serve_next(page, request, serve_args, serve_kwargs)

    return serve
