"""Wage conversion to KRW per hour and the minimum-wage comparison (DESIGN.md "Codes and
units").

Rules: 시급 as is; 일급 ÷ the stated daily hours (8 if none); 주급 × 4.345 = a month;
월급 ÷ 209 (the statutory monthly hours for a 40-hour week with paid weekly rest:
(40 + 8) × 4.345 ≈ 209); 연봉 ÷ 12 ÷ 209. Money is whole KRW.
"""

from decimal import ROUND_FLOOR, Decimal

from django.utils.translation import get_language

from .choices import WageType

MONTHLY_HOURS = Decimal(209)
WEEKS_PER_MONTH = Decimal("4.345")
DEFAULT_DAILY_HOURS = Decimal(8)


def hourly_krw(amount: int, wage_type: str, daily_hours: Decimal | float | None = None) -> int:
    """Convert ``amount`` KRW stated per ``wage_type`` (``WageType`` code) to KRW per hour,
    rounded down to a whole won.

    ``daily_hours`` applies to ``DAY`` (default 8). Raises ``ValueError`` for an unknown
    wage type or non-positive daily hours.
    """
    value = Decimal(amount)
    if wage_type == WageType.HOUR:
        hourly = value
    elif wage_type == WageType.DAY:
        hours = Decimal(str(daily_hours)) if daily_hours else DEFAULT_DAILY_HOURS
        if hours <= 0:
            raise ValueError("daily_hours must be positive")
        hourly = value / hours
    elif wage_type == WageType.WEEK:
        hourly = value * WEEKS_PER_MONTH / MONTHLY_HOURS
    elif wage_type == WageType.MONTH:
        hourly = value / MONTHLY_HOURS
    elif wage_type == WageType.YEAR:
        hourly = value / 12 / MONTHLY_HOURS
    else:
        raise ValueError(f"unknown wage type: {wage_type!r}")
    return int(hourly.to_integral_value(rounding=ROUND_FLOOR))


def format_krw(amount: int) -> str:
    """A KRW amount for display in the active language: in Korean 30,000,000 →
    ``"3,000만원"`` and 10,320 → ``"10,320원"``; in English ``"KRW 30,000,000"``."""
    if not (get_language() or "ko").startswith("ko"):
        return f"KRW {amount:,}"
    if amount >= 10_000 and amount % 10_000 == 0:
        return f"{amount // 10_000:,}만원"
    return f"{amount:,}원"
