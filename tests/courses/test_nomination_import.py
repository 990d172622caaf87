"""Staff import a CSV of ASN nominated by their agency: each row done or reported."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.enrolment import enrol
from courses.models import Enrolment
from courses.nominations import Outcome, import_nominations, tally
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
    assert results[4].message == "Masuk daftar tunggu, nomor 1."
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
        assert response.status_code == 302
    assert not User.objects.filter(email="rina@malangkota.go.id").exists()


def test_an_existing_asn_account_is_found_by_nip(staff, course):
    person = UserFactory(asn=True, email="lama@contoh.id")
    cohort = build_cohort(course)
    results = import_nominations(cohort, csv_bytes(f"Nama Baru;lain@contoh.id;{person.nip};Diskominfo;"), actor=staff)
    assert results[0].ok
    assert Enrolment.objects.get(cohort=cohort).user_id == person.pk


def test_seated_waitlisted_refused_and_duplicate_rows_are_counted_apart(staff, course, asn_participant):
    cohort = build_cohort(course, seats={"asn": 1})
    enrol(asn_participant, cohort)  # takes the only ASN seat before the import
    data = csv_bytes(
        "Rina Kusuma;rina@malangkota.go.id;198001012005011001;Diskominfo;",
        "Budi Hartono;budi@malangkota.go.id;12345;Bappeda;",
        f"Rina Kusuma;{asn_participant.email};{asn_participant.nip};Diskominfo;",
        "Rina K.;rina.k@malangkota.go.id;198001012005011001;Diskominfo;",
        "Tono Wijaya;tono@malangkota.go.id;198404042008011004;Disperin;",
    )
    results = import_nominations(cohort, data, actor=staff)
    assert [r.outcome for r in results] == ["waitlisted", "refused", "duplicate", "duplicate", "waitlisted"]
    assert results[2].message == "Sudah terdaftar di Gelombang 1, status: terdaftar. Tidak diubah."
    assert results[3].message == "Orang yang sama dengan baris 2: dilewati."
    assert "18 digit" in results[1].message
    assert dict(tally(results)) == {"seated": 0, "waitlisted": 2, "pending": 0, "duplicate": 2, "refused": 1}
    assert User.objects.filter(nip="198001012005011001").get().email == "rina@malangkota.go.id"


def test_a_full_wave_with_its_waitlist_closed_refuses_in_staff_words(staff, course):
    cohort = build_cohort(course, seats={"asn": 1}, waitlist_open=False)
    data = csv_bytes(
        "Rina Kusuma;rina@malangkota.go.id;198001012005011001;Diskominfo;",
        "Tono Wijaya;tono@malangkota.go.id;198404042008011004;Disperin;",
    )
    results = import_nominations(cohort, data, actor=staff)
    assert [(r.outcome, r.message) for r in results] == [
        (Outcome.SEATED, "Mendapat kursi."),
        (Outcome.REFUSED, "Kursi ASN di gelombang ini sudah penuh dan daftar tunggunya ditutup."),
    ]
    assert not User.objects.filter(email="tono@malangkota.go.id").exists()


def test_a_wave_of_a_course_needing_approval_counts_requests_apart(staff, course):
    course.requires_approval = True
    course.save()
    cohort = build_cohort(course)
    results = import_nominations(
        cohort, csv_bytes("Rina;rina@malangkota.go.id;198001012005011001;Diskominfo;"), actor=staff
    )
    assert (results[0].outcome, results[0].message) == ("pending", "Menunggu persetujuan staf.")


def test_staff_read_the_counts_and_each_rows_outcome_in_their_words(client, staff, course, asn_participant):
    cohort = build_cohort(course, seats={"asn": 1})
    enrol(asn_participant, cohort)
    upload = SimpleUploadedFile(
        "nominasi.csv",
        csv_bytes(
            "Rina Kusuma;rina@malangkota.go.id;198001012005011001;Diskominfo;",
            f"Rina Kusuma;{asn_participant.email};{asn_participant.nip};Diskominfo;",
            "Rina Kusuma;rina@malangkota.go.id;198001012005011001;Diskominfo;",
            "Budi;budi@malangkota.go.id;12345;Bappeda;",
        ),
    )
    client.force_login(staff)
    html = client.post(reverse("courses_enrolment:import"), {"cohort": cohort.pk, "file": upload}).content.decode()
    assert "Impor ke Sinau TikTok &amp; YouTube — Gelombang 1: 4 baris" in html
    for label, n in [
        ("Mendapat kursi", 0),
        ("Masuk daftar tunggu", 1),
        ("Sudah terdaftar atau ganda", 2),
        ("Ditolak", 1),
    ]:
        assert f"<strong>{label}:</strong> {n}" in html
    assert "Masuk daftar tunggu, nomor 1." in html and "Orang yang sama dengan baris 2: dilewati." in html
    assert "Anda" not in html.split("<table")[1]  # staff read about the nominee, not "you"


# --- Hostile files: every line reported, the valid ones imported ------------------------------

RINA = "Rina Kusuma;rina@malangkota.go.id;198001012005011001;Diskominfo;"
SARI = "Sari Dewi;sari@malangkota.go.id;198202022006042002;Dinkes;"
TONO = "Tono Wijaya;tono@malangkota.go.id;198404042008011004;Disperin;"


def outcomes(results):
    return [(r.line, r.outcome) for r in results]


def registered_emails(cohort):
    return set(Enrolment.objects.filter(cohort=cohort).values_list("user__email", flat=True))


def test_a_nul_byte_spoils_its_own_line_only(staff, course):
    cohort = build_cohort(course, seats={"asn": 5})
    data = csv_bytes(RINA, "Budi\x00 Hartono;budi@malangkota.go.id;198303032007011003;Bappeda;", SARI)
    results = import_nominations(cohort, data, actor=staff)
    assert outcomes(results) == [(2, "seated"), (3, "refused"), (4, "seated")]
    assert "NUL" in results[1].message and results[1].name == "Budi Hartono"
    assert registered_emails(cohort) == {"rina@malangkota.go.id", "sari@malangkota.go.id"}
    assert not User.objects.filter(email="budi@malangkota.go.id").exists()


def test_a_quote_left_open_does_not_swallow_the_lines_after_it(staff, course):
    cohort = build_cohort(course, seats={"asn": 5})
    data = csv_bytes(RINA, '"Budi Hartono;budi@malangkota.go.id;198303032007011003;Bappeda;', SARI, TONO)
    results = import_nominations(cohort, data, actor=staff)
    assert outcomes(results) == [(2, "seated"), (3, "refused"), (4, "seated"), (5, "seated")]
    assert "Tanda kutip" in results[1].message and results[1].name == "Budi Hartono"
    assert len(registered_emails(cohort)) == 3


def test_a_latin1_line_is_reported_and_the_utf8_lines_imported(staff, course):
    cohort = build_cohort(course, seats={"asn": 5})
    data = (HEADER + RINA + "\n").encode() + "José Ramírez;jose@malangkota.go.id;198303032007011003;Bappeda;\n".encode(
        "latin-1"
    )
    results = import_nominations(cohort, data + (SARI + "\n").encode(), actor=staff)
    assert outcomes(results) == [(2, "seated"), (3, "refused"), (4, "seated")]
    assert "UTF-8" in results[1].message
    assert not User.objects.filter(email="jose@malangkota.go.id").exists()


def test_utf16_files_from_a_spreadsheet_and_a_utf8_bom_are_read(staff, course):
    cohort = build_cohort(course, seats={"asn": 5})
    tabbed = (HEADER + RINA + "\n").replace(";", "\t")
    assert outcomes(import_nominations(cohort, tabbed.encode("utf-16"), actor=staff)) == [(2, "seated")]
    no_bom = (HEADER + SARI + "\n").encode("utf-16-le")
    assert outcomes(import_nominations(cohort, no_bom, actor=staff)) == [(2, "seated")]
    bom = b"\xef\xbb\xbf" + (HEADER + TONO + "\r\n").encode()
    assert outcomes(import_nominations(cohort, bom, actor=staff)) == [(2, "seated")]
    assert len(registered_emails(cohort)) == 3


def test_staff_upload_a_damaged_file_and_see_each_line_with_the_policy(client, staff, cohort):
    client.force_login(staff)
    damaged = csv_bytes(RINA, "Budi\x00;budi@malangkota.go.id;198303032007011003;Bappeda;", '"Sari;x;y;z;')
    upload = SimpleUploadedFile("nominasi.csv", damaged)
    response = client.post(reverse("courses_enrolment:import"), {"cohort": cohort.pk, "file": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('<tr data-outcome="refused"') == 2 and page.count('<tr data-outcome="seated"') == 1
    assert "Baris yang valid didaftarkan" in page
    assert Enrolment.objects.filter(cohort=cohort).count() == 1
