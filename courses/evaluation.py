"""The end-of-training evaluation: a short fixed form, one response per enrolment."""

from django import forms
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from courses.models import Enrolment, EnrolmentStatus, EvaluationResponse

RATING_QUESTIONS = [
    ("content", _("The material was useful for my work or business")),
    ("trainer", _("The trainers explained clearly")),
    ("mentoring", _("The mentoring and feedback helped me improve")),
    ("platform", _("The learning site was easy to use on my phone")),
]
RATING_CHOICES = [(n, str(n)) for n in range(1, 6)]


class EvaluationRefused(Exception):
    pass


class EvaluationForm(forms.Form):
    most_useful = forms.CharField(
        label=_("What was most useful?"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    suggestions = forms.CharField(
        label=_("What should we improve?"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ratings = {
            key: forms.TypedChoiceField(
                label=label,
                choices=RATING_CHOICES,
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "rating"}),
                help_text=_("1 = strongly disagree, 5 = strongly agree"),
            )
            for key, label in RATING_QUESTIONS
        }
        self.fields = {**ratings, **self.fields}


def can_evaluate(enrolment: Enrolment) -> bool:
    return enrolment.status in (EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED)


def submit_evaluation(enrolment: Enrolment, cleaned_data: dict) -> EvaluationResponse:
    """Save the participant's one evaluation for this enrolment."""
    if not can_evaluate(enrolment):
        raise EvaluationRefused(_("Only participants of the wave can evaluate it."))
    try:
        with transaction.atomic():
            return EvaluationResponse.objects.create(enrolment=enrolment, answers=dict(cleaned_data))
    except IntegrityError:
        raise EvaluationRefused(_("You have already sent your evaluation. Thank you!")) from None
