"""Shapes shared by the posting importers: parsed records, the import report, dates, the
stable external id, text fitting, field labels and value checks, UTF-8 decoding.

Everything here is pure (no database access): a parser turns one source record into a
``ParsedRecord``; ``jobs.importers.service.import_records`` writes it.
"""

from __future__ import annotations

import codecs
import datetime
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone

from employers.brn import normalize_company_name
from jobs import search
from jobs.models import JobPosting

KST = ZoneInfo("Asia/Seoul")

#: Longest original value quoted in a report line (values are posting text, never personal data).
MAX_QUOTED = 80


class ImportFileError(ValueError):
    """A whole file cannot be read (missing columns, bad encoding, invalid JSON). The message
    is Korean and names no personal data."""


@dataclass(frozen=True)
class Issue:
    """A warning about one value of one record: ``row`` (CSV: spreadsheet row number, the
    header being row 1; JSON-LD: 1-based item number), ``field`` (the source's column or
    property name), ``value`` (the original text, shortened) and a Korean ``message``."""

    row: int
    field: str
    value: str
    message: str


@dataclass(frozen=True)
class Skipped:
    """A record that was not imported: its ``row`` and a Korean ``reason``."""

    row: int
    reason: str


@dataclass
class ParsedRecord:
    """One source record parsed and ready to write.

    - ``fields``: ``JobPosting`` field values (money in whole KRW, dates as ``date``); a key
      whose value is ``None`` for a NOT NULL column (``date_posted``) is left to the model
      default on create and untouched on update.
    - ``employer_name`` / ``employer_brn``: how to find or create the employer (``brn`` is
      10 digits with a valid check digit, or ``None``).
    - ``dong_name``: a Namdong ``Dong.name`` the workplace lies in, or ``None``.
    - ``skip_reason``: non-empty when the record must not be imported.
    """

    row: int
    external_id: str = ""
    employer_name: str = ""
    employer_brn: str | None = None
    dong_name: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    warnings: list[Issue] = field(default_factory=list)
    skip_reason: str = ""

    def warn(self, source_field: str, value: Any, message: str) -> None:
        """Add a warning quoting ``value`` (shortened to ``MAX_QUOTED`` characters)."""
        self.warnings.append(Issue(self.row, source_field, quote(value), message))


@dataclass
class ImportReport:
    """What an import did: counts of postings ``created`` / ``updated`` / ``unchanged``, the
    ``skipped`` records with reasons and the ``warnings`` (row, field, original value)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Records seen: imported (any outcome) plus skipped."""
        return self.created + self.updated + self.unchanged + len(self.skipped)

    def summary_lines(self, *, unit: str = "행") -> list[str]:
        """The report in Korean, one line per item; ``unit`` names a record ("행", "항목")."""
        lines = [
            f"새로 등록 {self.created}건, 변경 {self.updated}건, 변경 없음 {self.unchanged}건, "
            f"건너뜀 {len(self.skipped)}건 (전체 {self.total}건)"
        ]
        if self.skipped:
            lines.append(f"건너뛴 {unit} {len(self.skipped)}건:")
            lines += [f"  - {s.row}{unit}: {s.reason}" for s in self.skipped]
        if self.warnings:
            lines.append(f"경고 {len(self.warnings)}건:")
            lines += [f'  - {w.row}{unit} {w.field} "{w.value}": {w.message}' for w in self.warnings]
        else:
            lines.append("경고 없음")
        return lines


def skip_repeats(records: list[ParsedRecord], *, unit: str) -> list[ParsedRecord]:
    """``records`` (of one file) with every record whose ``external_id`` an earlier imported
    record already has skipped: "같은 공고가 3행에 이미 있습니다" (``unit`` names a record:
    "행", "항목"). The first occurrence is kept, so a re-run of the file changes nothing
    (the later one would overwrite it, and the next run undo that). The skipped record's
    warnings are dropped: none of its values is imported."""
    first: dict[str, int] = {}
    for record in records:
        if record.skip_reason or not record.external_id:
            continue
        if record.external_id in first:
            record.skip_reason = f"같은 공고가 {first[record.external_id]}{unit}에 이미 있습니다"
            record.warnings = []
        else:
            first[record.external_id] = record.row
    return records


def quote(value: Any) -> str:
    """``value`` as a one-line string of at most ``MAX_QUOTED`` characters."""
    text = " ".join(str("" if value is None else value).split())
    return text if len(text) <= MAX_QUOTED else text[: MAX_QUOTED - 1] + "…"


def stable_external_id(*, provider: str, title: str, employer_name: str, date_posted: str) -> str:
    """A stable id for a source without one: the first 32 hex digits of the sha256 of the
    provider, the normalised title (``jobs.search.normalize_text``), the employer's
    ``name_key`` and the registration date (ISO text), joined by U+001F."""
    parts = [provider.strip(), search.normalize_text(title), normalize_company_name(employer_name), date_posted.strip()]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LOOSE_DATE = re.compile(r"(\d{4})\s*(?:[-./]|년)\s*(\d{1,2})\s*(?:[-./]|월)\s*(\d{1,2})\s*(?:\.|일)?")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")

LENIENT_DATE = "표준 형식(YYYY-MM-DD)이 아닌 날짜를 읽었습니다"
BAD_DATE = "날짜를 읽을 수 없어 비워 두었습니다"


