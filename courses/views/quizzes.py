"""Views for quizzes (being written)."""

urlpatterns = []
