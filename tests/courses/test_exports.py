"""The registrant list and the wave report export safe, readable CSV and XLSX.

A name typed as a formula stays text, an 18-digit NIP stays digit for digit, statuses are
Indonesian labels and times are WIB to the second. Each export is read back as Excel and a
CSV reader would read it.
"""

import datetime

import pytest
from django.urls import reverse

from courses.enrolment import enrol
from courses.models import Enrolment
from tests.exports import HOSTILE_NAME, read_csv, read_xlsx
from tests.factories import UserFactory

REGISTERED_AT = datetime.datetime(2026, 12, 2, 9, 15, 55, 339542, tzinfo=datetime.UTC)
REGISTERED_AT_WIB = datetime.datetime(2026, 12, 2, 16, 15, 55)
REGISTRANTS = "courses_enrolment:index"


@pytest.fixture
def hostile_registrant(cohort):
    """A civil servant whose name is a spreadsheet formula, registered at 16:15:55.339542 WIB."""
    user = UserFactory(full_name=HOSTILE_NAME, asn=True)
    enrolment = enrol(user, cohort)
    Enrolment.objects.filter(pk=enrolment.pk).update(created_at=REGISTERED_AT)
    return enrolment


def wave_report(cohort):
    return reverse("courses_cohort:report", args=[cohort.pk])


def test_the_registrant_csv_defuses_a_formula_name_and_speaks_indonesian(client, staff, hostile_registrant):
    client.force_login(staff)
    [row] = read_csv(client.get(reverse(REGISTRANTS), {"export": "csv"}))
    assert row["Nama"] == "'" + HOSTILE_NAME
    assert row["NIP"] == hostile_registrant.user.nip
    assert row["Segmen"] == "Aparatur Sipil Negara (ASN)"
    assert row["Status"] == "Terdaftar"
    assert row["Waktu pendaftaran"] == "2026-12-02 16:15:55"


def test_the_registrant_xlsx_keeps_the_name_and_the_nip_as_text(client, staff, hostile_registrant):
    client.force_login(staff)
    [row] = read_xlsx(client.get(reverse(REGISTRANTS), {"export": "xlsx"}))
    assert (row["Nama"].value, row["Nama"].data_type) == (HOSTILE_NAME, "s")
    nip = row["NIP"]
    assert (nip.value, nip.data_type, nip.number_format) == (hostile_registrant.user.nip, "s", "@")
    assert row["Status"].value == "Terdaftar"
    assert row["Waktu pendaftaran"].value == REGISTERED_AT_WIB


def test_a_trainers_registrant_csv_carries_the_masked_nip_as_utf8(client, trainer, cohort, hostile_registrant):
    cohort.trainers.add(trainer)
    cohort.save()
    client.force_login(trainer)
    [row] = read_csv(client.get(reverse(REGISTRANTS), {"export": "csv"}))
    assert row["NIP"] == "•" * 14 + hostile_registrant.user.nip[-4:]
    assert row["Nama"] == "'" + HOSTILE_NAME


def test_the_wave_report_csv_defuses_a_formula_name_and_speaks_indonesian(client, staff, hostile_registrant):
    client.force_login(staff)
    [row] = read_csv(client.get(wave_report(hostile_registrant.cohort), {"export": "csv"}))
    assert row["Nama"] == "'" + HOSTILE_NAME
    assert row["NIP"] == hostile_registrant.user.nip
    assert row["Status"] == "Terdaftar"
    assert row["Waktu pendaftaran"] == "2026-12-02 16:15:55"


def test_the_wave_report_xlsx_keeps_the_name_and_the_nip_as_text(client, staff, hostile_registrant):
    client.force_login(staff)
    [row] = read_xlsx(client.get(wave_report(hostile_registrant.cohort), {"export": "xlsx"}))
    assert (row["Nama"].value, row["Nama"].data_type) == (HOSTILE_NAME, "s")
    nip = row["NIP"]
    assert (nip.value, nip.data_type, nip.number_format) == (hostile_registrant.user.nip, "s", "@")
    assert row["Status"].value == "Terdaftar"
    assert row["Waktu pendaftaran"].value == REGISTERED_AT_WIB


def test_a_trainers_wave_report_csv_carries_the_masked_nip_as_utf8(client, trainer, cohort, hostile_registrant):
    cohort.trainers.add(trainer)
    cohort.save()
    client.force_login(trainer)
    [row] = read_csv(client.get(wave_report(cohort), {"export": "csv"}))
    assert row["NIP"] == "•" * 14 + hostile_registrant.user.nip[-4:]


def test_both_export_pages_recommend_xlsx_for_excel(client, staff, cohort):
    client.force_login(staff)
    registrants = client.get(reverse(REGISTRANTS)).content.decode()
    report = client.get(wave_report(cohort)).content.decode()
    assert "Unduh XLSX (disarankan untuk Excel)" in registrants
    assert "Unduh XLSX (disarankan untuk Excel)" in report
