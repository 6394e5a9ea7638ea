"""The 고용24 listing CSV as a file: its bytes decoded, then read one physical line at a time.

The format never has cells spanning lines, so each physical line (ended by LF, CRLF or CR) is
one row and row numbers are the file's line numbers (the header is line 1). A line holding
bytes UTF-8 cannot read is reported as a skipped row on its own. A line whose quotes are
still open at its end is skipped too, and so are the following lines up to and including
the one that closes the quote, the next holding an odd number of ``"`` (a cell spanning
lines: read alone, its last line would pass for a row of its own, e.g. one titled
``라인 제목"``), each with its reason. A quote that no later line closes skips only its own
line, so one stray quote or bad byte never takes the rest of the file with it.
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
#: The line opening a quoted cell that a later line (``{end}``) closes.
QUOTE_SPANS_LINES = "따옴표가 닫히지 않았습니다 (여러 행에 걸친 칸: 따옴표가 닫히는 {end}행까지 함께 건너뛰었습니다)"
#: A line inside a quoted cell opened on an earlier line and not closed on this one.
INSIDE_QUOTE = "앞 행에서 열린 따옴표 안에 있습니다: 앞 행과 함께 건너뛰었습니다"
#: The line closing a quoted cell opened on an earlier line.
QUOTE_CLOSED_HERE = "앞 행에서 열린 따옴표가 이 행에서 닫혔습니다: 앞 행과 함께 건너뛰었습니다"

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: What ``errors="surrogateescape"`` turns an undecodable byte into.
_ESCAPED_BYTE = re.compile(r"[\udc80-\udcff]")

#: A row as ``csv.DictReader`` shapes it: missing cells ``None``, extra cells in a list under ``None``.
Row = dict[str | None, str | list[str] | None]


def _is_ks_hangul(char: str) -> bool:
    """True for one of the 2,350 Hangul syllables of KS X 1001 (two bytes of 0xA1 or more in
    CP949), the syllables every Korean text is made of."""
    return "\uac00" <= char <= "\ud7a3" and char.encode("cp949")[1] >= 0xA1


def _looks_like_cp949(text: str) -> bool:
    """True when ``text`` (decoded as CP949) holds a KS X 1001 Hangul syllable. A UTF-8 file
    with one stray byte can decode as CP949 too (0x81–0xC6 before an ASCII letter is a
    rarely used syllable of the CP949 extension: b"\\xc5A" gives "휕"), but never into one of
    these, which take two bytes of 0xA1 or more."""
    return any(_is_ks_hangul(char) for char in text if "\uac00" <= char <= "\ud7a3")


def decode_work24_bytes(data: bytes) -> str:
    """The file's text: UTF-8 (with or without BOM); else CP949 as exported by some tools,
    when the whole file (never one with a UTF-8 BOM) decodes as CP949 and the text holds
    Hangul (``_looks_like_cp949``); else UTF-8 with each byte it cannot read kept as a lone
    surrogate (``errors="surrogateescape"``), so that ``csv_rows`` skips just the lines
    holding one (a UTF-8 file with a stray byte is not read as garbled CP949)."""
    try:
        return decode_utf8(data)
    except UnicodeDecodeError:
        pass
    has_bom = data.startswith(codecs.BOM_UTF8)
    if not has_bom:
        try:
            text = data.decode("cp949")
        except UnicodeDecodeError:
            text = ""
        if _looks_like_cp949(text):
            return text
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


def _closing_lines(texts: list[str]) -> list[int | None]:
    """For each line (by index), the index of the first later line holding an odd number of
    ``"``, the one that closes a quoted cell left open before it; ``None`` when no later line
    does. (An even number, ``"연봉 3,000 만원"`` say, opens and closes a cell of its own.)"""
    closing: list[int | None] = [None] * len(texts)
    following = None
    for index in range(len(texts) - 1, -1, -1):
        closing[index] = following
        if texts[index].count('"') % 2:
            following = index
    return closing


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
    (``UNDECODABLE_ROW``, ``UNCLOSED_QUOTE``, ``UNREADABLE_ROW``; a quoted cell spanning
    lines: ``QUOTE_SPANS_LINES`` for its first line, ``INSIDE_QUOTE`` for the lines between,
    ``QUOTE_CLOSED_HERE`` for the line closing it). A blank line (or one of empty cells only)
    outside a quoted cell gives nothing but still counts as a line.

    Raises ``ImportFileError`` (Korean) for an empty file ("파일이 비어 있습니다"), a header
    that cannot be read (undecodable, unclosed quote), lacks a ``REQUIRED_COLUMNS`` column or
    repeats a column, and when no line follows the header ("공고 행이 없습니다").
    """
    texts = _LINE_BREAK.split(text)
    lines = [(number, *_read_line(line)) for number, line in enumerate(texts, start=1)]
    closing = _closing_lines(texts)
    if not any(problem or any(c.strip() for c in cells) for _, cells, problem in lines):
        raise ImportFileError("파일이 비어 있습니다")
    _, header_cells, header_problem = lines[0]
    columns = _header(header_cells, header_problem)
    rows: list[tuple[int, Row | str]] = []
    spanned_until = 0  # index of the last line inside a quoted cell opened on an earlier line
    for index, (number, cells, problem) in enumerate(lines[1:], start=1):
        if index <= spanned_until:
            rows.append((number, QUOTE_CLOSED_HERE if index == spanned_until else INSIDE_QUOTE))
            continue
        opens_quote = problem == UNCLOSED_QUOTE or (
            problem == UNDECODABLE_ROW and _read_line(_ESCAPED_BYTE.sub("?", texts[index]))[1] == UNCLOSED_QUOTE
        )
        if opens_quote and (end := closing[index]) is not None:
            spanned_until = end
            if problem == UNCLOSED_QUOTE:
                problem = QUOTE_SPANS_LINES.format(end=end + 1)
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
