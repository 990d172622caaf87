"""The Wagtail editor's forms for course and lesson pages (their `base_form_class`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.editor_forms import ReadablePayloadsPageForm
from lms.models import Segment


class CoursePageForm(ReadablePayloadsPageForm):
    eligible_segments = forms.MultipleChoiceField(
        label=_("eligible segments"),
        choices=Segment.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Who may register for this course."),
    )


class LessonPageForm(ReadablePayloadsPageForm):
    """The lesson editor: a lesson not yet published never trips over a draft sibling's slug.

    Wagtail's autosave creates a draft as soon as a trainer types a new lesson's title.
    If the first submit then fails, or the trainer leaves and adds the lesson again, the
    same title gives the same slug, and Wagtail would refuse it ("already in use"), with
    the draft out of sight in the module's page list. A never-published lesson whose slug
    is taken only by a draft takes the next free "-2", "-3", ... as Wagtail itself does for
    a page created without a slug; a clash with a published lesson is still refused.
    """

    def clean(self):
        slug = self.cleaned_data.get("slug")
        if slug and self.parent_page is not None and not self._ever_published(self.instance):
            self.cleaned_data["slug"] = self._slug_past_drafts(slug)
        return super().clean()

    @staticmethod
    def _ever_published(page) -> bool:
        return bool(page.pk) and (page.live or page.first_published_at is not None)

    def _slug_past_drafts(self, slug: str) -> str:
        siblings = self.parent_page.get_children()
        if self.instance.pk:
            siblings = siblings.not_page(self.instance)
        taken = {
            page.slug: page
            for page in siblings.filter(slug__startswith=slug).only("slug", "live", "first_published_at")
        }
        if slug not in taken or self._ever_published(taken[slug]):
            return slug  # free, or a published lesson's: Wagtail's own check speaks
        suffix = 2
        while f"{slug}-{suffix}" in taken:
            suffix += 1
        return f"{slug}-{suffix}"

    def get_field_updates_for_resave(self):
        """Send a changed slug back to the open editor, so its next autosave keeps it."""
        updates = super().get_field_updates_for_resave()
        if self.instance.slug and self.data.get("slug") != self.instance.slug:
            updates.append(("slug", self.instance.slug))
        return updates
