"""A person's data is theirs (UU PDP 27/2022): "Unduh data saya" and "Hapus akun", and staff's delete.

The participant, Sari, has a wave behind her: attendance, a quiz attempt, an assignment file, a
certificate PDF and the notices that came with them.
"""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from certificates.issuance import IssuanceError, issue, issue_due_for_cohort
from certificates.models import Certificate
from certificates.tasks import render_certificates
from courses.assignments import submit
from courses.enrolment import enrol
from courses.models import AttendanceRecord, CohortSession, Enrolment, QuizAttempt, Submission
from lms.models import Notice, PrivacyRequest, User
from lms.privacy import prune
from lms.storage import private_storage
from tests.certificates.conftest import certificate_settings_for, complete_course
from tests.factories import PASSWORD, UserFactory, build_cohort, verified

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


@pytest.fixture
def history(course, participant, django_capture_on_commit_callbacks):
    """Sari's completed enrolment in an ended wave, with every kind of record Sinau keeps."""
    certificate_settings_for(course, issue_automatically=False)
    cohort = build_cohort(course, ended=True)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = enrol(participant, cohort)
        lesson = course.get_lessons().first().specific
        lesson.body = [("assignment", {"title": "Video promosi", "instructions": "<p>-</p>", "accepts": "file"})]
        lesson.completion_mode = "assignment"
        lesson.save()
        submission = submit(enrolment, lesson, file=SimpleUploadedFile("laporan-sari.pdf", PDF))
        session = CohortSession.objects.create(
            cohort=cohort, title="Sesi 1", starts_at=timezone.now() - timedelta(days=3), ends_at=timezone.now()
        )
        AttendanceRecord.objects.create(session=session, enrolment=enrolment, present=True, method="grid")
        QuizAttempt.objects.create(
            enrolment=enrolment, lesson=lesson, number=1, answers={"q1": "b"}, score=80, passed=True
        )
        Submission.objects.filter(pk=submission.pk).update(status="approved")
        complete_course(enrolment)
        certificate = issue(enrolment)
    certificate.refresh_from_db()
    submission.refresh_from_db()
    assert certificate.pdf and submission.file
    return {"enrolment": enrolment, "submission": submission, "certificate": certificate}


def ask_for_export(client, user, capture):
    client.force_login(user)
    with capture(execute=True):
        return client.post(reverse("data_export"), follow=True)


def zip_of(client, export) -> zipfile.ZipFile:
    response = client.get(reverse("data_export_download", args=[export.pk]))
    assert response.status_code == 200
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


# --- Unduh data saya ---------------------------------------------------------------------------


