"""schema.org JobPosting JSON-LD importer: pure parsers, the three file shapes, flawed
values, sanitised HTML and idempotent re-import (fixtures in tests/fixtures/jsonld/)."""

import datetime
import json
from pathlib import Path

import pytest

from employers.models import Employer
from jobs.choices import EmploymentType, PostingSource, PostingStatus, WageType
from jobs.importers import ImportFileError, import_records, read_jsonld_file
from jobs.importers.jsonld import parse_employment_type, parse_jsonld, parse_salary
from jobs.importers.text import find_dong, html_to_text
from jobs.models import JobPosting
from namdong_jobs.reference.models import Dong
from tests.factories import EmployerFactory

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "jsonld"
D = datetime.date


def load(name, **kwargs):
    return read_jsonld_file(FIXTURES / name, **kwargs)


def dong_names():
    return list(Dong.objects.values_list("name", flat=True))


def run(name):
    return import_records(load(name, dong_names=dong_names()), source=PostingSource.JSONLD)


# ---- pure parsers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("FULL_TIME", EmploymentType.REGULAR),
        ("full-time", EmploymentType.REGULAR),
        ("Full Time", EmploymentType.REGULAR),
        ("PART_TIME", EmploymentType.PART_TIME),
        ("contractor", EmploymentType.DISPATCH),
        ("TEMPORARY", EmploymentType.CONTRACT),
        ("Intern", EmploymentType.INTERN),
        ("per-diem", EmploymentType.DAILY),
        (["OTHER", "Part Time", "FULL_TIME"], EmploymentType.PART_TIME),
        (None, ""),
        ([], ""),
    ],
)
def test_parse_employment_type(value, expected):
    assert parse_employment_type(value) == expected


@pytest.mark.parametrize("value", ["VOLUNTEER", ["OTHER", "정규직"]])
def test_parse_employment_type_rejects_unknown(value):
    with pytest.raises(ValueError):
        parse_employment_type(value)


def money(value, currency="KRW", unit_outside=None):
    data = {"@type": "MonetaryAmount", "currency": currency, "value": value}
    if unit_outside:
        data["unitText"] = unit_outside
    return data


@pytest.mark.parametrize(
    ("salary", "expected"),
    [
        (money({"minValue": 2_500_000, "maxValue": 3_000_000, "unitText": "MONTH"}), ("MONTH", 2_500_000, 3_000_000)),
        (money({"value": 10_320, "unitText": "HOUR"}), ("HOUR", 10_320, 10_320)),
        (money({"minValue": "550,000", "unitText": "week"}), ("WEEK", 550_000, None)),
        (money({"maxValue": 120_000, "unitText": "DAY"}), ("DAY", None, 120_000)),
        (money(36_000_000, unit_outside="YEAR"), ("YEAR", 36_000_000, 36_000_000)),
        (None, ("", None, None)),
    ],
)
def test_parse_salary(salary, expected):
    result = parse_salary(salary)
    assert (result["wage_type"], result["wage_min"], result["wage_max"]) == expected


@pytest.mark.parametrize(
    "salary",
    [
        money({"value": 0, "unitText": "MONTH"}),
        money({"minValue": -100, "unitText": "DAY"}),
        money({"value": 3000, "unitText": "MONTH"}, currency="USD"),
        money({"value": 3000, "unitText": "MONTH"}, currency=""),
        money({"value": 3000, "unitText": "FORTNIGHT"}),
        money({"minValue": 5, "maxValue": 4, "unitText": "HOUR"}),
        money({"unitText": "HOUR"}),
        "3000000",
    ],
)
def test_parse_salary_rejects(salary):
    with pytest.raises(ValueError):
        parse_salary(salary)


def test_html_to_text():
    text = html_to_text(
        "<p>첫 줄 &amp; 둘째</p><ul><li>하나</li><li>둘</li></ul>끝<br>줄<script>alert(1)</script>"
        "<style>p{}</style><b onclick='x()'>굵게</b>"
    )
    assert text == "첫 줄 & 둘째\n하나\n둘\n\n끝\n줄굵게"
    assert html_to_text("&lt;p&gt;A &amp;amp; B&lt;/p&gt;&lt;script&gt;bad()&lt;/script&gt;") == "A & B"
    assert html_to_text("5 &lt; 6") == "5 < 6"


