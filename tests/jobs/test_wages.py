from decimal import Decimal

import pytest

from jobs.choices import WageType
from jobs.wages import format_krw, hourly_krw


@pytest.mark.parametrize(
    ("amount", "wage_type", "daily_hours", "expected"),
    [
        (10320, WageType.HOUR, None, 10320),
        (82560, WageType.DAY, None, 10320),  # 8 hours when none stated
        (61920, WageType.DAY, Decimal("6"), 10320),
        (2156880, WageType.MONTH, None, 10320),  # 10,320 × 209
        (25882560, WageType.YEAR, None, 10320),  # ÷ 12 ÷ 209
        (30000000, WageType.YEAR, None, 11961),
        (500000, WageType.WEEK, None, 10394),  # × 4.345 ÷ 209, floor
    ],
)
def test_hourly_conversion(amount, wage_type, daily_hours, expected):
    assert hourly_krw(amount, wage_type, daily_hours) == expected


def test_unknown_wage_type_raises():
    with pytest.raises(ValueError):
        hourly_krw(100, "FORTNIGHT")


def test_format_krw():
    assert format_krw(30_000_000) == "3,000만원"
    assert format_krw(10_320) == "10,320원"
