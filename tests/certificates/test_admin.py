"""Staff run certificates in the Wagtail admin: templates with a real PDF preview, course settings,
issuing a wave in bulk with progress, and revoking, re-issuing and retrying one certificate.
Trainers, participants and strangers can do none of it."""

import io
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from pypdf import PdfReader

from certificates import issuance
from certificates.models import (
    Certificate,
    CertificateEvent,
    CertificateTemplate,
    CourseCertificateSettings,
    IssuanceBatch,
)
from courses.enrolment import enrol
from tests.certificates.conftest import certificate_settings_for, complete_course
from tests.factories import UserFactory, make_users, organiser

SNIPPET = "wagtailsnippets_certificates_certificatetemplate"
SAMPLE_NAME = "Siti Nur'aini Ṣalihah"


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def template_form_data(**fields):
    data = {
        "name": "Sertifikat Pratinjau",
        "title": "SERTIFIKAT",
        "wording": "pelatihan {pelatihan} ({gelombang}) yang diselenggarakan oleh {penyelenggara}.",
        "accent_colour": "#1d4e89",
        "extra_css": "",
        "signatories-TOTAL_FORMS": "1",
        "signatories-INITIAL_FORMS": "0",
        "signatories-MIN_NUM_FORMS": "1",
        "signatories-MAX_NUM_FORMS": "3",
        "signatories-0-name": "Dra. Wulan Sari",
        "signatories-0-position": "Kepala Dinas",
        "signatories-0-nip": "",
        "signatories-0-ORDER": "1",
    }
    return {**data, **fields}


@pytest.fixture
def manual_settings(course, certificate_template):
    """The course issues completion certificates, by staff only (not automatically)."""
    return certificate_settings_for(course, certificate_template, issue_automatically=False)


@pytest.fixture
def wave(cohort, participant, other_participant, manual_settings):
    """The participant has completed the course; the other participant has done nothing yet."""
    done = complete_course(enrol(participant, cohort))
    learning = enrol(other_participant, cohort)
    return cohort, done, learning


@pytest.fixture
def certificate(course_settings, completed_enrolment):
    """The participant's certificate, issued automatically and rendered."""
    return Certificate.objects.get(enrolment=completed_enrolment)


@pytest.fixture
def teaching_trainer(trainer, cohort):
    cohort.trainers.add(trainer)
    cohort.save()  # modelcluster keeps parental relations in memory until save
    return trainer


def issue_all(client, cohort, capture):
    with capture(execute=True):
        return client.post(reverse("certificates_issuance:cohort", args=[cohort.pk]), {"scope": "all"})


# --- Templates ----------------------------------------------------------------------------


def test_staff_preview_a_new_template_as_the_real_pdf_with_sample_data(client, staff):
    organiser("Dinas Komunikasi dan Informatika Kota Magelang", "Magelang")
    client.force_login(staff)
    url = reverse(f"{SNIPPET}:preview_on_add")
    answer = client.post(url, template_form_data()).json()
    assert answer == {"is_valid": True, "is_available": True}
    response = client.get(url, {"in_preview_panel": "true"})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    # Shown in the editor's preview panel: a frame of the admin, so the site's policy must not forbid it.
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    text = pdf_text(response.content)
    assert SAMPLE_NAME in text
    assert "Dinas Komunikasi dan Informatika Kota Magelang".upper() in text.upper()
    assert "Magelang, " in text  # the organiser's place before the date
    assert not CertificateTemplate.objects.exists()  # a preview saves nothing


def test_the_preview_of_an_existing_template_shows_the_unsaved_changes(client, staff, certificate_template):
    client.force_login(staff)
    url = reverse(f"{SNIPPET}:preview_on_edit", args=[certificate_template.pk])
    signatory = certificate_template.signatories.get()
    data = template_form_data(
        name=certificate_template.name,
        title="PIAGAM PENGHARGAAN",
        **{"signatories-INITIAL_FORMS": "1", "signatories-0-id": str(signatory.pk)},
    )
    assert client.post(url, data).json()["is_valid"] is True
    text = pdf_text(client.get(url).content)
    assert "PIAGAM PENGHARGAAN" in text and SAMPLE_NAME in text
    certificate_template.refresh_from_db()
    assert certificate_template.title == "SERTIFIKAT"


