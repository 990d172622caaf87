"""Every URL of our apps, asked by an outsider, a participant, a trainer of another wave and staff.

The URLs come from the resolver (every pattern whose view lives in lms, courses or
certificates, or whose viewset's model is ours), our Wagtail bulk actions and our page
types; the table below says, for each, the exact answer each person gets. A URL the
resolver knows and the table does not fails the test, and so does a row the resolver no
longer knows: a new URL is added here with the answers it must give.

The people (named as in tests/conftest.py):
- outsider: not signed in;
- participant: enrolled in wave A of course A (the objects in every URL belong to them or
  to wave A);
- trainer: teaches wave B of course B, and nothing of course A;
- staff: the Staff group.

Answers: a status code, or where a redirect goes: "login" (the site's sign-in), "admin-login"
(the admin's sign-in), "denied" (the admin's dashboard, where Wagtail sends a refusal with a
message), "302" (anywhere else: the page after a successful POST). Each request runs in a
savepoint that is rolled back, so a POST that succeeds changes nothing for the next one.
"""

import os
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import get_page_models

from certificates.issuance import run_batch_now, start_batch
from certificates.models import Certificate, CertificateTemplate, CourseCertificateSettings, IssuanceBatch
from courses.assignments import submit
from courses.attendance import checkin_token
from courses.enrolment import enrol
from courses.models import (
    Announcement,
    AttendanceRecord,
    Cohort,
    CohortSession,
    Enrolment,
    LessonProgress,
    Submission,
)
from courses.review import review
from lms.models import Notice, Organiser, PrivacyRequest, User
from lms.privacy import request_export
from tests.certificates.conftest import certificate_settings_for, complete_course
from tests.factories import UserFactory, build_cohort, build_course, verified

OUR_APPS = ("lms", "courses", "certificates")
ROLES = ("outsider", "participant", "trainer", "staff")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(64)

# Rows that repeat: (outsider, participant, trainer, staff).
EVERYONE = (200, 200, 200, 200)
SIGNED_IN = ("login", 200, 200, 200)  # any signed-in person, each seeing their own
STAFF_ONLY = ("admin-login", "admin-login", "denied", 200)
STAFF_AND_TRAINERS = ("admin-login", "admin-login", 200, 200)  # trainers see the rows of their own waves
STAFF_AND_WAVE_A = ("admin-login", "admin-login", 404, 200)  # a row of wave A: wave B's trainer does not find it
NOBODY_IN_ADMIN = ("admin-login", "admin-login", "denied", "denied")  # staff lack the permission too
STAFF_REDIRECTED = ("admin-login", "admin-login", "denied", "302")  # staff are sent on, whatever they did
STAFF_CHANGE = ("admin-login", "admin-login", "denied", "302+")  # staff changed something

