"""Pure parsers of schema.org ``JobPosting`` JSON-LD values: node types, the nodes of a file
(one object, a list, ``@graph``), ``employmentType``, ``baseSalary`` and ``PostalAddress``.
``jobs.importers.jsonld`` builds records from them."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

from jobs.choices import EmploymentType, WageType

from .text import html_to_text, one_line

EMPLOYMENT_TYPES = {
    "FULLTIME": EmploymentType.REGULAR,
    "PARTTIME": EmploymentType.PART_TIME,
    "CONTRACTOR": EmploymentType.DISPATCH,
    "TEMPORARY": EmploymentType.CONTRACT,
    "INTERN": EmploymentType.INTERN,
    "PERDIEM": EmploymentType.DAILY,
}
WAGE_UNITS = {
    "HOUR": WageType.HOUR,
    "DAY": WageType.DAY,
    "WEEK": WageType.WEEK,
    "MONTH": WageType.MONTH,
    "YEAR": WageType.YEAR,
}


#: Warning for a text property (description, url, employmentType, address parts, identifier …)
#: whose value is an object, a list, a number or a boolean: never stored as Python's repr.
NOT_TEXT = "문자열이 아니어서 무시했습니다"


def as_text(value: Any, *, numbers: bool = False) -> str | None:
    """``value`` when it is a string; with ``numbers`` an int or float as its text (for
    identifiers: ``4004`` → ``"4004"``); ``None`` for anything else (``None`` included, so
    callers tell a missing value from one of the wrong kind themselves)."""
    if isinstance(value, str):
        return value
    if numbers and isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def node_type(node: Any) -> set[str]:
    """The ``@type`` names of a node without prefixes (``"schema:JobPosting"``,
    ``"https://schema.org/JobPosting"`` → ``"JobPosting"``); empty for a non-object."""
    if not isinstance(node, dict):
        return set()
    types = node.get("@type") or []
    types = types if isinstance(types, list) else [types]
    return {re.split(r"[/:#]", str(t))[-1] for t in types}


def iter_nodes(data: Any) -> Iterator[tuple[int, Any]]:
    """``(position, node)`` for a single object (position 1), a list, or ``{"@graph": […]}``
    (also an object with ``@graph`` inside a list)."""
    if isinstance(data, dict) and isinstance(data.get("@graph"), list):
        yield from enumerate(data["@graph"], start=1)
    elif isinstance(data, list):
        position = 0
        for item in data:
            if isinstance(item, dict) and isinstance(item.get("@graph"), list):
                for node in item["@graph"]:
                    position += 1
                    yield position, node
            else:
                position += 1
                yield position, item
    else:
        yield 1, data


def parse_employment_type(value: Any) -> str:
    """schema.org ``employmentType`` (a string or a list) → an ``EmploymentType`` code:
    FULL_TIME → regular, PART_TIME → part_time, CONTRACTOR → dispatch, TEMPORARY → contract,
    INTERN → intern, PER_DIEM → daily; case, spaces and hyphens are ignored ("full-time",
    "Full Time"); a list takes its first known value; empty input gives ``""``. Raises
    ``ValueError`` when no value is known."""
    values = value if isinstance(value, list) else [value]
    values = [str(v).strip() for v in values if v is not None and str(v).strip()]
    if not values:
        return ""
    for item in values:
        key = re.sub(r"[\s_\-]+", "", item).upper()
        if key in EMPLOYMENT_TYPES:
            return EMPLOYMENT_TYPES[key].value
    raise ValueError("알 수 없는 고용형태입니다")


#: An amount written as text: digits with optional thousands commas and fraction, e.g.
#: "550,000" or "10320.5"; no exponent ("1e+300"), no "NaN"/"Infinity", no underscores.
_AMOUNT_TEXT = re.compile(r"[+-]?\d[\d,]*(?:\.\d+)?")


def _amount(value: Any) -> int | None:
    """A ``minValue``/``maxValue``/``value`` in whole KRW (rounded), ``None`` when missing.
    Raises ``ValueError`` for a boolean (not a number), an object or list, text that is not
    a plain decimal amount, a non-finite number, or an amount that is not positive or
    rounds to 0 (0.4: the column would refuse it)."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and _AMOUNT_TEXT.fullmatch(value.strip()):
        number: int | float = float(value.strip().replace(",", ""))
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        number = value
    else:
        raise ValueError("임금 금액을 읽을 수 없습니다")
    if isinstance(number, float) and not math.isfinite(number):  # NaN given directly, or too many digits
        raise ValueError("임금 금액을 읽을 수 없습니다")
    if number <= 0:
        raise ValueError("임금이 0 이하입니다")
    amount = round(number)
    if amount < 1:
        raise ValueError("임금이 1원 미만입니다 (반올림하면 0원)")
    return amount


