"""Hostile input meets a message, never a server error, and a refused form writes nothing.

Property tests (hypothesis): random and hostile values (NUL, huge and negative numbers, ids
that are not numbers, long strings, right-to-left text and emoji, SQL-ish strings) posted
to every form each role can reach, and given to every management command's arguments.
~25 examples each in `make test`; HYPOTHESIS_PROFILE=thorough runs many more (bench/hostile).

The forms and the people come from tests/test_access_table.py: its table lists every URL of
ours and who may post to it; each form is posted as someone it accepts. Field names are read
from the page that shows the form (or, for actions posted from the lesson, the lesson page).
Each post runs in a savepoint that is rolled back, so one example never feeds the next.
"""

import json
import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command, get_commands, load_command_class
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from wagtail.fields import RichTextField

from courses.models import AttendanceRecord, Cohort, CohortSession
from lms.validators import normalise_whatsapp, validate_nip
from tests import test_access_table as access
from tests.test_access_table import TABLE, World, our_url_patterns, snapshot, url_of

world = access.world  # the fixture: wave A's participant, a trainer of wave B, staff, and their rows

HOSTILE = [
    "",
    " ",
    "\x00",
    "1\x00",
    "abc",
    "-1",
    "0",
    "99999999999999",
    "9" * 40,
    "-9223372036854775809",
    "1e309",
    "NaN",
    "1.5",
    "' OR 1=1 --",
    "'; DROP TABLE lms_user; --",
    "<script>alert(1)</script>",
    "\u202eevil\u202c",
    "مرحبا بالعالم",
    "🙂" * 50,
    "x" * 5000,
    "2026-02-30",
    "9999-12-31T23:59",
    "../../etc/passwd",
    "{seq}",
    "%(name)s",
]
values = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=200), st.integers().map(str))
# A formset's form count: hostile, but not in the thousands — Django caps a formset at 1000 forms
# beyond max_num (absolute_max), and rendering that many back takes seconds an example.
FORM_COUNTS = st.sampled_from(["", " ", "abc", "\x00", "-1", "0", "1", "3", "1.5", "' OR 1=1 --", "\u0661"])
MANAGEMENT = ("-TOTAL_FORMS", "-INITIAL_FORMS", "-MIN_NUM_FORMS", "-MAX_NUM_FORMS")


def value_for(field: str):
    return FORM_COUNTS if field.endswith(MANAGEMENT) else values


OUR_APPS = ("lms", "courses", "certificates", "demo")
ROLE_ATTR = {"participant": "participant", "trainer": "trainer", "staff": "staff"}
ROLES = ("outsider", "participant", "trainer", "staff")
# Actions posted from the lesson page rather than a page of their own.
FIELDS_FROM_LESSON = {"courses:mark_done", "courses:submit_assignment", "courses:submit_quiz", "courses:enrol"}
NOT_FIELDS = {"csrfmiddlewaretoken"}
NAME_RE = re.compile(r'\bname="([^"]+)"')


# --- Management commands -------------------------------------------------------------------


def our_commands() -> list[str]:
    return sorted(name for name, app in get_commands().items() if app.split(".")[0] in OUR_APPS)


def options_of(command: str) -> list[tuple[str, bool]]:
    """(option, takes a value) for each option of the command, Django's common ones left out."""
    parser = load_command_class(get_commands()[command], command).create_parser("manage.py", command)
    common = {"--version", "--verbosity", "--settings", "--pythonpath", "--traceback", "--no-color", "--force-color"}
    common |= {"--skip-checks", "--help"}
    found = []
    for action in parser._actions:
        option = next((o for o in action.option_strings if o.startswith("--")), None)
        if option and option not in common:
            found.append((option, action.nargs != 0))
    return found


def test_every_command_of_ours_is_covered():
    assert {"send_submission_digest", "issue_due_certificates", "retry_certificates"} <= set(our_commands())


@pytest.mark.parametrize("command", our_commands())
@given(data=st.data())
def test_a_command_meets_absurd_arguments_with_a_clear_refusal(command, data, db, settings):
    settings.DEBUG = False  # the demo commands refuse here unless --allow-production, never seed
    args = []
    for option, takes_value in options_of(command):
        if option == "--allow-production" or not data.draw(st.booleans(), label=option):
            continue
        args += [option, data.draw(values, label=f"{option} value")] if takes_value else [option]
    if data.draw(st.booleans(), label="stray argument"):
        args.append(data.draw(values, label="stray"))
    with transaction.atomic():
        try:
            call_command(command, *args, stdout=_Discard(), stderr=_Discard())
        except CommandError as refusal:
            assert str(refusal).strip()
        finally:
            transaction.set_rollback(True)


