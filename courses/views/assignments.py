"""Views for assignments (being written)."""

urlpatterns = []
