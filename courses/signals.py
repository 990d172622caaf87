"""What courses announces to the apps above it (certificates), which listen; courses imports none of them."""

from django.dispatch import Signal

# Sent once, after commit, when an enrolment becomes completed: sender=Enrolment,
# enrolment=<Enrolment>.
course_completed = Signal()

# Asked (course page, wave report, "Pembelajaran saya") which standard the course's certificate
# states: sender=CoursePage, course=<CoursePage>. A receiver answers with an Attainment value,
# or None when the course issues no certificate.
certificate_offer = Signal()