def test_find_dong():
    names = ["구월1동", "논현1동", "논현고잔동", "만수1동", "만수6동"]
    assert find_dong("인천광역시 남동구 구월1동 100", names) == "구월1동"
    assert find_dong("인천 남동구 논현고잔동 680", names) == "논현고잔동"
    assert find_dong("서울특별시 강남구 논현1동 100", names) is None  # Gangnam has a 논현1동 too
    assert find_dong("만수11동", names) is None
    assert find_dong("", names) is None


def test_shapes_are_read_without_database():
    node = {"@type": "JobPosting", "title": "A", "hiringOrganization": {"name": "가"}}
    assert [r.row for r in parse_jsonld(node)] == [1]
    assert [r.row for r in parse_jsonld([node, {"@type": "Thing"}, node])] == [1, 3]
    assert [r.row for r in parse_jsonld({"@graph": [{"@type": "WebPage"}, node]})] == [2]
    assert parse_jsonld({"@type": "Organization", "name": "x"}) == []


def test_invalid_json_is_a_file_error(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"@type": "JobPosting",', encoding="utf-8")
    with pytest.raises(ImportFileError, match="JSON"):
        read_jsonld_file(path)


# ---- import ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_single_object():
    report = run("single.jsonld")
    assert (report.created, report.skipped, report.warnings) == (1, [], [])
    posting = JobPosting.objects.get()
    assert posting.source == PostingSource.JSONLD and posting.external_id.endswith(":ND-2026-0001")
    assert posting.status == PostingStatus.PUBLISHED and posting.published_at is not None
    assert posting.title == "생산직 사원 모집 (자동차 부품 조립)"
    assert posting.description == (
        "남동인더스파크 공장에서 부품 조립 업무를 담당합니다.\n주간 근무\n4대보험 & 퇴직금\n\n"
        "근무시간 08:30~17:30\n문의는 전화로"
    )
    assert "alert" not in posting.description and "color" not in posting.description
    assert posting.date_posted == D(2026, 11, 20) and posting.deadline == D(2026, 12, 31)
    assert posting.employment_type == EmploymentType.REGULAR and posting.employment_type_text == "Full Time"
    assert (posting.wage_type, posting.wage_min, posting.wage_max) == (WageType.MONTH, 2_500_000, 3_000_000)
    assert posting.address == "인천광역시 남동구 구월1동 남동대로 100"
    assert posting.dong.name == "구월1동"
    assert posting.source_url == "https://jobs.example.kr/postings/ND-2026-0001"
    assert posting.wage_text == "월급 2,500,000원 ~ 3,000,000원"
    # the source is credited as JSON-LD itself, never the employer as "정보제공처"
    assert posting.source_provider == "" and posting.source_credit == PostingSource.JSONLD.label
    assert posting.raw["identifier"]["value"] == "ND-2026-0001"
    employer = posting.employer
    assert employer.brn == "1234500003" and employer.verification_status == Employer.Verification.EXTERNAL


@pytest.mark.django_db
def test_list_with_flaws_reports_each_and_keeps_the_rest():
    report = run("flawed_list.json")
    assert report.created == 5
    assert [(s.row, s.reason) for s in report.skipped] == [
        (6, "제목(title)이 없습니다"),
        (7, "채용 기업명(hiringOrganization.name)이 없습니다"),
        (8, '마감일(validThrough)을 읽을 수 없습니다: "2026-02-30"'),  # never left open-ended
    ]
    assert {(w.row, w.field, w.value) for w in report.warnings} == {
        (1, "hiringOrganization.taxID", "123-45-00004"),
        (1, "datePosted", "2026-8-3"),
        (2, "baseSalary", "KRW 0 ~ 0 MONTH"),
        (3, "baseSalary", "USD 3000 MONTH"),
        (3, "employmentType", "VOLUNTEER"),
        (5, "datePosted", "2026/13/45"),
        (5, "baseSalary", "KRW -100 ~ DAY"),
        (5, "url", "javascript:alert(1)"),
    }
    lenient = JobPosting.objects.get(external_id__endswith=":LIST-1")
    assert lenient.date_posted == D(2026, 8, 3)
    assert lenient.deadline == D(2026, 9, 1)  # 2026-08-31T15:00Z is 09-01 00:00 KST
    assert lenient.description == "입출고 검수 & 지게차 보조"
    assert lenient.employer.brn is None  # invalid taxID ignored
    assert lenient.dong.name == "논현고잔동"
    assert (lenient.wage_type, lenient.wage_min, lenient.wage_max) == ("HOUR", 10_320, 10_320)
    assert lenient.wage_text == "시급 10,320원"
    zero = JobPosting.objects.get(external_id__endswith=":LIST-2")
    assert zero.wage_type == "" and zero.wage_min is None and zero.wage_text == ""  # rejected: no text
    assert zero.deadline is None and zero.employment_type == EmploymentType.PART_TIME  # no validThrough: open
    usd = JobPosting.objects.get(external_id__endswith=":LIST-3")
    assert usd.wage_min is None and usd.employment_type == "" and usd.employment_type_text == "VOLUNTEER"
    assert usd.employer.name == "남동무역 주식회사"
    weekly = JobPosting.objects.get(external_id__endswith=":4004")
    assert (weekly.wage_type, weekly.wage_min, weekly.wage_max) == (WageType.WEEK, 550_000, None)
    assert weekly.wage_text == "주급 550,000원 이상"
    assert weekly.employment_type == EmploymentType.DAILY
    assert weekly.dong is None and weekly.address == "서울특별시 강남구 논현1동 100"
    negative = JobPosting.objects.get(external_id__endswith=":LIST-5")
    assert negative.wage_min is None and negative.source_url == ""
    assert not JobPosting.objects.filter(external_id__endswith=":LIST-8").exists()
    # skipped records leave no employer behind
    assert not Employer.objects.filter(postings__isnull=True).exists()


@pytest.mark.django_db
def test_graph_follows_references_and_dedupes_employers_by_name():
    report = run("graph.jsonld")
    assert (report.created, report.skipped, report.warnings) == (2, [], [])
    care = JobPosting.objects.get(external_id__endswith=":G-1")
    assert care.title == "요양보호사 모집 & 교육 지원"
    assert care.description == "어르신 돌봄\n주 5일 근무"
    assert care.employer.brn == "2208700018" and care.employer.name == "주식회사 만수케어"
    assert care.dong.name == "만수6동"  # named by the Place
    assert care.date_posted == D(2026, 11, 10) and care.deadline == D(2026, 12, 15)
    assert care.employment_type == EmploymentType.PART_TIME
    office = JobPosting.objects.get(title="사무 보조 (식별자 없음)")
    assert len(office.external_id) == 32  # stable hash
    assert office.employer_id == care.employer_id  # "(주)만수케어" = "주식회사 만수케어"
    assert Employer.objects.count() == 1


@pytest.mark.django_db
def test_reimport_is_idempotent_and_changes_are_updates(tmp_path):
    for name in ("single.jsonld", "flawed_list.json", "graph.jsonld"):
        run(name)
    count = JobPosting.objects.count()
    for name, unchanged in (("single.jsonld", 1), ("flawed_list.json", 5), ("graph.jsonld", 2)):
        report = run(name)
        assert (report.created, report.updated, report.unchanged) == (0, 0, unchanged)
    assert JobPosting.objects.count() == count
    data = json.loads((FIXTURES / "single.jsonld").read_text(encoding="utf-8"))
    data["validThrough"] = "2027-01-15"
    changed = tmp_path / "changed.jsonld"
    changed.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = import_records(read_jsonld_file(changed), source=PostingSource.JSONLD)
    assert (report.created, report.updated) == (0, 1)
    assert JobPosting.objects.get(external_id__endswith=":ND-2026-0001").deadline == D(2027, 1, 15)


@pytest.mark.django_db
def test_existing_verified_employer_found_by_brn_is_not_changed():
    verified = EmployerFactory(brn="1234500003", name="남동정밀가공 주식회사")
    run("single.jsonld")
    verified.refresh_from_db()
    assert JobPosting.objects.get().employer == verified
    assert verified.name == "남동정밀가공 주식회사"
    assert verified.verification_status == Employer.Verification.VERIFIED
    assert Employer.objects.count() == 1
