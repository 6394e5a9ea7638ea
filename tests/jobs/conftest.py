"""Fixtures of the jobs tests: a pinned KST clock and the people of the manage pages."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from namdong_jobs.reference.models import CommunityCentre
from tests.factories import EmployerMemberFactory, StaffMembershipFactory

KST = ZoneInfo("Asia/Seoul")


@pytest.fixture
def manage_clock():
    """The clock pinned to 2026-06-15 10:00 KST (2026 minimum wage: 10,320 KRW/h)."""
    with time_machine.travel(datetime.datetime(2026, 6, 15, 10, 0, tzinfo=KST), tick=False) as traveller:
        yield traveller


@pytest.fixture
def manage_member(db):
    """An employer member (the employer is verified)."""
    return EmployerMemberFactory().user


@pytest.fixture
def manage_centre_staff(db):
    """Staff of 구월1동 행정복지센터."""
    return StaffMembershipFactory().user


@pytest.fixture
def manage_district_staff(db):
    """Staff of the district job centre (남동구 일자리인력은행)."""
    centre = CommunityCentre.objects.get(kind=CommunityCentre.Kind.DISTRICT)
    return StaffMembershipFactory(centre=centre).user


def _form_data(**overrides) -> dict:
    data = {
        "title": "남동인더스파크 부품 조립 생산직 (주간)",
        "occupation": "890",
        "description": "자동차 부품 조립과 검사를 합니다.",
        "openings": "3",
        "employment_type": "regular",
        "wage_type": "MONTH",
        "wage_min": "2,500,000",
        "wage_max": "3,000,000",
        "work_days": ["MON", "TUE", "WED", "THU", "FRI"],
        "daily_hours": "8",
        "hours_per_week": "40",
        "start_time": "09:00",
        "end_time": "18:00",
        "shifts": ["day"],
        "address": "인천광역시 남동구 남동서로 200",
        "dong": "2820071000",
        "education_min": "high",
        "career_type": "experienced",
        "career_min_years": "2",
        "preferred_qualifications": "지게차 운전기능사",
        "priority_groups": ["older", "career_break"],
        "benefits": ["insurance", "meals"],
        "apply_methods": ["online", "phone"],
        "contact_name": "김담당",
        "contact_phone": "032-123-4567",
        "contact_email": "hr@example.kr",
        "deadline": "2026-07-31",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def manage_form_data():
    """A function returning valid POST data of the posting form (``None`` drops a key)."""
    return _form_data
