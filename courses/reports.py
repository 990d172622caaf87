"""The per-wave report: who registered, learned, attended and completed, by segment.

Every query here is a fixed count for a page of participants or for the summary,
whatever the number of lessons or participants; exports stream in batches.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses import requirements
from courses.evaluation import RATING_QUESTIONS
from courses.models import (
    AttendanceRecord,
    Cohort,
    CohortSession,
    Enrolment,
    EnrolmentStatus,
    EvaluationResponse,
    LessonProgress,
    QuizAttempt,
)
from courses.models.enrolment import SEAT_STATUSES
from courses.progress import course_lessons
from courses.requirements import Shortfall
from lms.models import Segment

EXPORT_BATCH = 500
LEARNERS = SEAT_STATUSES  # active and completed: the people being taught


def report_enrolments(cohort: Cohort, now=None):
    """The wave's registrants with their requirement figures annotated (one query when evaluated)."""
    return (
        Enrolment.objects.filter(cohort=cohort)
        .with_requirements(now)
        .select_related("user")
        .order_by("segment", "user__full_name", "pk")
    )


@dataclass
class ParticipantRow:
    enrolment: Enrolment
    statuses: list[str]  # per lesson: "done", "started" or ""
    quiz_average: float | None
    shortfall: Shortfall
    attainment: str  # the standard the report judges by: the course's certificate kind

    @property
    def requirements_met(self) -> bool:
        return self.shortfall.met(self.attainment)

    @property
    def missing(self) -> list[str]:
        return self.shortfall.reasons(self.attainment)


def participant_rows(cohort: Cohort, enrolments: list[Enrolment], lessons: list, attainment: str):
    """The matrix rows for some enrolments (from report_enrolments): two queries, whatever their number."""
    ids = [enrolment.pk for enrolment in enrolments]
    progress = defaultdict(dict)
    for enrolment_id, lesson_id, completed_at in LessonProgress.objects.filter(enrolment_id__in=ids).values_list(
        "enrolment_id", "lesson_id", "completed_at"
    ):
        progress[enrolment_id][lesson_id] = "done" if completed_at else "started"
    best_scores = defaultdict(list)
    for enrolment_id, best in (
        QuizAttempt.objects.filter(enrolment_id__in=ids, kind="practice")
        .values("enrolment_id", "lesson_id")
        .annotate(best=Max("score"))
        .values_list("enrolment_id", "best")
    ):
        best_scores[enrolment_id].append(float(best))
    rows = []
    for enrolment in enrolments:
        scores = best_scores.get(enrolment.pk)
        rows.append(
            ParticipantRow(
                enrolment=enrolment,
                statuses=[progress[enrolment.pk].get(lesson.pk, "") for lesson in lessons],
                quiz_average=sum(scores) / len(scores) if scores else None,
                shortfall=Shortfall.of(enrolment),
                attainment=attainment,
            )
        )
    return rows


def sessions_held(cohort: Cohort, now=None) -> int:
    return CohortSession.objects.filter(cohort=cohort, starts_at__lte=now or timezone.now()).count()


def segment_summary(cohort: Cohort, held: int, now=None) -> list[dict]:
    """Per segment: registered, learning, completed, completion and attendance rates, quiz average."""
    counts = {
        row["segment"]: row
        for row in Enrolment.objects.filter(cohort=cohort)
        .values("segment")
        .annotate(
            registered=Count("pk"),
            learners=Count("pk", filter=Q(status__in=LEARNERS)),
            completed=Count("pk", filter=Q(status=EnrolmentStatus.COMPLETED)),
            waitlisted=Count("pk", filter=Q(status=EnrolmentStatus.WAITLISTED)),
            withdrawn=Count("pk", filter=Q(status=EnrolmentStatus.WITHDRAWN)),
        )
    }
    present = dict(
        AttendanceRecord.objects.filter(
            session__cohort=cohort,
            session__starts_at__lte=now or timezone.now(),
            present=True,
            enrolment__status__in=LEARNERS,
        )
        .values("enrolment__segment")
        .annotate(n=Count("pk"))
        .values_list("enrolment__segment", "n")
    )
    quiz = _best_score_means(cohort, kinds=["practice"])
    tests = {kind: _best_score_means(cohort, kinds=[kind]) for kind in ("pretest", "posttest")}
    summary = []
    for segment, label in Segment.choices:
        row = counts.get(segment)
        if not row:
            continue
        learners = row["learners"]
        summary.append(
            {
                "segment": segment,
                "label": label,
                **{key: row[key] for key in ("registered", "learners", "completed", "waitlisted", "withdrawn")},
                "completion_rate": row["completed"] / learners if learners else None,
                "attendance_rate": present.get(segment, 0) / (learners * held) if learners and held else None,
                "quiz_average": quiz.get(segment),
                "pretest_average": tests["pretest"].get(segment),
                "posttest_average": tests["posttest"].get(segment),
            }
        )
    return summary