@pytest.mark.parametrize("posted_id", [None, "abc"])
def test_a_signatory_row_without_a_usable_id_is_a_new_row_not_a_server_error(
    client, staff, certificate_template, posted_id
):
    """A post that says one signatory row exists but names no usable id for it (a hostile or
    broken form): the template is saved with that row as a new signatory, never a 500; the
    signatory it did not name stays as it was."""
    existing = list(certificate_template.signatories.values_list("pk", flat=True))
    data = template_form_data(name="Sertifikat Diubah", **{"signatories-INITIAL_FORMS": "1"})
    if posted_id is not None:
        data["signatories-0-id"] = posted_id
    client.force_login(staff)
    response = client.post(reverse(f"{SNIPPET}:edit", args=[certificate_template.pk]), data)
    assert response.status_code == 302
    certificate_template.refresh_from_db()
    assert certificate_template.name == "Sertifikat Diubah"
    added = certificate_template.signatories.exclude(pk__in=existing)
    assert [signatory.name for signatory in added] == ["Dra. Wulan Sari"]


def test_a_signatory_row_naming_an_id_that_is_not_there_is_refused_and_nothing_changes(
    client, staff, certificate_template
):
    data = template_form_data(
        name="Sertifikat Diubah", **{"signatories-INITIAL_FORMS": "1", "signatories-0-id": "99999999999999999999999"}
    )
    client.force_login(staff)
    response = client.post(reverse(f"{SNIPPET}:edit", args=[certificate_template.pk]), data)
    assert response.status_code == 200
    certificate_template.refresh_from_db()
    assert certificate_template.name != "Sertifikat Diubah"


def test_a_wording_with_an_unknown_placeholder_is_refused_and_nothing_is_saved(client, staff):
    client.force_login(staff)
    data = template_form_data(wording="Diberikan kepada {nama_lengkap}.")
    response = client.post(reverse(f"{SNIPPET}:add"), data)
    assert response.status_code == 200
    assert "{nama_lengkap}" in " ".join(response.context["form"].errors["wording"])
    assert not CertificateTemplate.objects.exists()
    saved = client.post(reverse(f"{SNIPPET}:add"), template_form_data())
    assert saved.status_code == 302 and CertificateTemplate.objects.get().signatories.count() == 1


# --- Course settings ------------------------------------------------------------------------


def test_course_settings_with_a_bad_serial_pattern_are_refused(client, staff, course, certificate_template):
    client.force_login(staff)
    data = {"course": course.pk, "template": certificate_template.pk, "kind": "completion", "serial_pattern": "X/2026"}
    response = client.post(reverse("certificates_settings:add"), data)
    assert response.status_code == 200 and "serial_pattern" in response.context["form"].errors
    assert not CourseCertificateSettings.objects.exists()


def test_participation_certificates_can_be_issued_automatically_too(client, staff, course, certificate_template):
    client.force_login(staff)
    data = {
        "course": course.pk,
        "template": certificate_template.pk,
        "kind": "participation",
        "issue_automatically": "on",
        "serial_pattern": "{seq:04d}/KOMINFO/{year}",
    }
    assert client.post(reverse("certificates_settings:add"), data).status_code == 302
    settings = CourseCertificateSettings.objects.get(course=course)
    assert (settings.kind, settings.issue_automatically) == ("participation", True)


def test_staff_see_course_settings_listed(client, staff, manual_settings):
    client.force_login(staff)
    html = client.get(reverse("certificates_settings:index")).content.decode()
    assert escape(manual_settings.course.title) in html and manual_settings.template.name in html


# --- Bulk issuance ---------------------------------------------------------------------------


def test_the_issuance_page_shows_who_is_eligible_and_why_not(client, staff, wave):
    cohort, done, learning = wave
    client.force_login(staff)
    response = client.get(reverse("certificates_issuance:cohort", args=[cohort.pk]))
    html = response.content.decode()
    assert f'data-enrolment="{done.pk}" data-eligible="true"' in html
    assert f'data-enrolment="{learning.pk}" data-eligible="false"' in html
    assert f'name="enrolments" value="{done.pk}"' in html
    assert f'name="enrolments" value="{learning.pk}"' not in html
    [reason] = next(row for row in response.context["rows"] if row.enrolment == learning).reasons
    assert reason in html and "6" in reason  # six required lessons not done


