"""Attendance at a wave's sessions: the trainer's grid, the room's QR check-in and the
trainer's live list of check-ins.

Who may do what (the rules are courses.access's): attendance is recorded by staff
(courses.change_cohort) and the wave's own trainers (`access.can_take_attendance`), or by a
learning participant checking in with the QR code shown in the room (`check_in`). Each
present mark completes the session's attendance lesson, if it has one (courses.progress).
"""

import hmac
import re
from datetime import datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from courses.access import can_take_attendance, learning_enrolment_in
from courses.models import AttendanceRecord, CohortSession, CompletionMode, Enrolment, LessonProgress
from courses.progress import LEARNING_STATUSES, complete_by_attendance

CHECKIN_SALT = "sinau.checkin"
# The room's QR code changes every CHECKIN_STEP seconds (like a TOTP code: an HMAC of the
# session and the time step) and a code older than CHECKIN_MAX_AGE is refused, so a photo
# sent to the group chat stops working within a minute. The admin page showing the code
# reloads itself at each step.
CHECKIN_STEP = 30
CHECKIN_MAX_AGE = 60
_TOKEN = re.compile(r"(?P<session>[0-9]{1,18})-(?P<step>[0-9]{1,12})-(?P<code>[0-9a-f]{24})")
# Participants check in from an hour before the session until an hour after it ends.
CHECKIN_OPENS_BEFORE = timedelta(hours=1)
CHECKIN_CLOSES_AFTER = timedelta(hours=1)


class CheckInRefused(Exception):
    """Raised with a message for the participant; nothing has been saved.

    `code` names the reason for callers and tests: "expired", "invalid", "not_open",
    "closed" or "not_participant".
    """

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


class AttendanceRefused(Exception):
    """Raised with a message for the trainer or staff member; nothing has been saved."""


# --- The trainer's grid ------------------------------------------------------------------


@transaction.atomic
def record_attendance(
    session: CohortSession, marks: dict[int, bool], *, recorder, method: str = "grid", now=None
) -> list[AttendanceRecord]:
    """Save who was present at `session`: `marks` maps enrolment ids to present or absent.

    Only the wave's active or completed enrolments are marked; ids from other waves (or
    withdrawn registrants) are ignored, so a tampered form cannot touch anyone else.
    Each present mark then completes the session's attendance lesson, if it has one, and
    re-checks the course (which may now meet its minimum attendance).
    """
    cohort = session.cohort
    if not can_take_attendance(recorder, cohort):
        raise AttendanceRefused(_("Only staff and the wave's trainers record its attendance."))
    now = now or timezone.now()
    if now < session.starts_at - CHECKIN_OPENS_BEFORE:
        raise AttendanceRefused(_("Attendance can be recorded from an hour before the session starts."))
    marks = {int(enrolment_id): bool(present) for enrolment_id, present in marks.items()}
    enrolments = Enrolment.objects.filter(
        cohort=cohort, status__in=LEARNING_STATUSES, pk__in=list(marks)
    ).select_related("course")
    records = [
        AttendanceRecord(
            session=session, enrolment=enrolment, present=marks[enrolment.pk], method=method, recorded_by=recorder
        )
        for enrolment in enrolments
    ]
    _save(records)
    for record in records:
        if record.present:
            complete_by_attendance(record)
    return records


def _save(records: list[AttendanceRecord]) -> None:
    """Insert or update the records in one query (unique per session and enrolment)."""
    AttendanceRecord.objects.bulk_create(
        records,
        update_conflicts=True,
        unique_fields=["session", "enrolment"],
        update_fields=["present", "method", "recorded_by", "recorded_at"],
    )


# --- QR check-in ----------------------------------------------------------------------


def _step(now) -> int:
    return int(now.timestamp()) // CHECKIN_STEP


def _code(session_pk: int, step: int) -> str:
    return salted_hmac(CHECKIN_SALT, f"{session_pk}:{step}", algorithm="sha256").hexdigest()[:24]


def checkin_token(session: CohortSession, *, now=None) -> str:
    """The token of the room's QR code for `session` during the current time step."""
    step = _step(now or timezone.now())
    return f"{session.pk}-{step}-{_code(session.pk, step)}"


def checkin_url(session: CohortSession, *, now=None) -> str:
    """The path a participant opens to check in to `session` now."""
    return reverse("courses:check_in", args=[checkin_token(session, now=now)])


def checkin_window(session: CohortSession) -> tuple[datetime, datetime]:
    """When participants may check in to `session`: from an hour before to an hour after."""
    return session.starts_at - CHECKIN_OPENS_BEFORE, session.ends_at + CHECKIN_CLOSES_AFTER


