"""The minimum-wage rule (DESIGN.md "Codes and units"): a wage compares per hour (일급 ÷ the
stated daily hours or 8, 월급 ÷ 209, 연봉 ÷ 12 ÷ 209) with the table row of the latest year not
after the date in question. The clock is pinned and the date passed in."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from jobs.choices import ApplyMethod, EmploymentType, WageType
from jobs.models import JobPosting, PostingEvent
from jobs.rules import check_minimum_wage, minimum_wage_shortfall
from jobs.services import posting_create, posting_submit
from namdong_jobs.reference.models import Dong, MinimumWage, Occupation
from tests.factories import EmployerMemberFactory

pytestmark = pytest.mark.django_db

KST = ZoneInfo("Asia/Seoul")
D2025 = datetime.date(2025, 6, 15)
D2026 = datetime.date(2026, 6, 15)
D2027 = datetime.date(2027, 3, 2)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 10, 0, tzinfo=KST), tick=False) as traveller:
        yield traveller


def shortfall(wage_type, wage_min, *, on=D2026, wage_max=None, daily_hours=None):
    return minimum_wage_shortfall(
        wage_type=wage_type, wage_min=wage_min, wage_max=wage_max, daily_hours=daily_hours, on=on
    )


def refusal(wage_type, wage_min, *, on=D2026, wage_max=None, daily_hours=None) -> dict[str, list[str]]:
    posting = JobPosting(wage_type=wage_type, wage_min=wage_min, wage_max=wage_max, daily_hours=daily_hours)
    with pytest.raises(ValidationError) as info:
        check_minimum_wage(posting, on=on)
    assert info.value.error_dict  # keyed by field
    return info.value.message_dict


def accepted(wage_type, wage_min, *, on=D2026, wage_max=None, daily_hours=None) -> bool:
    posting = JobPosting(wage_type=wage_type, wage_min=wage_min, wage_max=wage_max, daily_hours=daily_hours)
    check_minimum_wage(posting, on=on)  # raises when refused
    return shortfall(wage_type, wage_min, on=on, wage_max=wage_max, daily_hours=daily_hours) is None


def test_table_has_2025_and_2026():
    assert MinimumWage.objects.for_date(D2025).hourly_krw == 10_030
    assert MinimumWage.objects.for_date(D2026).hourly_krw == 10_320


# ---- 시급 ----------------------------------------------------------------------------------


def test_hourly_2026_boundary():
    assert accepted(WageType.HOUR, 10_320)
    found = shortfall(WageType.HOUR, 10_319)
    assert (found.hourly, found.minimum, found.table_year, found.year) == (10_319, 10_320, 2026, 2026)
    message = refusal(WageType.HOUR, 10_319)["wage_min"][0]
    assert "10,320" in message and "2026년" in message and "10,319" in message
    assert message.startswith("시급 10,319원은 시간당 10,319원으로 2026년 최저임금 시간당 10,320원보다 적습니다.")
    assert "아직 등록되지 않아" not in message


def test_the_refusal_code():
    posting = JobPosting(wage_type=WageType.HOUR, wage_min=9_000)
    with pytest.raises(ValidationError) as info:
        check_minimum_wage(posting, on=D2026)
    assert info.value.error_dict["wage_min"][0].code == "below_minimum_wage"


# ---- 일급 ----------------------------------------------------------------------------------


def test_daily_at_the_default_eight_hours():
    assert accepted(WageType.DAY, 82_560)
    found = shortfall(WageType.DAY, 82_559)
    assert found.hourly == 10_319
    message = refusal(WageType.DAY, 82_559)["wage_min"][0]
    assert "일급 82,559원" in message and "1일 8시간" in message and "10,320" in message


def test_daily_at_stated_hours():
    # 60,000 ÷ 6 h = 10,000 per hour: below; ÷ 5 h = 12,000: fine
    found = shortfall(WageType.DAY, 60_000, daily_hours=Decimal("6.00"))
    assert found is not None and found.hourly == 10_000
    message = refusal(WageType.DAY, 60_000, daily_hours=Decimal("6.00"))["wage_min"][0]
    assert "시간당 10,000원" in message and "1일 6시간" in message and "2026년" in message
    assert accepted(WageType.DAY, 60_000, daily_hours=Decimal("5"))
    # the same amount at the default 8 hours would be refused
    assert shortfall(WageType.DAY, 60_000) is not None


def test_daily_at_fractional_hours():
    # 7.5 h × 10,320 = 77,400
    assert accepted(WageType.DAY, 77_400, daily_hours=Decimal("7.5"))
    message = refusal(WageType.DAY, 77_399, daily_hours=Decimal("7.50"))["wage_min"][0]
    assert "1일 7.5시간" in message


# ---- 월급, 연봉 --------------------------------------------------------------------------------


def test_monthly_divides_by_209():
    assert accepted(WageType.MONTH, 2_156_880)  # 10,320 × 209
    assert shortfall(WageType.MONTH, 2_156_879).hourly == 10_319
    message = refusal(WageType.MONTH, 2_000_000)["wage_min"][0]
    assert "9,569" in message and "2,000,000" in message and "209시간" in message and "10,320" in message
    assert message.startswith(
        "월급 2,000,000원은 시간당 9,569원(÷ 209시간)으로 2026년 최저임금 시간당 10,320원보다 적습니다."
    )


def test_yearly_divides_by_12_and_209():
    assert accepted(WageType.YEAR, 25_882_560)  # 2,156,880 × 12
    assert shortfall(WageType.YEAR, 25_882_559) is not None
    found = shortfall(WageType.YEAR, 24_000_000)
    assert found.hourly == 9_569
    message = refusal(WageType.YEAR, 24_000_000)["wage_min"][0]
    assert "연봉 24,000,000원" in message and "12개월" in message and "9,569" in message


# ---- the table by year -------------------------------------------------------------------


def test_2025_dates_compare_with_10030():
    assert accepted(WageType.HOUR, 10_030, on=D2025)
    assert accepted(WageType.MONTH, 10_030 * 209, on=D2025)
    found = shortfall(WageType.HOUR, 10_029, on=D2025)
    assert (found.minimum, found.table_year) == (10_030, 2025)
    message = refusal(WageType.HOUR, 10_029, on=D2025)["wage_min"][0]
    assert "10,030" in message and "2025년" in message
    # the same wage is refused in 2026
    assert shortfall(WageType.HOUR, 10_030, on=D2026) is not None


def test_year_boundary_is_the_calendar_year():
    assert accepted(WageType.HOUR, 10_030, on=datetime.date(2025, 12, 31))
    assert shortfall(WageType.HOUR, 10_030, on=datetime.date(2026, 1, 1)) is not None


def test_a_year_without_a_row_uses_the_latest_earlier_year_and_says_so():
    assert accepted(WageType.HOUR, 10_320, on=D2027)
    found = shortfall(WageType.HOUR, 10_319, on=D2027)
    assert (found.minimum, found.table_year, found.year) == (10_320, 2026, 2027)
    message = refusal(WageType.HOUR, 10_319, on=D2027)["wage_min"][0]
    assert "10,320" in message and "2026년" in message
    assert "2027년 최저임금이 아직 등록되지 않아 2026년 기준과 비교했습니다." in message


def test_a_row_added_for_2027_is_then_used():
    MinimumWage.objects.create(year=2027, hourly_krw=11_000)
    assert MinimumWage.objects.for_date(D2027).hourly_krw == 11_000
    found = shortfall(WageType.HOUR, 10_320, on=D2027)
    assert (found.minimum, found.table_year, found.year) == (11_000, 2027, 2027)
    message = refusal(WageType.HOUR, 10_999, on=D2027)["wage_min"][0]
    assert "11,000" in message and "2027년" in message and "아직 등록되지 않아" not in message
    assert accepted(WageType.HOUR, 11_000, on=D2027)
    # 2026 dates still use 2026's row
    assert accepted(WageType.HOUR, 10_320, on=D2026)


def test_no_table_row_at_or_before_the_date_means_nothing_to_compare():
    assert shortfall(WageType.HOUR, 1_000, on=datetime.date(2020, 1, 1)) is None


# ---- which amount ------------------------------------------------------------------------


def test_no_wage_is_not_refused():
    assert shortfall(WageType.HOUR, None) is None
    assert shortfall("", 1_000) is None
    assert accepted(WageType.MONTH, None)
    assert accepted("", None)


def test_wage_min_is_compared_not_wage_max():
    found = shortfall(WageType.HOUR, 10_000, wage_max=12_000)
    assert found is not None and found.amount == 10_000
    assert refusal(WageType.HOUR, 10_000, wage_max=12_000).keys() == {"wage_min"}


def test_wage_max_is_used_when_wage_min_is_empty():
    assert accepted(WageType.HOUR, None, wage_max=10_320)
    found = shortfall(WageType.HOUR, None, wage_max=10_000)
    assert found is not None and found.amount == 10_000
    errors = refusal(WageType.HOUR, None, wage_max=10_000)
    assert errors.keys() == {"wage_max"}
    assert "10,000" in errors["wage_max"][0] and "10,320" in errors["wage_max"][0]


def test_an_unknown_wage_type_raises_value_error():
    with pytest.raises(ValueError, match="unknown wage type"):
        shortfall("FORTNIGHT", 1_000_000)


# ---- through the services ----------------------------------------------------------------


def _fields(**overrides):
    fields = {
        "title": "포장 보조 사원 모집",
        "occupation": Occupation.objects.get(code="890"),
        "description": "남동인더스파크 식품 공장에서 완제품 포장을 돕습니다.",
        "openings": 1,
        "employment_type": EmploymentType.PART_TIME,
        "wage_type": WageType.HOUR,
        "wage_min": 10_320,
        "dong": Dong.objects.get(name="논현고잔동"),
        "address": "인천광역시 남동구 남동서로 200",
        "apply_methods": [ApplyMethod.ONLINE],
        "deadline": datetime.date(2026, 7, 15),
    }
    fields.update(overrides)
    return fields


def test_posting_create_refuses_a_wage_below_the_minimum_and_saves_nothing():
    member = EmployerMemberFactory()
    with pytest.raises(ValidationError) as info:
        posting_create(employer=member.employer, by=member.user, fields=_fields(wage_min=10_319))
    errors = info.value.message_dict
    assert "wage_min" in errors
    assert "10,320" in errors["wage_min"][0] and "2026년" in errors["wage_min"][0]
    assert not JobPosting.objects.exists()
    assert not PostingEvent.objects.exists()


def test_posting_create_refuses_a_low_monthly_wage_with_the_converted_figure():
    member = EmployerMemberFactory()
    fields = _fields(wage_type=WageType.MONTH, wage_min=2_000_000, employment_type=EmploymentType.REGULAR)
    with pytest.raises(ValidationError) as info:
        posting_create(employer=member.employer, by=member.user, fields=fields)
    assert "9,569" in info.value.message_dict["wage_min"][0]
    assert not JobPosting.objects.exists()


def test_posting_create_accepts_the_minimum_wage():
    member = EmployerMemberFactory()
    posting = posting_create(employer=member.employer, by=member.user, fields=_fields(wage_min=10_320))
    assert JobPosting.objects.get().pk == posting.pk
    assert posting.wage_hourly == 10_320


def test_posting_submit_uses_the_minimum_wage_of_the_day_it_is_submitted(clock):
    """A draft saved in 2025 at 10,030 cannot be submitted in 2026."""
    member = EmployerMemberFactory()
    clock.move_to(datetime.datetime(2025, 12, 20, 10, 0, tzinfo=KST))
    posting = posting_create(
        employer=member.employer,
        by=member.user,
        fields=_fields(wage_min=10_030, deadline=datetime.date(2026, 1, 31)),
    )
    clock.move_to(datetime.datetime(2026, 1, 2, 10, 0, tzinfo=KST))
    with pytest.raises(ValidationError) as info:
        posting_submit(posting=posting, by=member.user)
    assert "10,320" in info.value.message_dict["wage_min"][0]
    posting.refresh_from_db()
    assert posting.status == "draft"


@pytest.mark.parametrize("hours", [Decimal("-2"), Decimal("25")])
def test_impossible_daily_hours_are_a_validation_error_not_a_crash(hours):
    """The daily-hours check constraint reports them; the minimum-wage conversion must not
    raise ``ValueError`` first (a 500 on the posting form)."""
    member = EmployerMemberFactory()
    with pytest.raises(ValidationError) as info:
        posting_create(
            employer=member.employer,
            by=member.user,
            fields=_fields(wage_type=WageType.DAY, wage_min=90_000, daily_hours=hours),
        )
    assert "1일 근로시간은 0시간보다 많고 24시간 이하여야 합니다." in info.value.messages
    assert not JobPosting.objects.exists()


def test_zero_daily_hours_count_as_the_default_eight_for_the_wage_but_are_refused():
    member = EmployerMemberFactory()
    with pytest.raises(ValidationError) as info:
        posting_create(
            employer=member.employer,
            by=member.user,
            fields=_fields(wage_type=WageType.DAY, wage_min=90_000, daily_hours=Decimal("0")),
        )
    assert "1일 근로시간은 0시간보다 많고 24시간 이하여야 합니다." in info.value.messages
    assert not JobPosting.objects.exists()
