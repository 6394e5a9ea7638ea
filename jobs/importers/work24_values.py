"""Pure parsers of the 고용24 listing CSV's Korean free-text columns (annual_salary, career,
education, working_condition, recruit_provider).

Each ``parse_*`` function returns a dict of ``JobPosting`` fields (every key present, empty
values when the text states nothing) and raises ``ValueError`` (Korean message) for text it
cannot read; ``jobs.importers.work24`` turns that into a warning and leaves the fields empty.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from jobs.choices import EDUCATION_RANK, CareerType, Education, WageType

_WAGE_TYPES = {
    "연봉": WageType.YEAR,
    "월급": WageType.MONTH,
    "주급": WageType.WEEK,
    "일급": WageType.DAY,
    "시급": WageType.HOUR,
}
_AMOUNT = r"(\d[\d,]*)\s*(만\s*원|원)"
_WAGE = re.compile(rf"(연봉|월급|주급|일급|시급)\s*{_AMOUNT}(?:\s*~\s*{_AMOUNT})?\s*(이상)?\s*(.*)")
_BONUS = re.compile(r"\(?\s*상여(?:금)?\s*별도\s*(?:[\d,.]+\s*%)?\s*\)?")
#: Texts that state no amount on purpose (not a parse failure).
NO_WAGE_PHRASES = frozenset({"회사내규에 따름", "회사 내규에 따름", "면접 후 결정", "협의", "추후 협의"})

_NO_WAGE = {"wage_type": "", "wage_min": None, "wage_max": None}


def _krw(number: str, unit: str) -> int:
    amount = int(number.replace(",", ""))
    return amount * 10_000 if unit.startswith("만") else amount


def parse_wage(text: str) -> dict[str, Any]:
    """``"연봉 3,000 만원 ~ 3,500 만원"`` → ``{"wage_type": "YEAR", "wage_min": 30_000_000,
    "wage_max": 35_000_000}`` (whole KRW; 만원 = 10,000 KRW).

    ``"… 이상"`` gives an open range (``wage_max`` ``None``); a single amount gives min = max;
    a trailing ``"상여별도 N%"`` is ignored (it stays in ``wage_text``); 월급/주급/일급/시급
    and amounts in 원 are read too. Empty text or ``NO_WAGE_PHRASES`` give empty fields.
    Raises ``ValueError`` for anything else, a zero amount or a minimum above the maximum.
    """
    value = " ".join((text or "").split())
    if not value or value in NO_WAGE_PHRASES:
        return dict(_NO_WAGE)
    match = _WAGE.fullmatch(value)
    if not match or (match.group(7) and not _BONUS.fullmatch(match.group(7))):
        raise ValueError("임금 형식을 읽을 수 없습니다")
    label, lo_num, lo_unit, hi_num, hi_unit, open_range, _rest = match.groups()
    low = _krw(lo_num, lo_unit)
    high = None if open_range else (_krw(hi_num, hi_unit) if hi_num else low)
    if open_range and hi_num:
        raise ValueError("범위와 '이상'이 함께 있어 읽을 수 없습니다")
    if low <= 0:
        raise ValueError("임금이 0원입니다")
    if high is not None and high < low:
        raise ValueError("최소 임금이 최대 임금보다 큽니다")
    return {"wage_type": _WAGE_TYPES[label].value, "wage_min": low, "wage_max": high}


_CAREER_YEARS = re.compile(r"(신입\s*/\s*)?경력\s*(\d{1,2})\s*년\s*(?:이상|↑)?")


def parse_career(text: str) -> dict[str, Any]:
    """``"경력무관"`` → any; ``"신입"`` → new, 0 years; ``"신입/경력"`` → either;
    ``"경력"`` → experienced (years ``None``); ``"경력3년"`` → experienced, 3;
    ``"신입/경력2년"`` → either, min 2. Returns ``career_type`` and ``career_min_years``;
    empty text gives empty fields. Raises ``ValueError`` for anything else."""
    value = re.sub(r"\s+", "", text or "")
    if not value:
        return {"career_type": "", "career_min_years": None}
    simple = {
        "경력무관": (CareerType.ANY, None),
        "신입": (CareerType.NEW, 0),
        "신입/경력": (CareerType.EITHER, None),
        "경력": (CareerType.EXPERIENCED, None),
    }
    if value in simple:
        kind, years = simple[value]
        return {"career_type": kind.value, "career_min_years": years}
    match = _CAREER_YEARS.fullmatch(value)
    if not match:
        raise ValueError("경력 형식을 읽을 수 없습니다")
    kind = CareerType.EITHER if match.group(1) else CareerType.EXPERIENCED
    return {"career_type": kind.value, "career_min_years": int(match.group(2))}


_EDUCATION_ALIASES = {
    **{label.replace(" ", ""): code for code, label in Education.choices},
    "무관": Education.ANY.value,
    "중졸이하": Education.MIDDLE.value,
    "고졸이상": Education.HIGH.value,
    "대졸(2,3년)": Education.COLLEGE.value,
    "초대졸": Education.COLLEGE.value,
    "대졸": Education.UNIVERSITY.value,
    "대학원(석사)": Education.MASTER.value,
    "대학원(박사)": Education.DOCTOR.value,
}


def parse_education(text: str) -> dict[str, str]:
    """``"학력무관"``, ``"고졸"``, ``"대졸(2~3년)"``, ``"대졸(4년)"`` → ``education_min`` (a
    ``jobs.choices.Education`` code), ``education_max`` ``""``; a range ``"고졸 ~ 대졸(4년)"``
    sets both. Empty text gives empty fields. Raises ``ValueError`` for an unknown level or
    a range whose lower end ranks above its upper end."""
    value = (text or "").strip()
    if not value:
        return {"education_min": "", "education_max": ""}
    # "대졸(2~3년)" holds a tilde of its own: split only on a tilde outside parentheses.
    parts = [p.replace(" ", "") for p in re.split(r"~(?![^(]*\))", value)]
    if len(parts) > 2 or any(p not in _EDUCATION_ALIASES for p in parts):
        raise ValueError("학력 형식을 읽을 수 없습니다")
    low = _EDUCATION_ALIASES[parts[0]]
    high = _EDUCATION_ALIASES[parts[1]] if len(parts) == 2 else ""
    if high and EDUCATION_RANK[high] < EDUCATION_RANK[low]:
        raise ValueError("학력 범위의 순서가 맞지 않습니다")
    return {"education_min": low, "education_max": "" if high == low else high}


_DAYS = re.compile(r"주\s*(\d)\s*일")
_HOURS = re.compile(r"주\s*(\d{1,3})\s*시간")
_TIMES = re.compile(r"(\d{1,2}):(\d{2})\s*~\s*(\d{1,2}):(\d{2})")
_FILLER = re.compile(r"[\s,/·()]|근로|근무")
NO_CONDITION_PHRASES = frozenset({"기타", "협의", "-"})


def parse_working_condition(text: str) -> dict[str, Any]:
    """``"주5일 주 40시간 근로 09:00 ~ 18:00"`` → ``days_per_week`` 5, ``hours_per_week`` 40,
    ``start_time`` 09:00, ``end_time`` 18:00; each part is optional (``"주5일"`` gives the
    days only); ``""`` and ``"기타"`` give empty fields. Raises ``ValueError`` for left-over
    text or out-of-range numbers (days 1–7, hours 1–168, times 00:00–23:59)."""
    empty = {"days_per_week": None, "hours_per_week": None, "start_time": None, "end_time": None}
    value = (text or "").strip()
    if not value or value in NO_CONDITION_PHRASES:
        return empty
    result = dict(empty)
    rest = value
    if match := _TIMES.search(rest):
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        try:
            result["start_time"] = datetime.time(h1, m1)
            result["end_time"] = datetime.time(h2, m2)
        except ValueError:
            raise ValueError("근무 시각을 읽을 수 없습니다") from None
        rest = rest[: match.start()] + rest[match.end() :]
    if match := _HOURS.search(rest):
        result["hours_per_week"] = int(match.group(1))
        rest = rest[: match.start()] + rest[match.end() :]
    if match := _DAYS.search(rest):
        result["days_per_week"] = int(match.group(1))
        rest = rest[: match.start()] + rest[match.end() :]
    if _FILLER.sub("", rest):
        raise ValueError("근무 조건 형식을 읽을 수 없습니다")
    if result["days_per_week"] is not None and not 1 <= result["days_per_week"] <= 7:
        raise ValueError("주 근무일수가 1~7일 범위를 벗어났습니다")
    if result["hours_per_week"] is not None and not 1 <= result["hours_per_week"] <= 168:
        raise ValueError("주 근로시간이 1~168시간 범위를 벗어났습니다")
    return result


def parse_provider(text: str) -> str:
    """``"정보제공처 사람인"`` → ``"사람인"`` (the prefix dropped, spaces collapsed)."""
    value = " ".join((text or "").split())
    return re.sub(r"^정보\s*제공처\s*:?\s*", "", value)
