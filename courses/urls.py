from django.urls import path

from courses.views import assignments, enrolment, learning, quizzes, schedule

app_name = "courses"

urlpatterns = [
    path("gelombang/<int:cohort_id>/daftar/", enrolment.enrol, name="enrol"),
    path("pendaftaran/<int:enrolment_id>/batal/", enrolment.withdraw, name="withdraw"),
    *learning.urlpatterns,
    *quizzes.urlpatterns,
    *assignments.urlpatterns,
    *schedule.urlpatterns,
]
