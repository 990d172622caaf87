from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from courses.quiz_questions import reader_questions
from courses.video import UnsupportedVideoURL, parse_video_url

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading.html"
        form_classname = "title"


class ImageBlock(blocks.StructBlock):
    """An image whose description is required, for screen readers and slow links."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alt text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image.html"


class VideoValue(blocks.StructValue):
    @cached_property
    def video(self):
        try:
            return parse_video_url(self.get("url") or "")
        except UnsupportedVideoURL:
            return None


class VideoBlock(blocks.StructBlock):
    """A YouTube, TikTok or Instagram video read from its URL, never fetched on save.

    The page shows a light poster with a plain link; the provider's player is put in
    only when the participant taps it (static/js/video.js), so a lesson costs no video
    data until someone asks for it.
    """

    url = blocks.URLBlock(
        label=_("Video URL"),
        help_text=_("A YouTube, TikTok or Instagram link, e.g. https://www.youtube.com/watch?v=…"),
    )
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    duration = blocks.CharBlock(label=_("Duration"), required=False, max_length=20, help_text=_("e.g. 4:30"))

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video.html"
        value_class = VideoValue

    def clean(self, value):
        value = super().clean(value)
        try:
            parse_video_url(value["url"])
        except UnsupportedVideoURL:
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        _(
                            "This is not a video link we can show. Use a full YouTube, TikTok "
                            "(…/@account/video/123…) or Instagram (…/p/… or …/reel/…) link."
                        )
                    )
                }
            ) from None
        return value


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Title"), required=False, help_text=_("Defaults to the document's title."))
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "blocks/document.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("tip", _("Tip")), ("info", _("Note")), ("warning", _("Warning"))],
        default="tip",
    )
    title = blocks.CharBlock(label=_("Title"), required=False)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "blocks/callout.html"


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False)
    items = blocks.ListBlock(blocks.CharBlock(label=_("Item"), max_length=300), label=_("Items"), min_num=1)

    class Meta:
        icon = "tasks"
        label = _("Checklist")
        template = "blocks/checklist.html"


class ChoiceOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)


class ChoiceQuestionBlock(blocks.StructBlock):
    """A question answered by choosing; whether one or several are correct is the block type."""

    prompt = blocks.TextBlock(label=_("Question"))
    options = blocks.ListBlock(ChoiceOptionBlock(), label=_("Answers"), min_num=2)
    explanation = blocks.TextBlock(label=_("Explanation shown after submitting"), required=False)

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for option in value["options"] if option["correct"])
        if correct == 0:
            raise StructBlockValidationError(
                block_errors={"options": ValidationError(_("Mark at least one answer as correct."))}
            )
        if self.name == "single_choice" and correct > 1:
            raise StructBlockValidationError(
                block_errors={"options": ValidationError(_("A single-choice question has exactly one correct answer."))}
            )
        return value


class TrueFalseAnswerBlock(blocks.ChoiceBlock):
    """Whether the statement is true: no default, so the trainer decides, and a clear word when they forget.

    The empty choice is named here so that Wagtail does not add its own, untranslated one.
    """

    choices = [("", _("Choose: true or false")), ("true", _("True")), ("false", _("False"))]

    def get_field(self, **kwargs):
        messages = {"required": _("Choose whether this statement is true or false.")}
        return forms.ChoiceField(error_messages=messages, **kwargs)


class TrueFalseQuestionBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("Statement"))
    answer = TrueFalseAnswerBlock(label=_("Correct answer"))
    explanation = blocks.TextBlock(label=_("Explanation shown after submitting"), required=False)


class ShortAnswerQuestionBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("Question"))
    accepted_answers = blocks.ListBlock(
        blocks.CharBlock(max_length=200),
        label=_("Accepted answers"),
        min_num=1,
        help_text=_("Compared ignoring letter case and extra spaces."),
    )
    explanation = blocks.TextBlock(label=_("Explanation shown after submitting"), required=False)


class QuizBlock(blocks.StructBlock):
    """A quiz inside a lesson. Correct answers never reach the browser before submission."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("practice", _("Quiz")), ("pretest", _("Pre-test")), ("posttest", _("Post-test"))],
        default="practice",
    )
    pass_mark = blocks.IntegerBlock(label=_("Pass mark (%)"), min_value=0, max_value=100, default=70)
    max_attempts = blocks.IntegerBlock(
        label=_("Maximum attempts"), min_value=0, default=3, help_text=_("0 means unlimited.")
    )
    questions = blocks.StreamBlock(
        [
            ("single_choice", ChoiceQuestionBlock(label=_("Single choice"))),
            ("multiple_choice", ChoiceQuestionBlock(label=_("Multiple choice"))),
            ("true_false", TrueFalseQuestionBlock(label=_("True or false"))),
            ("short_answer", ShortAnswerQuestionBlock(label=_("Short answer"))),
        ],
        label=_("Questions"),
        min_num=1,
    )

    class Meta:
        icon = "help"
        label = _("Quiz")
        template = "blocks/quiz.html"

    def get_context(self, value, parent_context=None):
        """The lesson's view supplies the questions with what the viewer did so far
        (courses.quizzes.lesson_context). Where none did — a trainer's preview in the
        editor — the block shows its own questions: with the answers to the editor
        previewing, never with them anywhere else."""
        context = super().get_context(value, parent_context=parent_context)
        if "quiz_questions" not in context:
            previewing = bool(getattr(context.get("request"), "is_preview", False))
            context["quiz_questions"] = reader_questions(value, with_answers=previewing)
            context["quiz_show_answers"] = previewing
        return context


class AssignmentBlock(blocks.StructBlock):
    """Asks for a piece of work: a link (TikTok, YouTube, a shop page) and/or a file."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    instructions = blocks.RichTextBlock(label=_("Instructions"), features=RICH_TEXT_FEATURES)
    accepts = blocks.ChoiceBlock(
        label=_("Participants submit"),
        choices=[
            ("link", _("A link")),
            ("file", _("A file")),
            ("link_or_file", _("A link or a file")),
            ("link_and_file", _("A link and a file")),
        ],
        default="link_or_file",
    )

    class Meta:
        icon = "upload"
        label = _("Assignment")
        template = "blocks/assignment.html"


class LessonBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES, icon="pilcrow")
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    checklist = ChecklistBlock()
    quiz = QuizBlock()
    assignment = AssignmentBlock()

    class Meta:
        block_counts = {"quiz": {"max_num": 1}, "assignment": {"max_num": 1}}
