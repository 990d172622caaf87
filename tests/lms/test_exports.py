"""The export helper: which cells get an apostrophe in CSV, and how times are written."""

import datetime

import pytest
from django.utils.translation import gettext_lazy

from lms.exports import csv_value


@pytest.mark.parametrize("typed", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_typed_text_that_could_start_a_formula_gets_an_apostrophe_in_csv(typed):
    assert csv_value(typed) == "'" + typed


@pytest.mark.parametrize("validated", ["+6281234567890", "198001012005010002", "••••••••••••••0002", "Klojen"])
def test_whatsapp_numbers_nips_and_plain_text_are_written_as_they_are(validated):
    assert csv_value(validated) == validated


def test_an_aware_datetime_is_written_in_wib_to_the_second():
    moment = datetime.datetime(2026, 12, 2, 23, 59, 59, 999999, tzinfo=datetime.UTC)
    assert csv_value(moment) == "2026-12-03 06:59:59"


def test_labels_numbers_and_blanks_are_written_without_an_apostrophe():
    assert [csv_value(value) for value in (gettext_lazy("Registered"), -5, None)] == ["Terdaftar", "-5", ""]
