"""A wave's schedule: its sessions as a participant sees them, announcements, reminders and
the calendar file. Who attended which session is courses.attendance's.

Who may do what (the rules are courses.access's):
- a wave's schedule is seen by its learning participants (active or completed), its
  trainers and staff (`schedule_access`, through `access.can_view_cohort`);
- announcements are posted by staff (`access.can_post_announcements`).
"""

import re
from dataclasses import dataclass
from datetime import UTC, timedelta
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.access import can_post_announcements, can_view_cohort, learning_enrolment_in
from courses.models import (
    Announcement,
    AttendanceRecord,
    Cohort,
    CohortSession,
    Enrolment,
)
from courses.progress import LEARNING_STATUSES
from lms.models import Notice, NoticeKind
from lms.notices import notice_key, notify

# Each learning participant is reminded of a live session this long before it starts.
REMINDER_AHEAD = timedelta(hours=24)


# --- Who may do what ---------------------------------------------------------------


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
