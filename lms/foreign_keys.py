"""Ids that cannot be ids, in any form: the form's own "choose a valid option", never a server error.

Two places in the libraries let such a value through as an exception:
- Wagtail's chooser widgets (page, snippet, image) re-rendering a refused form look the
  submitted value up as a primary key and catch only DoesNotExist: `course=abc` posted to
  the wave form raised ValueError. Here a value that cannot be an id is treated like one that
  does not exist: the chooser shows nothing chosen and the field's error explains.
- Django's ModelChoiceField catches ValueError and TypeError but not OverflowError, which
  SQLite raises for a number beyond 64 bits (`course=99999999999999999999`); PostgreSQL
  simply finds no row. Here it is the same "invalid choice" as any unknown id.
- modelcluster's inline formsets (a certificate template's signatories) read each initial
  row's id with `data[key]` and convert it unguarded: a post without `signatories-0-id`, or
  with `abc` there, raised KeyError or ValidationError. Here such a row is a new one, as an
  empty id already means, and the form's own validation decides.
"""

from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceField, ModelMultipleChoiceField
from modelcluster.forms import BaseTransientModelFormSet
from wagtail.admin.widgets.chooser import BaseChooser

_wagtail_get_instance = BaseChooser.get_instance
_django_to_python = ModelChoiceField.to_python
_django_check_values = ModelMultipleChoiceField._check_values
_modelcluster_construct_form = BaseTransientModelFormSet._construct_form


def _get_instance(self, value):
    try:
        return _wagtail_get_instance(self, value)
    except (ValueError, TypeError, OverflowError, ValidationError):
        return None


def _invalid_choice(field, value) -> ValidationError:
    return ValidationError(field.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})


def _to_python(self, value):
    try:
        return _django_to_python(self, value)
    except OverflowError:
        raise _invalid_choice(self, value) from None


def _check_values(self, value):
    try:
        return _django_check_values(self, value)
    except OverflowError:
        raise _invalid_choice(self, "…") from None


def _usable_id(formset, value) -> bool:
    if value == "":
        return True
    try:
        formset.model._meta.pk.to_python(value)
    except (ValidationError, ValueError, TypeError, OverflowError):
        return False
    return True


def _construct_form(self, i, **kwargs):
    if self.is_bound and i < self.initial_form_count():
        key = f"{self.add_prefix(i)}-{self.model._meta.pk.name}"
        if key not in self.data or not _usable_id(self, self.data[key]):
            self.data = self.data.copy()
            self.data[key] = ""
    return _modelcluster_construct_form(self, i, **kwargs)


def tolerate_ids_that_are_not_numbers() -> None:
    """Install them all (called once, from LmsConfig.ready)."""
    BaseChooser.get_instance = _get_instance
    ModelChoiceField.to_python = _to_python
    ModelMultipleChoiceField._check_values = _check_values
    BaseTransientModelFormSet._construct_form = _construct_form
