"""A seeker's wanted conditions (희망 근무 조건; issue 4 item 4; DESIGN.md "Codes and units"),
checked for :func:`.profiles.profile_update`.

* Wanted conditions are arrays of codes that matching reads: KECO 2018 *minor* groups
  (3-digit codes present in ``Occupation``) and 10-digit dong codes present in ``Dong``
  (empty = anywhere in Namdong-gu). Employment types, shifts and days are checked with the
  other code lists in ``profiles``.
* A wanted wage is stored per hour: 시급 as is, 일급 ÷ 8, 월급 ÷ 209, rounded down to a whole
  won (the rule the posting side uses, so equal amounts compare equal).
"""

from decimal import ROUND_FLOOR, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from namdong_jobs.reference.models import Dong, Occupation

#: Highest wanted wage accepted, KRW per hour (a sanity bound against typing a month as an hour).
MAX_WANTED_HOURLY_KRW = 1_000_000


class WageUnit:
    """The units a wanted wage may be typed in, and the hours they stand for (DESIGN.md
    "Codes and units": 일급 ÷ 8 hours when none are stated, 월급 ÷ 209)."""

    HOUR = "hour"
    DAY = "day"
    MONTH = "month"
    HOURS = {HOUR: Decimal(1), DAY: Decimal(8), MONTH: Decimal(209)}


def wage_per_hour(*, amount: int, unit: str) -> int:
    """``amount`` whole KRW per ``unit`` (:class:`WageUnit`: ``"hour"``, ``"day"``,
    ``"month"``) as KRW per hour, rounded down: ``wage_per_hour(amount=2_156_880,
    unit="month") == 10_320``. Raises ``ValidationError`` (code ``unit``) for another unit
    and (code ``negative``) for a negative amount."""
    if unit not in WageUnit.HOURS:
        raise ValidationError(_("임금 단위를 시급, 일급, 월급 중에서 골라 주세요."), code="unit")
    if amount < 0:
        raise ValidationError(_("희망 임금은 0원 이상이어야 합니다."), code="negative")
    hourly = Decimal(amount) / WageUnit.HOURS[unit]
    return int(hourly.to_integral_value(rounding=ROUND_FLOOR))


def clean_wanted(changes: dict, errors: dict) -> None:
    """Check and normalise the wanted conditions among ``changes`` (a dict of
    ``profile_update``'s keyword arguments), in place: ``wanted_occupations`` (KECO minor
    codes present in ``Occupation``) and ``wanted_dongs`` (codes present in ``Dong``) are
    stored sorted and without duplicates; ``wanted_min_hourly_krw`` is an int 0–1,000,000
    or ``None``. Problems go into ``errors`` (field → Korean message)."""
    if "wanted_occupations" in changes:
        codes = list(dict.fromkeys(str(c) for c in changes["wanted_occupations"] or ()))
        known = set(
            Occupation.objects.filter(code__in=codes, level=Occupation.Level.MINOR).values_list("code", flat=True)
        )
        if any(len(code) != 3 or code not in known for code in codes):
            errors["wanted_occupations"] = _(
                "알 수 없는 직종이 있습니다. 한국고용직업분류의 소분류 직종을 골라 주세요."
            )
        changes["wanted_occupations"] = sorted(known)
    if "wanted_dongs" in changes:
        codes = list(dict.fromkeys(str(c) for c in changes["wanted_dongs"] or ()))
        known = set(Dong.objects.filter(code__in=codes).values_list("code", flat=True))
        if any(code not in known for code in codes):
            errors["wanted_dongs"] = _("남동구의 행정동이 아닌 값이 있습니다. 목록에서 골라 주세요.")
        changes["wanted_dongs"] = sorted(known)
    if "wanted_min_hourly_krw" in changes:
        wage = changes["wanted_min_hourly_krw"]
        if wage in (None, ""):
            changes["wanted_min_hourly_krw"] = None
        elif not isinstance(wage, int) or isinstance(wage, bool):
            errors["wanted_min_hourly_krw"] = _("희망 임금은 원 단위 숫자로 적어 주세요.")
        elif wage < 0:
            errors["wanted_min_hourly_krw"] = _("희망 임금은 0원 이상이어야 합니다.")
        elif wage > MAX_WANTED_HOURLY_KRW:
            errors["wanted_min_hourly_krw"] = _(
                "희망 임금이 시간당 100만 원을 넘습니다. 금액과 단위(시급·일급·월급)를 확인해 주세요."
            )
