"""The certificate list exports safe, readable CSV and XLSX: a holder name typed as a formula
stays text, the status is an Indonesian label and times are WIB to the second."""

import datetime

import pytest
from django.urls import reverse

from certificates.models import Certificate, CertificateKind, CertificateStatus
from tests.exports import HOSTILE_NAME, read_csv, read_xlsx

CERTIFICATES = "certificates_certificate:index"
ISSUED_AT = datetime.datetime(2026, 12, 2, 9, 15, 55, 339542, tzinfo=datetime.UTC)


@pytest.fixture
def revoked_certificate(enrolment, certificate_template, staff):
    """Issued at 16:15:55 WIB to a holder whose name is a formula, revoked with a typed reason."""
    return Certificate.objects.create(
        enrolment=enrolment,
        template=certificate_template,
        kind=CertificateKind.COMPLETION,
        serial="00001/DISKOMINFO/2026",
        code="ABCDEFGHJKLM",
        status=CertificateStatus.REVOKED,
        holder_name=HOSTILE_NAME,
        course_title=enrolment.course.title,
        cohort_name=enrolment.cohort.name,
        starts_on=enrolment.cohort.starts_on,
        ends_on=enrolment.cohort.ends_on,
        learning_hours=32,
        issuer="Dinas Komunikasi dan Informatika",
        issued_at=ISSUED_AT,
        revoked_at=ISSUED_AT,
        revoked_by=staff,
        revocation_reason="-Nama salah ketik",
    )


def test_the_certificate_csv_defuses_typed_text_and_speaks_indonesian(client, staff, revoked_certificate):
    client.force_login(staff)
    [row] = read_csv(client.get(reverse(CERTIFICATES), {"export": "csv"}))
    assert row["Pemegang"] == "'" + HOSTILE_NAME
    assert row["Alasan pencabutan"] == "'-Nama salah ketik"
    assert (row["Jenis"], row["Status"]) == ("Kelulusan", "Dicabut")
    assert row["Waktu terbit"] == "2026-12-02 16:15:55"


def test_the_certificate_xlsx_keeps_the_holder_name_as_text(client, staff, revoked_certificate):
    client.force_login(staff)
    [row] = read_xlsx(client.get(reverse(CERTIFICATES), {"export": "xlsx"}))
    assert (row["Pemegang"].value, row["Pemegang"].data_type) == (HOSTILE_NAME, "s")
    assert row["Status"].value == "Dicabut"
    assert row["Waktu terbit"].value == datetime.datetime(2026, 12, 2, 16, 15, 55)
