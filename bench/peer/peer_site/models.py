from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class PlainPage(Page):
    """The peer site's plain Wagtail page: a title and a rich-text body, nothing per user."""

    body = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
