"""Wagtail admin for schedule (being written)."""


def viewsets() -> list:
    """Viewsets added to the Training menu group (courses/viewsets.py)."""
    return []
