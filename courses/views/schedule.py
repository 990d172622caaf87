"""Views for schedule (being written)."""

urlpatterns = []
