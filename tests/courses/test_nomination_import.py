"""Staff import a CSV of ASN nominated by their agency: each row done or reported."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.enrolment import enrol
from courses.models import Enrolment
from courses.nominations import import_nominations
from lms.models import User
from tests.factories import UserFactory, build_cohort

HEADER = "nama;email;nip;opd;whatsapp\n"


def csv_bytes(*rows: str) -> bytes:
    return (HEADER + "\n".join(rows) + "\n").encode("utf-8")


def test_every_valid_row_is_registered_and_every_bad_row_reported(staff, course):
    cohort = build_cohort(course, seats={"asn": 2})
    data = csv_bytes(
        "Rina Kusuma;rina@malangkota.go.id;198001012005011001;Diskominfo;0812 1111 2222",
        "Budi Hartono;budi@malangkota.go.id;12345;Bappeda;",
        "Sari Dewi;sari@malangkota.go.id;198202022006042002;Dinkes;",
        "Agus Salim;bukan-email;198303032007011003;Dispendik;",
        "Tono Wijaya;tono@malangkota.go.id;198404042008011004;Disperin;",
    )
    results = import_nominations(cohort, data, actor=staff)
    assert [(r.line, r.ok) for r in results] == [(2, True), (3, False), (4, True), (5, False), (6, True)]
    assert "18 digit" in results[1].message
    assert "daftar tunggu nomor 1" in results[4].message
    assert set(User.objects.filter(segment="asn").values_list("email", flat=True)) == {
        "rina@malangkota.go.id",
        "sari@malangkota.go.id",
        "tono@malangkota.go.id",
    }
    assert User.objects.get(email="rina@malangkota.go.id").whatsapp == "+6281211112222"


def test_a_refused_row_leaves_no_account_behind(staff, course, asn_participant):
    cohort = build_cohort(course, seats={"asn": 5})
    enrol(asn_participant, build_cohort(course, name="Gelombang 2"))
    data = csv_bytes(
        f"Rina Kusuma;{asn_participant.email};{asn_participant.nip};Diskominfo;",
        "Orang Baru;baru@malangkota.go.id;198001012005011009;Diskominfo;",
    )
    course.eligible_segments = ["public"]
    course.save()
    results = import_nominations(cohort, data, actor=staff)
    assert [r.ok for r in results] == [False, False]
    assert not User.objects.filter(email="baru@malangkota.go.id").exists()
    assert User.objects.get(pk=asn_participant.pk).full_name == asn_participant.full_name


def test_an_existing_public_account_is_not_silently_turned_into_asn(staff, course, participant):
    cohort = build_cohort(course)
    results = import_nominations(
        cohort, csv_bytes(f"Sari;{participant.email};198001012005011001;Diskominfo;"), actor=staff
    )
    assert not results[0].ok
    assert User.objects.get(pk=participant.pk).segment == "public"


def test_staff_upload_the_file_in_the_admin_and_see_one_line_per_row(client, staff, cohort):
    client.force_login(staff)
    upload = SimpleUploadedFile(
        "nominasi.csv", csv_bytes("Rina Kusuma;rina@malangkota.go.id;198001012005011001;Diskominfo;")
    )
    response = client.post(reverse("courses_enrolment:import"), {"cohort": cohort.pk, "file": upload})
    assert response.status_code == 200
    assert "Rina Kusuma" in response.content.decode()
    assert Enrolment.objects.filter(cohort=cohort, user__email="rina@malangkota.go.id").exists()


def test_a_file_without_the_needed_columns_imports_nothing(client, staff, cohort):
    client.force_login(staff)
    upload = SimpleUploadedFile("salah.csv", b"nama,email\nRina,rina@malangkota.go.id\n")
    response = client.post(reverse("courses_enrolment:import"), {"cohort": cohort.pk, "file": upload})
    assert response.status_code == 200
    assert "nip" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_a_file_that_is_not_text_is_refused_cleanly(client, staff, cohort):
    client.force_login(staff)
    upload = SimpleUploadedFile("gambar.csv", b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    response = client.post(reverse("courses_enrolment:import"), {"cohort": cohort.pk, "file": upload})
    assert response.status_code == 200
    assert not Enrolment.objects.exists()


def test_trainers_and_participants_cannot_import(client, trainer, participant, cohort):
    for person in (trainer, participant):
        client.force_login(person)
        upload = SimpleUploadedFile("n.csv", csv_bytes("Rina;rina@malangkota.go.id;198001012005011001;Diskominfo;"))
        response = client.post(reverse("courses_enrolment:import"), {"cohort": cohort.pk, "file": upload})
        assert response.status_code in (302, 403)
    assert not User.objects.filter(email="rina@malangkota.go.id").exists()


def test_an_existing_asn_account_is_found_by_nip(staff, course):
    person = UserFactory(asn=True, email="lama@contoh.id")
    cohort = build_cohort(course)
    results = import_nominations(cohort, csv_bytes(f"Nama Baru;lain@contoh.id;{person.nip};Diskominfo;"), actor=staff)
    assert results[0].ok
    assert Enrolment.objects.get(cohort=cohort).user_id == person.pk