# Keyed by URL name (namespace:name), "bulk:<model>:<action>" or "page:<model>"; per method, the
# answers to (outsider, participant, trainer, staff). URLs that act are asked with a POST (no
# data) too; "+" marks a POST that changed something.
TABLE = {
    # --- The site: lms
    "data_export": {"GET": ("login", 405, 405, 405), "POST": ("login", "302", "302", "302")},
    "data_export_download": {"GET": ("login", 200, 404, 404)},  # the person's own, nobody else's
    "delete_account": {"GET": SIGNED_IN, "POST": SIGNED_IN},  # no password posted: the form again
    "logout_everywhere": {"GET": ("login", 405, 405, 405), "POST": ("login", "login", "login", "login")},
    "notices": {"GET": SIGNED_IN},
    "offline_token": {"GET": (403, 200, 200, 200)},  # the signed-in person's own token and reader key
    "privacy": {"GET": EVERYONE},
    "public_media": {"GET": (404, 404, 404, 404)},  # the same images for everyone; this one does not exist
    "profile": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "service_worker": {"GET": EVERYONE},
    "set_language": {"GET": ("302", "302", "302", "302"), "POST": ("302", "302", "302", "302")},
    # --- The site: courses (a GET of a POST-only action is 405 once signed in)
    "courses:check_in": {"GET": ("login", 200, 403, 403), "POST": ("login", "302+", 403, 403)},
    "courses:enrol": {"GET": SIGNED_IN, "POST": ("login", "302", "302+", "302+")},
    "courses:evaluate": {"GET": ("login", 200, 404, 404), "POST": ("login", 200, 404, 404)},
    "courses:mark_done": {"GET": ("login", 405, 405, 405), "POST": ("login", "302", 404, 404)},
    "courses:my_learning": {"GET": SIGNED_IN},
    "courses:schedule": {"GET": ("login", 200, 404, 200)},
    "courses:schedule_ics": {"GET": ("login", 200, 404, 200)},
    "courses:submission_file": {"GET": (404, 200, 404, 200)},
    "courses:submit_assignment": {"GET": ("login", 405, 405, 405), "POST": ("login", "302", 404, 404)},
    "courses:submit_quiz": {"GET": ("login", 405, 405, 405), "POST": ("login", "302", 404, 404)},
    "courses:withdraw": {"GET": ("login", 200, 404, 404), "POST": ("login", "302", 404, 404)},
    # --- The site: certificates (verification is public; a PDF is the holder's and staff's)
    "certificates:download": {"GET": ("login", 200, 404, 200)},
    "certificates:mine": {"GET": SIGNED_IN},
    "certificates:verify": {"GET": EVERYONE},
    "certificates:verify_form": {"GET": EVERYONE},
    "certificates:verify_json": {"GET": EVERYONE},
    # --- Our page types, served by Wagtail: a lesson is for its enrolled participants and staff
    "page:courses.courseindexpage": {"GET": EVERYONE},
    "page:courses.coursepage": {"GET": EVERYONE},
    "page:courses.lessonpage": {"GET": (403, 200, 403, 200)},
    "page:courses.modulepage": {"GET": EVERYONE},
    # --- Admin: waves, registrants, the review queue, sessions, announcements (courses/admin/)
    "courses_announcement:add": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "courses_announcement:delete": {"GET": STAFF_AND_WAVE_A, "POST": ("admin-login", "admin-login", 404, "302+")},
    "courses_announcement:edit": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "courses_announcement:history": {"GET": STAFF_ONLY},
    "courses_announcement:history_results": {"GET": STAFF_ONLY},
    "courses_announcement:index": {"GET": STAFF_AND_TRAINERS},
    "courses_announcement:index_results": {"GET": STAFF_AND_TRAINERS},
    "courses_announcement:usage": {"GET": STAFF_ONLY},
    "courses_cohort:add": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "courses_cohort:delete": {"GET": STAFF_AND_WAVE_A, "POST": ("admin-login", "admin-login", 404, "302")},
    "courses_cohort:edit": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "courses_cohort:history": {"GET": STAFF_ONLY},
    "courses_cohort:history_results": {"GET": STAFF_ONLY},
    "courses_cohort:index": {"GET": STAFF_AND_TRAINERS},
    "courses_cohort:index_results": {"GET": STAFF_AND_TRAINERS},
    "courses_cohort:report": {"GET": STAFF_AND_WAVE_A},
    "courses_cohort:usage": {"GET": STAFF_ONLY},
    "courses_enrolment:approve": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "courses_enrolment:confirm_nip": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "courses_enrolment:import": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "courses_enrolment:index": {"GET": STAFF_AND_TRAINERS},
    "courses_enrolment:index_results": {"GET": STAFF_AND_TRAINERS},
    "courses_enrolment:move": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "courses_enrolment:reject": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "courses_enrolment:withdraw": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "courses_session:add": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "courses_session:attendance": {"GET": STAFF_AND_WAVE_A, "POST": ("admin-login", "admin-login", 404, "302")},
    "courses_session:checkin_qr": {"GET": STAFF_AND_WAVE_A},
    "courses_session:checkins": {"GET": STAFF_AND_WAVE_A, "POST": ("admin-login", "admin-login", 404, "302")},
    "courses_session:copy": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "courses_session:delete": {"GET": STAFF_AND_WAVE_A, "POST": ("admin-login", "admin-login", 404, "302+")},
    "courses_session:edit": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "courses_session:history": {"GET": STAFF_ONLY},
    "courses_session:history_results": {"GET": STAFF_ONLY},
    "courses_session:index": {"GET": STAFF_AND_TRAINERS},
    "courses_session:index_results": {"GET": STAFF_AND_TRAINERS},
    "courses_session:usage": {"GET": STAFF_ONLY},
    "courses_submission:index": {"GET": STAFF_AND_TRAINERS},
    "courses_submission:index_results": {"GET": STAFF_AND_TRAINERS},
    "courses_submission:review": {"GET": STAFF_AND_WAVE_A, "POST": STAFF_AND_WAVE_A},
    # --- Admin: certificates (certificates/admin/)
    "certificates_certificate:index": {"GET": STAFF_ONLY},
    "certificates_certificate:index_results": {"GET": STAFF_ONLY},
    "certificates_certificate:inspect": {"GET": STAFF_ONLY},
    "certificates_certificate:reissue": {"GET": STAFF_ONLY, "POST": STAFF_CHANGE},
    "certificates_certificate:retry": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "certificates_certificate:revoke": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "certificates_issuance:batch": {"GET": STAFF_ONLY},
    "certificates_issuance:cohort": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "certificates_issuance:index": {"GET": STAFF_ONLY},
    "certificates_issuance:retry_batch": {
        "GET": ("admin-login", "admin-login", "denied", 405),
        "POST": STAFF_REDIRECTED,
    },
    "certificates_settings:add": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "certificates_settings:delete": {"GET": STAFF_ONLY, "POST": STAFF_CHANGE},
    "certificates_settings:edit": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "certificates_settings:history": {"GET": STAFF_ONLY},
    "certificates_settings:history_results": {"GET": STAFF_ONLY},
    "certificates_settings:index": {"GET": STAFF_ONLY},
    "certificates_settings:index_results": {"GET": STAFF_ONLY},
    "certificates_settings:usage": {"GET": STAFF_ONLY},
    "wagtailsnippetchoosers_certificates_certificatetemplate:choose": {"GET": STAFF_AND_TRAINERS},
    "wagtailsnippetchoosers_certificates_certificatetemplate:choose_results": {"GET": STAFF_AND_TRAINERS},
    "wagtailsnippetchoosers_certificates_certificatetemplate:chosen": {"GET": STAFF_AND_TRAINERS},
    "wagtailsnippetchoosers_certificates_certificatetemplate:chosen_multiple": {"GET": STAFF_AND_TRAINERS},
    "wagtailsnippetchoosers_certificates_certificatetemplate:create": {"GET": STAFF_ONLY},
    "wagtailsnippets_certificates_certificatetemplate:add": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "wagtailsnippets_certificates_certificatetemplate:copy": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "wagtailsnippets_certificates_certificatetemplate:delete": {
        "GET": STAFF_REDIRECTED,
        "POST": STAFF_REDIRECTED,
    },
    "wagtailsnippets_certificates_certificatetemplate:edit": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "wagtailsnippets_certificates_certificatetemplate:history": {"GET": STAFF_ONLY},
    "wagtailsnippets_certificates_certificatetemplate:history_results": {"GET": STAFF_ONLY},
    "wagtailsnippets_certificates_certificatetemplate:list": {"GET": STAFF_ONLY},
    "wagtailsnippets_certificates_certificatetemplate:list_results": {"GET": STAFF_ONLY},
    "wagtailsnippets_certificates_certificatetemplate:preview_on_add": {"GET": STAFF_ONLY},
    "wagtailsnippets_certificates_certificatetemplate:preview_on_edit": {"GET": STAFF_ONLY},
    "wagtailsnippets_certificates_certificatetemplate:usage": {"GET": STAFF_ONLY},
    # --- Admin: lms (notices, organisers, users)
    "lms_notice:index": {"GET": STAFF_ONLY},
    "lms_notice:index_results": {"GET": STAFF_ONLY},
    "lms_notice:inspect": {"GET": STAFF_ONLY},
    "lms_notice:resend": {"GET": STAFF_ONLY, "POST": STAFF_REDIRECTED},
    "lms_tasks:index": {"GET": STAFF_ONLY},  # workers and failed tasks (lms/admin_tasks.py)
    "wagtailsnippetchoosers_lms_organiser:choose": {"GET": STAFF_AND_TRAINERS},
    "wagtailsnippetchoosers_lms_organiser:choose_results": {"GET": STAFF_AND_TRAINERS},
    "wagtailsnippetchoosers_lms_organiser:chosen": {"GET": STAFF_AND_TRAINERS},
    "wagtailsnippetchoosers_lms_organiser:chosen_multiple": {"GET": STAFF_AND_TRAINERS},
    "wagtailsnippetchoosers_lms_organiser:create": {"GET": STAFF_ONLY},
    "wagtailsnippets_lms_organiser:add": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "wagtailsnippets_lms_organiser:delete": {"GET": NOBODY_IN_ADMIN, "POST": NOBODY_IN_ADMIN},
    "wagtailsnippets_lms_organiser:edit": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "wagtailsnippets_lms_organiser:history": {"GET": STAFF_ONLY},
    "wagtailsnippets_lms_organiser:history_results": {"GET": STAFF_ONLY},
    "wagtailsnippets_lms_organiser:list": {"GET": STAFF_ONLY},
    "wagtailsnippets_lms_organiser:list_results": {"GET": STAFF_ONLY},
    "wagtailsnippets_lms_organiser:usage": {"GET": STAFF_ONLY},
    "wagtailusers_users:add": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "wagtailusers_users:copy": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "wagtailusers_users:delete": {"GET": NOBODY_IN_ADMIN, "POST": NOBODY_IN_ADMIN},
    "wagtailusers_users:edit": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "wagtailusers_users:history": {"GET": STAFF_ONLY},
    "wagtailusers_users:history_results": {"GET": STAFF_ONLY},
    "wagtailusers_users:index": {"GET": STAFF_ONLY},
    "wagtailusers_users:index_results": {"GET": STAFF_ONLY},
    "wagtailusers_users:usage": {"GET": STAFF_ONLY},
    # --- Bulk actions: a GET is the confirmation page, a POST acts on the rows the person may reach
    "bulk:certificates.certificatetemplate:delete": {
        "GET": ("admin-login", "admin-login", 200, "302"),
        "POST": ("admin-login", "admin-login", "302", "302"),
    },
    "bulk:courses.enrolment:approve": {"GET": STAFF_ONLY, "POST": STAFF_REDIRECTED},
    "bulk:courses.enrolment:reject": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "bulk:courses.enrolment:withdraw": {"GET": STAFF_ONLY, "POST": STAFF_REDIRECTED},
    "bulk:courses.submission:approve": {
        "GET": STAFF_AND_TRAINERS,
        "POST": ("admin-login", "admin-login", "302", "302"),
    },
    "bulk:courses.submission:request_revision": {"GET": STAFF_AND_TRAINERS, "POST": STAFF_AND_TRAINERS},
    "bulk:lms.organiser:delete": {"GET": STAFF_AND_TRAINERS, "POST": ("admin-login", "admin-login", "302", "302")},
    "bulk:lms.user:assign_role": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
    "bulk:lms.user:delete": {"GET": STAFF_ONLY, "POST": STAFF_REDIRECTED},
    "bulk:lms.user:set_active_state": {"GET": STAFF_ONLY, "POST": STAFF_ONLY},
}


