"""A wave's schedule: its sessions, who attended them, QR check-in, announcements, calendar file.

Who may do what (the rules are courses.access's):
- a wave's schedule is seen by its learning participants (active or completed), its
  trainers and staff (`schedule_access`, through `access.can_view_cohort`);
- attendance is recorded by staff (courses.change_cohort) and the wave's own trainers
  (`access.can_take_attendance`), or by a participant checking in with the QR code shown
  in the room (`check_in`);
- announcements are posted by staff (`access.can_post_announcements`).
"""

import hmac
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from courses.access import can_post_announcements, can_take_attendance, can_view_cohort
from courses.models import (
    Announcement,
    AttendanceRecord,
    Cohort,
    CohortSession,
    CompletionMode,
    Enrolment,
    LessonProgress,
)
from courses.progress import LEARNING_STATUSES, complete_by_attendance
from lms.models import Notice, NoticeKind
from lms.notices import notice_key, notify

CHECKIN_SALT = "sinau.checkin"
# The room's QR code changes every CHECKIN_STEP seconds (like a TOTP code: an HMAC of the
# session and the time step) and a code older than CHECKIN_MAX_AGE is refused, so a photo
# sent to the group chat stops working within a minute. The admin page showing the code
# reloads itself at each step.
CHECKIN_STEP = 30
CHECKIN_MAX_AGE = 60
_TOKEN = re.compile(r"(?P<session>[0-9]{1,18})-(?P<step>[0-9]{1,12})-(?P<code>[0-9a-f]{24})")
# Each learning participant is reminded of a live session this long before it starts.
REMINDER_AHEAD = timedelta(hours=24)
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


# --- Who may do what ---------------------------------------------------------------


def learning_enrolment_in(user, cohort) -> Enrolment | None:
    """The user's active or completed enrolment in the wave, or None."""
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(user=user, cohort=cohort, status__in=LEARNING_STATUSES).first()


def schedule_access(user, cohort_id: int) -> tuple[Cohort, Enrolment | None]:
    """The wave whose schedule `user` may see and their own enrolment in it (None for
    its trainers and staff); 404 for anyone else, so a wave's existence does not leak."""
    cohort = get_object_or_404(Cohort.objects.select_related("course"), pk=cohort_id)
    if not user.is_authenticated:
        raise Http404
    enrolment = learning_enrolment_in(user, cohort)
    if enrolment is not None:
        enrolment.cohort, enrolment.course = cohort, cohort.course
        return cohort, enrolment
    if can_view_cohort(user, cohort):
        return cohort, None
    raise Http404


def learners(cohort):
    """The wave's enrolments that attend sessions: active or completed, by name."""
    return (
        Enrolment.objects.filter(cohort=cohort, status__in=LEARNING_STATUSES)
        .select_related("user")
        .order_by("user__full_name", "pk")
    )


# --- Attendance ---------------------------------------------------------------------


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


# --- What a participant sees -----------------------------------------------------------


@dataclass
class SessionRow:
    session: CohortSession
    state: str  # "upcoming", "ongoing" or "ended"
    attended: bool | None  # None when there is no participant or it is too early to say

    @property
    def started(self) -> bool:
        return self.state != "upcoming"


def session_rows(cohort, enrolment: Enrolment | None, *, now=None) -> list[SessionRow]:
    """The wave's sessions in order, each with its state and the participant's presence (2 queries)."""
    now = now or timezone.now()
    present = set()
    if enrolment is not None:
        present = set(
            AttendanceRecord.objects.filter(enrolment=enrolment, session__cohort=cohort, present=True).values_list(
                "session_id", flat=True
            )
        )
    rows = []
    for session in cohort.sessions.select_related("trainer"):
        if now < session.starts_at:
            state = "upcoming"
        elif now <= session.ends_at:
            state = "ongoing"
        else:
            state = "ended"
        attended = None
        if enrolment is not None and (state == "ended" or session.pk in present):
            attended = session.pk in present
        rows.append(SessionRow(session, state, attended))
    return rows


