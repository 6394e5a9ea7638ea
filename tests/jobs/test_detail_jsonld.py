"""Posting detail page in plain Korean, its schema.org JobPosting JSON-LD and the printable
sheet for notice boards."""

import datetime
import json
import re
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from employers.models import Certification
from jobs.choices import PostingSource, PostingStatus, WageType
from jobs.jsonld import jsonld_script, posting_jsonld
from namdong_jobs.reference.models import Dong, Occupation
from tests.factories import CertificationFactory, EmployerFactory, JobPostingFactory

pytestmark = pytest.mark.django_db
KST = datetime.timezone(datetime.timedelta(hours=9))
NOW = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=KST)

JSONLD_RE = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield datetime.date(2026, 12, 1)


def full_posting(**overrides):
    employer = EmployerFactory(
        name="행복나눔 사회적협동조합",
        phone="032-111-2222",
        website="https://happy.example.kr/",
        industry="사회복지 서비스업",
    )
    CertificationFactory(employer=employer, type=Certification.Type.SOCIAL)
    CertificationFactory(
        employer=employer,
        type=Certification.Type.VILLAGE,
        valid_from=datetime.date(2019, 1, 1),
        valid_until=datetime.date(2021, 12, 31),
    )
    fields = {
        "title": "방문 요양보호사 모집",
        "employer": employer,
        "occupation": Occupation.objects.get(code="550"),
        "description": "어르신 댁을 방문해\n돌봄 서비스를 제공합니다.",
        "dong": Dong.objects.get(name="구월1동"),
        "address": "인천광역시 남동구 인주대로 100",
        "employment_type": "part_time",
        "wage_type": WageType.MONTH,
        "wage_min": 2_500_000,
        "wage_max": 3_000_000,
        "work_days": ["MON", "WED", "FRI"],
        "start_time": datetime.time(9),
        "end_time": datetime.time(13),
        "daily_hours": Decimal("4"),
        "hours_per_week": 12,
        "shifts": ["day"],
        "openings": 3,
        "career_type": "any",
        "education_min": "any",
        "preferred_qualifications": "요양보호사 자격증 소지자",
        "priority_groups": ["older", "career_break"],
        "benefits": ["insurance", "meals"],
        "apply_methods": ["online", "phone", "visit", "email"],
        "contact_name": "김담당",
        "contact_phone": "032-453-1234",
        "contact_email": "jobs@happy.example.kr",
        "date_posted": datetime.date(2026, 11, 25),
        "deadline": datetime.date(2026, 12, 10),
        "published_at": datetime.datetime(2026, 11, 25, 9, tzinfo=KST),
    }
    fields.update(overrides)
    return JobPostingFactory(**fields)


def jsonld_of(html: str) -> dict:
    blocks = JSONLD_RE.findall(html)
    assert len(blocks) == 1, blocks
    return json.loads(blocks[0])


# ---- detail page ---------------------------------------------------------------------


def test_detail_shows_every_field_in_plain_korean(client, frozen):
    posting = full_posting()
    html = client.get(posting.get_absolute_url()).content.decode()
    for text in (
        "방문 요양보호사 모집",
        f"공고번호 {posting.pk}",
        "돌봄 서비스 종사자",  # minor group
        "돌봄 서비스직(간병·육아) 분야",  # its middle group
        "시간제",
        "월급 250만원 ~ 300만원",
        "시간당 약 11,961원 (월 209시간 기준)",
        "월·수·금",
        "09:00 ~ 13:00 · 하루 4시간 · 주 12시간",
        "주간",
        "인천광역시 남동구",
        "구월1동",
        "인주대로 100",
        "3명",
        "경력무관",
        "학력무관",
        "요양보호사 자격증 소지자",
        "고령자, 경력단절여성의 지원을 특별히 환영합니다.",
        "4대보험, 식사 제공",
        "2026년 12월 10일",
        "마감까지 9일",
        "사회적기업",
        "사회복지 서비스업",
        "김담당",
    ):
        assert text in html, text
    assert "마을기업" not in html  # lapsed designation