@pytest.mark.parametrize("hours", ["99999999999999", "-5", "0", "abc", "1e9"])
def test_the_digest_refuses_absurd_hours_in_words(hours, db):
    with pytest.raises(CommandError, match=r"hours|invalid int"):
        call_command("send_submission_digest", "--hours", hours, stdout=_Discard())


class _Discard:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass


# --- The wave form's course that is not a number -------------------------------------------


@pytest.mark.parametrize("course", ["abc", "1\x00", "99999999999999999999", "-1", "' OR 1=1 --"])
def test_the_wave_form_with_a_course_that_is_not_one_says_so(course, client, staff, db):
    client.force_login(staff)
    data = {
        "course": course,
        "name": "Gelombang Uji",
        "starts_on": "2026-03-01",
        "ends_on": "2026-03-02",
        "mode": "online",
        "quotas-TOTAL_FORMS": "1",
        "quotas-INITIAL_FORMS": "0",
        "quotas-MIN_NUM_FORMS": "1",
        "quotas-MAX_NUM_FORMS": "1000",
        "quotas-0-segment": "public",
        "quotas-0-seats": "10",
    }
    response = client.post(reverse("courses_cohort:add"), data)
    assert response.status_code == 200
    assert "course" in response.context["form"].errors
    assert not Cohort.objects.filter(name="Gelombang Uji").exists()


# --- Every form of every role --------------------------------------------------------------


def reachable_forms() -> list[tuple[str, str]]:
    """(URL name, role) for each POST the access table lets a signed-in role reach."""
    pairs = []
    for name, methods in sorted(TABLE.items()):
        if "POST" not in methods or name.startswith(("bulk:", "page:")):
            continue
        for role, expected in zip(ROLES, methods["POST"], strict=True):
            if role != "outsider" and str(expected).rstrip("+") in ("200", "302"):
                pairs.append((name, role))
    return pairs


def field_names(client, world: World, name: str, url: str) -> list[str]:
    source = world.lesson.url if name in FIELDS_FROM_LESSON else url
    page = client.get(source).content.decode(errors="replace")
    names = sorted(set(NAME_RE.findall(page)) - NOT_FIELDS)
    return names or ["confirm", "reason", "note"]


@pytest.mark.parametrize(("name", "role"), reachable_forms())
@given(data=st.data())
def test_a_form_meets_hostile_values_without_a_server_error_or_a_partial_write(name, role, data, client, world):
    user = getattr(world, ROLE_ATTR[role])
    client.force_login(user)
    url = url_of(name, our_url_patterns()[name], world)
    names = field_names(client, world, name, url)
    chosen = data.draw(st.lists(st.sampled_from(names), unique=True, max_size=len(names)), label="fields")
    posted = {field: data.draw(value_for(field), label=field) for field in chosen}
    with transaction.atomic():
        before = snapshot(world)
        try:
            response = client.post(url, posted)
            assert response.status_code < 500, (name, role, posted)
            form = (response.context or {}).get("form") if response.status_code == 200 else None
            if form is not None and getattr(form, "errors", None):
                assert snapshot(world) == before, f"{name} refused the form as {role} but changed something"
        finally:
            transaction.set_rollback(True)


def test_the_forms_tried_include_each_roles_own():
    pairs = reachable_forms()
    for expected in [
        ("profile", "participant"),
        ("courses:evaluate", "participant"),
        ("courses:submit_assignment", "participant"),
        ("courses:check_in", "participant"),
        ("courses_session:attendance", "staff"),
        ("courses_cohort:add", "staff"),
        ("certificates_settings:add", "staff"),
        ("courses_enrolment:import", "staff"),
    ]:
        assert expected in pairs


@given(data=st.data())
def test_a_trainer_marking_attendance_in_their_own_wave_meets_hostile_values(data, client, world):
    wave_b = Cohort.objects.get(name="Gelombang B")
    now = timezone.now()
    session = CohortSession.objects.create(
        cohort=wave_b, title="Sesi B", starts_at=now - timedelta(minutes=5), ends_at=now + timedelta(hours=1)
    )
    client.force_login(world.trainer)
    url = reverse("courses_session:attendance", kwargs={"pk": session.pk})
    names = field_names(client, world, "courses_session:attendance", url)
    posted = {field: data.draw(value_for(field), label=field) for field in names if data.draw(st.booleans())}
    posted["present"] = data.draw(st.lists(values, max_size=4), label="present ids")
    with transaction.atomic():
        try:
            assert client.post(url, posted).status_code < 500, posted
        finally:
            transaction.set_rollback(True)


