"""What courses holds about a person, for lms/privacy.py: their export and their erasure.

Found by lms.privacy through autodiscover_modules("privacy"), so lms never imports courses.
"""

import posixpath

from django.dispatch import receiver

from courses.enrolment import EnrolmentRefused, withdraw
from courses.models import (
    AttendanceRecord,
    Enrolment,
    EnrolmentEvent,
    EvaluationResponse,
    LessonProgress,
    NipConfirmation,
    QuizAttempt,
    Submission,
)
from lms.privacy import PersonalData, collect_personal_data, erase_personal_data

# An erased submission keeps its row (the review counts) but neither link nor file; the database
# asks for one of them, so the link says what happened, on a domain that never resolves.
ERASED_LINK = "https://dihapus.invalid/"


@receiver(collect_personal_data, dispatch_uid="courses.privacy.collect")
def collect(sender, user, **kwargs) -> PersonalData:
    enrolments = Enrolment.objects.filter(user=user)
    mine = {"enrolment__user": user}
    submissions = list(Submission.objects.filter(**mine).order_by("submitted_at", "pk"))
    return PersonalData(
        sections={
            "pendaftaran": list(
                enrolments.order_by("created_at").values(
                    "id",
                    "course__title",
                    "cohort__name",
                    "segment",
                    "status",
                    "waitlist_position",
                    "created_at",
                    "status_changed_at",
                    "completed_at",
                    "decision_reason",
                )
            ),
            "riwayat_pendaftaran": list(
                EnrolmentEvent.objects.filter(**mine).values("enrolment_id", "action", "note", "at")
            ),
            "kemajuan_belajar": list(
                LessonProgress.objects.filter(**mine).values(
                    "enrolment_id", "lesson__title", "started_at", "completed_at"
                )
            ),
            "jawaban_kuis": list(
                QuizAttempt.objects.filter(**mine).values(
                    "enrolment_id", "lesson__title", "kind", "number", "answers", "score", "passed", "submitted_at"
                )
            ),
            "tugas": [
                {
                    "enrolment_id": s.enrolment_id,
                    "lesson": s.lesson.title,
                    "version": s.version,
                    "link": s.link,
                    "file": _archive_path(s) if s.file else None,
                    "file_name": s.file_name,
                    "status": s.status,
                    "feedback": s.feedback,
                    "submitted_at": s.submitted_at,
                    "reviewed_at": s.reviewed_at,
                }
                for s in submissions
            ],
            "kehadiran": list(
                AttendanceRecord.objects.filter(**mine).values(
                    "enrolment_id", "session__title", "session__starts_at", "present", "method", "recorded_at"
                )
            ),
            "evaluasi": list(
                EvaluationResponse.objects.filter(**mine).values("enrolment_id", "answers", "submitted_at")
            ),
        },
        files=[(_archive_path(s), s.file) for s in submissions if s.file],
    )


def _archive_path(submission: Submission) -> str:
    extension = posixpath.splitext(submission.file.name)[1]
    return f"tugas/{submission.enrolment_id}-{submission.lesson_id}-v{submission.version}{extension}"


@receiver(erase_personal_data, dispatch_uid="courses.privacy.erase")
def erase(sender, user, on_commit, **kwargs) -> dict:
    """Free the person's seats and waitlist places; keep enrolment, progress and attendance rows
    (reports count them), erase submitted work and the feedback on it."""
    withdrawn = 0
    for enrolment in Enrolment.objects.filter(user=user).exclude(status="completed").live():
        try:
            withdraw(enrolment, reason="Akun dihapus atas permintaan peserta")
            withdrawn += 1
        except EnrolmentRefused:
            pass
    NipConfirmation.objects.filter(user=user).delete()  # it names the NIP being erased
    submissions = Submission.objects.filter(enrolment__user=user)
    for submission in submissions.exclude(file=""):
        on_commit(submission.file)
    erased = submissions.update(link=ERASED_LINK, file="", file_name="", file_type="", feedback="")
    return {"enrolments_withdrawn": withdrawn, "submissions_erased": erased}
