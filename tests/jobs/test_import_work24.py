"""고용24 listing CSV importer: pure parsers and the real 257-row file (rows of our own files:
test_import_work24_rows.py)."""

import datetime

import pytest

from employers.models import Employer
from jobs.choices import CareerType, Education, PostingSource, PostingStatus, WageType
from jobs.importers import import_records, read_work24_csv
from jobs.importers.common import parse_date, stable_external_id
from jobs.importers.work24 import (
    parse_career,
    parse_education,
    parse_provider,
    parse_wage,
    parse_working_condition,
)
from jobs.models import JobPosting

T = datetime.time
D = datetime.date

# ---- pure parsers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("연봉 3,000 만원 ~ 3,500 만원", ("YEAR", 30_000_000, 35_000_000)),
        ("연봉 3,000 만원 이상", ("YEAR", 30_000_000, None)),
        ("연봉 4,400 만원 ~ 4,400 만원 상여별도 200%", ("YEAR", 44_000_000, 44_000_000)),
        ("연봉 4,800 만원 ~ 4,800 만원", ("YEAR", 48_000_000, 48_000_000)),
        ("연봉 2,788 만원 ~ 3,065 만원", ("YEAR", 27_880_000, 30_650_000)),
        ("월급 250 만원", ("MONTH", 2_500_000, 2_500_000)),
        ("시급 10,320 원 이상", ("HOUR", 10_320, None)),
        ("", ("", None, None)),
        ("회사내규에 따름", ("", None, None)),
    ],
)
def test_parse_wage(text, expected):
    result = parse_wage(text)
    assert (result["wage_type"], result["wage_min"], result["wage_max"]) == expected


@pytest.mark.parametrize(
    "text",
    [
        "연봉 협의 가능",
        "연봉 0 만원 이상",
        "연봉 5,000 만원 ~ 3,000 만원",
        "연봉 3,000 만원 ~ 3,500 만원 스톡옵션",
        "3000만원",
    ],
)
def test_parse_wage_rejects(text):
    with pytest.raises(ValueError):
        parse_wage(text)


def test_wage_type_codes_are_the_model_choices():
    assert parse_wage("연봉 1 만원")["wage_type"] in WageType.values


@pytest.mark.parametrize(
    ("text", "kind", "years"),
    [
        ("경력무관", CareerType.ANY, None),
        ("신입", CareerType.NEW, 0),
        ("신입/경력", CareerType.EITHER, None),
        ("경력3년", CareerType.EXPERIENCED, 3),
        ("경력12년", CareerType.EXPERIENCED, 12),
        ("경력", CareerType.EXPERIENCED, None),
        ("신입/경력2년", CareerType.EITHER, 2),
        ("", "", None),
    ],
)
def test_parse_career(text, kind, years):
    assert parse_career(text) == {"career_type": kind, "career_min_years": years}


def test_parse_career_rejects_unknown_text():
    with pytest.raises(ValueError):
        parse_career("경력 우대")


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("학력무관", Education.ANY, ""),
        ("고졸", Education.HIGH, ""),
        ("대졸(2~3년)", Education.COLLEGE, ""),
        ("대졸(4년)", Education.UNIVERSITY, ""),
        ("고졸 ~ 대졸(4년)", Education.HIGH, Education.UNIVERSITY),
        ("대졸(2~3년) ~ 대졸(4년)", Education.COLLEGE, Education.UNIVERSITY),
        ("", "", ""),
    ],
)
def test_parse_education(text, low, high):
    assert parse_education(text) == {"education_min": low, "education_max": high}


@pytest.mark.parametrize("text", ["대졸(4년) ~ 고졸", "검정고시", "고졸 ~ 대졸(4년) ~ 석사"])
def test_parse_education_rejects(text):
    with pytest.raises(ValueError):
        parse_education(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("주5일 주 40시간 근로 09:00 ~ 18:00", (5, 40, T(9), T(18))),
        ("주5일 주 40시간 근로 08:30 ~ 17:30", (5, 40, T(8, 30), T(17, 30))),
        ("주5일 주 40시간 근로", (5, 40, None, None)),
        ("주6일 주 40시간 근로", (6, 40, None, None)),
        ("주5일", (5, None, None, None)),
        ("기타", (None, None, None, None)),
        ("", (None, None, None, None)),
    ],
)
def test_parse_working_condition(text, expected):
    result = parse_working_condition(text)
    keys = ("days_per_week", "hours_per_week", "start_time", "end_time")
    assert tuple(result[k] for k in keys) == expected


