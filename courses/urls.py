from django.urls import path

from courses import views

app_name = "courses"

urlpatterns = [
    path("gelombang/<int:cohort_id>/daftar/", views.enrol, name="enrol"),
    path("pendaftaran/<int:enrolment_id>/batal/", views.withdraw, name="withdraw"),
]
