"""Bulk intake limits (issue 5 item 8, review): the unpacked-size cap fits a real 1,000-row
template with a wide margin and refuses a small workbook of hundreds of thousands of blank
rows before parsing it; blank rows are told blank cheaply but never stop the reading (a
filled row far below is still registered); a row wider than Excel allows is refused before
openpyxl builds it in memory; gunicorn's timeout fits the slowest accepted upload."""

import io
import re
import runpy
import time
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from openpyxl import Workbook, load_workbook

from jobs.services.desk import intake_files
from jobs.services.desk.intake import COLUMNS, DATA_SHEET
from jobs.services.desk.intake_template import intake_template

pytestmark = pytest.mark.django_db
URL = "/desk/intake/"
HEADER = [column.header for column in COLUMNS]
ROW = ["김순자", 1961, "010-5555-0001", "구월1동", "구월1동 행정복지센터", "", "", "", "", "Y", "N", "N"]
ROW += ["2026-06-v1", "2026-06-10"]


def workbook_bytes(rows=(ROW,)) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = DATA_SHEET
    sheet.append(HEADER)
    for values in rows:
        sheet.append(values)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def with_sheet_xml(data: bytes, extra: str) -> bytes:
    """``data`` (a workbook) with ``extra`` XML appended to the end of the first sheet's rows."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = content.decode().replace("</sheetData>", extra + "</sheetData>", 1).encode()
            target.writestr(info.filename, content)
    return out.getvalue()


def unpacked(data: bytes) -> int:
    return sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())


def file_errors(client, data: bytes) -> str:
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(URL, {"file": SimpleUploadedFile("residents.xlsx", data)})
    assert response.status_code == 200
    return " ".join(response.context["form"].errors.get("file", []))


def test_a_filled_template_at_its_longest_fits_the_cap(manage_clock):
    """The real template with 1,000 rows whose every cell is at its longest (a 2,000-character
    memo, a 50-character name, ten free-text licences) still unpacks under the cap."""
    workbook = load_workbook(io.BytesIO(intake_template()))
    sheet = workbook[DATA_SHEET]
    hangul = "가나다라마바사아자차카타파하"
    licences = ", ".join(f"{hangul * 4}"[:48] + f"{n:02d}" for n in range(10))
    for number in range(2, 1002):
        memo = "".join(hangul[(number + k) % len(hangul)] for k in range(2000))
        values = [(hangul * 4)[:50], 1961, f"010-5555-{number:04d}", "구월1동", "구월1동 행정복지센터", "542, 561"]
        values += ["시간제, 계약직", licences, memo, "Y", "Y", "Y", "2026-06-v1", "2026-06-10"]
        for column, value in enumerate(values, start=1):
            sheet.cell(row=number, column=column, value=value)
    out = io.BytesIO()
    workbook.save(out)
    size = unpacked(out.getvalue())
    assert 4_000_000 < size < intake_files.XLSX_MAX_UNPACKED
    rows = intake_files.read_rows(data=out.getvalue(), filename="a.xlsx", sheet_name=DATA_SHEET)
    assert len(rows) == 1001 and len(rows[-1].cells[8]) == 2000


def test_a_small_workbook_of_blank_rows_is_refused_before_parsing(client, district_staff):
    """~200,000 formatted blank rows: a 60 KB upload, over 11 MB unpacked (the old 40 MB cap let
    37 MB of them through, 7 s of CPU and 350 MB of memory)."""
    blank = '<row spans="1:14" s="1" customFormat="1"><c s="1"/></row>' * 200_000
    data = with_sheet_xml(workbook_bytes(), blank)
    assert len(data) < 200_000 and unpacked(data) > intake_files.XLSX_MAX_UNPACKED
    client.force_login(district_staff)
    started = time.process_time()
    assert "내용이 너무 큽니다" in file_errors(client, data)
    assert time.process_time() - started < 1


def test_blank_rows_are_cheap_and_a_filled_row_far_below_is_still_read():
    """Explicit blank rows (as Excel writes a formatted range) are skipped without making text
    of their cells, and reading does not stop at them: the row after 100,000 of them counts."""
    blank = '<row s="1" customFormat="1"><c s="1"/><c s="1"/></row>' * 100_000
    far = '<row><c t="inlineStr"><is><t>아래쪽</t></is></c><c t="n"><v>1970</v></c></row>'
    data = with_sheet_xml(workbook_bytes(), blank + far)
    assert unpacked(data) < intake_files.XLSX_MAX_UNPACKED
    started = time.process_time()
    rows = intake_files.read_rows(data=data, filename="a.xlsx", sheet_name=DATA_SHEET)
    assert time.process_time() - started < 5  # about 1 s on 2 CPUs
    assert [row.number for row in rows] == [1, 2, 100_003]
    assert rows[-1].cells[:2] == ["아래쪽", "1970"]


def test_a_row_wider_than_excel_allows_is_refused(client, district_staff):
    """One row of 20,000 empty cells (a few KB packed): openpyxl would build it whole."""
    wide = "<row>" + "<c/>" * 20_000 + "</row>"
    client.force_login(district_staff)
    assert "한 줄에 칸이 너무 많습니다" in file_errors(client, with_sheet_xml(workbook_bytes(), wide))
    # Excel's own widest row (16,384 cells) is read; cells past MAX_COLUMNS are not kept
    widest = "<row>" + '<c t="inlineStr"><is><t>끝</t></is></c>' * intake_files.XLSX_MAX_CELLS_IN_ROW + "</row>"
    rows = intake_files.read_rows(data=with_sheet_xml(workbook_bytes(), widest), filename="a.xlsx")
    assert len(rows) == 3 and len(rows[-1].cells) == intake_files.MAX_COLUMNS


class Trickle(io.BytesIO):
    """A stream that returns at most 7 bytes a read (tags cut across chunks)."""

    def read(self, size=-1):
        return super().read(7)


def test_widest_row_counts_across_chunks_and_namespace_prefixes():
    xml = (
        b'<x:worksheet xmlns:x="ns"><x:cols><x:col min="1"/></x:cols><x:sheetData>'
        b'<x:row r="1"><x:c r="A1"/><x:c r="B1"/></x:row>'
        b"<x:row>" + b'<x:c s="1"/>' * 5 + b"</x:row><x:row/></x:sheetData></x:worksheet>"
    )
    assert intake_files._widest_row(Trickle(xml)) == 5
    assert intake_files._widest_row(io.BytesIO(xml)) == 5
    plain = re.sub(rb"x:", b"", xml)
    assert intake_files._widest_row(Trickle(plain)) == 5


def test_gunicorn_timeout_fits_the_slowest_upload():
    config = runpy.run_path(str(Path(settings.BASE_DIR) / "gunicorn.conf.py"))
    assert config["timeout"] == 60