def test_staff_issue_to_all_eligible_of_a_wave(client, staff, wave, django_capture_on_commit_callbacks):
    cohort, done, _learning = wave
    client.force_login(staff)
    response = issue_all(client, cohort, django_capture_on_commit_callbacks)
    batch = IssuanceBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "certificates_issuance:batch", args=[batch.pk]
    )
    certificate = Certificate.objects.get()
    assert certificate.enrolment == done and certificate.status == "issued", certificate.last_error
    assert certificate.issued_by == staff and certificate.batch == batch
    assert (batch.requested, batch.skipped) == (1, 1)
    page = client.get(reverse("certificates_issuance:cohort", args=[cohort.pk])).content.decode()
    assert certificate.serial in page
    assert reverse("certificates_certificate:inspect", args=[certificate.pk]) in page


def test_issuing_twice_gives_no_second_certificate(client, staff, wave, django_capture_on_commit_callbacks):
    cohort, _done, _learning = wave
    client.force_login(staff)
    issue_all(client, cohort, django_capture_on_commit_callbacks)
    again = issue_all(client, cohort, django_capture_on_commit_callbacks)
    assert again.status_code == 200 and again.context["form"].non_field_errors()
    assert Certificate.objects.count() == 1 and IssuanceBatch.objects.count() == 1


def test_staff_issue_to_the_selected_participants_only(
    client, staff, cohort, manual_settings, django_capture_on_commit_callbacks
):
    _first, second = (complete_course(enrol(user, cohort)) for user in make_users(2))
    client.force_login(staff)
    url = reverse("certificates_issuance:cohort", args=[cohort.pk])
    nobody = client.post(url, {"scope": "selected"})
    assert nobody.status_code == 200 and nobody.context["form"].non_field_errors()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"scope": "selected", "enrolments": [second.pk]})
    assert response.status_code == 302
    assert list(Certificate.objects.values_list("enrolment", flat=True)) == [second.pk]


def test_a_wave_whose_course_issues_no_certificates_says_so(client, staff, cohort, participant):
    complete_course(enrol(participant, cohort))
    client.force_login(staff)
    url = reverse("certificates_issuance:cohort", args=[cohort.pk])
    response = client.get(url)
    assert "data-no-settings" in response.content.decode()
    assert reverse("certificates_settings:add") in response.content.decode()
    client.post(url, {"scope": "all"})
    assert not Certificate.objects.exists() and not IssuanceBatch.objects.exists()


def test_the_waves_list_shows_waves_of_courses_that_issue_certificates(client, staff, wave, course):
    cohort, _done, _learning = wave
    from tests.factories import build_cohort, build_course

    build_cohort(build_course(title="Kursus Tanpa Sertifikat", modules=1, lessons=1))
    client.force_login(staff)
    response = client.get(reverse("certificates_issuance:index"))
    [listed] = response.context["waves"]
    assert listed == cohort and listed.completed == 1
    assert reverse("certificates_issuance:cohort", args=[cohort.pk]) in response.content.decode()


def test_the_batch_page_reports_progress_as_json_and_lists_failures(
    client, staff, wave, django_capture_on_commit_callbacks
):
    cohort, _done, _learning = wave
    client.force_login(staff)
    issue_all(client, cohort, django_capture_on_commit_callbacks)
    batch = IssuanceBatch.objects.get()
    url = reverse("certificates_issuance:batch", args=[batch.pk])
    progress = client.get(url, {"format": "json"}).json()
    assert progress == {"requested": 1, "issued": 1, "failed": 0, "pending": 0, "skipped": 1, "done": True}
    Certificate.objects.update(status="failed", last_error="ConnectionError: storage unreachable", pdf="")
    assert client.get(url, {"format": "json"}).json()["failed"] == 1
    html = client.get(url).content.decode()
    assert "storage unreachable" in html and "js/certificate-batch.js" in html
    assert 'data-count="failed">1<' in html
    assert (
        reverse("certificates_issuance:batch", args=[batch.pk])
        in client.get(reverse("certificates_issuance:cohort", args=[cohort.pk])).content.decode()
    )


