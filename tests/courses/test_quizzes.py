"""Quizzes in lessons: answers stay secret until submitting, grading, attempts and their limits."""

import re
from decimal import Decimal

import pytest
from django.contrib.messages import ERROR, get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.enrolment import enrol, withdraw
from courses.models import LessonPage, LessonProgress, QuizAttempt
from courses.quizzes import grade, quiz_of, reader_questions
from tests.concurrency import run_concurrently
from tests.factories import UserFactory, build_cohort, build_course, verified

QUESTIONS = [
    (
        "single_choice",
        {
            "prompt": "Aplikasi video pendek mana yang dibuat ByteDance?",
            "options": [
                {"text": "TikTok", "correct": True},
                {"text": "YouTube", "correct": False},
                {"text": "Instagram", "correct": False},
            ],
            "explanation": "Penjelasan pilihan tunggal: ByteDance merilis Douyin lalu TikTok.",
        },
    ),
    (
        "multiple_choice",
        {
            "prompt": "Mana yang merupakan produk UMKM binaan kota?",
            "options": [
                {"text": "Keripik tempe Bu Sri", "correct": True},
                {"text": "Batik tulis Kayutangan", "correct": True},
                {"text": "Obligasi negara", "correct": False},
            ],
            "explanation": "Penjelasan pilihan ganda: obligasi diterbitkan pemerintah pusat.",
        },
    ),
    (
        "true_false",
        {
            "prompt": "Video untuk TikTok sebaiknya direkam tegak (9:16).",
            "answer": "true",
            "explanation": "Penjelasan benar-salah: layar ponsel dipegang tegak.",
        },
    ),
    (
        "short_answer",
        {
            "prompt": "Kepanjangan dari singkatan OPD adalah ...",
            "accepted_answers": ["Organisasi Perangkat Daerah", "Organisasi Pemerintah Daerah"],
            "explanation": "Penjelasan isian: OPD adalah dinas dan badan di pemerintah kota.",
        },
    ),
]
SECRETS = [
    "Organisasi Perangkat Daerah",
    "Organisasi Pemerintah Daerah",
    *(value["explanation"] for _type, value in QUESTIONS),
]


def add_quiz_lesson(course, questions=QUESTIONS, *, completion_mode="quiz", **quiz) -> LessonPage:
    """A published lesson at the end of the course's first module whose body holds a quiz."""
    settings = {"title": "Kuis Modul 1", "kind": "practice", "pass_mark": 70, "max_attempts": 3} | quiz
    module = course.get_modules().first()
    lesson = module.add_child(
        instance=LessonPage(
            title="Kuis Konten Kreatif",
            body=[("text", "<p>Materi sebelum kuis.</p>"), ("quiz", {**settings, "questions": list(questions)})],
            completion_mode=completion_mode,
        )
    )
    return LessonPage.objects.get(pk=lesson.pk)  # as a request sees it, with stored block ids


def answer_form(lesson, single=None, multiple=(), true_false=None, short=None) -> dict:
    """POST data answering the first question of each type by option text, as the browser sends it."""
    questions = reader_questions(quiz_of(lesson))
    single_q, multiple_q, true_false_q, short_q = (
        next((question for question in questions if question.type == kind), None)
        for kind in ("single_choice", "multiple_choice", "true_false", "short_answer")
    )

    def option_id(question, text):
        return next(option.id for option in question.options if option.text == text)

    data = {}
    if single:
        data[single_q.field_name] = option_id(single_q, single)
    if multiple:
        data[multiple_q.field_name] = [option_id(multiple_q, text) for text in multiple]
    if true_false:
        data[true_false_q.field_name] = true_false
    if short is not None:
        data[short_q.field_name] = short
    return data


ALL_RIGHT = {
    "single": "TikTok",
    "multiple": ["Keripik tempe Bu Sri", "Batik tulis Kayutangan"],
    "true_false": "true",
    "short": "Organisasi Perangkat Daerah",
}
HALF_RIGHT = ALL_RIGHT | {"true_false": "false", "short": "Organisasi Daerah"}


def stored_answers(form) -> dict:
    """The form's answers as QuizAttempt.answers stores them: {question id: value}."""
    return {key.removeprefix("q-"): value for key, value in form.items()}


def submit(client, lesson, form, **headers):
    return client.post(reverse("courses:submit_quiz", args=[lesson.pk]), form, headers=headers)


