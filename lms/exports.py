"""Spreadsheet exports: one path for every list and report, safe to open in Excel and readable there.

Rows are sequences of plain values (text, numbers, dates, aware datetimes, lazy labels);
`csv_response` and `xlsx_response` turn them into a download. Wagtail index views plug in
through `SafeSpreadsheetExportMixin`, so that Wagtail's own export writers are never used.

- Text a person typed may start a formula (OWASP "CSV injection"). In CSV it gets a leading
  apostrophe; in XLSX it is a string cell, which Excel never evaluates.
- Every text is a text cell (number format "@") in XLSX, so an 18-digit NIP stays digit for
  digit instead of becoming 1.97E+17.
- CSV is UTF-8 with a byte order mark: without it Excel reads ANSI and garbles "•" and accents.
- Datetimes are written in the site's time zone (settings.TIME_ZONE, WIB) to the second.
"""

import csv
import datetime
import re
import tempfile
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.db.models import Model
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets.button import Button
from wagtail.coreutils import multigetattr

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A WhatsApp number as lms.validators.normalise_whatsapp saves it: "+" and digits cannot
# make a formula, and an apostrophe would spoil the number. A NIP (18 digits, or masked
# with "•") never starts with a formula character.
WHATSAPP_RE = re.compile(r"\+628\d{8,11}")
# Control characters that XLSX (XML 1.0) cannot hold; openpyxl refuses them.
ILLEGAL_XLSX_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"
XLSX_DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
XLSX_DATE_FORMAT = "yyyy-mm-dd"
XLSX_TIME_FORMAT = "hh:mm:ss"
XLSX_TEXT_FORMAT = "@"

DOWNLOAD_XLSX = gettext_lazy("Download XLSX (recommended for Excel)")
DOWNLOAD_CSV = gettext_lazy("Download CSV (UTF-8)")


def plain(value):
    """`value` as one of: None, str, int, float, Decimal, date, naive datetime in WIB, time."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if value is None or isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.make_naive(value, timezone.get_default_timezone())
        return value.replace(microsecond=0)
    if isinstance(value, datetime.time):
        return value.replace(microsecond=0)
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)  # str subclasses, lazy labels (Promise), model instances


def csv_value(value) -> str:
    """The text of one CSV cell; typed text that could start a formula gets a leading apostrophe."""
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime(DATETIME_FORMAT)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, str):
        if value.startswith(FORMULA_STARTS) and not WHATSAPP_RE.fullmatch(value):
            return "'" + value
        return value
    return str(value)


def xlsx_cell(sheet, value):
    """One cell of a write-only sheet: text as a text cell (never a formula), numbers and dates as such."""
    from openpyxl.cell import WriteOnlyCell

    value = plain(value)
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, ILLEGAL_XLSX_RE.sub("", value))
        cell.data_type = "s"  # openpyxl takes text starting with "=" for a formula
        cell.number_format = XLSX_TEXT_FORMAT
        return cell
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, datetime.datetime):
        cell.number_format = XLSX_DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        cell.number_format = XLSX_DATE_FORMAT
    elif isinstance(value, datetime.time):
        cell.number_format = XLSX_TIME_FORMAT
    return cell


class _Echo:
    """A file-like object whose write() returns what it was given, for streaming CSV."""

    def write(self, value):
        return value


def csv_response(rows: Iterable[Sequence], filename: str) -> StreamingHttpResponse:
    """Stream `rows` (the first being the headings) as `filename`.csv, UTF-8 with a BOM."""
    language = translation.get_language()

    def lines():
        # The body is produced after the view returns: keep the request's language for labels.
        with translation.override(language):
            yield "\ufeff".encode()
            writer = csv.writer(_Echo())
            for row in rows:
                yield writer.writerow([csv_value(value) for value in row]).encode()

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}.csv")
    return response


def xlsx_response(rows: Iterable[Sequence], filename: str, sheet_title: str = "") -> FileResponse:
    """`rows` (the first being the headings) as `filename`.xlsx, one sheet, written to a temporary file."""
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title=re.sub(r"[\[\]:*?/\\]", "", str(sheet_title))[:31] or "Sheet1")
    for row in rows:
        sheet.append([xlsx_cell(sheet, value) for value in row])
    output = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    workbook.save(output)
    output.seek(0)
    return FileResponse(output, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX_CONTENT_TYPE)


def choice_label(item, field: str):
    """The display label of `field` (a dotted path) when it names a field with choices, else None."""
    owner_path, _dot, name = field.rpartition(".")
    owner = multigetattr(item, owner_path) if owner_path else item
    if not isinstance(owner, Model):
        return None
    display = getattr(owner, f"get_{name}_display", None)
    return display() if callable(display) else None


class SafeSpreadsheetExportMixin:
    """For Wagtail IndexViews with `list_export`: write through this module instead of Wagtail's writers.

    Fields with choices come out as their labels ("Terdaftar", not "active"); headings,
    `to_row_dict` and `custom_field_preprocess` work as in Wagtail.
    """

    # Wagtail's default turns aware datetimes into naive UTC; plain() converts to WIB instead.
    custom_value_preprocess = {}

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        for field in row:
            label = choice_label(item, field)
            if label is not None:
                row[field] = label
        return row

    def export_rows(self, queryset, export_format):
        """The headings, then one list of values per item."""
        yield [self.get_heading(queryset, field) for field in self.list_export]
        for item in queryset:
            row = self.to_row_dict(item)
            yield [self.preprocess_field_value(field, value, export_format) for field, value in row.items()]

    def write_csv_response(self, queryset):
        return csv_response(self.export_rows(queryset, self.FORMAT_CSV), self.get_filename())

    def write_xlsx_response(self, queryset):
        title = capfirst(self.model._meta.verbose_name_plural) if self.model else ""
        return xlsx_response(self.export_rows(queryset, self.FORMAT_XLSX), self.get_filename(), title)

    @cached_property
    def header_more_buttons(self):
        export_urls = {self.xlsx_export_url, self.csv_export_url}
        buttons = [button for button in super().header_more_buttons if button.url not in export_urls]
        if self.show_export_buttons:
            buttons += [
                Button(DOWNLOAD_XLSX, url=self.xlsx_export_url, icon_name="download", priority=90),
                Button(DOWNLOAD_CSV, url=self.csv_export_url, icon_name="download", priority=100),
            ]
        return buttons