def test_apply_methods_online_phone_visit_email(client, frozen):
    posting = full_posting()
    html = client.get(posting.get_absolute_url()).content.decode()
    apply = re.search(r'<section class="apply-box".*?</section>', html, re.S).group(0)
    assert "이 사이트에서 온라인으로 지원할 수 있습니다 (로그인 필요)" in apply
    assert '<a href="tel:032-453-1234">032-453-1234</a>' in apply
    assert '<a href="mailto:jobs@happy.example.kr">jobs@happy.example.kr</a>' in apply
    assert "방문" in apply and "인주대로 100" in apply
    assert "<button" not in apply and "<form" not in apply  # no dead apply button yet


def test_phone_only_posting_without_online_method(client, frozen):
    posting = full_posting(apply_methods=["phone"], contact_phone="")
    html = client.get(posting.get_absolute_url()).content.decode()
    apply = re.search(r'<section class="apply-box".*?</section>', html, re.S).group(0)
    assert "온라인으로 지원" not in apply
    assert '<a href="tel:032-111-2222">032-111-2222</a>' in apply  # the employer's phone


def test_posting_without_apply_methods_points_to_the_job_bank(client, frozen):
    posting = full_posting(apply_methods=[], contact_phone="", contact_email="", contact_name="")
    html = client.get(posting.get_absolute_url()).content.decode()
    assert '<a href="tel:032-453-5000">032-453-5000</a>' in html


@pytest.mark.parametrize(("days", "text"), [(0, "오늘 마감"), (1, "마감까지 1일"), (None, "채용 시까지")])
def test_days_until_the_deadline(client, frozen, days, text):
    deadline = None if days is None else frozen + datetime.timedelta(days=days)
    posting = full_posting(deadline=deadline)
    html = client.get(posting.get_absolute_url()).content.decode()
    assert re.search(r'<p class="status status-open">모집 중 ·\s*' + text, html)


@pytest.mark.parametrize(
    ("status", "notice"),
    [
        (PostingStatus.CLOSED, "마감된 공고입니다."),
        (PostingStatus.FILLED, "채용이 완료된 공고입니다."),
        (PostingStatus.EXPIRED, "마감된 공고입니다."),
    ],
)
def test_closed_posting_says_so_and_offers_no_way_to_apply(client, frozen, status, notice):
    posting = full_posting(status=status)
    html = client.get(posting.get_absolute_url()).content.decode()
    assert notice in html and "지원할 수 없습니다." in html
    assert "접수 방법" not in html
    assert "온라인으로 지원" not in html
    assert "tel:032-453-1234" not in html and "mailto:" not in html
    assert "application/ld+json" not in html  # no structured data for a closed posting


def test_hourly_wage_has_no_conversion_note(client, frozen):
    posting = full_posting(wage_type=WageType.HOUR, wage_min=10_320, wage_max=None)
    html = client.get(posting.get_absolute_url()).content.decode()
    assert "시급 10,320원 이상" in html and "시간당 약" not in html


def test_daily_wage_conversion_uses_the_stated_hours(client, frozen):
    posting = full_posting(wage_type=WageType.DAY, wage_min=100_000, wage_max=None, daily_hours=Decimal("8"))
    html = client.get(posting.get_absolute_url()).content.decode()
    assert "시간당 약 12,500원 (하루 8시간 기준)" in html


def test_imported_posting_keeps_its_source_credit_and_has_no_online_apply(client, frozen):
    posting = full_posting(
        source=PostingSource.WORK24,
        source_provider="사람인",
        external_id="w-1",
        source_url="https://www.work24.go.kr/x",
        apply_methods=["online"],
    )
    html = client.get(posting.get_absolute_url()).content.decode()
    assert "고용24 · 정보제공처 사람인" in html
    assert "지원은 원문 공고에서 해 주세요." in html
    assert "온라인으로 지원할 수 있습니다" not in html
    assert jsonld_of(html)["directApply"] is False


