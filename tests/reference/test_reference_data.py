import datetime

import pytest
from django.core.management import call_command

from namdong_jobs.reference.loader import load_reference
from namdong_jobs.reference.models import CommunityCentre, Dong, MinimumWage, Occupation

pytestmark = pytest.mark.django_db


def test_migrate_loads_the_twenty_dongs_with_ten_digit_codes():
    assert Dong.objects.count() == 20
    guwol1 = Dong.objects.get(code="2820051000")
    assert guwol1.name == "구월1동"
    assert guwol1.full_name == "인천광역시 남동구 구월1동"
    assert all(len(code) == 10 for code in Dong.objects.values_list("code", flat=True))


def test_each_dong_has_a_centre_plus_one_district_job_centre():
    assert CommunityCentre.objects.filter(kind="dong").count() == 20
    district = CommunityCentre.objects.get(kind="district")
    assert district.is_district and district.dong is None
    assert Dong.objects.filter(centre__isnull=True).count() == 0


def test_keco_2018_groups_10_35_136_with_string_codes_and_parents():
    assert Occupation.objects.filter(level="major").count() == 10
    assert Occupation.objects.filter(level="middle").count() == 35
    assert Occupation.objects.filter(level="minor").count() == 136
    minor = Occupation.objects.get(code="011")  # keeps its leading zero
    assert minor.parent.code == "01"
    assert minor.parent.parent.code == "0"
    assert not Occupation.objects.filter(level="minor", parent__level="major").exists()


def test_load_reference_is_idempotent_and_keeps_staff_edits_of_wages():
    MinimumWage.objects.filter(year=2026).update(source="구 담당자 수정")
    before = (Dong.objects.count(), CommunityCentre.objects.count(), Occupation.objects.count())
    result = load_reference()
    call_command("load_reference", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (result.dongs, result.centres, result.occupations) == before == (20, 21, 181)
    assert MinimumWage.objects.get(year=2026).source == "구 담당자 수정"


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (datetime.date(2025, 1, 1), 10030),
        (datetime.date(2025, 12, 31), 10030),
        (datetime.date(2026, 1, 1), 10320),
        (datetime.date(2026, 11, 29), 10320),
        (datetime.date(2027, 6, 1), 10320),  # no 2027 row yet: the latest year not after
    ],
)
def test_minimum_wage_lookup_takes_latest_year_not_after(on, expected):
    assert MinimumWage.objects.for_date(on).hourly_krw == expected


def test_minimum_wage_lookup_before_the_table_raises():
    with pytest.raises(MinimumWage.DoesNotExist):
        MinimumWage.objects.for_date(datetime.date(2020, 5, 1))


def test_district_staff_can_extend_the_table():
    MinimumWage.objects.create(year=2027, hourly_krw=10700, source="가상의 2027 고시 (테스트)")
    assert MinimumWage.objects.for_date(datetime.date(2027, 3, 1)).hourly_krw == 10700


def test_near_dongs_are_within_distance_between_centres():
    guwol1 = Dong.objects.get(name="구월1동")
    near = guwol1.near(2000)
    assert near[0] == guwol1
    assert all(guwol1.distance_m(d) < 2000 for d in near)
    assert Dong.objects.get(name="구월2동") in near
    far = [d for d in Dong.objects.all() if d not in near]
    assert far and all(guwol1.distance_m(d) >= 2000 for d in far)
