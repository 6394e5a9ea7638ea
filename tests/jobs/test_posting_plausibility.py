"""Plausibility limits of a posting (``jobs.rules.plausibility``) and the posting form that
applies them: a wage above 1,000,000 KRW an hour, a wage range wider than 10×, more than 68
hours a week and a deadline more than a year away are refused next to their field, with what
was typed kept. The clock is 2026-06-15 (KST)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from jobs.models import JobPosting
from jobs.rules.plausibility import (
    MAX_HOURLY_KRW,
    MAX_HOURS_PER_WEEK,
    deadline_problem,
    implausible_values,
    latest_deadline,
    wage_problems,
)

CREATE = reverse("manage:posting_create")
TODAY = datetime.date(2026, 6, 15)

# ---- the rule ---------------------------------------------------------------------------------


def test_latest_deadline_is_the_same_day_a_year_later():
    assert latest_deadline(TODAY) == datetime.date(2027, 6, 15)
    assert latest_deadline(datetime.date(2028, 2, 29)) == datetime.date(2029, 2, 28)


def test_deadline_problem():
    assert deadline_problem(None, today=TODAY) is None
    assert deadline_problem(datetime.date(2027, 6, 15), today=TODAY) is None
    message = deadline_problem(datetime.date(2027, 6, 16), today=TODAY)
    assert message.startswith("마감일은 1년 이내로 정해 주세요. 기한 없이 모집하려면 '채용 시까지'를 고르세요.")
    assert "2027년 6월 15일까지" in message


@pytest.mark.parametrize(
    ("wage_type", "amount", "daily_hours", "hourly"),
    [
        ("HOUR", 1_000_001, None, "1,000,001"),
        ("HOUR", 2_500_000, None, "2,500,000"),
        ("DAY", 8_000_008, None, "1,000,001"),  # ÷ 8 hours when none stated
        ("DAY", 5_000_000, Decimal("4"), "1,250,000"),
        ("MONTH", 250_000_000, None, "1,196,172"),  # ÷ 209
        ("YEAR", 3_000_000_000, None, "1,196,172"),  # ÷ 12 ÷ 209
    ],
)
def test_wage_above_a_million_an_hour_is_implausible(wage_type, amount, daily_hours, hourly):
    problems = wage_problems(wage_type=wage_type, wage_min=amount, wage_max=None, daily_hours=daily_hours)
    assert list(problems) == ["wage_min"]
    assert problems["wage_min"].startswith(f"금액을 확인해 주세요: 시간당 {hourly}원이 됩니다.")


@pytest.mark.parametrize(
    ("wage_type", "amount", "daily_hours"),
    [
        ("HOUR", MAX_HOURLY_KRW, None),
        ("DAY", 8_000_000, None),
        ("DAY", 4_000_000, Decimal("4")),
        ("MONTH", 209_000_000, None),
        ("YEAR", 2_508_000_000, None),
    ],
)
def test_a_million_an_hour_is_still_plausible(wage_type, amount, daily_hours):
    assert wage_problems(wage_type=wage_type, wage_min=amount, wage_max=None, daily_hours=daily_hours) == {}


def test_wage_range_at_most_ten_times():
    assert wage_problems(wage_type="MONTH", wage_min=2_500_000, wage_max=25_000_000) == {}
    problems = wage_problems(wage_type="MONTH", wage_min=2_500_000, wage_max=25_000_001)
    assert list(problems) == ["wage_max"]
    assert "10배" in problems["wage_max"]
    # an implausible maximum is reported once, for its amount per hour
    problems = wage_problems(wage_type="HOUR", wage_min=12_000, wage_max=2_000_000)
    assert list(problems) == ["wage_max"]
    assert "시간당 2,000,000원" in problems["wage_max"]


def test_implausible_values_checks_only_what_it_is_given():
    assert implausible_values({}, today=TODAY) == {}
    assert implausible_values({"wage_type": "WEEK?", "wage_min": 10**9}, today=TODAY) == {}  # unknown type
    problems = implausible_values(
        {
            "wage_type": "HOUR",
            "wage_min": 2_500_000,
            "wage_max": None,
            "daily_hours": None,
            "hours_per_week": MAX_HOURS_PER_WEEK + 1,
            "deadline": datetime.date(9999, 12, 31),
        },
        today=TODAY,
    )
    assert set(problems) == {"wage_min", "hours_per_week", "deadline"}
    assert "근로기준법 제50조·제53조" in problems["hours_per_week"]
    assert implausible_values({"hours_per_week": MAX_HOURS_PER_WEEK}, today=TODAY) == {}


# ---- the form -----------------------------------------------------------------------------------


@pytest.fixture
def post_form(client, manage_member, manage_form_data, manage_clock):
    client.force_login(manage_member)

    def post(**overrides):
        return client.post(CREATE, manage_form_data(**overrides))

    return post


def _errors(response) -> dict:
    assert response.status_code == 200, response.status_code
    return response.context["form"].errors


@pytest.mark.django_db
def test_hourly_wage_of_two_and_a_half_million_is_refused_and_kept(post_form):
    response = post_form(wage_type="HOUR", wage_min="2,500,000", wage_max="")
    errors = _errors(response)
    assert errors["wage_min"] == [
        "금액을 확인해 주세요: 시간당 2,500,000원이 됩니다. 월급이나 연봉이라면 임금형태를 바꾸고, "
        "0을 더 적지 않았는지 확인해 주세요."
    ]
    assert not JobPosting.objects.exists()
    html = response.content.decode()
    assert 'value="2,500,000"' in html
    assert 'href="#id_wage_min"' in html
    assert 'id="id_wage_min_error"' in html
    assert 'id="error-summary" tabindex="-1" autofocus' in html  # the keyboard starts at the summary


@pytest.mark.django_db
def test_day_wage_is_converted_with_the_stated_hours(post_form):
    errors = _errors(post_form(wage_type="DAY", wage_min="5,000,000", wage_max="", daily_hours="4"))
    assert "시간당 1,250,000원" in errors["wage_min"][0]
    assert post_form(wage_type="DAY", wage_min="5,000,000", wage_max="", daily_hours="8").status_code == 302


@pytest.mark.django_db
def test_wage_max_more_than_ten_times_wage_min_is_refused(post_form):
    errors = _errors(post_form(wage_min="2,500,000", wage_max="30,000,000"))
    assert list(errors) == ["wage_max"]
    assert "최대 임금이 임금(최소)의 10배를 넘습니다" in errors["wage_max"][0]
    assert post_form(wage_min="2,500,000", wage_max="25,000,000").status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("deadline", ["2027-06-16", "9999-12-31"])
def test_deadline_more_than_a_year_away_is_refused(post_form, deadline):
    response = post_form(deadline=deadline)
    errors = _errors(response)
    assert errors["deadline"][0].startswith(
        "마감일은 1년 이내로 정해 주세요. 기한 없이 모집하려면 '채용 시까지'를 고르세요."
    )
    assert f'value="{deadline}"' in response.content.decode()
    assert not JobPosting.objects.exists()


@pytest.mark.django_db
def test_deadline_a_year_from_today_is_accepted(post_form):
    assert post_form(deadline="2027-06-15").status_code == 302
    assert JobPosting.objects.get().deadline == datetime.date(2027, 6, 15)


@pytest.mark.django_db
def test_deadline_is_counted_from_today_in_kst(post_form, manage_clock):
    # 2026-06-15 23:30 UTC is already 2026-06-16 in Seoul: a year later is 2027-06-16
    manage_clock.move_to(datetime.datetime(2026, 6, 15, 23, 30, tzinfo=datetime.UTC))
    assert post_form(deadline="2027-06-16").status_code == 302


@pytest.mark.django_db
def test_weekly_hours_over_68_are_refused(post_form):
    response = post_form(hours_per_week="69")
    errors = _errors(response)
    assert "68시간까지" in errors["hours_per_week"][0]
    assert "근로기준법 제50조·제53조" in errors["hours_per_week"][0]
    assert 'value="69"' in response.content.decode()
    assert post_form(hours_per_week="68").status_code == 302


@pytest.mark.django_db
def test_a_long_day_needs_no_note(post_form):
    response = post_form(daily_hours="13", hours_per_week="", start_time="07:00", end_time="21:00")
    assert response.status_code == 302
    assert JobPosting.objects.get().daily_hours == Decimal("13")


@pytest.mark.django_db
def test_openings_are_capped_at_999(post_form):
    errors = _errors(post_form(openings="1000"))
    assert errors["openings"] == ["모집인원은 999명까지 적을 수 있습니다."]
    assert post_form(openings="999").status_code == 302


@pytest.mark.django_db
def test_every_implausible_figure_shows_at_once(post_form):
    errors = _errors(post_form(wage_type="HOUR", wage_min="2,500,000", wage_max="", deadline="9999-12-31"))
    assert {"wage_min", "deadline"} <= set(errors)


@pytest.mark.django_db
def test_submitting_an_implausible_draft_saved_without_the_form_is_refused():
    """The services apply the same limits, so a draft saved before the form checked them (or
    through the admin) cannot be submitted with a deadline in 9999."""
    import datetime

    from django.core.exceptions import ValidationError

    from jobs.choices import ApplyMethod, PostingStatus
    from jobs.services import posting_submit
    from tests.factories import EmployerMemberFactory, JobPostingFactory

    member = EmployerMemberFactory()
    posting = JobPostingFactory(
        employer=member.employer,
        status=PostingStatus.DRAFT,
        deadline=datetime.date(9999, 12, 31),
        apply_methods=[ApplyMethod.PHONE],
        contact_phone="032-453-5000",
    )
    with pytest.raises(ValidationError) as info:
        posting_submit(posting=posting, by=member.user)
    assert "마감일은 1년 이내로 정해 주세요." in " ".join(info.value.message_dict["deadline"])
