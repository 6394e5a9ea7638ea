"""고용24 listing CSV (e.g. ``work24_listings_gangnam_2026-08.csv``): the reader that turns
each row into a ``ParsedRecord``. The free-text parsers live in ``work24_values``; decoding
the file and reading it line by line in ``work24_lines``.

Columns: position_title, company_name, company_category, recruit_provider, annual_salary,
career, education, working_condition, location, deadline_date, registration_date. The file
has no id column, so the external id is ``stable_external_id`` of provider, title, employer
and registration date.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from employers.models import Employer
from jobs.choices import PostingSource
from jobs.models import JobPosting

from .checks import career_problem, check_wage_size
from .common import (
    ParsedRecord,
    check_values,
    date_problem,
    field_label,
    fit,
    parse_date,
    quote,
    skip_repeats,
    stable_external_id,
)
from .text import UNSTORABLE_REMOVED, strip_controls
from .work24_lines import (
    INSIDE_QUOTE,
    QUOTE_CLOSED_HERE,
    QUOTE_SPANS_LINES,
    REQUIRED_COLUMNS,
    UNCLOSED_QUOTE,
    UNDECODABLE_ROW,
    UNREADABLE_ROW,
    csv_rows,
    decode_work24_bytes,
)
from .work24_values import (
    NO_CONDITION_PHRASES,
    NO_WAGE_PHRASES,
    parse_career,
    parse_education,
    parse_provider,
    parse_wage,
    parse_working_condition,
)

#: Column name used in warnings about cells beyond the header.
EXTRA_CELLS = "(머리글 밖 칸)"

_max = {f.name: f.max_length for f in JobPosting._meta.get_fields() if getattr(f, "max_length", None)}

_EMPLOYER_NAME_MAX = Employer._meta.get_field("name").max_length


_PARSERS = (
    ("annual_salary", "wage_text", parse_wage),
    ("career", "career_text", parse_career),
    ("education", "education_text", parse_education),
    ("working_condition", "working_condition_text", parse_working_condition),
)

_DATES = (("deadline_date", "deadline"), ("registration_date", "date_posted"))


def _clean_cells(record: ParsedRecord, row: Mapping[str | None, Any]) -> dict[str, str] | None:
    """The row's cells as ``{column: text}`` with unstorable characters removed (warned);
    warns about cells beyond the header (``None`` key). ``None`` (and ``record.skip_reason``
    set) when cells are missing (``None`` values)."""
    cells = {str(k): v for k, v in row.items() if k is not None}
    missing = sum(v is None for v in cells.values())
    if missing:
        record.skip_reason = f"열이 부족합니다: {len(cells)}개 중 {len(cells) - missing}개"
        return None
    raw = {}
    for column, value in cells.items():
        raw[column], removed = strip_controls(str(value))
        if removed:
            record.warn(column, raw[column], UNSTORABLE_REMOVED.format(count=removed))
    extra = row.get(None)
    if extra is not None:
        extra = [strip_controls(str(v))[0] for v in (extra if isinstance(extra, list) else [extra])]
        record.warn(
            EXTRA_CELLS, ", ".join(extra), f"머리글({len(cells)}열)보다 칸이 {len(extra)}개 많아 남는 값은 무시했습니다"
        )
    return raw


def parse_work24_row(row: Mapping[str | None, str | None], *, row_number: int) -> ParsedRecord:
    """Parse one CSV row (column → text, as ``csv.DictReader`` gives it) into a
    ``ParsedRecord`` numbered ``row_number``.

    Skipped with a Korean reason: a row with missing cells (``None`` values: "열이 부족합니다:
    11개 중 2개"), without ``position_title`` or ``company_name``, or whose
    ``deadline_date`` or ``registration_date`` is missing or unreadable, or whose dates are
    impossible (``common.date_problem``: registered after today, a deadline before the
    registration date or more than two years after it). Cells beyond the
    header (DictReader's ``None`` key) are warned about and ignored. A wage of more than
    1,000,000 KRW an hour once converted is dropped with a warning; a career of more than
    50 years is kept with one (``checks``). Any other value that
    does not parse (or does not fit its column, like a wage above 2,147,483,647 won) is kept
    as original text, its field left empty and a warning added. NUL and other control
    characters are removed from every cell (with a warning). The cleaned original row goes
    in ``fields["raw"]``. A provider of "고용24" (the source itself) is stored as ``""``.
    """
    record = ParsedRecord(row=row_number)
    raw = _clean_cells(record, row)
    if raw is None:
        return record
    title = " ".join(raw.get("position_title", "").split())
    company = " ".join(raw.get("company_name", "").split())
    if not title:
        record.skip_reason = "제목(position_title)이 없습니다"
        return record
    if not company:
        record.skip_reason = "기업명(company_name)이 없습니다"
        return record
    fields: dict[str, Any] = {"raw": raw}
    for column, target in _DATES:
        original = raw.get(column, "").strip()
        value, note = parse_date(original)
        if value is None:
            label = f"{field_label(target)}({column})"
            record.skip_reason = (
                f'{label}을 읽을 수 없습니다: "{quote(original)}"' if original else f"{label}이 없습니다"
            )
            return record
        if note:
            record.warn(column, original, note)
        fields[target] = value
    labels = {target: f"{field_label(target)}({column})" for column, target in _DATES}
    record.skip_reason = date_problem(
        fields["date_posted"],
        fields["deadline"],
        posted_label=labels["date_posted"],
        deadline_label=labels["deadline"],
    )
    if record.skip_reason:
        return record

    fields["title"] = fit(record, "position_title", title, _max["title"])
    record.employer_name = fit(record, "company_name", company, _EMPLOYER_NAME_MAX)
    for column, text_field, parser in _PARSERS:
        original = raw.get(column, "").strip()
        fields[text_field] = fit(record, column, original, _max[text_field])
        try:
            parsed = parser(original)
            check_values(parsed)
            if parser is parse_wage:
                check_wage_size(parsed)
        except ValueError as exc:
            parsed = parser("")
            record.warn(column, original, str(exc))
        fields.update(parsed)
    if problem := career_problem(fields["career_min_years"]):
        record.warn("career", raw.get("career", "").strip(), problem)  # kept: a warning only

    location = " ".join(raw.get("location", "").split())
    fields["location_text"] = fit(record, "location", location, _max["location_text"])
    provider = parse_provider(raw.get("recruit_provider", ""))
    # "고용24 · 정보제공처 고용24" says the same thing twice: the credit shows just "고용24".
    shown = "" if provider == PostingSource.WORK24.label else provider
    fields["source_provider"] = fit(record, "recruit_provider", shown, _max["source_provider"])

    record.fields = fields
    record.external_id = stable_external_id(
        provider=provider, title=title, employer_name=company, date_posted=fields["date_posted"].isoformat()
    )
    return record


def parse_work24_csv(text: str) -> list[ParsedRecord]:
    """Parse the CSV ``text`` (BOM already removed) into records numbered by the file's
    physical lines (the header is line 1; a blank line, or one of empty cells only, is a line
    without a record).

    Returns one ``ParsedRecord`` per non-blank line (see ``parse_work24_row``); a line that
    cannot be read as a row of its own (a quote left open, bytes UTF-8 cannot read: see
    ``work24_lines.csv_rows``) is a skipped record, and so are the lines of a quoted cell
    spanning lines up to the one closing it; the lines after are read as usual. A row with
    the external id of an earlier row (same provider, title, employer and registration date)
    is skipped: "같은 공고가 N행에 이미 있습니다" (``common.skip_repeats``).
    Raises ``ImportFileError`` (Korean) for an empty file ("파일이 비어 있습니다"), a header
    that cannot be read, lacks a ``REQUIRED_COLUMNS`` column or repeats a column, or no rows
    after the header ("공고 행이 없습니다").
    """
    records = [
        ParsedRecord(row=number, skip_reason=row) if isinstance(row, str) else parse_work24_row(row, row_number=number)
        for number, row in csv_rows(text)
    ]
    return skip_repeats(records, unit="행")


def read_work24_csv(path: Path | str) -> list[ParsedRecord]:
    """Read a 고용24 CSV file (encoding as ``decode_work24_bytes``: UTF-8, else CP949 when the
    whole file is CP949 Korean, else UTF-8 with the rows holding undecodable bytes skipped) into records (see
    ``parse_work24_csv``). Raises ``ImportFileError`` for an empty or malformed file, a header
    that cannot be decoded or missing columns, and ``OSError`` when the file cannot be
    opened."""
    return parse_work24_csv(decode_work24_bytes(Path(path).read_bytes()))


__all__ = [
    "EXTRA_CELLS",
    "INSIDE_QUOTE",
    "NO_CONDITION_PHRASES",
    "NO_WAGE_PHRASES",
    "QUOTE_CLOSED_HERE",
    "QUOTE_SPANS_LINES",
    "REQUIRED_COLUMNS",
    "UNCLOSED_QUOTE",
    "UNDECODABLE_ROW",
    "UNREADABLE_ROW",
    "decode_work24_bytes",
    "parse_career",
    "parse_education",
    "parse_provider",
    "parse_wage",
    "parse_work24_csv",
    "parse_work24_row",
    "parse_working_condition",
    "read_work24_csv",
]