def test_attendance_ids_that_cannot_be_ids_are_dropped(client, world):
    session = CohortSession.objects.create(
        cohort=Cohort.objects.get(name="Gelombang B"),
        title="Sesi B",
        starts_at=timezone.now() - timedelta(minutes=5),
        ends_at=timezone.now() + timedelta(hours=1),
    )
    client.force_login(world.trainer)
    url = reverse("courses_session:attendance", kwargs={"pk": session.pk})
    response = client.post(url, {"present": ["9" * 40, "²", "-1", "1\x00", "abc"], "was_present": ["9" * 19]})
    assert response.status_code == 302
    assert not AttendanceRecord.objects.filter(session=session).exists()


ARABIC_INDIC = str.maketrans("0123456789", "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669")
FULL_WIDTH = str.maketrans("0123456789", "".join(chr(0xFF10 + n) for n in range(10)))


@pytest.mark.parametrize(
    "nip",
    ["1" * 18 + "\n", "1" * 17 + "\u00b2", *("198001012005011001".translate(t) for t in (ARABIC_INDIC, FULL_WIDTH))],
)
def test_a_nip_in_digits_of_another_script_is_refused(nip):
    with pytest.raises(ValidationError):
        validate_nip(nip)


@pytest.mark.parametrize(
    "number", ["0812\u00b23456789", *("081234567890".translate(t) for t in (ARABIC_INDIC, FULL_WIDTH))]
)
def test_a_whatsapp_number_in_digits_of_another_script_is_refused(number):
    with pytest.raises(ValidationError):
        normalise_whatsapp(number)


# --- Forms outside the access table: signing up and in, and the page editor ----------------


def contentstate(text: str) -> str:
    """Draftail's JSON for one paragraph of `text`, as the editor's script posts it."""
    block = {"key": "a1b2c", "text": text, "type": "unstyled", "depth": 0, "inlineStyleRanges": [], "entityRanges": []}
    return json.dumps({"blocks": [block], "entityMap": {}})


def page_forms(world: World) -> dict[str, tuple[str | None, str]]:
    """(role, URL) of the forms that are Wagtail's or allauth's views over our models."""
    course, lesson = world.course, world.lesson
    return {
        "signup": (None, reverse("account_signup")),
        "login": (None, reverse("account_login")),
        "password reset": (None, reverse("account_reset_password")),
        "password change": ("participant", reverse("account_change_password")),
        "course page edit": ("staff", reverse("wagtailadmin_pages:edit", args=[course.pk])),
        "lesson page edit": ("staff", reverse("wagtailadmin_pages:edit", args=[lesson.pk])),
        "new course page": (
            "staff",
            reverse("wagtailadmin_pages:add", args=["courses", "coursepage", course.get_parent().pk]),
        ),
    }


@pytest.mark.parametrize(
    "form",
    [
        "signup",
        "login",
        "password reset",
        "password change",
        "course page edit",
        "lesson page edit",
        "new course page",
    ],
)
@given(data=st.data())
def test_the_sign_in_forms_and_the_page_editor_meet_hostile_values(form, data, client, world):
    role, url = page_forms(world)[form]
    client.logout()
    if role:
        client.force_login(getattr(world, role))
    names = field_names(client, world, form, url)
    chosen = data.draw(st.lists(st.sampled_from(names), unique=True, max_size=len(names)), label="fields")
    posted = {field: data.draw(value_for(field), label=field) for field in chosen}
    if "page" in form and data.draw(st.booleans(), label="editor payloads well formed"):
        # Wagtail reads two editor payloads unguarded: StreamField's block count ("body-count"
        # missing or not a number: KeyError, ValueError) and Draftail's JSON (not JSON: a
        # JSONDecodeError); lms/editor_forms.py refuses such a post with a message. Half the
        # examples send both well formed, as the editor's script does, with the hostile text
        # inside, so the other fields' own checks are reached too.
        posted["body-count"] = "0"
        page_model = type((world.lesson if "lesson" in form else world.course).specific)
        for field in page_model._meta.get_fields():
            if isinstance(field, RichTextField) and field.name in posted:
                posted[field.name] = contentstate(posted[field.name])
    with transaction.atomic():
        before = snapshot(world)
        try:
            response = client.post(url, posted)
            assert response.status_code < 500, (form, posted)
            refused = response.status_code == 200 and getattr((response.context or {}).get("form"), "errors", None)
            if refused:
                assert snapshot(world) == before, f"{form} refused but changed something"
        finally:
            transaction.set_rollback(True)