def test_retry_failed_renders_the_batchs_failed_pdfs_again(client, staff, wave, django_capture_on_commit_callbacks):
    cohort, _done, _learning = wave
    client.force_login(staff)
    issue_all(client, cohort, django_capture_on_commit_callbacks)
    batch = IssuanceBatch.objects.get()
    Certificate.objects.update(status="failed", last_error="ConnectionError", pdf="", sha256="")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("certificates_issuance:retry_batch", args=[batch.pk]))
    assert response.status_code == 302
    certificate = Certificate.objects.get()
    assert certificate.status == "issued" and certificate.last_error == "" and len(certificate.sha256) == 64


def test_the_issuance_page_needs_no_more_queries_for_a_bigger_wave(client, staff, cohort, manual_settings):
    url = reverse("certificates_issuance:cohort", args=[cohort.pk])
    for user in make_users(2, prefix="awal"):
        enrol(user, cohort)
    client.force_login(staff)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for user in make_users(8, prefix="akhir"):
        enrol(user, cohort)
    with CaptureQueriesContext(connection) as big:
        assert len(client.get(url).context["rows"]) == 10
    assert len(big) == len(small)


# --- One certificate ---------------------------------------------------------------------------


def test_staff_list_search_and_filter_certificates(client, staff, certificate):
    client.force_login(staff)
    index = reverse("certificates_certificate:index")
    html = client.get(index).content.decode()
    assert certificate.serial in html and certificate.holder_name in html
    assert reverse("certificates_certificate:inspect", args=[certificate.pk]) in html
    assert certificate.serial in client.get(index, {"q": certificate.display_code.lower()}).content.decode()
    assert certificate.serial in client.get(index, {"q": "wulandari"}).content.decode()
    assert certificate.serial not in client.get(index, {"q": "Tidak Ada Orang Ini"}).content.decode()
    assert certificate.serial not in client.get(index, {"status": "revoked"}).content.decode()
    assert certificate.serial in client.get(index, {"cohort": certificate.enrolment.cohort_id}).content.decode()


def test_the_certificate_list_needs_no_more_queries_for_more_certificates(
    client, staff, cohort, manual_settings, django_capture_on_commit_callbacks
):
    enrolments = [complete_course(enrol(user, cohort)) for user in make_users(6)]
    index = reverse("certificates_certificate:index")
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=False):  # pending certificates: no PDFs needed here
        for enrolment in enrolments[:2]:
            issuance.issue(enrolment, by=staff)
        client.get(index)
        with CaptureQueriesContext(connection) as few:
            client.get(index)
        for enrolment in enrolments[2:]:
            issuance.issue(enrolment, by=staff)
        with CaptureQueriesContext(connection) as more:
            html = client.get(index).content.decode()
    assert len(more) == len(few)
    assert all(serial in html for serial in Certificate.objects.values_list("serial", flat=True))
    assert Certificate.objects.count() == 6


