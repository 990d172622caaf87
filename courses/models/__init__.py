from courses.models.cohorts import Cohort, CohortMode, SegmentQuota
from courses.models.enrolment import Attainment, Enrolment, EnrolmentEvent, EnrolmentStatus, NipConfirmation
from courses.models.pages import CompletionMode, CourseIndexPage, CoursePage, LessonPage, ModulePage
from courses.models.progress import LessonProgress, QuizAttempt, Submission, SubmissionStatus
from courses.models.schedule import Announcement, AttendanceRecord, CohortSession, EvaluationResponse

__all__ = [
    "Announcement",
    "Attainment",
    "AttendanceRecord",
    "Cohort",
    "CohortMode",
    "CohortSession",
    "CompletionMode",
    "CourseIndexPage",
    "CoursePage",
    "Enrolment",
    "EnrolmentEvent",
    "EnrolmentStatus",
    "EvaluationResponse",
    "LessonPage",
    "LessonProgress",
    "ModulePage",
    "NipConfirmation",
    "QuizAttempt",
    "SegmentQuota",
    "Submission",
    "SubmissionStatus",
]
