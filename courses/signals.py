"""What courses announces to the apps above it (certificates), which listen; courses imports none of them."""

from django.dispatch import Signal

# Sent once, after commit, when an enrolment becomes completed: sender=Enrolment,
# enrolment=<Enrolment>.
course_completed = Signal()

# Asked (course page, wave report, "Pembelajaran saya") which standard each course's certificate
# states: sender=CoursePage, courses=[<CoursePage>, ...]. A receiver answers with a dict
# {course id: Attainment value}, leaving out the courses that issue no certificate.
certificate_offer = Signal()
