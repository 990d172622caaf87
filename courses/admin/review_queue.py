"""The trainers' review queue in the Wagtail admin: current submissions, approve or ask for a revision.

Who may open it and which rows they see is courses.access.REVIEWS: "may view registrants"
(courses.view_enrolment: the Staff and Trainer groups), on the submissions of the waves the
user sees (staff every wave, trainers the waves they teach), in the list, its filters, the
review view and the bulk actions alike. Submissions are never added, edited or deleted
here: the only change is a review, through courses.review.review(), one at a time
(ReviewView) or on the rows ticked in the queue (Wagtail bulk actions: approve, ask for a
revision with one feedback text for all).
"""

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from courses import access
from courses import review as reviewing
from courses.admin.bulk import OneByOneBulkAction
from courses.assignments import SubmissionRefused
from courses.models import Submission, SubmissionStatus
from lms.admin_pages import AdminPageView

INDEX = "courses_submission:index"


def review_queryset(user):
    """Current versions of the submissions `user` may review, with what a listing row shows."""
    return (
        reviewing.current_submissions()
        .filter(enrolment__in=access.reviewable_enrolments(user))
        .select_related("enrolment__user", "enrolment__cohort", "lesson")
        .defer("lesson__body")
    )


class SubmissionFilterSet(WagtailFilterSet):
    cohort = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Wave"),
        field_name="enrolment__cohort",
        queryset=lambda request: access.cohorts_visible_to(request.user).select_related("course"),
    )
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=SubmissionStatus.choices)

    class Meta:
        model = Submission
        fields = ["cohort", "status"]


class WorkColumn(Column):
    """The submission's link and/or a permission-checked download link for its file."""

    cell_template_name = "courses/admin/submission_work_cell.html"


class SubmissionIndexView(generic.IndexView):
    """Oldest first, so the queue is worked from the top; the participant's name opens the review.

    Everyone who sees the queue may review what it lists, so every row has a tick box for
    the bulk actions below.
    """

    page_title = gettext_lazy("Review queue")
    default_ordering = "submitted_at"

    @cached_property
    def columns(self):
        return [BulkActionsCheckboxColumn("bulk_actions", obj_type="submission"), *super().columns]

    def get_context_data(self, **kwargs):
        return super().get_context_data(bulk_actions_enabled=True, **kwargs)

    def get_base_queryset(self):
        return review_queryset(self.request.user)

    def get_add_url(self):
        return None

    def get_edit_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None


def review_url(submission) -> str:
    return reverse("courses_submission:review", args=[submission.pk])


