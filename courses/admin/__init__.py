"""The Wagtail admin of courses: viewsets, views and forms for staff and trainers."""