def parse_salary(value: Any) -> dict[str, Any]:
    """schema.org ``baseSalary`` → ``wage_type`` (``WageType`` code), ``wage_min``,
    ``wage_max`` in whole KRW.

    Accepts a ``MonetaryAmount`` whose ``value`` is a ``QuantitativeValue`` (``minValue``,
    ``maxValue`` or ``value``, ``unitText`` HOUR/DAY/WEEK/MONTH/YEAR) or a plain number with
    ``unitText`` beside it. A single ``value`` gives min = max; a weekly amount stays
    ``WEEK``. ``None`` gives empty fields. Raises ``ValueError`` for a currency other than
    KRW (or none), an unreadable (a boolean included), non-finite, zero or negative amount
    or one that rounds to 0, an unknown unit or min > max.
    """
    empty = {"wage_type": "", "wage_min": None, "wage_max": None}
    if value in (None, "", {}):
        return empty
    if not isinstance(value, dict):
        raise ValueError("baseSalary가 MonetaryAmount 형식이 아닙니다")
    currency = str(value.get("currency") or "").strip().upper()
    if currency != "KRW":
        raise ValueError("통화가 KRW가 아닙니다" if currency else "통화(currency)가 없습니다")
    quantity = value.get("value")
    unit = value.get("unitText")
    if isinstance(quantity, dict):
        unit = quantity.get("unitText") or unit
        low, high, single = (_amount(quantity.get(k)) for k in ("minValue", "maxValue", "value"))
    else:
        low, high, single = None, None, _amount(quantity)
    if single is not None and low is None and high is None:
        low = high = single
    if low is None and high is None:
        raise ValueError("임금 금액이 없습니다")
    wage_type = WAGE_UNITS.get(str(unit or "").strip().upper())
    if wage_type is None:
        raise ValueError("임금 단위(unitText)를 알 수 없습니다")
    if low is not None and high is not None and low > high:
        raise ValueError("최소 임금이 최대 임금보다 큽니다")
    return {"wage_type": wage_type.value, "wage_min": low, "wage_max": high}


def wage_text(wage: dict[str, Any]) -> str:
    """The parsed wage (``parse_salary`` output) as Korean text a person can read, for
    ``wage_text``: ``"시급 12,000원 ~ 13,000원"``, ``"월급 2,500,000원"``, ``"주급 550,000원
    이상"``, ``"일급 최대 120,000원"``; ``""`` without a wage (a rejected salary included).
    Built from the validated numbers only: never NaN, an exponent or a Python repr."""
    wage_type, low, high = wage.get("wage_type"), wage.get("wage_min"), wage.get("wage_max")
    if not wage_type or (low is None and high is None):
        return ""
    label = str(WageType(wage_type).label)
    if low is None:
        return f"{label} 최대 {high:,}원"
    if high is None:
        return f"{label} {low:,}원 이상"
    return f"{label} {low:,}원" if low == high else f"{label} {low:,}원 ~ {high:,}원"


def _shown(value: Any) -> str:
    """A string or number as text; ``""`` for ``None``, objects, lists and booleans."""
    return as_text(value, numbers=True) or ""


def salary_text(value: Any) -> str:
    """A one-line rendering of the original ``baseSalary`` quoted in report warnings, e.g.
    ``"KRW 2500000 ~ 3000000 MONTH"`` (never stored: public pages get ``wage_text``); parts
    that are not strings or numbers are left out."""
    if not isinstance(value, dict):
        return one_line(_shown(value))
    quantity = value.get("value")
    if isinstance(quantity, dict):
        lo, hi, single = (_shown(quantity.get(k)) for k in ("minValue", "maxValue", "value"))
        amount = single if single and not lo and not hi else f"{lo} ~ {hi}"
        unit = _shown(quantity.get("unitText")) or _shown(value.get("unitText"))
    else:
        amount, unit = _shown(quantity), _shown(value.get("unitText"))
    return one_line(f"{_shown(value.get('currency'))} {amount} {unit}")


_ADDRESS_PARTS = ("addressRegion", "addressLocality", "streetAddress")


def postal_address(value: Any, dropped: list[tuple[str, Any]] | None = None) -> str:
    """A ``PostalAddress`` (or a string) as one line, Korean order: region, locality, street
    (a part already inside the street address is not repeated). A part that is not a string
    is left out and appended to ``dropped`` as ``(part name, value)``; so is the whole value
    (part name ``""``) when it is neither a string nor an object."""
    dropped = [] if dropped is None else dropped
    if isinstance(value, str):
        return one_line(html_to_text(value))
    if not isinstance(value, dict):
        if value is not None:
            dropped.append(("", value))
        return ""
    texts = {}
    for part in _ADDRESS_PARTS:
        text = as_text(value.get(part))
        if text is None and value.get(part) is not None:
            dropped.append((part, value.get(part)))
        texts[part] = one_line(text or "")
    street = texts["streetAddress"]
    parts = [texts[k] for k in _ADDRESS_PARTS[:2]]
    parts = [p for p in parts if p and p not in street]
    return one_line(" ".join([*parts, street]))
