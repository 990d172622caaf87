from wagtail import hooks

from courses.admin import registrants, review_queue
from courses.admin.viewsets import TrainingViewSetGroup


@hooks.register("register_admin_viewset")
def register_training_viewsets():
    return TrainingViewSetGroup()


for bulk_action in (*registrants.BULK_ACTIONS, *review_queue.BULK_ACTIONS):
    hooks.register("register_bulk_action", bulk_action)
