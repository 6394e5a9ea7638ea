"""Reading the bulk intake file (issue 5 item 8): an Excel workbook (.xlsx, openpyxl) or a
CSV file (UTF-8 with or without BOM, or CP949 as Excel in Korea saves it), judged by its
content rather than its name. The rows' meaning is :mod:`.intake`'s.

Limits, checked before any row is registered: :data:`INTAKE_MAX_BYTES` (2 MB) per file,
:data:`INTAKE_MAX_ROWS` (1,000) filled rows (a row with any non-empty cell; blank rows,
however many, do not count, and reading stops at the first filled row past the limit), and
for a workbook at most :data:`XLSX_MAX_UNPACKED` (10 MB) once unzipped (a small zip may
unpack to gigabytes), :data:`XLSX_MAX_ROWS` rows (Excel's own limit, so that a sheet that
claims more rows cannot keep the reader going) and :data:`MAX_COLUMNS` columns, and no row
holding more than :data:`XLSX_MAX_CELLS_IN_ROW` cells (Excel's limit; openpyxl builds a row
whole in memory, see :func:`_widest_row`). Time and memory are thus bounded by the file: a
workbook is streamed (openpyxl's read-only mode) and the rows kept are at most
:data:`INTAKE_MAX_ROWS` + 1.

Blank rows are not a reason to stop reading: a filled row below a long run of blank ones
(a resident typed further down by mistake) is still read and registered, never silently
dropped. Rows absent from the file cost nothing (openpyxl yields one shared empty tuple for
them); rows written out blank (an empty ``<row>``, or cells that carry only a format, as
Excel saves a formatted range) are each parsed, so their number is bounded by the unpacked
size, and each is told blank by one C-level pass over its values before any text is made.
Measured (2 CPUs): a 125 KB workbook of 660,000 such rows (37.7 MB unpacked, under the old
40 MB cap) took 6.7–7 s of CPU and 350 MB of memory to read; with the 10 MB cap it is refused
before parsing, and the worst that fits reads in 1.5–4 s (180,000 formatted blank rows: 1.5 s;
a million bare ``<row/>``, up to the row limit: 4 s). A real 1,000-row template unpacks to
0.8 MB, and to 8.4 MB with every cell at its longest (a 2,000-character memo on every row), so
the cap refuses no genuine file.

Formulas are not accepted (a formula's value is not stored in a file that openpyxl or
some programs wrote, and a formula may refer to anything): a workbook's formula cells (cell
type ``f``) and CSV cells starting with ``=`` (what Excel would take for a formula) are
marked in :attr:`SheetRow.formulas` for :mod:`.intake` to report."""

import csv
import datetime
import io
import operator
import re
import zipfile
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: Largest file accepted (bytes).
INTAKE_MAX_BYTES = 2 * 1024 * 1024
#: Most filled rows (the header not counted).
INTAKE_MAX_ROWS = 1000
#: Most bytes an .xlsx may unpack to: a filled 1,000-row template unpacks to about 0.8 MB, to
#: 8.4 MB with every cell at its longest; the parsing time grows with it (see the module text).
XLSX_MAX_UNPACKED = 10 * 1024 * 1024
#: Rows of a sheet read at most, filled or blank: Excel's limit (1,048,576), past which a
#: genuine sheet has no row.
XLSX_MAX_ROWS = 1_048_576
#: Columns read at most (the template has 14; cells further right are not read).
MAX_COLUMNS = 60
#: Most cells a row of a workbook may hold, read or not: Excel's own limit (column XFD).
XLSX_MAX_CELLS_IN_ROW = 16_384
#: Longest cell text kept (longer text is cut: the services then report the field too long).
CELL_MAX_CHARS = 5000

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls (and .hwp)


class IntakeFileError(ValidationError):
    """The whole file is refused (not an .xlsx or CSV, too big, too many rows, unreadable);
    no row was registered. The message is Korean."""


class SheetRow(NamedTuple):
    """A filled row: ``number`` (from 1, as the spreadsheet shows it), ``cells`` (the text
    of each cell, :func:`cell_text`) and ``formulas`` (the indexes in ``cells`` of the cells
    that hold a formula)."""

    number: int
    cells: list[str]
    formulas: frozenset[int] = frozenset()


