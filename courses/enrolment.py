"""Registration for waves: seats by segment, a waitlist, approval, withdrawal, moves.

How seats are never oversold
----------------------------
Every change that can take or free a seat of (wave, segment) first locks that
segment's SegmentQuota row with SELECT ... FOR UPDATE, inside one transaction, and
counts seats only while holding it. Concurrent registrations for one segment
therefore queue on that row; under PostgreSQL's READ COMMITTED each statement after
the lock sees every earlier registrant's committed row, so the count is exact and
the seat and waitlist position given are right. Different segments and waves do
not wait for each other. When a move touches two quotas they are locked in primary
key order, so two moves cannot deadlock.

The database adds what locks alone cannot promise: a partial unique constraint
allows one live enrolment per user and course (two tabs enrolling one person in two
waves lock different quotas, and one of them fails the constraint), and waitlist
positions are unique per wave and segment and present only on waitlisted rows.

On SQLite, select_for_update() is a no-op, but Sinau opens every transaction with
BEGIN IMMEDIATE (settings.DATABASES), which takes the database's write lock at the
start: writers run one at a time, which gives the same exact counts.

Each change tells the registrant (lms/notices.py) from inside its transaction: registered
with a seat, on the waitlist or waiting for approval; approved, rejected, promoted, moved,
withdrawn. The notice's row commits with the change, and the email follows after commit.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, Max, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Cohort, Enrolment, EnrolmentEvent, EnrolmentStatus, NipConfirmation, SegmentQuota
from courses.models.enrolment import LIVE_STATUSES, SEAT_STATUSES
from lms.models import NoticeKind, Segment
from lms.notices import notify


class EnrolmentRefused(Exception):
    """Raised with a message for the participant; nothing has been saved.

    `code` names the rule that refused a registration ("no_seats_for_segment", "window",
    "not_eligible", "asn_profile", "already_registered", "full"; "" elsewhere), so that a
    caller speaking to someone else, e.g. staff importing nominations, can word it for them.
    """

    def __init__(self, message: str = "", code: str = ""):
        super().__init__(message)
        self.code = code


def _quota_locked(cohort: Cohort, segment: str) -> SegmentQuota:
    try:
        return SegmentQuota.objects.select_for_update().get(cohort=cohort, segment=segment)
    except SegmentQuota.DoesNotExist:
        raise EnrolmentRefused(_("This wave has no seats for your segment."), "no_seats_for_segment") from None


def _seats_taken(cohort_id: int, segment: str) -> int:
    return Enrolment.objects.filter(cohort_id=cohort_id, segment=segment, status__in=SEAT_STATUSES).count()


def _next_waitlist_position(cohort_id: int, segment: str) -> int:
    last = Enrolment.objects.filter(cohort_id=cohort_id, segment=segment).aggregate(last=Max("waitlist_position"))
    return (last["last"] or 0) + 1


def _close_waitlist_gap(cohort_id: int, segment: str, after: int) -> None:
    """Shift everyone behind `after` one place forward, keeping positions unique throughout.

    A single `position - 1` UPDATE can collide with the unique constraint mid-statement
    (rows are checked one by one), so the rows first move far out of the way and then
    back, one place forward. Positions stay positive, as the check constraint wants.
    """
    waitlist = Enrolment.objects.filter(cohort_id=cohort_id, segment=segment)
    waitlist.filter(waitlist_position__gt=after).update(waitlist_position=F("waitlist_position") + _PARKING_OFFSET)
    waitlist.filter(waitlist_position__gt=_PARKING_OFFSET).update(
        waitlist_position=F("waitlist_position") - _PARKING_OFFSET - 1
    )


# Larger than any waitlist can be; used only inside one transaction.
_PARKING_OFFSET = 1_000_000


def _log(enrolment: Enrolment, action: str, actor=None, note: str = "") -> None:
    EnrolmentEvent.objects.create(enrolment=enrolment, action=action, actor=actor, note=note)


def check_can_enrol(user, cohort: Cohort, now=None, *, check_window: bool = True) -> None:
    """Raise EnrolmentRefused if `user` may not register for `cohort` now.

    Staff registering nominated people (courses/nominations.py) skip the window. The window
    is read from the database (CohortQuerySet.open_for_registration), not from `cohort` as
    loaded: under enrol()'s quota lock that is the window staff last saved.
    """
    if check_window and not Cohort.objects.open_for_registration(now).filter(pk=cohort.pk).exists():
        now = now or timezone.now()
        cohort.refresh_from_db(fields=["registration_opens_at", "registration_closes_at"])
        if now < cohort.registration_opens_at:
            raise EnrolmentRefused(
                _("Registration for %(wave)s opens on %(date)s.")
                % {
                    "wave": cohort.name,
                    "date": timezone.localtime(cohort.registration_opens_at).strftime("%d-%m-%Y %H:%M"),
                },
                "window",
            )
        raise EnrolmentRefused(_("Registration for %(wave)s has closed.") % {"wave": cohort.name}, "window")
    if not cohort.course.is_segment_eligible(user.segment):
        raise EnrolmentRefused(
            _("This course is not open to the %(segment)s segment.") % {"segment": Segment(user.segment).label},
            "not_eligible",
        )
    if user.segment == Segment.ASN:
        try:
            user.full_clean(exclude=["password"])
        except ValidationError as error:
            if {"nip", "opd"} & set(error.message_dict):
                raise EnrolmentRefused(
                    _("Civil servants (ASN) need a valid 18-digit NIP and their agency (OPD) in their profile."),
                    "asn_profile",
                ) from None
        if not settings.ASN_UNCONFIRMED_HOLD_HOURS and not nip_confirmed(user):
            raise EnrolmentRefused(
                _(
                    "An ASN seat needs your NIP confirmed by staff or by your agency's nomination. "
                    "Ask your agency to nominate you, or contact staff."
                ),
                "asn_unconfirmed",
            )
    existing = Enrolment.objects.live().filter(user=user, course_id=cohort.course_id).select_related("cohort").first()
    if existing:
        if existing.cohort_id == cohort.pk:
            raise EnrolmentRefused(_("You are already registered for this wave."), "already_registered")
        raise EnrolmentRefused(
            _("You are already registered for another wave of this course (%(wave)s).")
            % {"wave": existing.cohort.name},
            "already_registered",
        )


REGISTERED_NOTICES = {
    EnrolmentStatus.ACTIVE: NoticeKind.REGISTERED_SEAT,
    EnrolmentStatus.WAITLISTED: NoticeKind.REGISTERED_WAITLIST,
    EnrolmentStatus.PENDING: NoticeKind.REGISTERED_PENDING,
}


def place(enrolment: Enrolment) -> dict:
    """What a notice keeps of where a registration stands (the waitlist moves on later)."""
    return {"status": enrolment.status, "position": enrolment.waitlist_position}


@transaction.atomic
def enrol(user, cohort: Cohort, *, actor=None, now=None, check_window: bool = True, notice: bool = True) -> Enrolment:
    """Give `user` a seat in `cohort` for their segment, a waitlist place, or a pending request.

    The quota row is locked first (see the module docstring), then the rules are
    checked, so nothing is saved when a rule refuses. The registrant is told the outcome
    unless `notice` is False (the nomination import tells them in its own words).
    """
    quota = _quota_locked(cohort, user.segment)
    check_can_enrol(user, cohort, now, check_window=check_window)
    enrolment = Enrolment(user=user, course_id=cohort.course_id, cohort=cohort, segment=user.segment)
    if cohort.course.requires_approval:
        enrolment.status = EnrolmentStatus.PENDING
    elif _seats_taken(cohort.pk, quota.segment) < quota.seats:
        enrolment.status = EnrolmentStatus.ACTIVE
    elif cohort.waitlist_open:
        enrolment.status = EnrolmentStatus.WAITLISTED
        enrolment.waitlist_position = _next_waitlist_position(cohort.pk, quota.segment)
    else:
        raise EnrolmentRefused(_("This wave is full for your segment and its waitlist is closed."), "full")
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError:
        # Another request enrolled this user in another wave of the course meanwhile.
        raise EnrolmentRefused(_("You are already registered for this course."), "already_registered") from None
    _log(enrolment, "enrolled", actor or user, enrolment.status)
    if notice:
        notify(REGISTERED_NOTICES[enrolment.status], user, enrolment, context=place(enrolment))
    return enrolment


def _promote_first_waiting(cohort_id: int, segment: str, quota: SegmentQuota) -> Enrolment | None:
    """Give free seats to the head of the waitlist. The caller holds the quota lock."""
    promoted = None
    while _seats_taken(cohort_id, segment) < quota.seats:
        head = (
            Enrolment.objects.filter(cohort_id=cohort_id, segment=segment, status=EnrolmentStatus.WAITLISTED)
            .order_by("waitlist_position")
            .first()
        )
        if head is None:
            break
        position = head.waitlist_position
        head.set_status(EnrolmentStatus.ACTIVE)
        head.waitlist_position = None
        head.save(update_fields=["status", "waitlist_position", "status_changed_at"])
        _close_waitlist_gap(cohort_id, segment, position)
        _log(head, "promoted")
        notify(NoticeKind.PROMOTED, head.user, head)
        promoted = head
    return promoted


@transaction.atomic
def fill_free_seats(cohort: Cohort) -> None:
    """Promote waiting registrants into any free seats (e.g. after staff add seats)."""
    for quota in SegmentQuota.objects.select_for_update().filter(cohort=cohort).order_by("pk"):
        _promote_first_waiting(cohort.pk, quota.segment, quota)


def _leave(enrolment: Enrolment, status: str, actor, reason: str = "") -> Enrolment | None:
    """Take `enrolment` out of its wave, freeing its seat or waitlist place; promote."""
    quota = _quota_locked(enrolment.cohort, enrolment.segment)
    enrolment.refresh_from_db()
    if enrolment.status not in LIVE_STATUSES:
        raise EnrolmentRefused(_("This registration is no longer active."))
    position = enrolment.waitlist_position
    enrolment.set_status(status)
    enrolment.waitlist_position = None
    enrolment.decided_by = actor
    enrolment.decision_reason = reason
    enrolment.save(update_fields=["status", "waitlist_position", "decided_by", "decision_reason", "status_changed_at"])
    if position is not None:
        _close_waitlist_gap(enrolment.cohort_id, enrolment.segment, position)
    _log(enrolment, status, actor, reason)
    return _promote_first_waiting(enrolment.cohort_id, enrolment.segment, quota)


@transaction.atomic
def withdraw(enrolment: Enrolment, *, actor=None, reason: str = "") -> Enrolment | None:
    """Withdraw a registration; the first person waiting in its segment takes the seat.

    Returns the promoted enrolment, if any. Completed enrolments cannot be withdrawn.
    """
    if enrolment.status == EnrolmentStatus.COMPLETED:
        raise EnrolmentRefused(_("A completed course cannot be withdrawn from."))
    promoted = _leave(enrolment, EnrolmentStatus.WITHDRAWN, actor or enrolment.user, reason)
    by_self = actor is None or actor.pk == enrolment.user_id
    notify(NoticeKind.WITHDRAWN, enrolment.user, enrolment, context={"by_self": by_self, "reason": reason})
    return promoted


@transaction.atomic
def approve(enrolment: Enrolment, *, actor) -> Enrolment:
    """Approve a pending request: a seat if one is free, else the segment's waitlist."""
    quota = _quota_locked(enrolment.cohort, enrolment.segment)
    enrolment.refresh_from_db()
    if enrolment.status != EnrolmentStatus.PENDING:
        raise EnrolmentRefused(_("Only pending registrations can be approved."))
    if _seats_taken(enrolment.cohort_id, enrolment.segment) < quota.seats:
        enrolment.set_status(EnrolmentStatus.ACTIVE)
    elif enrolment.cohort.waitlist_open:
        enrolment.set_status(EnrolmentStatus.WAITLISTED)
        enrolment.waitlist_position = _next_waitlist_position(enrolment.cohort_id, enrolment.segment)
    else:
        raise EnrolmentRefused(_("This wave is full for that segment and its waitlist is closed."))
    enrolment.decided_by = actor
    enrolment.save()
    _log(enrolment, "approved", actor, enrolment.status)
    notify(NoticeKind.APPROVED, enrolment.user, enrolment, context=place(enrolment))
    return enrolment