def _best_score_means(cohort: Cohort, kinds: list[str]) -> dict[str, float]:
    """Mean per segment of each learner's best score per quiz of the given kinds."""
    sums: dict[str, list[float]] = defaultdict(list)
    for segment, best in (
        QuizAttempt.objects.filter(enrolment__cohort=cohort, enrolment__status__in=LEARNERS, kind__in=kinds)
        .values("enrolment_id", "lesson_id", "enrolment__segment")
        .annotate(best=Max("score"))
        .values_list("enrolment__segment", "best")
    ):
        sums[segment].append(float(best))
    return {segment: sum(scores) / len(scores) for segment, scores in sums.items()}


def evaluation_summary(cohort: Cohort) -> dict:
    """Average rating per evaluation question and the number of responses."""
    totals: dict[str, list[int]] = defaultdict(list)
    responses = 0
    for answers in EvaluationResponse.objects.filter(enrolment__cohort=cohort).values_list("answers", flat=True):
        responses += 1
        for key, _label in RATING_QUESTIONS:
            if isinstance(answers.get(key), int):
                totals[key].append(answers[key])
    return {
        "responses": responses,
        "ratings": [
            {"label": label, "average": sum(totals[key]) / len(totals[key]) if totals[key] else None}
            for key, label in RATING_QUESTIONS
        ],
    }


def export_columns(lessons: list) -> list[str]:
    fixed = [
        _("Name"),
        _("Email"),
        _("Segment"),
        _("NIP"),
        _("Agency (OPD)"),
        _("District"),
        _("Status"),
        _("Registered at"),
        _("Completed at"),
        _("Quiz average (%)"),
        _("Attendance (%)"),
        _("Required lessons not done"),
        _("Quizzes not passed"),
        _("Assignments not approved"),
        _("Requirements met"),
    ]
    return [str(column) for column in fixed] + [lesson.title for lesson in lessons]


def export_rows(cohort: Cohort, *, mask_nip):
    """Every registrant of the wave as a list of cells, fetched EXPORT_BATCH at a time."""
    lessons = list(course_lessons(cohort.course))
    attainment = requirements.attainment_for(cohort.course)
    yield export_columns(lessons)
    queryset = report_enrolments(cohort)
    last_key = None
    while True:
        # Keyset pagination on the report's ordering keeps every batch query cheap.
        batch_qs = queryset
        if last_key is not None:
            segment, name, pk = last_key
            batch_qs = batch_qs.filter(
                Q(segment__gt=segment)
                | Q(segment=segment, user__full_name__gt=name)
                | Q(segment=segment, user__full_name=name, pk__gt=pk)
            )
        batch = list(batch_qs[:EXPORT_BATCH])
        if not batch:
            return
        for row in participant_rows(cohort, batch, lessons, attainment):
            enrolment, user = row.enrolment, row.enrolment.user
            yield [
                user.full_name,
                user.email,
                enrolment.get_segment_display(),
                mask_nip(user.nip),
                user.opd,
                user.district,
                enrolment.get_status_display(),
                enrolment.created_at,  # lms.exports writes datetimes in WIB
                enrolment.completed_at,
                round(row.quiz_average, 1) if row.quiz_average is not None else "",
                row.shortfall.attendance_percent if row.shortfall.attendance_percent is not None else "",
                row.shortfall.lessons_missing,
                row.shortfall.quizzes_not_passed,
                row.shortfall.assignments_not_approved,
                _("Yes") if row.requirements_met else _("No"),
                *[{"done": "✓", "started": "…"}.get(status, "") for status in row.statuses],
            ]
        last = batch[-1]
        last_key = (last.segment, last.user.full_name, last.pk)