def cell_text(value) -> str:
    """A cell as text: ``None`` → ``""``, an integral float → its integer (1961.0 → "1961"),
    a date or datetime → ISO date, text stripped and cut to :data:`CELL_MAX_CHARS`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).replace("\x00", "").strip()[:CELL_MAX_CHARS]


def _too_many_rows() -> IntakeFileError:
    return IntakeFileError(
        _("행이 너무 많습니다. 한 파일에 %(limit)s행까지 올릴 수 있습니다. 파일을 나눠서 올려 주세요.")
        % {"limit": f"{INTAKE_MAX_ROWS:,}"},
        code="too_many_rows",
    )


def _filled(rows: Iterable[SheetRow]) -> list[SheetRow]:
    """The rows with any text or formula, the header first, at most
    :data:`INTAKE_MAX_ROWS` + 1; raises :class:`IntakeFileError` at the first filled row past
    that (nothing after it is read). Blank rows are skipped and not counted."""
    kept = []
    for row in rows:
        if not (row.formulas or any(row.cells)):
            continue
        if len(kept) > INTAKE_MAX_ROWS:
            raise _too_many_rows()
        kept.append(row)
    return kept


def read_rows(*, data: bytes, filename: str, sheet_name: str = "") -> list[SheetRow]:
    """The filled rows of an uploaded file (:class:`SheetRow`: number, cell texts, formula
    cells), the header row first; at most :data:`MAX_COLUMNS` cells a row. ``data`` is the
    file's content; ``filename`` only decides between CSV and "not a spreadsheet" for
    content that is not a workbook; ``sheet_name`` is the sheet to read when a workbook has
    it (else the first sheet).

    Raises :class:`IntakeFileError` (Korean): empty or over :data:`INTAKE_MAX_BYTES`, an old
    .xls or another kind of file, a damaged workbook, text in neither UTF-8 nor CP949, or
    more than :data:`INTAKE_MAX_ROWS` filled rows (blank rows not counted)."""
    if not data:
        raise IntakeFileError(_("빈 파일입니다. 내용을 채운 파일을 골라 주세요."), code="empty")
    if len(data) > INTAKE_MAX_BYTES:
        raise IntakeFileError(
            _("파일이 너무 큽니다. %(mb)dMB 이하 파일만 올릴 수 있습니다. 파일을 나눠서 올려 주세요.")
            % {"mb": INTAKE_MAX_BYTES // (1024 * 1024)},
            code="too_big",
        )
    if data.startswith(_ZIP_MAGIC):
        return _xlsx_rows(data, sheet_name)
    if data.startswith(_OLE_MAGIC):
        raise IntakeFileError(
            _(
                "예전 엑셀 형식(.xls)은 읽을 수 없습니다. "
                "엑셀에서 '다른 이름으로 저장'으로 .xlsx나 CSV로 저장해 올려 주세요."
            ),
            code="xls",
        )
    if not filename.lower().endswith((".csv", ".txt")) or b"\x00" in data[:4096]:
        raise IntakeFileError(
            _("엑셀(.xlsx)이나 CSV 파일만 올릴 수 있습니다. 내려받은 서식 파일에 적어 올려 주세요."), code="type"
        )
    return _csv_rows(data)


def _xlsx_rows(data: bytes, sheet_name: str) -> list[SheetRow]:
    from openpyxl import load_workbook  # only this page needs it

    damaged = IntakeFileError(
        _("엑셀 파일을 읽지 못했습니다. 파일이 손상되었거나 .xlsx 형식이 아닙니다. 엑셀에서 다시 저장해 올려 주세요."),
        code="damaged",
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise damaged from None
    if "xl/workbook.xml" not in names:
        raise damaged
    if unpacked > XLSX_MAX_UNPACKED:
        raise IntakeFileError(_("엑셀 파일의 내용이 너무 큽니다. 행을 나눠서 여러 파일로 올려 주세요."), code="too_big")
    try:
        # not data_only: a formula cell then says it is one (type "f") instead of giving a
        # cached value that may be missing or stale
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise damaged from None
    try:
        if not workbook.worksheets:
            raise damaged
        sheet = workbook[sheet_name] if sheet_name in workbook.sheetnames else workbook.worksheets[0]
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(sheet._worksheet_path) as xml:
                widest = _widest_row(xml)
            if widest > XLSX_MAX_CELLS_IN_ROW:
                raise IntakeFileError(
                    _(
                        "엑셀 파일의 한 줄에 칸이 너무 많습니다. "
                        "엑셀에서 새 파일에 값만 붙여 넣어 다시 저장해 올려 주세요."
                    ),
                    code="too_wide",
                )
            return _filled(_sheet_rows(sheet))
        except IntakeFileError:
            raise
        except Exception:
            raise damaged from None
    finally:
        workbook.close()


_VALUE = operator.attrgetter("value")
#: A row start and a cell start in a worksheet's XML, with or without a namespace prefix.
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,40}:)?row[\s/>]")
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,40}:)?c[\s/>]")


def _widest_row(xml) -> int:
    """The most cells a row of a worksheet's XML (the binary stream ``xml``) holds, counted
    by two C-level regular expressions per 1 MB chunk (about 0.2 s for 10 MB of the worst
    shapes); stops counting once past :data:`XLSX_MAX_CELLS_IN_ROW`. openpyxl builds a whole
    row in memory before it yields it (cells past :data:`MAX_COLUMNS` included): a 26 KB
    workbook holding one row of 2.6 million empty cells took 880 MB to read."""
    widest, tail = 0, b""
    while True:
        chunk = xml.read(1 << 20)
        parts = _ROW_TAG.split(tail + chunk)
        # the text after the last row start goes on with the next chunk (all of it at the end)
        tail = parts.pop() if chunk else b""
        for part in (*parts, tail):
            widest = max(widest, len(_CELL_TAG.findall(part)))
            if widest > XLSX_MAX_CELLS_IN_ROW:
                return widest
        if not chunk:
            return widest


def _sheet_rows(sheet) -> Iterator[SheetRow]:
    """The rows with any text or formula of an openpyxl read-only ``sheet``, read up to
    :data:`XLSX_MAX_ROWS` and :data:`MAX_COLUMNS`."""
    blank = None
    for number, cells in enumerate(sheet.iter_rows(max_row=XLSX_MAX_ROWS, max_col=MAX_COLUMNS), start=1):
        if cells is blank:
            # openpyxl yields one shared tuple for every row missing from the file (a stray
            # cell at row 1,048,576 leaves a million of them): known blank, skipped at once
            continue
        values = list(map(_VALUE, cells))
        if values.count(None) == len(values):
            # no value at all (a formula cell's value is its text, never None): blank, told
            # without a Python step per cell — a sheet may hold many such rows (module text)
            blank = cells
            continue
        row = SheetRow(
            number,
            [cell_text(value) for value in values],
            frozenset(index for index, cell in enumerate(cells) if cell.data_type == "f"),
        )
        if row.formulas or any(row.cells):
            yield row
        else:
            blank = cells


def _csv_rows(data: bytes) -> list[SheetRow]:
    encodings = ("utf-8-sig",) if data.startswith(b"\xef\xbb\xbf") else ("utf-8", "cp949")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise IntakeFileError(
            _("CSV 파일의 글자를 읽지 못했습니다. 엑셀에서 'CSV UTF-8' 또는 'CSV (쉼표로 분리)'로 저장해 올려 주세요."),
            code="encoding",
        )
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return _filled(_csv_row(number, values) for number, values in enumerate(reader, start=1))
    except csv.Error:
        raise IntakeFileError(
            _("CSV 파일의 형식이 올바르지 않습니다. 엑셀에서 다시 저장해 올려 주세요."), code="csv"
        ) from None


def _csv_row(number: int, values: list[str]) -> SheetRow:
    """A CSV line as a :class:`SheetRow`: a cell starting with ``=`` counts as a formula
    (Excel would compute it on opening the file)."""
    cells = [cell_text(value) for value in values[:MAX_COLUMNS]]
    return SheetRow(number, cells, frozenset(index for index, text in enumerate(cells) if text.startswith("=")))
