"""Wagtail's chooser widgets, made to survive a refused form whose id is not a number.

A chooser (page, snippet, image) re-rendering a refused form looks the submitted value up
as a primary key and catches only DoesNotExist: `course=abc` posted to the wave form made
that lookup raise ValueError, a server error instead of the form's own "choose a valid
option". Here a value that cannot be an id is treated like one that does not exist: the
chooser shows nothing chosen and the field's error explains.
"""

from django.core.exceptions import ValidationError
from wagtail.admin.widgets.chooser import BaseChooser

_wagtail_get_instance = BaseChooser.get_instance


def _get_instance(self, value):
    try:
        return _wagtail_get_instance(self, value)
    except (ValueError, TypeError, OverflowError, ValidationError):
        return None


def tolerate_ids_that_are_not_numbers() -> None:
    """Install the tolerant lookup on every chooser widget (called once, from LmsConfig.ready)."""
    BaseChooser.get_instance = _get_instance