def test_detail_links_to_the_print_view(client, frozen):
    posting = full_posting()
    html = client.get(posting.get_absolute_url()).content.decode()
    assert f'href="{reverse("jobs:print", args=[posting.pk])}"' in html


# ---- JSON-LD --------------------------------------------------------------------------


def test_jsonld_properties(client, frozen):
    posting = full_posting()
    data = jsonld_of(client.get(posting.get_absolute_url()).content.decode())
    assert data["@context"] == "https://schema.org/"
    assert data["@type"] == "JobPosting"
    assert data["title"] == "방문 요양보호사 모집"
    assert data["description"] == "어르신 댁을 방문해\n돌봄 서비스를 제공합니다."
    assert data["datePosted"] == "2026-11-25"
    assert data["validThrough"] == "2026-12-10T23:59:59+09:00"
    assert datetime.datetime.fromisoformat(data["validThrough"]).utcoffset() == datetime.timedelta(hours=9)
    assert data["hiringOrganization"] == {
        "@type": "Organization",
        "name": "행복나눔 사회적협동조합",
        "sameAs": "https://happy.example.kr/",
    }
    assert data["jobLocation"] == {
        "@type": "Place",
        "address": {
            "@type": "PostalAddress",
            "addressCountry": "KR",
            "addressRegion": "인천광역시",
            "addressLocality": "남동구 구월1동",
            "streetAddress": "인천광역시 남동구 인주대로 100",
        },
    }
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "KRW",
        "value": {"@type": "QuantitativeValue", "minValue": 2_500_000, "maxValue": 3_000_000, "unitText": "MONTH"},
    }
    assert data["employmentType"] == "PART_TIME"
    assert data["identifier"] == {"@type": "PropertyValue", "name": "남동구 일자리인력은행", "value": str(posting.pk)}
    assert data["directApply"] is True
    assert data["occupationalCategory"]["codeValue"] == "550"
    assert data["occupationalCategory"]["name"] == "돌봄 서비스 종사자"
    assert data["totalJobOpenings"] == 3
    assert data["industry"] == "사회복지 서비스업"
    assert data["url"] == f"http://testserver/jobs/{posting.pk}/"


@pytest.mark.parametrize(
    ("wage_type", "lo", "hi", "value"),
    [
        (WageType.HOUR, 10_320, None, {"minValue": 10_320, "unitText": "HOUR"}),
        (WageType.DAY, 100_000, 100_000, {"value": 100_000, "unitText": "DAY"}),
        (WageType.WEEK, 500_000, 600_000, {"minValue": 500_000, "maxValue": 600_000, "unitText": "WEEK"}),
        (WageType.YEAR, None, 40_000_000, {"maxValue": 40_000_000, "unitText": "YEAR"}),
    ],
)
def test_jsonld_salary_units(rf, frozen, wage_type, lo, hi, value):
    posting = full_posting(wage_type=wage_type, wage_min=lo, wage_max=hi)
    salary = posting_jsonld(posting, request=rf.get("/"))["baseSalary"]
    assert salary["currency"] == "KRW"
    assert salary["value"] == {"@type": "QuantitativeValue", **value}


def test_jsonld_leaves_out_what_is_unknown(rf, frozen):
    employer = EmployerFactory(website="", industry="")
    posting = full_posting(
        employer=employer,
        deadline=None,
        wage_type="",
        wage_min=None,
        wage_max=None,
        openings=None,
        occupation=None,
        employment_type="",
        dong=None,
        address="",
        apply_methods=["phone"],
    )
    data = posting_jsonld(posting, request=rf.get("/"))
    for key in ("validThrough", "baseSalary", "totalJobOpenings", "occupationalCategory", "employmentType", "industry"):
        assert key not in data, key
    assert "sameAs" not in data["hiringOrganization"]
    assert "jobLocation" not in data
    assert data["directApply"] is False