def parse_date(text: Any) -> tuple[datetime.date | None, str]:
    """Read a date: ``"2026-08-07"``; a datetime (an aware one is taken in Asia/Seoul, a naive
    one as KST) gives its date; loose forms ``"2021-2-8"``, ``"2021.02.08"``, ``"20210208"``,
    ``"2021년 2월 8일"`` are read too.

    Returns ``(date, note)``: note ``""`` for a standard value or empty input (``None`` or
    a blank string: date ``None``), ``LENIENT_DATE`` for a loose form, ``BAD_DATE`` (date
    ``None``) otherwise, also for any value that is not a string (``0``, ``False``, ``[]``,
    ``{}`` from JSON are present but not dates: never read as "no date").
    """
    if text is None:
        return None, ""
    if not isinstance(text, str):
        return None, BAD_DATE
    value = text.strip()
    if not value:
        return None, ""
    try:
        if _ISO_DATE.fullmatch(value):
            return datetime.date.fromisoformat(value), ""
        if len(value) > 10 and value[10] in "T ":
            moment = datetime.datetime.fromisoformat(value)
            if moment.tzinfo is not None:
                moment = moment.astimezone(KST)
            return moment.date(), ""
    except ValueError:
        return None, BAD_DATE
    match = _LOOSE_DATE.fullmatch(value) or _COMPACT_DATE.fullmatch(value)
    if match:
        try:
            return datetime.date(*(int(g) for g in match.groups())), LENIENT_DATE
        except ValueError:
            return None, BAD_DATE
    return None, BAD_DATE


#: Longest time a posting may stay open after its registration date.
MAX_OPEN_YEARS = 2


def add_years(day: datetime.date, years: int) -> datetime.date:
    """``day`` moved ``years`` years on (29 February becomes 28 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def date_problem(
    date_posted: datetime.date | None, deadline: datetime.date | None, *, posted_label: str, deadline_label: str
) -> str:
    """Why a record's dates are impossible, ``""`` when they are not: a registration date after
    today (KST, ``timezone.localdate()``; it would put the posting at the top of every list), a
    deadline before the registration date, or one more than ``MAX_OPEN_YEARS`` years after it
    (after today when the registration date is unknown: the model default on create).
    ``posted_label`` / ``deadline_label`` name the fields in the Korean reason, e.g.
    ``"등록일(registration_date)"``."""
    today = timezone.localdate()
    if date_posted is not None and date_posted > today:
        return f'{posted_label}이 오늘({today.isoformat()})보다 뒤입니다: "{date_posted.isoformat()}"'
    if deadline is None:
        return ""
    if date_posted is not None and deadline < date_posted:
        return f'{deadline_label}이 등록일보다 앞섭니다: "{deadline.isoformat()}" (등록일 {date_posted.isoformat()})'
    start = date_posted or today
    if deadline > add_years(start, MAX_OPEN_YEARS):
        since = f"등록일 {start.isoformat()}" if date_posted else f"등록일을 몰라 오늘 {start.isoformat()} 기준"
        return f'{deadline_label}이 등록일로부터 {MAX_OPEN_YEARS}년을 넘습니다: "{deadline.isoformat()}" ({since})'
    return ""


def fit(record: ParsedRecord, source_field: str, value: str, max_length: int) -> str:
    """``value`` cut to ``max_length`` characters, with a warning on ``record`` if it was cut
    (the full text stays in ``raw``). For free text only (titles, names, original wording):
    a cut URL or identifier would be broken, so those are dropped or replaced instead."""
    if len(value) <= max_length:
        return value
    record.warn(source_field, value, f"{max_length}자를 넘어 잘랐습니다")
    return value[:max_length]


def field_label(name: str, model: type[models.Model] = JobPosting) -> str:
    """The Korean ``verbose_name`` of field ``name`` of ``model`` (``"wage_max"`` →
    ``"최대 임금 (원)"``); ``"공고 전체"`` for ``NON_FIELD_ERRORS``; ``name`` itself when the
    model has no such field."""
    if name == NON_FIELD_ERRORS:
        return "공고 전체"
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def check_values(values: Mapping[str, Any]) -> None:
    """Check parsed ``JobPosting`` field values against their columns with the model field's
    own validation (range of an integer column, choices …); ``None`` and ``""`` are not
    checked. Raises ``ValueError`` with a Korean message (the field's ``verbose_name`` and
    the validation message) for the first value its column cannot hold, e.g. a wage above
    2,147,483,647 won."""
    for name, value in values.items():
        if value is None or value == "":
            continue
        model_field = JobPosting._meta.get_field(name)
        try:
            model_field.clean(value, None)
        except ValidationError as exc:
            detail = " ".join(exc.messages)
            raise ValueError(f"{model_field.verbose_name}에 넣을 수 없는 값입니다 ({detail})") from None


def decode_utf8(data: bytes) -> str:
    """``data`` decoded as UTF-8, a leading BOM removed. Raises ``UnicodeDecodeError`` whose
    positions count from after the BOM (``bad_line`` gives the line)."""
    return (data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data).decode("utf-8")


def bad_line(data: bytes, error: UnicodeDecodeError) -> int:
    """The 1-based line of ``data`` holding the byte ``error`` (from ``decode_utf8(data)``)
    points at."""
    body = data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data
    return body[: error.start].count(b"\n") + 1
