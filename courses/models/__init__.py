from courses.models.cohorts import Cohort, CohortMode, SegmentQuota
from courses.models.enrolment import Enrolment, EnrolmentEvent, EnrolmentStatus
from courses.models.pages import CourseIndexPage, CoursePage, LessonPage, ModulePage

__all__ = [
    "Cohort",
    "CohortMode",
    "CourseIndexPage",
    "CoursePage",
    "Enrolment",
    "EnrolmentEvent",
    "EnrolmentStatus",
    "LessonPage",
    "ModulePage",
    "SegmentQuota",
]
