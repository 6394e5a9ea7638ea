"""The 고용24 listing CSV as a file: its bytes decoded, then read one physical line at a time.

The format never has cells spanning lines, so each physical line (ended by LF, CRLF or CR) is
one row and row numbers are the file's line numbers (the header is line 1). A line whose
quotes are still open at its end, or one holding bytes UTF-8 cannot read, is reported as a
skipped row on its own; the lines after it are read as usual, so one stray quote or bad byte
never takes the rest of the file with it.
"""

from __future__ import annotations

import codecs
import csv
import re

from .common import ImportFileError, decode_utf8
from .text import strip_controls

#: Columns a file must have: the title and employer, and the two dates every 고용24 row
#: carries (the deadline decides whether a posting is open; the registration date is part
#: of the external id).
REQUIRED_COLUMNS = ("position_title", "company_name", "deadline_date", "registration_date")

UNCLOSED_QUOTE = "따옴표가 닫히지 않았습니다 (이 행만 건너뛰고 다음 행부터 다시 읽었습니다)"
UNDECODABLE_ROW = "UTF-8로 읽을 수 없는 글자가 있습니다 (이 행만 건너뛰었습니다)"
UNREADABLE_ROW = "CSV 형식을 읽을 수 없습니다 (너무 긴 칸 등)"

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: What ``errors="surrogateescape"`` turns an undecodable byte into.
_ESCAPED_BYTE = re.compile(r"[\udc80-\udcff]")

#: A row as ``csv.DictReader`` shapes it: missing cells ``None``, extra cells in a list under ``None``.
Row = dict[str | None, str | list[str] | None]


def decode_work24_bytes(data: bytes) -> str:
    """The file's text: UTF-8 (with or without BOM), else CP949 as exported by some tools when
    the whole file decodes as CP949 (never with a UTF-8 BOM), else UTF-8 with each byte it
    cannot read kept as a lone surrogate (``errors="surrogateescape"``), so that
    ``csv_rows`` skips just the lines holding one."""
    try:
        return decode_utf8(data)
    except UnicodeDecodeError:
        pass
    has_bom = data.startswith(codecs.BOM_UTF8)
    if not has_bom:
        try:
            return data.decode("cp949")
        except UnicodeDecodeError:
            pass
    return (data[len(codecs.BOM_UTF8) :] if has_bom else data).decode("utf-8", errors="surrogateescape")


def _read_line(line: str) -> tuple[list[str], str]:
    """The cells of one physical line and ``""``, or ``[]`` and the reason it cannot be read
    (undecodable bytes, a quote still open at the end of the line, a cell too long for the
    ``csv`` module)."""
    if _ESCAPED_BYTE.search(line):
        return [], UNDECODABLE_ROW
    # A second (empty) line is offered only to see whether the reader asks for it: it does
    # when the line ends inside a quoted cell.
    reader = csv.reader([line, ""])
    try:
        cells = next(reader, [])
    except csv.Error:
        return [], UNREADABLE_ROW
    return ([], UNCLOSED_QUOTE) if reader.line_num > 1 else (cells, "")


def _header(cells: list[str], problem: str) -> list[str]:
    if problem == UNDECODABLE_ROW:
        raise ImportFileError("UTF-8로 읽을 수 없는 글자가 있습니다 (1행 근처). UTF-8 또는 CP949 파일만 읽습니다")
    if problem == UNCLOSED_QUOTE:
        raise ImportFileError("머리글(1행)의 따옴표가 닫히지 않았습니다")
    if problem:
        raise ImportFileError("CSV 형식이 올바르지 않습니다 (1행)")
    columns = [strip_controls(c)[0].strip() for c in cells]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise ImportFileError(f"고용24 CSV에 필요한 열이 없습니다: {', '.join(missing)}")
    repeated = sorted({c or "(이름 없는 열)" for c in columns if columns.count(c) > 1})
    if repeated:
        raise ImportFileError(f"머리글에 같은 열이 두 번 이상 있습니다: {', '.join(repeated)}")
    return columns


def csv_rows(text: str) -> list[tuple[int, Row | str]]:
    """``(line number, row)`` for each non-blank line after the header, ``row`` shaped as
    ``csv.DictReader`` shapes it, or ``(line number, reason)`` for a line that cannot be read
    (``UNDECODABLE_ROW``, ``UNCLOSED_QUOTE``, ``UNREADABLE_ROW``). A blank line (or one of
    empty cells only) gives nothing but still counts as a line.

    Raises ``ImportFileError`` (Korean) for an empty file ("파일이 비어 있습니다"), a header
    that cannot be read (undecodable, unclosed quote), lacks a ``REQUIRED_COLUMNS`` column or
    repeats a column, and when no line follows the header ("공고 행이 없습니다").
    """
    lines = [(number, *_read_line(line)) for number, line in enumerate(_LINE_BREAK.split(text), start=1)]
    if not any(problem or any(c.strip() for c in cells) for _, cells, problem in lines):
        raise ImportFileError("파일이 비어 있습니다")
    _, header_cells, header_problem = lines[0]
    columns = _header(header_cells, header_problem)
    rows: list[tuple[int, Row | str]] = []
    for number, cells, problem in lines[1:]:
        if problem:
            rows.append((number, problem))
            continue
        if not any(cell.strip() for cell in cells):
            continue  # blank: no record, but it still counts as a spreadsheet row
        row: Row = dict(zip(columns, cells, strict=False))
        row.update(dict.fromkeys(columns[len(cells) :]))
        if len(cells) > len(columns):
            row[None] = cells[len(columns) :]
        rows.append((number, row))
    if not rows:
        raise ImportFileError("공고 행이 없습니다 (머리글만 있습니다)")
    return rows
