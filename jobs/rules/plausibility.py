"""Plausibility limits of a posting: figures no real posting has, so that a slip of the keyboard
(an extra zero, a monthly amount typed as 시급, a year typed as 9999) is caught before anyone
publishes it. They are limits of common sense, not of the law; the figures and why:

* **Wage per hour above 1,000,000 KRW** (``MAX_HOURLY_KRW``): the wage is converted per hour
  as for the minimum wage (``jobs.wages.hourly_krw``: 일급 ÷ 1일 근로시간 (8 if none), 월급 ÷
  209, 연봉 ÷ 12 ÷ 209). One million won an hour is about 97 times the 2026 minimum wage
  (10,320 KRW/h) and 209 million won a month; an amount above it is almost certainly a
  월급/연봉 typed as 시급/일급, or zeros typed twice (시급 2,500,000).
* **A wage range wider than 10×** (``MAX_WAGE_RANGE_RATIO``): ``wage_max`` more than ten
  times ``wage_min`` tells a seeker nothing and is nearly always a digit missing from the
  minimum (월급 250,000 ~ 3,000,000).
* **A deadline more than a year away** (``latest_deadline``): a date at most one year after
  today (KST, the same day of the month; 29 February → 28 February). A posting meant to run
  longer is "until filled" (마감일 없음); a far date (9999-12-31) would keep a stale posting
  listed for good and hide it from the "closing soon" counts.
* **More than 68 hours a week** (``MAX_HOURS_PER_WEEK``): 근로기준법 제50조 sets 40 hours a
  week and 제53조 allows up to 12 hours of overtime a week by agreement (52). 68 hours is the
  long-standing outer ceiling (40 + 12 + 16 hours of work on the two weekly rest days, as
  counted before the 2018 amendment that made "a week" include rest days); a figure above it
  is a typo, not a schedule. Figures from 53 to 68 are left to the district staff who review
  every posting (exceptions exist: 제53조 제4항 특별연장근로, 제59조 특례 업종).
  A day over 12 hours is allowed without a note (shift work, 격일제 경비).
* **Openings** stay within 1-999 (the form's field: ``max_value=999``).

:func:`implausible_values` applies them to a dict of posting values (the form's cleaned data,
or ``{name: getattr(posting, name)}`` in a service) and returns Korean messages by field.
"""

import contextlib
import datetime
from collections.abc import Mapping
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..wages import hourly_krw

#: Highest plausible wage per hour (KRW/h) once converted by ``jobs.wages.hourly_krw``.
MAX_HOURLY_KRW = 1_000_000

#: ``wage_max`` may be at most this many times ``wage_min``.
MAX_WAGE_RANGE_RATIO = 10

#: Highest plausible weekly hours (근로기준법 제50조·제53조; see the module docstring).
MAX_HOURS_PER_WEEK = 68

#: The refusal of more than :data:`MAX_HOURS_PER_WEEK` hours a week.
HOURS_PER_WEEK_MESSAGE = gettext_lazy(
    "주 근로시간은 68시간까지 적을 수 있습니다. 숫자를 확인해 주세요. "
    "(근로기준법 제50조·제53조: 1주 40시간, 합의한 연장근로는 1주 12시간까지)"
)


def latest_deadline(today: datetime.date) -> datetime.date:
    """The latest deadline accepted on ``today`` (KST): the same day one year later
    (2026-06-15 → 2027-06-15; 2028-02-29 → 2029-02-28)."""
    try:
        return today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year + 1, day=28)


def _hourly_message(hourly: int) -> str:
    return _(
        "금액을 확인해 주세요: 시간당 %(hourly)s원이 됩니다. 월급이나 연봉이라면 임금형태를 바꾸고, "
        "0을 더 적지 않았는지 확인해 주세요."
    ) % {"hourly": f"{hourly:,}"}


def wage_problems(
    *,
    wage_type: str,
    wage_min: int | None,
    wage_max: int | None,
    daily_hours: Decimal | float | None = None,
) -> dict[str, str]:
    """Implausible wage figures by field (``wage_min``, ``wage_max``): an amount above
    :data:`MAX_HOURLY_KRW` once converted per hour, or ``wage_max`` more than
    :data:`MAX_WAGE_RANGE_RATIO` times ``wage_min``. Nothing without a wage type; an unknown
    wage type raises ``ValueError`` (as ``hourly_krw``)."""
    problems: dict[str, str] = {}
    if not wage_type:
        return problems
    for field, amount in (("wage_min", wage_min), ("wage_max", wage_max)):
        if amount is not None:
            hourly = hourly_krw(amount, wage_type, daily_hours)
            if hourly > MAX_HOURLY_KRW:
                problems[field] = _hourly_message(hourly)
    if (
        "wage_max" not in problems
        and wage_min is not None
        and wage_max is not None
        and wage_max > wage_min * MAX_WAGE_RANGE_RATIO
    ):
        problems["wage_max"] = _("최대 임금이 임금(최소)의 %(ratio)d배를 넘습니다. 두 금액을 확인해 주세요.") % {
            "ratio": MAX_WAGE_RANGE_RATIO
        }
    return problems


def deadline_problem(deadline: datetime.date | None, *, today: datetime.date) -> str | None:
    """The refusal of a deadline after :func:`latest_deadline`, else ``None``."""
    if deadline is None:
        return None
    latest = latest_deadline(today)
    if deadline <= latest:
        return None
    return _(
        "마감일은 1년 이내로 정해 주세요. 기한 없이 모집하려면 '채용 시까지'를 고르세요. "
        "(%(year)d년 %(month)d월 %(day)d일까지 고를 수 있습니다.)"
    ) % {"year": latest.year, "month": latest.month, "day": latest.day}


def implausible_values(values: Mapping, *, today: datetime.date) -> dict[str, str]:
    """Every plausibility problem of ``values`` (posting field name → value; missing names are
    not checked) as field name → Korean message; empty when all is plausible. ``today`` is
    the KST date the deadline is measured from."""
    problems: dict[str, str] = {}
    wage_type = values.get("wage_type")
    if wage_type:
        # an unknown wage type or non-positive hours (ValueError) are reported by their own checks
        with contextlib.suppress(ValueError):
            problems.update(
                wage_problems(
                    wage_type=wage_type,
                    wage_min=values.get("wage_min"),
                    wage_max=values.get("wage_max"),
                    daily_hours=values.get("daily_hours"),
                )
            )
    hours = values.get("hours_per_week")
    if hours is not None and hours > MAX_HOURS_PER_WEEK:
        problems["hours_per_week"] = str(HOURS_PER_WEEK_MESSAGE)
    message = deadline_problem(values.get("deadline"), today=today)
    if message:
        problems["deadline"] = message
    return problems