def error_messages(response) -> list:
    return [message for message in get_messages(response.wsgi_request) if message.level == ERROR]


@pytest.fixture
def quiz_lesson(course):
    return add_quiz_lesson(course)


# --- Nothing reveals the answers before submitting ------------------------------------


def test_the_quiz_form_reveals_no_answer_before_the_participant_submits(client, enrolment, quiz_lesson):
    client.force_login(enrolment.user)
    response = client.get(quiz_lesson.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="quiz"' in html and 'id="quiz-form"' in html
    assert "TikTok" in html and "Obligasi negara" in html
    for secret in SECRETS:
        assert secret not in html
    assert "correct" not in html.lower() and 'id="quiz-result"' not in html
    inputs = re.findall(r"<input [^>]*>", html.split('id="quiz-form"')[1].split("</form>")[0])
    # Apart from names and values, every option is the same markup: nothing marks the right one.
    shapes = {
        " ".join(re.sub(r'(name|value|id)="[^"]*"', "", tag).split())
        for tag in inputs
        if "csrfmiddlewaretoken" not in tag
    }
    assert shapes == {
        '<input type="radio" >',
        '<input type="checkbox" >',
        '<input type="text" maxlength="500" autocomplete="off">',
    }


def test_after_an_attempt_the_participant_sees_the_score_marks_and_explanations(client, enrolment, quiz_lesson):
    client.force_login(enrolment.user)
    submit(client, quiz_lesson, answer_form(quiz_lesson, **HALF_RIGHT))
    response = client.get(quiz_lesson.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="quiz-result"' in html and "quiz__result--failed" in html
    assert html.count("quiz__review-item--right") == 2 and html.count("quiz__review-item--wrong") == 2
    for explanation in SECRETS[2:]:
        assert explanation in html
    assert 'id="quiz-form"' in html  # two attempts are left


def test_right_answers_are_revealed_only_after_a_pass_or_the_last_attempt(client, enrolment, course):
    lesson = add_quiz_lesson(course, max_attempts=2)
    client.force_login(enrolment.user)
    submit(client, lesson, answer_form(lesson, **HALF_RIGHT))
    first = client.get(lesson.url).content.decode()
    assert "Organisasi Pemerintah Daerah" not in first  # a retry could copy it
    submit(client, lesson, answer_form(lesson, **HALF_RIGHT))
    last = client.get(lesson.url).content.decode()
    assert "Organisasi Pemerintah Daerah" in last and 'id="quiz-form"' not in last


@pytest.mark.parametrize("who", ["trainer", "staff"])
def test_trainers_and_staff_see_the_answers_marked_but_cannot_submit(client, request, cohort, quiz_lesson, who):
    person = request.getfixturevalue(who)
    cohort.trainers.add(request.getfixturevalue("trainer"))
    cohort.save()  # a ParentalManyToManyField is written on save
    client.force_login(person)
    page = client.get(quiz_lesson.url)
    response = submit(client, quiz_lesson, answer_form(quiz_lesson, **ALL_RIGHT))
    html = page.content.decode()
    assert page.status_code == 200 and response.status_code == 404
    assert 'id="quiz-form"' not in html and "quiz__answer--correct" in html
    assert all(secret in html for secret in SECRETS)
    assert not QuizAttempt.objects.exists()


# --- Grading ---------------------------------------------------------------------------


def test_every_question_type_is_graded_and_the_score_has_two_decimals(quiz_lesson):
    quiz = quiz_of(quiz_lesson)
    all_right = grade(quiz, stored_answers(answer_form(quiz_lesson, **ALL_RIGHT)))
    half = grade(quiz, stored_answers(answer_form(quiz_lesson, **HALF_RIGHT)))
    assert [q.correct for q in all_right.questions] == [True, True, True, True]
    assert all_right.score == Decimal("100.00") and all_right.passed
    assert [q.correct for q in half.questions] == [True, True, False, False]
    assert half.score == Decimal("50.00") and not half.passed


def test_a_score_is_rounded_to_two_decimals(course):
    lesson = add_quiz_lesson(course, QUESTIONS[:3], pass_mark=33)
    result = grade(quiz_of(lesson), stored_answers(answer_form(lesson, single="TikTok")))
    assert result.score == Decimal("33.33") and result.passed
    assert [q.answered for q in result.questions] == [True, False, False]


@pytest.mark.parametrize(
    "typed", ["Organisasi Perangkat Daerah", "  organisasi   PERANGKAT daerah ", "ORGANISASI PEMERINTAH\tDAERAH"]
)
def test_short_answers_ignore_letter_case_and_extra_spaces(quiz_lesson, typed):
    result = grade(quiz_of(quiz_lesson), stored_answers(answer_form(quiz_lesson, short=typed)))
    assert result.questions[3].correct


@pytest.mark.parametrize("typed", ["Organisasi Daerah", "Perangkat Daerah Organisasi", "OrganisasiPerangkatDaerah"])
def test_a_different_short_answer_is_wrong(quiz_lesson, typed):
    result = grade(quiz_of(quiz_lesson), stored_answers(answer_form(quiz_lesson, short=typed)))
    assert not result.questions[3].correct


@pytest.mark.parametrize(
    "chosen, right",
    [
        (["Keripik tempe Bu Sri", "Batik tulis Kayutangan"], True),
        (["Keripik tempe Bu Sri"], False),
        (["Keripik tempe Bu Sri", "Batik tulis Kayutangan", "Obligasi negara"], False),
        (["Obligasi negara"], False),
    ],
)
def test_multiple_choice_is_right_only_with_exactly_the_correct_set(quiz_lesson, chosen, right):
    result = grade(quiz_of(quiz_lesson), stored_answers(answer_form(quiz_lesson, multiple=chosen)))
    assert result.questions[1].correct is right


def test_unanswered_questions_are_wrong(quiz_lesson):
    result = grade(quiz_of(quiz_lesson), {})
    assert not any(q.correct for q in result.questions) and result.score == Decimal("0.00")


def test_stored_answers_keep_their_meaning_when_the_questions_are_reordered(quiz_lesson):
    answers = stored_answers(answer_form(quiz_lesson, **HALF_RIGHT))
    raw = quiz_lesson.body.raw_data[1]
    raw["value"]["questions"].reverse()
    quiz_lesson.body = list(quiz_lesson.body.raw_data)
    quiz_lesson.save()
    reordered = LessonPage.objects.get(pk=quiz_lesson.pk)
    result = grade(quiz_of(reordered), answers)
    assert [q.question.type for q in result.questions] == [
        "short_answer",
        "true_false",
        "multiple_choice",
        "single_choice",
    ]
    assert result.score == Decimal("50.00")
    assert [q.correct for q in result.questions] == [False, False, True, True]


# --- Attempts --------------------------------------------------------------------------


def test_each_attempt_stores_its_answers_score_and_number(client, enrolment, quiz_lesson):
    client.force_login(enrolment.user)
    first = answer_form(quiz_lesson, **HALF_RIGHT)
    second = answer_form(quiz_lesson, **ALL_RIGHT)
    response = submit(client, quiz_lesson, first)
    submit(client, quiz_lesson, second)
    assert response.status_code == 302 and response["Location"] == f"{quiz_lesson.url}#quiz"
    attempts = list(QuizAttempt.objects.filter(enrolment=enrolment, lesson=quiz_lesson))
    assert [(a.number, a.score, a.passed, a.kind) for a in attempts] == [
        (1, Decimal("50.00"), False, "practice"),
        (2, Decimal("100.00"), True, "practice"),
    ]
    assert attempts[0].answers == stored_answers(first)
    assert attempts[1].answers == stored_answers(second)


def test_a_passing_attempt_completes_the_lesson(client, enrolment, quiz_lesson):
    client.force_login(enrolment.user)
    response = submit(client, quiz_lesson, answer_form(quiz_lesson, **ALL_RIGHT))
    assert response.status_code == 302 and not error_messages(response)
    assert LessonProgress.objects.get(enrolment=enrolment, lesson=quiz_lesson).completed_at is not None


def test_a_failing_attempt_leaves_the_lesson_incomplete(client, enrolment, quiz_lesson):
    client.force_login(enrolment.user)
    response = submit(client, quiz_lesson, answer_form(quiz_lesson, **HALF_RIGHT))
    assert response.status_code == 302
    assert QuizAttempt.objects.get(enrolment=enrolment).passed is False
    assert not LessonProgress.objects.filter(lesson=quiz_lesson, completed_at__isnull=False).exists()


def test_passing_a_quiz_in_a_lesson_completed_another_way_does_not_complete_it(client, enrolment, course):
    lesson = add_quiz_lesson(course, completion_mode="manual")
    client.force_login(enrolment.user)
    submit(client, lesson, answer_form(lesson, **ALL_RIGHT))
    assert QuizAttempt.objects.get(enrolment=enrolment).passed is True
    assert not LessonProgress.objects.filter(lesson=lesson, completed_at__isnull=False).exists()


@pytest.mark.parametrize("kind", ["pretest", "posttest"])
def test_pre_and_post_test_attempts_are_stored_with_their_kind(client, enrolment, course, kind):
    lesson = add_quiz_lesson(course, kind=kind, completion_mode="manual")
    client.force_login(enrolment.user)
    page = client.get(lesson.url)
    submit(client, lesson, answer_form(lesson, **HALF_RIGHT))
    assert page.status_code == 200 and 'id="quiz-form"' in page.content.decode()
    assert QuizAttempt.objects.get(enrolment=enrolment, lesson=lesson).kind == kind


def test_no_attempt_is_stored_beyond_the_maximum(client, enrolment, course):
    lesson = add_quiz_lesson(course, max_attempts=2)
    client.force_login(enrolment.user)
    for _ in range(2):
        submit(client, lesson, answer_form(lesson, **HALF_RIGHT))
    response = submit(client, lesson, answer_form(lesson, **ALL_RIGHT))
    page = client.get(lesson.url).content.decode()
    assert response.status_code == 302 and len(error_messages(response)) == 1
    assert list(QuizAttempt.objects.values_list("number", "passed")) == [(1, False), (2, False)]
    assert 'id="quiz-form"' not in page and "quiz__closed" in page


def test_zero_maximum_attempts_means_unlimited(client, enrolment, course):
    lesson = add_quiz_lesson(course, max_attempts=0)
    client.force_login(enrolment.user)
    responses = [submit(client, lesson, answer_form(lesson, **HALF_RIGHT)) for _ in range(6)]
    assert not any(error_messages(response) for response in responses)
    assert list(QuizAttempt.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]


def test_with_javascript_the_result_comes_back_as_the_quiz_fragment(client, enrolment, quiz_lesson):
    client.force_login(enrolment.user)
    response = submit(client, quiz_lesson, answer_form(quiz_lesson, **ALL_RIGHT), HX_Request="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="quiz"') and "<html" not in html
    assert "quiz__result--passed" in html and "completion__done" in html
    assert QuizAttempt.objects.get(enrolment=enrolment).passed is True


# --- Bad input and people without a place ---------------------------------------------


@pytest.mark.parametrize("forgery", ["unknown_option", "unknown_question", "option_of_another_question", "two_radios"])
def test_forged_answers_are_refused_with_a_message_and_nothing_is_saved(client, enrolment, quiz_lesson, forgery):
    form = answer_form(quiz_lesson, **ALL_RIGHT)
    single, multiple = (question.field_name for question in reader_questions(quiz_of(quiz_lesson))[:2])
    if forgery == "unknown_option":
        form[single] = "00000000-0000-0000-0000-000000000000"
    elif forgery == "unknown_question":
        form["q-00000000-0000-0000-0000-000000000000"] = "true"
    elif forgery == "option_of_another_question":
        form[single] = form[multiple][0]
    else:
        form[single] = form[multiple]
    client.force_login(enrolment.user)
    response = submit(client, quiz_lesson, form)
    assert response.status_code == 302 and len(error_messages(response)) == 1
    assert not QuizAttempt.objects.exists()
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()


@pytest.mark.parametrize("case", ["nothing", "blank_answers", "too_long_text", "true_false_maybe"])
def test_empty_or_impossible_answers_are_refused_without_a_server_error(client, enrolment, quiz_lesson, case):
    fields = [question.field_name for question in reader_questions(quiz_of(quiz_lesson))]
    form = {
        "nothing": {},
        "blank_answers": {fields[0]: "", fields[3]: "   "},
        "too_long_text": {fields[3]: "x" * 501},
        "true_false_maybe": {fields[2]: "maybe"},
    }[case]
    client.force_login(enrolment.user)
    response = submit(client, quiz_lesson, form)
    assert response.status_code == 302 and len(error_messages(response)) == 1
    assert not QuizAttempt.objects.exists()


def test_a_lesson_without_a_quiz_takes_no_attempt(client, enrolment, lesson):
    client.force_login(enrolment.user)
    response = submit(client, lesson, {"q-anything": "1"})
    assert response.status_code == 302 and len(error_messages(response)) == 1
    assert not QuizAttempt.objects.exists()


@pytest.mark.parametrize("who", ["other_participant", "outsider", "waitlisted", "withdrawn"])
def test_people_without_a_learning_place_get_404_and_nothing_is_saved(client, course, cohort, quiz_lesson, who):
    person = verified(UserFactory(full_name="Orang Luar"))
    if who == "other_participant":
        enrol(person, build_cohort(build_course(title="Kursus Lain", modules=1, lessons=1)))
    elif who == "waitlisted":
        enrol(person, build_cohort(course, name="Penuh", seats={"public": 0}))
    elif who == "withdrawn":
        withdraw(enrol(person, cohort))
    client.force_login(person)
    response = submit(client, quiz_lesson, answer_form(quiz_lesson, **ALL_RIGHT))
    assert response.status_code == 404
    assert not QuizAttempt.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, quiz_lesson):
    response = submit(client, quiz_lesson, answer_form(quiz_lesson, **ALL_RIGHT))
    assert response.status_code == 302 and "login" in response["Location"]
    assert not QuizAttempt.objects.exists()


def test_an_unpublished_quiz_lesson_takes_no_attempt(client, enrolment, quiz_lesson):
    quiz_lesson.unpublish()
    client.force_login(enrolment.user)
    assert submit(client, quiz_lesson, answer_form(quiz_lesson, **ALL_RIGHT)).status_code == 404
    assert not QuizAttempt.objects.exists()


def test_a_locked_lesson_of_a_sequential_course_takes_no_attempt(client, enrolment, course, quiz_lesson):
    type(course).objects.filter(pk=course.pk).update(is_sequential=True)
    client.force_login(enrolment.user)
    response = submit(client, quiz_lesson, answer_form(quiz_lesson, **ALL_RIGHT))
    assert response.status_code == 302 and len(error_messages(response)) == 1
    assert not QuizAttempt.objects.exists()


# --- Queries and concurrency ----------------------------------------------------------


def test_the_lesson_page_costs_the_same_queries_for_5_and_40_questions(client, enrolment, course):
    counts = {}
    for size in (5, 40):
        lesson = add_quiz_lesson(course, (QUESTIONS * 10)[:size], max_attempts=0)
        client.force_login(enrolment.user)
        submit(client, lesson, answer_form(lesson, **HALF_RIGHT))
        client.get(lesson.url)  # the first view records the opening and fills this process's memory
        with CaptureQueriesContext(connection) as queries:
            response = client.get(lesson.url)
        assert response.status_code == 200 and response.content.decode().count("quiz__review-item--") == size
        counts[size] = len(queries)
    print(f"\n[queries] quiz lesson page: {counts}")
    assert counts[5] == counts[40]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.xdist_group("concurrency")
def test_ten_simultaneous_submissions_store_exactly_the_maximum_of_three(capsys):
    course = build_course(modules=1, lessons=1)
    lesson = add_quiz_lesson(course, max_attempts=3, completion_mode="manual")
    enrolment = enrol(verified(UserFactory()), build_cohort(course))
    form = answer_form(lesson, **HALF_RIGHT)
    clients = []
    for _ in range(10):
        clients.append(Client())
        clients[-1].force_login(enrolment.user)

    results, errors = run_concurrently(lambda c: submit(c, lesson, form).status_code, clients, clients=10)

    assert errors == [] and results == [302] * 10
    assert list(QuizAttempt.objects.order_by("number").values_list("number", flat=True)) == [1, 2, 3]
    with capsys.disabled():
        print(f"\n[concurrency] quiz attempts ran on {connection.vendor}")


@pytest.mark.parametrize(
    ("question_type", "flags"),
    [("single_choice", [False, False]), ("single_choice", [True, True]), ("multiple_choice", [False, False])],
)
def test_the_editor_refuses_a_choice_question_without_a_sensible_correct_answer(question_type, flags):
    from wagtail.blocks.struct_block import StructBlockValidationError

    from courses.blocks import QuizBlock

    questions = QuizBlock().child_blocks["questions"]
    block = questions.child_blocks[question_type]
    value = block.to_python(
        {"prompt": "Pilih", "options": [{"text": f"Jawaban {n}", "correct": c} for n, c in enumerate(flags)]}
    )
    with pytest.raises(StructBlockValidationError):
        block.clean(value)