@pytest.mark.parametrize("text", ["주8일", "주5일 25:00 ~ 18:00", "주5일 교대근무", "주 200시간"])
def test_parse_working_condition_rejects(text):
    with pytest.raises(ValueError):
        parse_working_condition(text)


def test_parse_provider():
    assert parse_provider("정보제공처 사람인") == "사람인"
    assert parse_provider("정보제공처 중소벤처기업진흥공단") == "중소벤처기업진흥공단"
    assert parse_provider("") == ""


def test_parse_date_forms():
    assert parse_date("2026-08-07") == (D(2026, 8, 7), "")
    assert parse_date("2021-2-8")[0] == D(2021, 2, 8) and parse_date("2021-2-8")[1]
    assert parse_date("")[0] is None and parse_date("")[1] == ""
    assert parse_date("2026-13-01")[0] is None and parse_date("2026-13-01")[1]
    # an aware datetime is taken in Asia/Seoul
    assert parse_date("2026-08-31T15:00:00Z")[0] == D(2026, 9, 1)


# ---- the real file ----------------------------------------------------------------------

# title → (wage type, min, max, career type, career years, education min, max,
#          days, hours, start, end, deadline, provider: "" where the provider is 고용24 itself)
# fmt: off
PINNED = {
    "간병/돌봄 플랫폼 고객상담·서비스 운영 매니저 채용": (
        "YEAR", 30_000_000, None, "experienced", 3, "any", "", 5, 40, T(9), T(18), D(2026, 8, 28), ""),
    "해외무역업무": (
        "YEAR", 34_000_000, None, "any", None, "any", "", 5, 40, None, None, D(2026, 8, 31), ""),
    "☆KT텔레캅 SG(Security Guard)사원 채용☆ [일자...": (
        "YEAR", 44_000_000, 44_000_000, "any", None, "high", "university", 5, 40, None, None,
        D(2026, 8, 17), ""),
    "[유웰비뇨의학과 강남점] 원무팀 채용": (
        "YEAR", 33_000_000, 33_000_000, "any", None, "any", "", None, None, None, None,
        D(2026, 9, 6), "사람인"),
    "[흑백요리사2 김호윤쉐프] 고슬솥 하남 홀&주방 정직원/파트타이머 ...": (
        "YEAR", 34_800_000, 48_000_000, "either", None, "any", "", None, None, None, None,
        D(2026, 9, 6), "잡코리아"),
    "세무기장 및 결산 조정 직원 채용": (
        "YEAR", 40_000_000, 50_000_000, "experienced", 5, "high", "university", 5, 40, T(9, 30), T(18),
        D(2026, 8, 27), ""),
    "영업기획/영업관리/상품관리 신입 경력사원 채용": (
        "YEAR", 36_000_000, 38_000_000, "either", 2, "any", "", 5, None, None, None,
        D(2026, 9, 3), "인크루트"),
    "(주)은성오엔씨 토목 견적 및 공무 업무 담당 신입 채용(서울 근무...": (
        "YEAR", 32_000_000, 35_000_000, "new", 0, "college", "university", 5, 40, T(8, 30), T(17, 30),
        D(2026, 8, 28), ""),
    "㈜삼우세라믹스 마루 바닥재 영업 경력직 모집합니다": (
        "YEAR", 48_000_000, 48_000_000, "experienced", None, "high", "", 5, None, None, None,
        D(2026, 9, 6), "잡코리아"),
    "비에비스나무병원 외래 간호사 모집(정규직/풀타임)": (
        "YEAR", 34_000_000, 34_000_000, "experienced", 1, "college", "", 6, None, None, None,
        D(2026, 8, 31), "사람인"),
    "26년 8월 계약직(신입) - 영업지원(보험대차)": (
        "YEAR", 27_880_000, 30_650_000, "new", 0, "any", "", 5, None, None, None,
        D(2026, 8, 9), "인크루트"),
    "[동아기술개발(주)] 건설공무·총무 담당 채용 (신입~주니어)": (
        "YEAR", 35_000_000, 35_000_000, "either", 1, "high", "", 5, None, None, None,
        D(2026, 9, 5), "사람인"),
}
# fmt: on

PINNED_FIELDS = (
    "wage_type",
    "wage_min",
    "wage_max",
    "career_type",
    "career_min_years",
    "education_min",
    "education_max",
    "days_per_week",
    "hours_per_week",
    "start_time",
    "end_time",
    "deadline",
    "source_provider",
)