# --- Announcements ---------------------------------------------------------------------


@transaction.atomic
def post_announcement(cohort: Cohort, *, author, title: str, body: str, now=None) -> Announcement:
    """Publish an announcement on the wave's schedule page and email it to each of the
    wave's active or completed participants (one message each, sent after commit)."""
    if not can_post_announcements(author):
        raise PermissionDenied
    announcement = Announcement.objects.create(cohort=cohort, author=author, title=title, body=body)
    recipients = list(learners(cohort))
    schedule_url = settings.SITE_URL + reverse("courses:schedule", args=[cohort.pk])
    for enrolment in recipients:
        notify(NoticeKind.ANNOUNCEMENT, enrolment.user, announcement, context={"url": schedule_url})
    if recipients:
        announcement.emailed_at = now or timezone.now()
        announcement.save(update_fields=["emailed_at"])
    return announcement


# --- Reminders -------------------------------------------------------------------------


def send_session_reminders(*, now=None) -> int:
    """Remind each learning participant of every session starting within REMINDER_AHEAD;
    returns the number of reminders made.

    One reminder per person, session and start time (the notice's key), so running this
    every few minutes (cron; `make run`'s loop) sends each once, and a session moved to
    another time is reminded of again. Those already reminded are left out by the query
    that lists the participants, so a run with nothing new costs one query per session.
    """
    now = now or timezone.now()
    made = 0
    upcoming = CohortSession.objects.filter(starts_at__gt=now, starts_at__lte=now + REMINDER_AHEAD)
    for session in upcoming.select_related("cohort"):
        start = f"{session.starts_at.astimezone(UTC):%Y%m%dT%H%M%SZ}"  # the notice's key: a moved session is new
        reminded = Notice.objects.filter(kind=NoticeKind.SESSION_REMINDER, key=notice_key(session, start))
        schedule_url = settings.SITE_URL + reverse("courses:schedule", args=[session.cohort_id])
        with transaction.atomic():
            for enrolment in learners(session.cohort).exclude(user_id__in=reminded.values("recipient_id")):
                notify(NoticeKind.SESSION_REMINDER, enrolment.user, session, key=start, context={"url": schedule_url})
                made += 1
    return made


# --- Calendar file (RFC 5545) ----------------------------------------------------------

# Control characters other than tab and newline have no place in a calendar's text (and
# some calendars reject the file); icalendar escapes the rest (\\ ; , and newlines).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _text(value: str) -> str:
    return _CONTROL.sub("", str(value).replace("\r\n", "\n").replace("\r", "\n"))


def ics_for(cohort: Cohort, *, now=None) -> str:
    """The wave's sessions as an iCalendar file: one VEVENT per session, times in UTC.

    Each event's UID is "session-<id>@<site host>", so a calendar that subscribed to the
    file updates a moved session instead of adding a second one.
    """
    host = urlsplit(settings.SITE_URL).hostname or "sinau"
    stamp = (now or timezone.now()).astimezone(UTC)
    wave = f"{cohort.course.title} — {cohort.name}"
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Sinau//Jadwal gelombang//ID")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", icalendar.vText(_text(wave)))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for session in cohort.sessions.select_related("trainer"):
        description = [wave]
        if session.meeting_url:
            description.append(_("Meeting link: %(url)s") % {"url": session.meeting_url})
        if session.trainer:
            description.append(_("Trainer: %(name)s") % {"name": session.trainer.full_name})
        event = icalendar.Event()
        event.add("uid", f"session-{session.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", session.starts_at.astimezone(UTC))
        event.add("dtend", session.ends_at.astimezone(UTC))
        event.add("summary", _text(session.title))
        if session.venue or session.meeting_url:
            event.add("location", _text(session.venue or session.meeting_url))
        if session.meeting_url:
            event.add("url", _text(session.meeting_url))
        event.add("description", _text("\n".join(description)))
        calendar.add_component(event)
    return calendar.to_ical().decode()