def test_the_certificate_page_shows_its_record_pdf_and_audit_trail(client, staff, certificate):
    client.force_login(staff)
    response = client.get(reverse("certificates_certificate:inspect", args=[certificate.pk]))
    html = response.content.decode()
    for value in (certificate.serial, certificate.display_code, certificate.holder_name, certificate.issuer):
        assert value in html
    assert [event.action for event in response.context["events"]] == ["issued", "rendered"]
    assert reverse("certificates:download", args=[certificate.code]) in html
    assert reverse("certificates_certificate:revoke", args=[certificate.pk]) in html
    download = client.get(reverse("certificates:download", args=[certificate.code]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_revoking_needs_a_reason(client, staff, certificate):
    client.force_login(staff)
    url = reverse("certificates_certificate:revoke", args=[certificate.pk])
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    certificate.refresh_from_db()
    assert certificate.status == "issued" and not certificate.events.filter(action="revoked").exists()


def test_staff_revoke_a_certificate_with_a_reason(client, staff, certificate):
    client.force_login(staff)
    url = reverse("certificates_certificate:revoke", args=[certificate.pk])
    response = client.post(url, {"reason": "Peserta tidak hadir sama sekali."})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert (certificate.status, certificate.revocation_reason) == ("revoked", "Peserta tidak hadir sama sekali.")
    event = certificate.events.get(action=CertificateEvent.Action.REVOKED)
    assert event.actor == staff and event.note == "Peserta tidak hadir sama sekali."
    again = client.post(url, {"reason": "Sekali lagi."})
    assert again.status_code == 200 and again.context["form"].non_field_errors()
    assert certificate.events.filter(action="revoked").count() == 1


def test_re_issuing_after_a_name_correction_prints_the_new_name(
    client, staff, certificate, participant, django_capture_on_commit_callbacks
):
    participant.full_name = "Sari Wulandari Putri"
    participant.save()
    client.force_login(staff)
    url = reverse("certificates_certificate:reissue", args=[certificate.pk])
    assert "Sari Wulandari Putri" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"note": "Nama dibetulkan."})
    new = Certificate.objects.get(replaces=certificate)
    assert response["Location"] == reverse("certificates_certificate:inspect", args=[new.pk])
    assert (new.holder_name, new.status, new.issued_by) == ("Sari Wulandari Putri", "issued", staff)
    certificate.refresh_from_db()
    assert certificate.status == "replaced" and certificate.replaced_by == new
    assert "Sari Wulandari Putri" in pdf_text(new.pdf.read())
    old_page = client.get(reverse("certificates_certificate:inspect", args=[certificate.pk])).content.decode()
    assert reverse("certificates_certificate:inspect", args=[new.pk]) in old_page


def test_retry_pdf_renders_a_failed_certificate(client, staff, certificate, django_capture_on_commit_callbacks):
    Certificate.objects.filter(pk=certificate.pk).update(status="failed", pdf="", sha256="", last_error="OSError")
    client.force_login(staff)
    page = client.get(reverse("certificates_certificate:inspect", args=[certificate.pk])).content.decode()
    assert "OSError" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("certificates_certificate:retry", args=[certificate.pk]))
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == "issued" and certificate.last_error == ""


def test_retry_pdf_is_refused_for_an_issued_certificate(client, staff, certificate):
    client.force_login(staff)
    response = client.post(reverse("certificates_certificate:retry", args=[certificate.pk]))
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert certificate.events.count() == Certificate.objects.get(pk=certificate.pk).events.count() == 2


# --- Who may do what ---------------------------------------------------------------------------


def action_urls(certificate, batch):
    return [
        (reverse("certificates_issuance:cohort", args=[certificate.enrolment.cohort_id]), {"scope": "all"}),
        (reverse("certificates_certificate:revoke", args=[certificate.pk]), {"reason": "Coba-coba."}),
        (reverse("certificates_certificate:reissue", args=[certificate.pk]), {"note": ""}),
        (reverse("certificates_certificate:retry", args=[certificate.pk]), {}),
        (reverse("certificates_issuance:retry_batch", args=[batch.pk]), {}),
    ]


def page_urls(certificate, batch):
    return [
        reverse("certificates_certificate:index"),
        reverse("certificates_certificate:inspect", args=[certificate.pk]),
        reverse("certificates_issuance:index"),
        reverse("certificates_issuance:cohort", args=[certificate.enrolment.cohort_id]),
        reverse("certificates_issuance:batch", args=[batch.pk]),
        reverse("certificates_issuance:batch", args=[batch.pk]) + "?format=json",
        reverse("certificates_certificate:revoke", args=[certificate.pk]),
        reverse("certificates_certificate:reissue", args=[certificate.pk]),
        reverse("certificates_settings:index"),
        reverse(f"{SNIPPET}:list"),
    ]


@pytest.fixture
def failed_batch(certificate, other_participant, django_capture_on_commit_callbacks):
    """A batch for the wave whose one certificate's PDF failed, next to the participant's issued one."""
    enrolment = complete_course(enrol(other_participant, certificate.enrolment.cohort))
    settings = CourseCertificateSettings.objects.get()
    settings.issue_automatically = False
    settings.save()
    with django_capture_on_commit_callbacks(execute=True):
        batch = issuance.start_batch(enrolment.cohort, by=None)
    Certificate.objects.filter(batch=batch).update(status="failed", pdf="", last_error="OSError")
    return batch