@dataclass
class World:
    participant: object
    trainer: object
    staff: object
    course: object
    lesson: object
    cohort: object
    enrolment: object
    submission: object
    session: object
    announcement: object
    certificate: object
    batch: object
    notice: object


def with_assignment(lesson):
    block = {"title": "Video promosi UMKM", "instructions": "<p>Buat video 30 detik.</p>", "accepts": "link_or_file"}
    lesson.body = [("text", "<p>Materi</p>"), ("assignment", block)]
    lesson.completion_mode = "assignment"
    lesson.save()
    return lesson


@pytest.fixture
def world(db, django_capture_on_commit_callbacks, settings):
    settings.CERTIFICATE_LOOKUPS_PER_MINUTE = 10_000
    participant = verified(UserFactory(email="sari@contoh.id", full_name="Sari Wulandari"))
    trainer = verified(UserFactory(email="pelatih@contoh.id", full_name="Dimas Pelatih", groups=["Trainer"]))
    staff = verified(UserFactory(email="staf@contoh.id", full_name="Ayu Staf", groups=["Staff"]))
    course = build_course("Kursus A", modules=1, lessons=2)
    lesson = with_assignment(course.get_lessons().first().specific)
    cohort = build_cohort(course, "Gelombang A", ended=True)
    course_b = build_course("Kursus B", modules=1, lessons=1)
    cohort_b = build_cohort(course_b, "Gelombang B")
    cohort_b.trainers.add(trainer)
    cohort_b.save()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = enrol(participant, cohort)
        file = SimpleUploadedFile("karya.png", PNG, content_type="image/png")
        submission = submit(enrolment, lesson, link="", file=file)
        review(submission, staff, approve=True)
        complete_course(enrolment)
        certificate_settings_for(course, issue_automatically=False)
        batch = start_batch(cohort, by=staff)
    run_batch_now(batch)
    with django_capture_on_commit_callbacks(execute=True):
        request_export(participant)  # "Unduh data saya", built at once by the immediate task backend
    now = timezone.now()
    session = CohortSession.objects.create(
        cohort=cohort, title="Sesi tatap muka", starts_at=now - timedelta(minutes=10), ends_at=now + timedelta(hours=2)
    )
    announcement = Announcement.objects.create(cohort=cohort, author=staff, title="Info", body="Bawa laptop.")
    return World(
        participant=participant,
        trainer=trainer,
        staff=staff,
        course=course,
        lesson=lesson,
        cohort=cohort,
        enrolment=enrolment,
        submission=submission,
        session=session,
        announcement=announcement,
        certificate=Certificate.objects.get(enrolment=enrolment),
        batch=IssuanceBatch.objects.get(pk=batch.pk),
        notice=Notice.objects.filter(recipient=participant).first(),
    )