@pytest.mark.parametrize(
    ("code", "schema"),
    [
        ("regular", "FULL_TIME"),
        ("contract", "TEMPORARY"),
        ("part_time", "PART_TIME"),
        ("daily", "PER_DIEM"),
        ("dispatch", "CONTRACTOR"),
        ("intern", "INTERN"),
    ],
)
def test_jsonld_employment_types(rf, frozen, code, schema):
    posting = full_posting(employment_type=code)
    assert posting_jsonld(posting, request=rf.get("/"))["employmentType"] == schema


def test_title_cannot_break_out_of_the_script(client, frozen):
    title = "</script><script>alert(1)</script> & <!-- 요양"
    posting = full_posting(title=title, description="<b>굵게</b> & </SCRIPT>")
    html = client.get(posting.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    raw = JSONLD_RE.search(html).group(1)
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert "\\u003C/script\\u003E" in raw
    data = json.loads(raw)
    assert data["title"] == title
    assert data["description"] == "<b>굵게</b> & </SCRIPT>"


def test_jsonld_script_escapes_like_json_script():
    html = jsonld_script({"a": "</script>&'\""})
    assert html == ('<script type="application/ld+json">{"a": "\\u003C/script\\u003E\\u0026\'\\""}</script>')


# ---- print view ------------------------------------------------------------------------


def test_print_view_for_notice_boards(client, frozen):
    posting = full_posting()
    response = client.get(reverse("jobs:print", args=[posting.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        f"공고번호 {posting.pk}",
        "방문 요양보호사 모집",
        "행복나눔 사회적협동조합",
        "월급 250만원 ~ 300만원",
        "구월1동",
        "2026년 12월 10일",
        "032-453-1234",
        f"http://testserver/jobs/{posting.pk}/",
        "인쇄하기",
        "온라인으로 지원",
    ):
        assert text in html, text
    assert 'onclick="window.print()"' in html
    assert '<html lang="ko">' in html and "<h1" in html and "<main" in html


def test_print_view_phone_falls_back_to_employer_then_job_bank(client, frozen):
    with_employer_phone = full_posting(contact_phone="")
    html = client.get(reverse("jobs:print", args=[with_employer_phone.pk])).content.decode()
    assert re.search(r'class="print-phone">[^<]*<a href="tel:032-111-2222">', html)
    bare = JobPostingFactory(employer=EmployerFactory(phone=""), contact_phone="")
    html = client.get(reverse("jobs:print", args=[bare.pk])).content.decode()
    assert re.search(r'class="print-phone">[^<]*<a href="tel:032-453-5000">', html)


def test_print_stylesheet_is_a4_large_type_and_hides_the_button():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "static" / "css" / "site.css").read_text()
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", css)
    assert re.search(r"\.print-page\s*\{[^}]*font-size:\s*16pt", css)
    assert re.search(r"@media print\s*\{\s*\.print-toolbar[^}]*\{\s*display:\s*none", css)


def test_print_view_of_closed_posting_says_closed(client, frozen):
    posting = full_posting(status=PostingStatus.FILLED)
    html = client.get(reverse("jobs:print", args=[posting.pk])).content.decode()
    assert "채용이 완료된 공고입니다." in html and "마감된 공고입니다." not in html
    assert "지원 방법" not in html and "032-453-1234" not in html


@pytest.mark.parametrize("status", [PostingStatus.DRAFT, PostingStatus.SUBMITTED, PostingStatus.REJECTED])
def test_print_view_of_unpublished_posting_is_404(client, status):
    posting = JobPostingFactory(status=status)
    assert client.get(reverse("jobs:print", args=[posting.pk])).status_code == 404