class SubmissionViewSet(ModelViewSet):
    model = Submission
    icon = "tasks"
    menu_label = gettext_lazy("Review queue")
    index_view_class = SubmissionIndexView
    index_template_name = "courses/admin/bulk_index.html"
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = False
    list_per_page = 50
    filterset_class = SubmissionFilterSet
    search_fields = None
    list_display = [
        TitleColumn(
            "participant",
            label=gettext_lazy("Participant"),
            accessor="enrolment.user.full_name",
            get_url=review_url,
            get_title_id=lambda submission: f"submission_{submission.pk}_title",
            sort_key="enrolment__user__full_name",
        ),
        Column("lesson", label=gettext_lazy("Lesson"), accessor="lesson.title"),
        Column("cohort", label=gettext_lazy("Wave"), accessor="enrolment.cohort.name"),
        Column("version", label=gettext_lazy("Version"), sort_key="version"),
        StatusTagColumn(
            "status",
            label=gettext_lazy("Status"),
            accessor="get_status_display",
            primary=lambda submission: submission.status == SubmissionStatus.SUBMITTED,
            sort_key="status",
        ),
        DateColumn("submitted_at", label=gettext_lazy("Submitted at"), sort_key="submitted_at"),
        WorkColumn("work", label=gettext_lazy("Link / file"), accessor=lambda submission: submission),
    ]

    def get_permissions_to_register(self):
        # Access follows courses.view_enrolment; Submission's own permissions mean nothing here.
        return Permission.objects.none()

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/review/", ReviewView.as_view(), name="review"),
        ]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[("approve", gettext_lazy("Approve")), ("revision", gettext_lazy("Ask for a revision"))],
        widget=forms.RadioSelect,
    )
    feedback = forms.CharField(
        label=gettext_lazy("Feedback for the participant"),
        required=False,
        max_length=reviewing.MAX_FEEDBACK_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("Required when you ask for a revision. The participant is emailed your feedback."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "revision" and not (cleaned.get("feedback") or "").strip():
            self.add_error("feedback", _("Write feedback so the participant knows what to revise."))
        return cleaned


class ReviewView(AdminPageView, FormView):
    """Approve a submission, or ask for a revision with feedback; shows its earlier versions."""

    template_name = "courses/admin/submission_review.html"
    form_class = ReviewForm
    page_title = gettext_lazy("Review assignment")
    header_icon = "tasks"
    permission_policy = access.REVIEWS
    permission_required = "view"
    parent_url_name = INDEX
    parent_label = gettext_lazy("Review queue")

    @cached_property
    def submission(self):
        queryset = Submission.objects.select_related(
            "enrolment__user", "enrolment__cohort__course", "lesson", "reviewer"
        )
        return self.get_object_from(queryset, self.kwargs["pk"])

    def get_page_subtitle(self):
        return f"{self.submission.enrolment.user.full_name} — {self.submission.lesson.title}"

    def get_context_data(self, **kwargs):
        submission = self.submission
        versions = (
            Submission.objects.filter(enrolment_id=submission.enrolment_id, lesson_id=submission.lesson_id)
            .select_related("reviewer")
            .order_by("-version")
        )
        block = submission.lesson.get_block("assignment")
        return super().get_context_data(
            submission=submission,
            versions=versions,
            assignment_block=block.value if block else None,
            is_reviewable=submission.status == SubmissionStatus.SUBMITTED,
            back_url=reverse(INDEX) + f"?cohort={submission.enrolment.cohort_id}",
            **kwargs,
        )

    def form_valid(self, form):
        approve = form.cleaned_data["decision"] == "approve"
        try:
            reviewing.review(
                self.submission, self.request.user, approve=approve, feedback=form.cleaned_data["feedback"]
            )
        except SubmissionRefused as refusal:
            form.add_error(None, str(refusal))
            return self.form_invalid(form)
        name = self.submission.enrolment.user.full_name
        if approve:
            messages.success(self.request, _("Approved: %(name)s's assignment.") % {"name": name})
        else:
            messages.success(self.request, _("Revision requested from %(name)s.") % {"name": name})
        return redirect(reverse(INDEX) + f"?cohort={self.submission.enrolment.cohort_id}&status=submitted")


class RevisionForm(forms.Form):
    feedback = forms.CharField(
        label=gettext_lazy("Feedback for each participant"),
        max_length=reviewing.MAX_FEEDBACK_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("Every participant chosen is emailed this same feedback."),
    )


class SubmissionBulkAction(OneByOneBulkAction):
    """Review the ticked submissions one by one through courses.review.review()."""

    models = [Submission]
    permission_policy = access.REVIEWS
    permission_required = "view"
    refusals = (SubmissionRefused,)
    header_icon = "tasks"

    def visible_queryset(self):
        # Every version the user may review: review() itself refuses one that is not current.
        return (
            super()
            .visible_queryset()
            .select_related("enrolment__user", "enrolment__cohort", "lesson")
            .defer("lesson__body")
            .order_by("submitted_at", "pk")
        )

    def name_of(self, submission):
        return submission.enrolment.user.full_name

    def object_context(self, submission):
        version = _("version %(n)s") % {"n": submission.version}
        parts = [submission.lesson.title, submission.enrolment.cohort.name, version, submission.get_status_display()]
        return {"item": submission, "name": submission.enrolment.user.full_name, "detail": " · ".join(parts)}

    def review(self, submission, *, approve: bool, feedback: str = "") -> None:
        try:
            reviewing.review(submission, self.request.user, approve=approve, feedback=feedback)
        except PermissionDenied:
            # Visible a moment ago; the reviewer has since left the wave.
            raise SubmissionRefused(_("You may not review this submission.")) from None


class ApproveSubmissionsBulkAction(SubmissionBulkAction):
    display_name = gettext_lazy("Approve")
    action_type = "approve"
    aria_label = gettext_lazy("Approve the chosen assignments")
    confirm_label = gettext_lazy("Yes, approve")
    action_priority = 10

    def act(self, submission, form):
        self.review(submission, approve=True)
        return ""

    def done_message(self, count):
        return ngettext("%(n)d assignment approved.", "%(n)d assignments approved.", count) % {"n": count}


class RequestRevisionBulkAction(SubmissionBulkAction):
    display_name = gettext_lazy("Ask for a revision")
    action_type = "request_revision"
    aria_label = gettext_lazy("Ask for a revision of the chosen assignments")
    confirm_label = gettext_lazy("Yes, ask for a revision")
    action_priority = 20
    form_class = RevisionForm

    def act(self, submission, form):
        self.review(submission, approve=False, feedback=form.cleaned_data["feedback"])
        return ""

    def done_message(self, count):
        return ngettext(
            "Revision requested for %(n)d assignment.", "Revision requested for %(n)d assignments.", count
        ) % {"n": count}


BULK_ACTIONS = [ApproveSubmissionsBulkAction, RequestRevisionBulkAction]


def viewsets() -> list:
    """Viewsets added to the Training menu group (courses/viewsets.py)."""
    return [SubmissionViewSet("courses_submission")]