@transaction.atomic
def reject(enrolment: Enrolment, *, actor, reason: str) -> Enrolment:
    """Reject a pending or waitlisted registration with a reason the participant sees."""
    if not reason.strip():
        raise EnrolmentRefused(_("Give the participant a reason for the rejection."))
    if enrolment.status in SEAT_STATUSES:
        raise EnrolmentRefused(_("A registrant with a seat is withdrawn, not rejected."))
    _leave(enrolment, EnrolmentStatus.REJECTED, actor, reason.strip())
    notify(NoticeKind.REJECTED, enrolment.user, enrolment, context={"reason": reason.strip()})
    return enrolment


@transaction.atomic
def move(enrolment: Enrolment, to_cohort: Cohort, *, actor) -> Enrolment:
    """Move a registrant to another wave of the same course, keeping their segment.

    Both quota rows are locked in primary-key order; the old place is freed (and the
    next person there promoted) and the registrant takes a seat, waitlist place or
    pending request in the new wave like any registration, without the window check.
    """
    if to_cohort.course_id != enrolment.course_id:
        raise EnrolmentRefused(_("A registrant can only move to another wave of the same course."))
    if to_cohort.pk == enrolment.cohort_id:
        raise EnrolmentRefused(_("The registrant is already in this wave."))
    quotas = list(
        SegmentQuota.objects.select_for_update()
        .filter(cohort_id__in=[enrolment.cohort_id, to_cohort.pk], segment=enrolment.segment)
        .order_by("pk")
    )
    if not any(quota.cohort_id == to_cohort.pk for quota in quotas):
        raise EnrolmentRefused(_("That wave has no seats for this segment."))
    status_before = enrolment.status
    _leave(enrolment, EnrolmentStatus.WITHDRAWN, actor, _("Moved to %(wave)s") % {"wave": to_cohort.name})
    new = Enrolment(
        user_id=enrolment.user_id, course_id=to_cohort.course_id, cohort=to_cohort, segment=enrolment.segment
    )
    quota = next(quota for quota in quotas if quota.cohort_id == to_cohort.pk)
    if status_before == EnrolmentStatus.PENDING:
        new.status = EnrolmentStatus.PENDING
    elif _seats_taken(to_cohort.pk, quota.segment) < quota.seats:
        new.status = EnrolmentStatus.ACTIVE
    else:
        new.status = EnrolmentStatus.WAITLISTED
        new.waitlist_position = _next_waitlist_position(to_cohort.pk, quota.segment)
    new.save()
    _log(new, "moved", actor, str(enrolment.cohort))
    notify(NoticeKind.MOVED, enrolment.user, new, context={"from_wave": enrolment.cohort.name, **place(new)})
    return new


