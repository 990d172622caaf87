"""The one rule for "requirements met": what a participant has done against what the course asks.

Definitions (the certificate's kind names the standard):
- participation: attendance at the wave's live sessions at least the course's minimum;
- completion: participation, plus every required live lesson of the course done by its
  completion mode (marked done or attended, quiz passed, assignment approved).

There is one attendance minimum, the course's (`CoursePage.min_attendance_percent`); it
counts the sessions held so far (all of them once the wave has ended), and 0 means
attendance is not required. Lists use `Enrolment.objects.with_requirements()`, one
enrolment `shortfall()`; both read the same annotations, so progress, the wave report,
"Pembelajaran saya", bulk and automatic issuance cannot disagree.
"""

from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.models import Attainment, Enrolment


class Shortfall(NamedTuple):
    """What an enrolment still lacks; every figure 0 (and attendance enough) when all is met."""

    lessons_missing: int
    quizzes_not_passed: int
    assignments_not_approved: int
    sessions_held: int
    sessions_attended: int
    attendance_minimum: int  # percent; 0 = not required

    @classmethod
    def of(cls, enrolment: Enrolment) -> "Shortfall":
        """Read the figures from an enrolment fetched through `with_requirements()`."""
        return cls(
            lessons_missing=max(enrolment.req_lessons_missing, 0),
            quizzes_not_passed=max(enrolment.req_quizzes_missing, 0),
            assignments_not_approved=max(enrolment.req_assignments_missing, 0),
            sessions_held=enrolment.req_sessions_held,
            sessions_attended=enrolment.req_sessions_attended,
            attendance_minimum=enrolment.req_attendance_minimum or 0,
        )

    @property
    def attendance_percent(self) -> int | None:
        """Attendance so far, rounded down; None before the first session."""
        if not self.sessions_held:
            return None
        return 100 * self.sessions_attended // self.sessions_held

    @property
    def attendance_met(self) -> bool:
        if not self.attendance_minimum:
            return True
        # Compared in whole numbers: 7 of 9 sessions (77.8 %) does not reach 78 %.
        return self.sessions_held > 0 and 100 * self.sessions_attended >= self.attendance_minimum * self.sessions_held

    @property
    def lessons_met(self) -> bool:
        return not (self.lessons_missing or self.quizzes_not_passed or self.assignments_not_approved)

    def met(self, attainment: str = Attainment.COMPLETION) -> bool:
        """Whether the requirements of `attainment` (participation or completion) hold."""
        if attainment == Attainment.PARTICIPATION:
            return self.attendance_met
        return self.attendance_met and self.lessons_met

    def reasons(self, attainment: str = Attainment.COMPLETION) -> list[str]:
        """What is missing for `attainment`, in the reader's language; empty when met."""
        reasons = []
        if attainment == Attainment.COMPLETION:
            if self.lessons_missing:
                reasons.append(
                    ngettext("%(n)d required lesson not done", "%(n)d required lessons not done", self.lessons_missing)
                    % {"n": self.lessons_missing}
                )
            if self.quizzes_not_passed:
                reasons.append(
                    ngettext("%(n)d quiz not passed", "%(n)d quizzes not passed", self.quizzes_not_passed)
                    % {"n": self.quizzes_not_passed}
                )
            if self.assignments_not_approved:
                reasons.append(
                    ngettext(
                        "%(n)d assignment not approved",
                        "%(n)d assignments not approved",
                        self.assignments_not_approved,
                    )
                    % {"n": self.assignments_not_approved}
                )
        if not self.attendance_met:
            if self.attendance_percent is None:
                reasons.append(
                    _("Attendance: no session held yet (minimum %(minimum)d%%)") % {"minimum": self.attendance_minimum}
                )
            else:
                reasons.append(
                    _("Attendance %(rate)d%% is below the minimum of %(minimum)d%%")
                    % {"rate": self.attendance_percent, "minimum": self.attendance_minimum}
                )
        return reasons


def shortfall(enrolment: Enrolment, *, now=None) -> Shortfall:
    """The requirements of one enrolment, in one query (the same one lists use)."""
    return Shortfall.of(Enrolment.objects.with_requirements(now).get(pk=enrolment.pk))


def requirements_met(enrolment: Enrolment, attainment: str = Attainment.COMPLETION, *, now=None) -> bool:
    return shortfall(enrolment, now=now).met(attainment)


def attainment_for(course) -> str:
    """The standard the course's certificate states; completion when it issues none."""
    return course.get_certificate_kind() or Attainment.COMPLETION
