"""Page editor payloads that cannot be read: the form's own error, never a server error.

Wagtail's page editor sends two payloads that Wagtail reads unguarded: a StreamField's block
counts (`body-count`, `body-0-value-questions-count`, ...; missing or not a number: KeyError,
ValueError) and a rich text field's Draftail JSON (not JSON: ValueError). Its own script
always sends them well formed; a tampered or truncated post raised a server error. Every
page form of ours starts from ReadablePayloadsPageForm: it tries each such field on arrival,
and a field it cannot read is emptied in the form's copy of the data (so the form can be shown
again) and refused with a message. Nothing is saved, the page and its revisions are unchanged.
"""

from functools import cache

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks.base import BlockWidget

UNREADABLE = (KeyError, ValueError, TypeError, IndexError, AttributeError)  # json's errors are ValueErrors

MESSAGE = _("The content of “%(field)s” could not be read, so nothing was saved. Reload the editor and try again.")


@cache
def _read_unguarded() -> tuple[type, ...]:
    """The widgets Wagtail reads unguarded (Draftail's module needs the models loaded first)."""
    from wagtail.admin.rich_text.editors.draftail import DraftailRichTextArea

    return (BlockWidget, DraftailRichTextArea)


def _empty_payload(data, prefix: str, widget) -> None:
    """Remove what was sent for the field at `prefix`, leaving a payload its widget reads as empty."""
    for key in [key for key in data if key == prefix or key.startswith(f"{prefix}-")]:
        del data[key]
    if isinstance(widget, BlockWidget):
        data[f"{prefix}-count"] = "0"


class ReadablePayloadsPageForm(WagtailAdminPageForm):
    def __init__(self, data=None, files=None, *args, **kwargs):
        super().__init__(data, files, *args, **kwargs)
        self.unreadable_fields = []
        if not self.is_bound:
            return
        for name, field in self.fields.items():
            if not isinstance(field.widget, _read_unguarded()):
                continue
            prefix = self.add_prefix(name)
            try:
                field.widget.value_from_datadict(self.data, self.files, prefix)
            except UNREADABLE:
                if not self.unreadable_fields:
                    self.data = self.data.copy()  # the request's QueryDict is immutable
                _empty_payload(self.data, prefix, field.widget)
                self.unreadable_fields.append(name)

    def clean(self):
        cleaned_data = super().clean()
        for name in self.unreadable_fields:
            # A form-wide error: Wagtail's block widgets show only their own kind of error.
            self.add_error(None, MESSAGE % {"field": self.fields[name].label or name})
        return cleaned_data