# --- Which URLs are ours -----------------------------------------------------------------


def _our_model(callback) -> bool:
    model = getattr(callback, "view_initkwargs", {}).get("model") or getattr(
        getattr(callback, "view_class", None), "model", None
    )
    return isinstance(model, type) and issubclass(model, models.Model) and model._meta.app_label in OUR_APPS


def _walk(resolver, namespaces=()):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern, namespaces + ((pattern.namespace,) if pattern.namespace else ()))
        elif isinstance(pattern, URLPattern):
            yield ":".join((*namespaces, pattern.name or "")), pattern


def our_url_patterns() -> dict[str, URLPattern]:
    """Every named URL pattern whose view is ours or serves one of our models."""
    found = {}
    for name, pattern in _walk(get_resolver()):
        module = getattr(pattern.callback, "__module__", "") or ""
        if module.split(".")[0] in OUR_APPS or _our_model(pattern.callback):
            found.setdefault(name, pattern)
    return found


def our_bulk_actions() -> dict[str, object]:
    """Our Wagtail bulk actions: all share one URL pattern (Wagtail's), so each is a row of its own."""
    return {
        f"bulk:{model._meta.label_lower}:{action.action_type}": action
        for app_label in OUR_APPS
        for model in apps.get_app_config(app_label).get_models()
        for action in bulk_action_registry.get_bulk_actions_for_model(app_label, model._meta.model_name)
    }


