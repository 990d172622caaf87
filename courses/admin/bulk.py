"""A Wagtail bulk action that applies a use case row by row: the shared base of the
registrants' and the review queue's bulk actions."""

from collections import defaultdict

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

MAX_ID = 2**63 - 1  # BigAutoField


def parse_id(value: str) -> int | None:
    """A posted row id as an int, or None when it cannot be one (never an error)."""
    if value.isascii() and value.isdigit() and len(value) <= 19 and 0 < int(value) <= MAX_ID:
        return int(value)
    return None


class OneByOneBulkAction(PermissionCheckedMixin, BulkAction):
    """A Wagtail bulk action (a confirmation page, then one POST) that applies a use case row by row.

    Wagtail's BulkAction.form_valid runs every row in one transaction; here each row is
    the use case's own transaction, so a refusal skips that row only, and the message
    counts what was done and says who was skipped and why. Whoever lacks
    `permission_required` in `permission_policy` is refused before anything (the admin
    shows it on the dashboard); rows come from `visible_queryset()`, the policy's rows
    for that action, so an id the user may not reach, an unknown one or a malformed one
    is skipped as not found. Subclasses set the policy, `refusals` and the labels, and
    implement `act` (the one call per row), `done_message`, `name_of` and `object_context`.
    """

    template_name = "courses/admin/bulk_confirm.html"
    permission_policy = None
    permission_required = "change"
    refusals: tuple[type[Exception], ...] = ()
    confirm_label = ""
    header_icon = ""
    max_rows = 500  # a listing page holds 50; more ids are not from the admin

    def visible_queryset(self):
        """The rows this user may act on; subclasses add the order they are processed in."""
        return self.permission_policy.instances_user_has_permission_for(self.request.user, self.permission_required)

    def act(self, item, form) -> str:
        """Apply the use case to one row; return a note for the message or "", raise one of `refusals` to skip it."""
        raise NotImplementedError

    def done_message(self, count: int) -> str:
        raise NotImplementedError

    def name_of(self, item) -> str:
        raise NotImplementedError

    @cached_property
    def chosen(self) -> tuple[list, int]:
        """The rows chosen that this user may act on, and how many ids posted matched none."""
        posted = list(dict.fromkeys(self.request.GET.getlist("id")))
        ids = {parse_id(value) for value in posted[: self.max_rows]} - {None}
        found = list(self.visible_queryset().filter(pk__in=ids))
        return found, len(posted) - len(found)

    def get_actionable_objects(self):
        return self.chosen[0], {"items_with_no_access": []}

    def get_context_data(self, **kwargs):
        return super().get_context_data(header_icon=self.header_icon, not_found=self.chosen[1], **kwargs)

    def form_valid(self, form):
        items, not_found = self.chosen
        for hook in hooks.get_hooks("before_bulk_action"):
            result = hook(self.request, self.action_type, items, self)
            if hasattr(result, "status_code"):
                return result
        done, notes, skipped = [], [], defaultdict(list)
        for item in items:
            try:
                note = self.act(item, form)
            except self.refusals as refusal:
                skipped[str(refusal)].append(self.name_of(item))
                continue
            done.append(item)
            if note:
                notes.append(note)
        for hook in hooks.get_hooks("after_bulk_action"):
            result = hook(self.request, self.action_type, done, self)
            if hasattr(result, "status_code"):
                return result
        message = " ".join([self.done_message(len(done)), *notes, skipped_message(skipped, not_found)]).strip()
        if skipped or not_found:
            messages.warning(self.request, message)
        else:
            messages.success(self.request, message)
        return redirect(self.next_url)


def skipped_message(skipped: dict[str, list[str]], not_found: int) -> str:
    """E.g. "1 skipped: only pending registrations can be approved (Budi Santoso)." or ""."""
    reasons = [f"{reason.rstrip('.')} ({', '.join(names)})" for reason, names in skipped.items()]
    if not_found:
        reasons.append(
            ngettext(
                "%(n)d not found among those you may change", "%(n)d not found among those you may change", not_found
            )
            % {"n": not_found}
        )
    count = sum(len(names) for names in skipped.values()) + not_found
    if not count:
        return ""
    return ngettext("%(n)d skipped: %(reasons)s.", "%(n)d skipped: %(reasons)s.", count) % {
        "n": count,
        "reasons": "; ".join(reasons),
    }
