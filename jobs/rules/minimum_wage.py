"""The minimum-wage rule for postings (DESIGN.md "Codes and units").

A posting's wage is compared per hour with the minimum wage in force on the posting's date:
시급 as stated, 일급 ÷ the stated daily hours (8 if none), 월급 ÷ 209 hours, 연봉 ÷ 12 ÷ 209
(``jobs.wages.hourly_krw``). The table is ``reference.MinimumWage`` (2025: 10,030 KRW/h;
2026: 10,320 KRW/h, 최저임금위원회 의결·고용노동부 고시); a date in a year with no row yet uses
the latest year before it, and the message says so.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from namdong_jobs.reference.models import MinimumWage

from ..choices import WageType
from ..wages import DEFAULT_DAILY_HOURS, MONTHLY_HOURS, hourly_krw


@dataclass(frozen=True)
class MinimumWageShortfall:
    """A wage below the minimum: ``hourly`` (KRW/h, the posting's wage converted),
    ``minimum`` (KRW/h), ``table_year`` (the year of the row compared with) and ``year``
    (the posting's year)."""

    wage_type: str
    amount: int
    hourly: int
    minimum: int
    table_year: int
    year: int
    daily_hours: Decimal | None

    @property
    def message(self) -> str:
        """The refusal in Korean with the figures compared, e.g. "월급 2,000,000원은
        시간당 9,569원(÷ 209시간)으로 2026년 최저임금 시간당 10,320원보다 적습니다."."""
        label = _(WageType(self.wage_type).label)
        if self.wage_type == WageType.HOUR:
            how = ""
        elif self.wage_type == WageType.DAY:
            hours = self.daily_hours or DEFAULT_DAILY_HOURS
            how = _("(÷ 1일 %(hours)s시간)") % {"hours": f"{hours.normalize():f}"}
        elif self.wage_type == WageType.MONTH:
            how = _("(÷ %(hours)s시간)") % {"hours": MONTHLY_HOURS}
        elif self.wage_type == WageType.YEAR:
            how = _("(÷ 12개월 ÷ %(hours)s시간)") % {"hours": MONTHLY_HOURS}
        else:
            how = _("(× 4.345주 ÷ %(hours)s시간)") % {"hours": MONTHLY_HOURS}
        text = _(
            "%(label)s %(amount)s원은 시간당 %(hourly)s원%(how)s으로 %(year)d년 최저임금 "
            "시간당 %(minimum)s원보다 적습니다. 최저임금 이상으로 적어 주세요."
        ) % {
            "label": label,
            "amount": f"{self.amount:,}",
            "hourly": f"{self.hourly:,}",
            "how": how,
            "year": self.table_year,
            "minimum": f"{self.minimum:,}",
        }
        if self.table_year != self.year:
            text += " " + _("(%(year)d년 최저임금이 아직 등록되지 않아 %(table_year)d년 기준과 비교했습니다.)") % {
                "year": self.year,
                "table_year": self.table_year,
            }
        return text


def minimum_wage_shortfall(
    *,
    wage_type: str,
    wage_min: int | None,
    wage_max: int | None = None,
    daily_hours: Decimal | float | None = None,
    on: datetime.date,
) -> MinimumWageShortfall | None:
    """Compare the lowest wage offered (``wage_min``, else ``wage_max``; whole KRW per
    ``wage_type``) with the minimum wage in force on ``on`` (a KST date).

    Returns ``None`` when the wage is at or above it, when there is no wage, or when the table
    has no year at or before ``on`` (nothing to compare with); otherwise the shortfall.
    Raises ``ValueError`` for an unknown wage type (as ``hourly_krw``).
    """
    amount = wage_min if wage_min is not None else wage_max
    if amount is None or not wage_type:
        return None
    try:
        row = MinimumWage.objects.for_date(on)
    except MinimumWage.DoesNotExist:
        return None
    hours = Decimal(str(daily_hours)) if daily_hours else None
    hourly = hourly_krw(amount, wage_type, hours)
    if hourly >= row.hourly_krw:
        return None
    return MinimumWageShortfall(
        wage_type=wage_type,
        amount=amount,
        hourly=hourly,
        minimum=row.hourly_krw,
        table_year=row.year,
        year=on.year,
        daily_hours=hours,
    )


def check_minimum_wage(posting, *, on: datetime.date) -> None:
    """Raise ``ValidationError({"wage_min": message})`` when ``posting``'s wage is below the
    minimum wage in force on ``on``; see :func:`minimum_wage_shortfall`."""
    shortfall = minimum_wage_shortfall(
        wage_type=posting.wage_type,
        wage_min=posting.wage_min,
        wage_max=posting.wage_max,
        daily_hours=posting.daily_hours,
        on=on,
    )
    if shortfall is not None:
        field = "wage_min" if posting.wage_min is not None else "wage_max"
        # the code goes on the inner error: Django drops ``code`` given with a dict of messages
        raise ValidationError({field: ValidationError(shortfall.message, code="below_minimum_wage")})