def our_page_types() -> dict[str, type]:
    return {
        f"page:{model._meta.label_lower}": model for model in get_page_models() if model._meta.app_label in OUR_APPS
    }


def everything_ours() -> set[str]:
    return set(our_url_patterns()) | set(our_bulk_actions()) | set(our_page_types())


# --- Asking ------------------------------------------------------------------------------


def objects_by_namespace(world: World) -> dict[str, object]:
    template = world.certificate.template
    organiser = world.course.organiser
    return {
        "courses_cohort": world.cohort,
        "courses_enrolment": world.enrolment,
        "courses_submission": world.submission,
        "courses_session": world.session,
        "courses_announcement": world.announcement,
        "certificates_certificate": world.certificate,
        "certificates_issuance:cohort": world.cohort,
        "certificates_issuance": world.batch,
        "certificates_settings": world.course.certificate_settings,
        "wagtailsnippets_certificates_certificatetemplate": template,
        "wagtailsnippetchoosers_certificates_certificatetemplate": template,
        "wagtailsnippets_lms_organiser": organiser,
        "wagtailsnippetchoosers_lms_organiser": organiser,
        "lms_notice": world.notice,
        "wagtailusers_users": world.participant,
    }


def url_of(name: str, pattern, world: World) -> str:
    """The URL `name` filled with wave A's objects."""
    if name.startswith("bulk:"):
        _bulk, model, action = name.split(":")
        target = {
            "courses.enrolment": world.enrolment,
            "courses.submission": world.submission,
            "certificates.certificatetemplate": world.certificate.template,
            "lms.organiser": world.course.organiser,
            "lms.user": world.participant,
        }[model]
        base = reverse("wagtail_bulk_action", args=[*model.split("."), action])
        return f"{base}?id={target.pk}&next=/"
    if name.startswith("page:"):
        model = pattern
        page = world.lesson if model._meta.model_name == "lessonpage" else world.lesson.get_parent()
        page = {"coursepage": world.course, "courseindexpage": world.course.get_parent()}.get(
            model._meta.model_name, page
        )
        return page.specific.url
    namespace = name.rpartition(":")[0]
    objects = objects_by_namespace(world)
    target = objects.get(name, objects.get(namespace))
    values = {
        "cohort_id": world.cohort.pk,
        "enrolment_id": world.enrolment.pk,
        "lesson_id": world.lesson.pk,
        "submission_id": world.submission.pk,
        "token": checkin_token(world.session),
        "code": world.certificate.code,
        "path": "images/tidak-ada.png",
        "pk": getattr(target, "pk", None),
        "request_id": PrivacyRequest.objects.filter(user=world.participant).values_list("pk", flat=True).first(),
    }
    kwargs = {param: values[param] for param in pattern.pattern.converters}
    return reverse(name, kwargs=kwargs)