def test_download_my_data_gives_a_zip_of_everything_held_about_me_linked_by_email_and_on_the_page(
    client, participant, history, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    response = ask_for_export(client, participant, django_capture_on_commit_callbacks)
    export = PrivacyRequest.objects.get(user=participant, kind="export")
    link = reverse("data_export_download", args=[export.pk])
    assert "Kami sedang menyiapkan salinan data Anda" in response.content.decode()
    assert export.status == "ready" and link in client.get(reverse("profile")).content.decode()
    assert [m.to for m in mail.outbox] == [[participant.email]] and link in mail.outbox[0].body
    assert "Data Anda siap diunduh" in mail.outbox[0].subject

    archive = zip_of(client, export)
    read = lambda name: json.loads(archive.read(name))  # noqa: E731
    assert read("profil.json")["full_name"] == "Sari Wulandari" and read("profil.json")["whatsapp"]
    assert read("pendaftaran.json")[0]["status"] == "completed"
    assert read("kehadiran.json")[0]["present"] is True and read("jawaban_kuis.json")[0]["answers"] == {"q1": "b"}
    assert read("tugas.json")[0]["file_name"] == "laporan-sari.pdf"
    assert archive.read(f"berkas/{read('tugas.json')[0]['file']}") == PDF
    certificate = history["certificate"]
    assert read("sertifikat.json")[0]["serial"] == certificate.serial
    assert archive.read(f"berkas/sertifikat/{certificate.download_name}").startswith(b"%PDF")
    assert {n["kind"] for n in read("pemberitahuan.json")} >= {"registered_seat", "certificate_issued"}
    assert [e["action"] for e in read("riwayat_sertifikat.json")][:1] == ["issued"]
    assert read("riwayat_pendaftaran.json")


def test_another_person_gets_404_for_my_export_and_a_visitor_is_sent_to_log_in(
    client, participant, other_participant, django_capture_on_commit_callbacks
):
    ask_for_export(client, participant, django_capture_on_commit_callbacks)
    export = PrivacyRequest.objects.get(user=participant)
    url = reverse("data_export_download", args=[export.pk])
    client.force_login(other_participant)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_an_export_expires_after_the_set_days_and_its_file_is_deleted(
    client, settings, participant, django_capture_on_commit_callbacks
):
    settings.DATA_EXPORT_DAYS = 2
    ask_for_export(client, participant, django_capture_on_commit_callbacks)
    export = PrivacyRequest.objects.get(user=participant)
    assert timedelta(days=1) < export.expires_at - timezone.now() <= timedelta(days=2)

    assert prune(now=timezone.now() + timedelta(days=3))["expired_exports"] == 1
    assert client.get(reverse("data_export_download", args=[export.pk])).status_code == 404
    assert not private_storage().exists(export.file.name)
    assert PrivacyRequest.objects.get(pk=export.pk).status == "expired"


# --- Hapus akun --------------------------------------------------------------------------------


def test_deleting_my_account_needs_my_password_and_changes_nothing_without_it(client, participant):
    client.force_login(participant)
    response = client.post(reverse("delete_account"), {"password": "salah-sandi"})
    assert response.status_code == 200 and "Itu bukan kata sandi Anda." in response.content.decode()
    participant.refresh_from_db()
    assert participant.full_name == "Sari Wulandari" and participant.is_active
    assert not PrivacyRequest.objects.exists()


def test_deleting_my_account_anonymises_it_and_keeps_the_counts_and_the_certificate_registry(
    client, participant, history, django_capture_on_commit_callbacks
):
    certificate, submission = history["certificate"], history["submission"]
    client.force_login(participant)
    with django_capture_on_commit_callbacks(execute=True):  # files go once the erasure has committed
        response = client.post(reverse("delete_account"), {"password": PASSWORD}, follow=True)

    assert "Akun Anda telah dihapus." in response.content.decode()
    assert not response.context["user"].is_authenticated
    erased = User.objects.get(pk=participant.pk)
    assert erased.email.endswith("@dihapus.invalid") and not erased.is_active
    assert (erased.full_name, erased.whatsapp, erased.district, erased.nip) == ("", "", "", "")
    assert not erased.has_usable_password() and not Notice.objects.filter(recipient=erased).exists()
    assert Enrolment.objects.filter(user=erased, status="completed").count() == 1
    assert AttendanceRecord.objects.filter(enrolment__user=erased, present=True).count() == 1
    kept = Certificate.objects.get(pk=certificate.pk)
    assert (kept.holder_name, kept.serial, kept.status) == ("Sari Wulandari", certificate.serial, "issued")
    assert not kept.pdf and not private_storage().exists(certificate.pdf.name)
    assert not private_storage().exists(submission.file.name) and not Submission.objects.get().file
    record = PrivacyRequest.objects.get(kind="erasure")
    assert record.user == erased and record.summary["certificate_pdfs_erased"] == 1
    assert client.post(reverse("account_login"), {"login": "sari@contoh.id", "password": PASSWORD}).status_code == 200


def test_the_public_verification_still_shows_the_name_as_printed_after_deletion(client, participant, history):
    client.force_login(participant)
    client.post(reverse("delete_account"), {"password": PASSWORD})
    page = client.get(reverse("certificates:verify", args=[history["certificate"].code])).content.decode()
    assert "Sari Wulandari" in page and history["certificate"].serial in page


def test_deleting_my_account_frees_my_seat_in_a_running_wave(client, participant, course):
    enrolment = enrol(participant, build_cohort(course))
    client.force_login(participant)
    client.post(reverse("delete_account"), {"password": PASSWORD})
    assert Enrolment.objects.get(pk=enrolment.pk).status == "withdrawn"


def test_the_privacy_notice_states_the_rights_and_the_legal_basis_for_what_is_kept(client, db):
    page = client.get(reverse("privacy")).content.decode()
    assert "UU PDP" in page and "Pasal 20 ayat (2) huruf e" in page
    assert "Unduh data saya" in page and "Hapus akun" in page and "7 hari" in page


# --- Staff, from the user admin ----------------------------------------------------------------


@pytest.fixture
def administrator(db):
    return verified(UserFactory(email="admin@contoh.id", full_name="Admin Kota", is_staff=True, is_superuser=True))


def test_deleting_an_enrolled_user_in_the_admin_anonymises_them_instead_of_failing(
    client, administrator, participant, history
):
    client.force_login(administrator)
    url = reverse("wagtailusers_users:delete", args=[participant.pk])
    assert "tidak dapat masuk lagi" in client.get(url).content.decode()  # the page says what happens first
    response = client.post(url, follow=True)
    assert response.status_code == 200 and "telah dianonimkan" in response.content.decode()
    assert User.objects.get(pk=participant.pk).email.endswith("@dihapus.invalid")
    assert Enrolment.objects.filter(user=participant).count() == 1
    assert PrivacyRequest.objects.get(kind="erasure").requested_by == administrator
    history = client.get(reverse("wagtailusers_users:history", args=[participant.pk])).content.decode()
    assert "Data pribadi dihapus atas permintaan" in history and "Admin Kota" in history


def test_bulk_deleting_users_in_the_admin_anonymises_each(
    client, administrator, participant, other_participant, course
):
    for person in (participant, other_participant):
        enrol(person, build_cohort(course, name=f"Gelombang {person.pk}"))
    client.force_login(administrator)
    url = reverse("wagtail_bulk_action", args=["lms", "user", "delete"])
    query = f"?id={participant.pk}&id={other_participant.pk}&next=/admin/users/"
    response = client.post(url + query, follow=True)
    assert response.status_code == 200 and "2 akun dianonimkan" in response.content.decode()
    assert User.objects.filter(email__endswith="@dihapus.invalid").count() == 2
    assert Enrolment.objects.count() == 2


def test_a_certificate_still_being_prepared_is_withdrawn_on_deletion_and_never_rendered(
    client, participant, course, django_capture_on_commit_callbacks
):
    """The render task (queued, or a failed render's retry) runs after the erasure: it must find
    nothing to render, and no email leaves for the erased account."""
    certificate_settings_for(course, issue_automatically=False)
    enrolment = complete_course(enrol(participant, build_cohort(course, ended=True)))
    certificate = issue(enrolment)  # on_commit not run: the render is still queued
    assert Certificate.objects.get(pk=certificate.pk).status == "pending"
    client.force_login(participant)
    client.post(reverse("delete_account"), {"password": PASSWORD})
    mail.outbox.clear()
    render_certificates.call([certificate.pk])  # the queued task runs at last
    kept = Certificate.objects.get(pk=certificate.pk)
    assert (kept.status, kept.pdf.name) == ("revoked", "")
    assert kept.revocation_reason.startswith("Dibatalkan sebelum terbit")
    assert mail.outbox == []
    assert PrivacyRequest.objects.get(kind="erasure").summary["certificates_withdrawn_unissued"] == 1
    page = client.get(reverse("certificates:verify", args=[certificate.code])).content.decode()
    assert "Sari Wulandari" in page  # the registry still answers for the serial


def test_no_new_certificate_is_issued_for_an_erased_account(client, participant, course):
    """Completed, then erased before the wave ended: the automatic issuance at the wave's end
    makes nothing for them, and staff issuing by hand are told why."""
    settings = certificate_settings_for(course, issue_automatically=True)
    cohort = build_cohort(course, ended=True)
    enrolment = complete_course(enrol(participant, cohort))
    other = complete_course(enrol(verified(UserFactory(email="budi@contoh.id")), cohort))
    client.force_login(participant)
    client.post(reverse("delete_account"), {"password": PASSWORD})
    assert issue_due_for_cohort(cohort, settings) == 1
    assert list(Certificate.objects.values_list("enrolment", flat=True)) == [other.pk]
    with pytest.raises(IssuanceError, match="Akun telah dihapus atas permintaan pemiliknya"):
        issue(Enrolment.objects.get(pk=enrolment.pk), early_reason="")