def session_for_token(token: str, *, now=None) -> CohortSession:
    """The session a check-in token names, if the token is genuine, at most CHECKIN_MAX_AGE
    seconds old (counted from the start of its time step), and the session open."""
    now = now or timezone.now()
    match = _TOKEN.fullmatch(token)
    if match is None or not hmac.compare_digest(match["code"], _code(int(match["session"]), int(match["step"]))):
        raise CheckInRefused(
            _("This check-in link is not valid. Scan the code shown in the room again."), code="invalid"
        )
    age = now.timestamp() - int(match["step"]) * CHECKIN_STEP
    if age > CHECKIN_MAX_AGE:
        raise CheckInRefused(_("This QR code has expired. Scan the code shown in the room again."), code="expired")
    if age < -CHECKIN_STEP:  # a code from the future was not shown in the room
        raise CheckInRefused(
            _("This check-in link is not valid. Scan the code shown in the room again."), code="invalid"
        )
    session = CohortSession.objects.select_related("cohort__course").filter(pk=int(match["session"])).first()
    if session is None:
        raise CheckInRefused(_("This session no longer exists."), code="invalid")
    opens, closes = checkin_window(session)
    if now < opens:
        raise CheckInRefused(_("Check-in for this session opens an hour before it starts."), code="not_open")
    if now > closes:
        raise CheckInRefused(_("This session has ended, so check-in is closed."), code="closed")
    return session


def checkin_target(user, token: str, *, now=None) -> tuple[CohortSession, Enrolment]:
    """The session and the user's enrolment a check-in would record; CheckInRefused if none."""
    session = session_for_token(token, now=now)
    enrolment = learning_enrolment_in(user, session.cohort)
    if enrolment is None:
        raise CheckInRefused(
            _("You are not a participant of this wave, so you cannot check in to its session."),
            code="not_participant",
        )
    return session, enrolment


@transaction.atomic
def check_in(user, token: str, *, now=None) -> AttendanceRecord:
    """Record `user` present at the session the token names (method "qr").

    Scanning twice, or after a trainer has already ticked the participant, changes
    nothing; an earlier "absent" mark is corrected.
    """
    session, enrolment = checkin_target(user, token, now=now)
    record = AttendanceRecord.objects.filter(session=session, enrolment=enrolment).first()
    if record is not None and record.present:
        return record
    record = AttendanceRecord(session=session, enrolment=enrolment, present=True, method="qr", recorded_by=user)
    _save([record])
    complete_by_attendance(record)
    return AttendanceRecord.objects.get(session=session, enrolment=enrolment)


# --- The trainer's live list of check-ins ------------------------------------------------


def self_check_ins(session: CohortSession):
    """The session's QR check-ins still standing, newest first, for the trainer to confirm or undo."""
    return (
        AttendanceRecord.objects.filter(session=session, method="qr", present=True)
        .select_related("enrolment__user", "confirmed_by")
        .order_by("-recorded_at", "-pk")
    )


def _check_in_for(session: CohortSession, record_id, trainer) -> AttendanceRecord:
    if not can_take_attendance(trainer, session.cohort):
        raise AttendanceRefused(_("Only staff and the wave's trainers record its attendance."))
    record = self_check_ins(session).select_for_update(of=("self",)).filter(pk=record_id).first()
    if record is None:
        raise AttendanceRefused(_("This check-in is no longer on the list."))
    return record


@transaction.atomic
def confirm_check_in(session: CohortSession, record_id: int, *, trainer, now=None) -> AttendanceRecord:
    """The trainer saw the participant in the room: the QR check-in stands, confirmed."""
    record = _check_in_for(session, record_id, trainer)
    record.confirmed_by, record.confirmed_at = trainer, now or timezone.now()
    record.save(update_fields=["confirmed_by", "confirmed_at"])
    return record


@transaction.atomic
def undo_check_in(session: CohortSession, record_id: int, *, trainer) -> AttendanceRecord:
    """The participant is not in the room: mark them absent, as unticking the grid would, and
    reopen the session's attendance lesson if only this check-in completed it."""
    record = _check_in_for(session, record_id, trainer)
    record.present, record.method, record.recorded_by = False, "grid", trainer
    record.confirmed_by = record.confirmed_at = None
    record.save()
    enrolment = record.enrolment
    if session.lesson_id and enrolment.status == "active":
        attended_elsewhere = AttendanceRecord.objects.filter(
            enrolment=enrolment, present=True, session__lesson_id=session.lesson_id
        ).exists()
        if not attended_elsewhere:
            LessonProgress.objects.filter(
                enrolment=enrolment, lesson_id=session.lesson_id, lesson__completion_mode=CompletionMode.ATTENDANCE
            ).update(completed_at=None)
    return record