@pytest.mark.parametrize("who", ["anonymous", "participant", "teaching_trainer"])
def test_outsiders_cannot_issue_revoke_reissue_or_retry(request, client, who, certificate, failed_batch):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    refused = {reverse("wagtailadmin_login"), reverse("wagtailadmin_home")}
    before = list(Certificate.objects.order_by("pk").values_list("pk", "status", "render_attempts"))
    for url, data in action_urls(certificate, failed_batch):
        response = client.post(url, data)
        assert response.status_code == 302, url  # to the login page, or the admin's home with a message
        assert urlsplit(response["Location"]).path in refused, url
    assert list(Certificate.objects.order_by("pk").values_list("pk", "status", "render_attempts")) == before
    assert IssuanceBatch.objects.count() == 1
    assert CertificateEvent.objects.filter(action__in=["revoked", "reissued", "replaced"]).count() == 0


@pytest.mark.parametrize("who", ["anonymous", "participant", "teaching_trainer"])
def test_outsiders_cannot_see_the_certificate_pages(request, client, who, certificate, failed_batch):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for url in page_urls(certificate, failed_batch):
        response = client.get(url)
        assert response.status_code == 302, url
        assert certificate.serial not in response.content.decode(), url


def test_a_trainer_sees_no_certificates_menu(client, teaching_trainer, certificate):
    client.force_login(teaching_trainer)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("certificates_certificate:index") not in html
    assert reverse("certificates_issuance:index") not in html


def test_staff_see_the_certificates_menu(client, staff):
    client.force_login(staff)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    for url in (reverse("certificates_certificate:index"), reverse("certificates_issuance:index")):
        assert url in html


def test_a_user_with_only_the_view_right_cannot_revoke(client, certificate):
    from django.contrib.auth.models import Permission

    viewer = UserFactory(email="pengamat@contoh.id")
    viewer.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_certificate")
    )
    client.force_login(viewer)
    assert client.get(reverse("certificates_certificate:inspect", args=[certificate.pk])).status_code == 200
    response = client.post(reverse("certificates_certificate:revoke", args=[certificate.pk]), {"reason": "Tes."})
    assert response.status_code == 302
    assert Certificate.objects.get(pk=certificate.pk).status == "issued"


def test_the_progress_json_is_refused_to_a_trainer(client, teaching_trainer, failed_batch):
    client.force_login(teaching_trainer)
    response = client.get(
        reverse("certificates_issuance:batch", args=[failed_batch.pk]),
        {"format": "json"},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 403
    assert b'"requested"' not in response.content


# --- Templates in use ------------------------------------------------------------------


def test_a_template_certificates_were_issued_with_cannot_be_deleted_singly_or_in_bulk(
    client, staff, certificate_template, course_settings, completed_enrolment
):
    assert Certificate.objects.filter(template=certificate_template).exists()
    course_settings.delete()  # no course uses it any more: only its certificates do
    client.force_login(staff)
    delete_url = reverse(f"{SNIPPET}:delete", args=[certificate_template.pk])
    bulk_url = reverse("wagtail_bulk_action", args=["certificates", "certificatetemplate", "delete"])
    bulk_url += f"?id={certificate_template.pk}"
    for method, url in (("get", delete_url), ("post", delete_url), ("post", bulk_url)):
        response = getattr(client, method)(url, follow=True)
        assert response.status_code == 200, (method, url)
        assert "tidak dapat dihapus: 1 sertifikat telah diterbitkan dengannya" in response.content.decode()
    assert CertificateTemplate.objects.filter(pk=certificate_template.pk).exists()


def test_an_unused_template_can_be_deleted(client, staff):
    template = CertificateTemplate.objects.create(name="Tidak dipakai", title="SERTIFIKAT", wording="{nama}")
    client.force_login(staff)
    response = client.post(reverse(f"{SNIPPET}:delete", args=[template.pk]))
    assert response.status_code == 302
    assert not CertificateTemplate.objects.filter(pk=template.pk).exists()