def answer(response) -> int | str:
    if response.status_code != 302:
        return response.status_code
    location = response["Location"]
    if location.startswith(reverse("account_login")):
        return "login"
    if location.startswith(reverse("wagtailadmin_login")):
        return "admin-login"
    if location == reverse("wagtailadmin_home"):
        return "denied"
    return "302"


def snapshot(world: World) -> tuple:
    """What a request could change in wave A's world, to tell a refusal from a change."""
    rows = [
        Enrolment.objects.filter(pk=world.enrolment.pk).values_list("status", "cohort_id"),
        Submission.objects.filter(pk=world.submission.pk).values_list("status", "reviewed_at"),
        Certificate.objects.values_list("pk", "status", "revoked_at", "pdf").order_by("pk"),
        Cohort.objects.values_list("pk", "name", "ends_on").order_by("pk"),
        CohortSession.objects.values_list("pk", "title").order_by("pk"),
        Announcement.objects.values_list("pk", "title").order_by("pk"),
        Organiser.objects.values_list("pk", "name").order_by("pk"),
        CertificateTemplate.objects.values_list("pk", "name").order_by("pk"),
        CourseCertificateSettings.objects.values_list("pk", "kind").order_by("pk"),
        User.objects.values_list("pk", "is_active", "full_name", "language").order_by("pk"),
        Group.objects.filter(user__isnull=False).values_list("pk", "user").order_by("pk", "user"),
        Notice.objects.values_list("pk", "sent_at").order_by("pk"),
        LessonProgress.objects.values_list("pk", "completed_at").order_by("pk"),
        AttendanceRecord.objects.values_list("pk", "present").order_by("pk"),
        IssuanceBatch.objects.values_list("pk").order_by("pk"),
    ]
    return tuple(tuple(rows) for rows in rows)


