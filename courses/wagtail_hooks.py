from wagtail import hooks

from courses import admin_assignments, admin_views
from courses.viewsets import TrainingViewSetGroup


@hooks.register("register_admin_viewset")
def register_training_viewsets():
    return TrainingViewSetGroup()


for bulk_action in (*admin_views.BULK_ACTIONS, *admin_assignments.BULK_ACTIONS):
    hooks.register("register_bulk_action", bulk_action)
