"""Plausibility checks on imported values. The record is kept; the value is warned about:
a career of more than ``MAX_CAREER_YEARS`` years, an hourly-equivalent wage
(``jobs.wages.hourly_krw``) below the minimum wage in force on the posting date, or above
``MAX_HOURLY_KRW`` (that wage is dropped: a typo or a unit mix-up, never shown as pay).

``check_wage_size`` is pure (the parsers call it); ``MinimumWages`` reads the minimum-wage
table (``jobs.importers.service.import_records`` uses it).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from jobs.models import today_kst
from jobs.wages import hourly_krw
from namdong_jobs.reference.models import MinimumWage

from .common import Issue, ParsedRecord, quote

MAX_CAREER_YEARS = 50
#: Highest believable wage, in KRW per hour once converted.
MAX_HOURLY_KRW = 1_000_000


def _hourly(wage: Mapping[str, Any], amount: int | None) -> int | None:
    if amount is None or not wage.get("wage_type"):
        return None
    return hourly_krw(amount, wage["wage_type"], wage.get("daily_hours"))


def check_wage_size(wage: Mapping[str, Any]) -> None:
    """Raises ``ValueError`` ("임금이 비정상적으로 큽니다 …") when the wage's larger amount is
    more than ``MAX_HOURLY_KRW`` KRW an hour once converted; the caller drops the wage."""
    top = wage.get("wage_max") if wage.get("wage_max") is not None else wage.get("wage_min")
    hourly = _hourly(wage, top)
    if hourly is not None and hourly > MAX_HOURLY_KRW:
        raise ValueError(
            f"임금이 비정상적으로 큽니다 (시간당 환산 {hourly:,}원, 시간당 {MAX_HOURLY_KRW:,}원 초과): 비워 두었습니다"
        )


def career_problem(years: int | None) -> str:
    """A warning for a required career of more than ``MAX_CAREER_YEARS`` years, else ``""``."""
    if years is not None and years > MAX_CAREER_YEARS:
        return f"경력 {years}년은 {MAX_CAREER_YEARS}년을 넘어 믿기 어렵습니다 (원문을 확인해 주세요)"
    return ""


class MinimumWages:
    """The minimum wage in force on a date (``MinimumWage.objects.for_date``), looked up once
    per year."""

    def __init__(self) -> None:
        self._by_year: dict[int, MinimumWage | None] = {}

    def for_date(self, day: datetime.date) -> MinimumWage | None:
        """The ``MinimumWage`` row in force on ``day``, ``None`` when the table has none."""
        if day.year not in self._by_year:
            try:
                self._by_year[day.year] = MinimumWage.objects.for_date(day)
            except MinimumWage.DoesNotExist:
                self._by_year[day.year] = None
        return self._by_year[day.year]

    def below(self, record: ParsedRecord, source_field: str) -> Issue | None:
        """A warning (under ``source_field``, quoting the record's ``wage_text``) when the
        record's lower wage converted to KRW per hour is below the minimum wage in force on
        its posting date (today when unknown); ``None`` without a wage, without a minimum
        wage for that year, or when it is not below. The record itself is not changed."""
        fields = record.fields
        low = fields.get("wage_min") if fields.get("wage_min") is not None else fields.get("wage_max")
        hourly = _hourly(fields, low)
        if hourly is None:
            return None
        minimum = self.for_date(fields.get("date_posted") or today_kst())
        if minimum is None or hourly >= minimum.hourly_krw:
            return None
        message = (
            f"시간당 환산 {hourly:,}원으로 {minimum.year}년 최저임금(시간당 {minimum.hourly_krw:,}원)보다 낮습니다"
        )
        return Issue(record.row, source_field, quote(fields.get("wage_text", "")), message)
