"""The Wagtail admin of certificates: viewsets and views for staff."""
