"""Participant-facing views, one module per use case; each module owns its `urlpatterns`."""