@pytest.fixture
def imported(work24_csv):
    return import_records(read_work24_csv(work24_csv), source=PostingSource.WORK24)


@pytest.mark.shared_data
@pytest.mark.django_db
def test_real_file_imports_every_row(imported):
    assert (imported.created, imported.updated, imported.unchanged) == (257, 0, 0)
    assert imported.skipped == [] and imported.warnings == []
    postings = JobPosting.objects.filter(source=PostingSource.WORK24)
    assert postings.count() == 257
    assert not postings.filter(published_at__isnull=True).exists()
    assert set(postings.values_list("status", flat=True)) == {PostingStatus.PUBLISHED}
    assert not postings.filter(dong__isnull=False).exists()
    # every deadline is in Aug/Sep 2026: shown in public lists as 마감, none open afterwards.
    assert JobPosting.objects.public().count() == 257
    assert JobPosting.objects.open(today=D(2026, 9, 7)).count() == 0
    assert JobPosting.objects.open(today=D(2026, 8, 8)).count() == 257
    assert not Employer.objects.exclude(verification_status=Employer.Verification.EXTERNAL).exists()


@pytest.mark.shared_data
@pytest.mark.django_db
@pytest.mark.parametrize("title", list(PINNED))
def test_real_rows_are_parsed(imported, title):
    posting = JobPosting.objects.get(title=title)
    assert tuple(getattr(posting, f) for f in PINNED_FIELDS) == PINNED[title]
    assert posting.raw["position_title"] == title
    assert posting.wage_text == posting.raw["annual_salary"]
    assert posting.working_condition_text == posting.raw["working_condition"]
    assert posting.location_text == posting.raw["location"]
    assert posting.career_text == posting.raw["career"]
    assert posting.education_text == posting.raw["education"]


@pytest.mark.shared_data
@pytest.mark.django_db
def test_real_row_details(imported):
    kt = JobPosting.objects.get(title__startswith="☆KT텔레캅 SG")
    assert kt.wage_text == "연봉 4,400 만원 ~ 4,400 만원 상여별도 200%"
    assert kt.date_posted == D(2026, 7, 30)
    assert kt.raw["company_category"] == "['대기업', '가족']"
    etc = JobPosting.objects.get(title="[흑백요리사2 김호윤쉐프] 고슬솥 하남 홀&주방 정직원/파트타이머 ...")
    assert etc.working_condition_text == "기타"
    assert etc.location_text == "경기 하남시 등"
    assert etc.source_credit == "고용24 · 정보제공처 잡코리아"
    own = JobPosting.objects.get(title="해외무역업무")  # provided by 고용24 itself
    assert own.raw["recruit_provider"] == "정보제공처 고용24"
    assert (own.source_provider, own.source_credit) == ("", "고용24")
    # the external id still hashes the provider "고용24", so earlier imports are matched
    assert own.external_id == stable_external_id(
        provider="고용24", title="해외무역업무", employer_name="(주)씨켐인터내셔날", date_posted="2026-08-06"
    )
    assert JobPosting.objects.filter(source_provider="").count() == 26
    kospi = JobPosting.objects.filter(raw__company_category="['대기업', '코스피']")
    assert kospi.count() == 2


@pytest.mark.shared_data
@pytest.mark.django_db
def test_second_import_changes_nothing(imported, work24_csv):
    again = import_records(read_work24_csv(work24_csv), source=PostingSource.WORK24)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 257)
    assert JobPosting.objects.count() == 257


@pytest.mark.shared_data
@pytest.mark.django_db
def test_employers_are_deduplicated_by_normalised_name(imported):
    a = JobPosting.objects.get(title="[동아기술개발(주)] 건설공무·총무 담당 채용 (신입~주니어)")
    b = JobPosting.objects.get(title="건설공무·총무 담당 채용")
    assert a.raw["company_name"] == "동아기술개발(주)" and b.raw["company_name"] == "동아기술개발㈜"
    assert a.employer_id == b.employer_id
    core = JobPosting.objects.filter(employer__name_key="코어소사이어티")
    assert {p.raw["company_name"] for p in core} == {"㈜코어소사이어티", "(주)코어소사이어티"}
    assert Employer.objects.filter(name_key="코어소사이어티").count() == 1
    assert Employer.objects.count() == 198  # distinct normalised names in the file