def ask(client, world: World, user, method: str, url: str) -> int | str:
    """One request as `user` (None: signed out), in a savepoint that is rolled back.

    A POST that changed anything in wave A's world is marked with "+" (e.g. "302+").
    """
    client.logout()
    if user is not None:
        client.force_login(user)
    cache.clear()
    with transaction.atomic():
        before = snapshot(world) if method == "POST" else None
        try:
            response = client.post(url) if method == "POST" else client.get(url)
            changed = method == "POST" and snapshot(world) != before
        except Exception as error:  # a server error is an answer to report
            return f"error: {type(error).__name__}: {error}"[:200]
        finally:
            transaction.set_rollback(True)
    got = answer(response)
    return f"{got}+" if changed else got


# --- The tests ---------------------------------------------------------------------------


def test_every_url_of_our_apps_has_a_row_in_the_table():
    found = everything_ours()
    assert not found - set(TABLE), f"URLs with no row in the access table: {sorted(found - set(TABLE))}"
    assert not set(TABLE) - found, f"Rows for URLs that no longer exist: {sorted(set(TABLE) - found)}"


def test_each_person_gets_exactly_the_answer_in_the_table(client, world):
    patterns = {**our_url_patterns(), **our_bulk_actions(), **our_page_types()}
    people = {"outsider": None, "participant": world.participant, "trainer": world.trainer, "staff": world.staff}
    wrong, observed = [], {}
    for name in sorted(patterns):
        url = url_of(name, patterns[name], world)
        for method in TABLE.get(name) or ("GET", "POST"):
            got = tuple(ask(client, world, people[role], method, url) for role in ROLES)
            observed.setdefault(name, {})[method] = got
            expected = TABLE.get(name, {}).get(method)
            if got != expected:
                wrong.append(f"{name} {method} {url}: expected {expected}, got {got}")
    if wrong and os.environ.get("ACCESS_TABLE_DUMP"):
        for name, methods in observed.items():
            print(f"    {name!r}: {methods!r},")
    assert not wrong, "\n".join(wrong)


# What the trainer gets once they also teach wave A, for every URL that turned them away as
# wave B's trainer (a 404 or 403 on GET): the wave's pages open; what is the participant's
# own, or staff's (deleting a wave's rows), stays closed.
WAVE_TRAINER = {
    "courses:schedule": 200,
    "courses:schedule_ics": 200,
    "courses:submission_file": 200,
    "page:courses.lessonpage": 200,
    "courses_cohort:report": 200,
    "courses_submission:review": 200,
    "courses_session:attendance": 200,
    "courses_session:checkin_qr": 200,
    "courses_session:checkins": 200,
    "courses_cohort:delete": "denied",
    "courses_session:delete": "denied",
    "courses_announcement:delete": "denied",
    "courses:check_in": 403,  # a trainer is not a participant who checks in
    "courses:withdraw": 404,
    "courses:evaluate": 404,
    "certificates:download": 404,
    "data_export_download": 404,
    "public_media": 404,  # no such image, for anyone
}


def test_the_waves_own_trainer_reaches_what_another_waves_trainer_does_not(client, world):
    world.cohort.trainers.add(world.trainer)
    world.cohort.save()
    patterns = {**our_url_patterns(), **our_bulk_actions(), **our_page_types()}
    refused = {name for name, methods in TABLE.items() if methods["GET"][2] in (403, 404) and name in patterns}
    got = {name: ask(client, world, world.trainer, "GET", url_of(name, patterns[name], world)) for name in refused}
    assert got == WAVE_TRAINER
