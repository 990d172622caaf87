"""A participant learns a course to the end: a lesson marked done, a quiz passed, an
assignment revised and approved by the trainer, and the course completed."""

import re

import pytest
from playwright.sync_api import expect

from courses.models import Enrolment, LessonPage, Submission
from tests.browser.test_accounts_and_lessons import log_in_directly
from tests.factories import build_cohort, build_course

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("browser"),
]


@pytest.fixture
def three_lessons():
    course = build_course(title="Konten Kreatif", modules=1, lessons=0)
    module = course.get_modules().first()
    module.add_child(instance=LessonPage(title="Ide Konten", body=[("text", "<p>Cari ide.</p>")]))
    quiz = {
        "title": "Kuis Hook",
        "kind": "practice",
        "pass_mark": 100,
        "max_attempts": 3,
        "questions": [
            ("true_false", {"prompt": "Tiga detik pertama menentukan.", "answer": "true", "explanation": "Ya."}),
        ],
    }
    module.add_child(instance=LessonPage(title="Hook", body=[("quiz", quiz)], completion_mode="quiz"))
    task = {"title": "Unggah video", "instructions": "<p>Kirim tautan TikTok Anda.</p>", "accepts": "link"}
    module.add_child(instance=LessonPage(title="Praktik", body=[("assignment", task)], completion_mode="assignment"))
    return course, [lesson.specific for lesson in course.get_lessons()]


def review(page, submission_pk, decision, feedback=""):
    page.goto(review_url(submission_pk))
    page.locator(f"input[name=decision][value={decision}]").check()
    page.locator("textarea[name=feedback]").fill(feedback)
    page.get_by_role("button", name="Simpan hasil pemeriksaan").click()


def review_url(pk):
    from django.urls import reverse

    return reverse("courses_submission:review", args=[pk])


def test_a_participant_completes_a_course_with_a_quiz_and_a_mentored_assignment(
    new_page, live_server, three_lessons, participant, trainer
):
    course, (idea, hook, practice) = three_lessons
    cohort = build_cohort(course)
    cohort.trainers.add(trainer)
    cohort.save()
    from courses.enrolment import enrol

    enrolment = enrol(participant, cohort)

    learner = new_page()
    log_in_directly(learner, live_server, participant)
    learner.goto(idea.url)
    learner.get_by_role("button", name="Tandai selesai").click()
    expect(learner.locator("#lesson-completion")).to_contain_text("Anda telah menyelesaikan materi ini.")

    learner.goto(hook.url)
    learner.locator("#quiz-form input[type=radio][value=true]").check()
    learner.get_by_role("button", name="Kirim jawaban").click()
    expect(learner.locator("#quiz")).to_contain_text("Lulus")

    learner.goto(practice.url)
    learner.locator("#assignment-link").fill("https://www.tiktok.com/@sari/video/7234567890123456789")
    learner.get_by_role("button", name="Kirim tugas saya").click()
    expect(learner.locator("#assignment")).to_contain_text("Versi 1")
    first = Submission.objects.get(enrolment=enrolment)

    mentor = new_page()
    log_in_directly(mentor, live_server, trainer)
    review(mentor, first.pk, "revision", "Tambahkan teks ajakan di akhir video.")
    expect(mentor.locator(".messages, [role=status]").first).to_be_visible()

    learner.goto(practice.url)
    expect(learner.locator("#assignment")).to_contain_text("Tambahkan teks ajakan di akhir video.")
    learner.locator("#assignment-link").fill("https://www.tiktok.com/@sari/video/7234567890123456790")
    learner.get_by_role("button", name="Kirim versi baru").click()
    second = Submission.objects.get(enrolment=enrolment, version=2)

    review(mentor, second.pk, "approve")
    learner.goto(course.url)
    learner.goto("/pembelajaran-saya/")
    expect(learner.locator("progress")).to_have_attribute("value", "100")
    assert Enrolment.objects.get(pk=enrolment.pk).status == "completed"
    expect(learner.locator(".card")).to_contain_text(re.compile("Selesai"))