# --- Confirmed ASN seats ------------------------------------------------------------
# Anyone can type segment ASN and 18 digits into a profile. An ASN seat is held on a NIP
# confirmed by staff (the registrants admin) or by the nominating office's import
# (courses/nominations.py); an unconfirmed registration holds its seat for
# settings.ASN_UNCONFIRMED_HOLD_HOURS from when it got the seat, then lapses
# (lapse_unconfirmed_asn, run by cron and `make run`) and the waitlist moves up.


def nip_confirmed(user) -> bool:
    """Whether the user's NIP, as it is now, has been confirmed."""
    return bool(user.nip) and NipConfirmation.objects.filter(user=user, nip=user.nip).exists()


def confirm_nip(user, *, by, source: str = "staff", now=None) -> NipConfirmation:
    """Record the user's current NIP as confirmed by `by` (staff, or the import's actor)."""
    if user.segment != Segment.ASN or not user.nip:
        raise EnrolmentRefused(_("Only the NIP of a civil servant (ASN) can be confirmed."))
    confirmation, _created = NipConfirmation.objects.update_or_create(
        user=user,
        defaults={"nip": user.nip, "source": source, "confirmed_by": by, "confirmed_at": now or timezone.now()},
    )
    return confirmation


def unconfirmed_asn_seats(*, now=None):
    """ASN seats whose NIP is still unconfirmed after the hold (ASN_UNCONFIRMED_HOLD_HOURS)."""
    cutoff = (now or timezone.now()) - timedelta(hours=settings.ASN_UNCONFIRMED_HOLD_HOURS)
    confirmed = NipConfirmation.objects.filter(user=OuterRef("user"), nip=OuterRef("user__nip"))
    return Enrolment.objects.filter(
        status=EnrolmentStatus.ACTIVE, segment=Segment.ASN, status_changed_at__lte=cutoff
    ).exclude(Exists(confirmed))


def lapse_unconfirmed_asn(*, now=None) -> int:
    """Withdraw each ASN seat held too long on an unconfirmed NIP; the waitlist moves up.

    Each lapse is its own transaction under the segment's quota lock, and re-checks the NIP
    there, so a confirmation made meanwhile keeps the seat. Returns the number lapsed.
    """
    lapsed = 0
    for enrolment_id in list(unconfirmed_asn_seats(now=now).values_list("pk", flat=True)):
        with transaction.atomic():
            enrolment = Enrolment.objects.select_related("user", "cohort").get(pk=enrolment_id)
            _quota_locked(enrolment.cohort, enrolment.segment)
            if not unconfirmed_asn_seats(now=now).filter(pk=enrolment_id).exists():
                continue
            reason = _("The NIP was not confirmed by staff or a nomination in time.")
            _leave(enrolment, EnrolmentStatus.WITHDRAWN, None, reason)
            notify(NoticeKind.WITHDRAWN, enrolment.user, enrolment, context={"by_self": False, "reason": reason})
            lapsed += 1
    return lapsed
