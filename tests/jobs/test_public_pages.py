import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobs.choices import PostingSource, PostingStatus
from tests.factories import CertificationFactory, EmployerFactory, JobPostingFactory

pytestmark = pytest.mark.django_db


def test_home_shows_search_latest_and_counts(client):
    JobPostingFactory(title="요양보호사 모집 (주간)")
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ko">' in html
    assert 'name="q"' in html
    assert "요양보호사 모집 (주간)" in html
    assert response.context["counts"]["open"] == 1


def test_home_empty_state(client):
    response = client.get("/")
    assert "지금 모집 중인 일자리가 없습니다" in response.content.decode()


def test_list_shows_open_postings_and_hides_closed_unless_asked(client):
    open_posting = JobPostingFactory(title="열린 공고")
    closed = JobPostingFactory(title="지난 공고", deadline=datetime.date(2026, 1, 5))
    filled = JobPostingFactory(title="채용 끝난 공고", status=PostingStatus.FILLED)
    draft = JobPostingFactory(title="작성 중 공고", status=PostingStatus.DRAFT)

    response = client.get(reverse("jobs:list"))
    assert list(response.context["postings"]) == [open_posting]

    response = client.get(reverse("jobs:list"), {"closed": "true"})
    listed = set(response.context["postings"])
    assert listed == {open_posting, closed, filled}
    assert draft not in listed
    html = response.content.decode()
    assert html.count("badge-closed") == 2


def test_list_paginates(client, settings):
    JobPostingFactory.create_batch(25)
    response = client.get(reverse("jobs:list"))
    assert len(response.context["postings"]) == settings.NJ_PAGE_SIZE
    assert "1 / 2 쪽" in response.content.decode()
    response = client.get(reverse("jobs:list"), {"page": 2})
    assert len(response.context["postings"]) == 5


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "-1"},
        {"page": "99999"},
        {"dong": "9999999999"},
        {"dong": "'; DROP TABLE jobs_jobposting; --"},
        {"q": "가" * 10_000},
        {"q": "<script>alert(1)</script>"},
        {"q": "' OR 1=1 --"},
        {"q": "%_\\"},
        {"closed": "maybe"},
        {"q": "\x00"},
    ],
)
def test_malformed_query_strings_never_500(client, params):
    JobPostingFactory(title="생산직")
    response = client.get(reverse("jobs:list"), params)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_bad_values_are_ignored_with_a_visible_notice(client):
    JobPostingFactory(title="생산직")
    response = client.get(reverse("jobs:list"), {"dong": "9999999999", "page": "abc", "q": "가" * 500})
    html = response.content.decode()
    assert "알 수 없는 행정동 코드는 빼고 검색했습니다" in html
    assert "쪽 번호가 올바르지 않아" in html
    assert "검색어가 너무 길어" in html


def test_keyword_and_dong_filters(client):
    from namdong_jobs.reference.models import Dong

    guwol = Dong.objects.get(name="구월1동")
    a = JobPostingFactory(title="요양보호사 모집", dong=guwol)
    JobPostingFactory(title="요양보호사 구인", dong=Dong.objects.get(name="만수1동"))
    JobPostingFactory(title="경비원", dong=guwol)
    response = client.get(reverse("jobs:list"), {"q": "요양보호사", "dong": guwol.code})
    assert list(response.context["postings"]) == [a]
    assert "검색 결과 1건" in response.content.decode()


def test_empty_search_suggests_widening(client):
    response = client.get(reverse("jobs:list"), {"q": "우주비행사"})
    html = response.content.decode()
    assert "조건에 맞는 일자리가 없습니다" in html
    assert "마감된 공고까지 보기" in html


def test_detail_of_open_posting(client):
    employer = EmployerFactory(name="행복나눔 사회적협동조합")
    CertificationFactory(employer=employer)
    CertificationFactory(
        employer=employer, type="village", valid_from=datetime.date(2020, 1, 1), valid_until=datetime.date(2022, 12, 31)
    )
    posting = JobPostingFactory(title="방문 요양보호사 모집", employer=employer)
    response = client.get(posting.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "방문 요양보호사 모집" in html and "모집 중" in html
    assert "사회적기업" in html
    assert "마을기업" not in html  # expired designation is not shown


def test_detail_of_closed_posting_says_closed(client):
    posting = JobPostingFactory(deadline=datetime.date(2026, 1, 5))
    html = client.get(posting.get_absolute_url()).content.decode()
    assert "마감" in html and "지원할 수 없습니다" in html


def test_detail_of_imported_posting_credits_source(client):
    posting = JobPostingFactory(source=PostingSource.WORK24, source_provider="사람인", external_id="x1")
    html = client.get(posting.get_absolute_url()).content.decode()
    assert "고용24 · 정보제공처 사람인" in html


@pytest.mark.parametrize("status", [PostingStatus.DRAFT, PostingStatus.SUBMITTED, PostingStatus.REJECTED])
def test_unpublished_postings_are_404(client, status):
    posting = JobPostingFactory(status=status)
    assert client.get(posting.get_absolute_url()).status_code == 404


def test_unknown_posting_is_404_in_korean(client):
    response = client.get("/jobs/999999/")
    assert response.status_code == 404
    assert "페이지를 찾을 수 없습니다" in response.content.decode()


def _count_queries(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_page_size(client):
    """(Every search and sort: tests/jobs/test_query_counts.py.)"""
    JobPostingFactory.create_batch(3)
    # reference data and the planner's estimate of the filters are kept after the first page
    _count_queries(client, reverse("jobs:list"), {"closed": "true"})
    few_list = _count_queries(client, reverse("jobs:list"), {"closed": "true"})
    few_home = _count_queries(client, "/")
    JobPostingFactory.create_batch(30)
    assert _count_queries(client, reverse("jobs:list"), {"closed": "true"}) == few_list
    assert _count_queries(client, "/") == few_home
    # a transaction (savepoint here) with the planner settings, the estimate and capped count,
    # the rows (the bound of every search and sort: tests/jobs/test_query_counts.py)
    assert few_list <= 12


def test_detail_query_count_is_bounded(client):
    employer = EmployerFactory()
    CertificationFactory.create_batch(3, employer=employer)
    posting = JobPostingFactory(employer=employer)
    assert _count_queries(client, posting.get_absolute_url()) <= 3


def test_english_is_available_through_the_language_switch(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/jobs/"})
    assert response.status_code == 302
    html = client.get("/jobs/").content.decode()
    assert '<html lang="en">' in html
    assert "Find jobs" in html and "Include closed" in html
    assert "0 results" in html and "No jobs match your search." in html
    assert "Email or mobile number" in client.get("/accounts/login/").content.decode()
    posting = JobPostingFactory(title="요양보호사 모집")
    detail = client.get(posting.get_absolute_url()).content.decode()
    assert '<h1 lang="ko">요양보호사 모집</h1>' in detail and "Working conditions" in detail
    client.post("/i18n/setlang/", {"language": "ko", "next": "/"})
    assert "일자리 찾기" in client.get("/").content.decode()


def test_korean_first_whatever_the_browser_language(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="ko">' in html and "일자리 찾기" in html


def test_one_bad_dong_does_not_throw_away_the_good_ones(client):
    from namdong_jobs.reference.models import Dong

    guwol = Dong.objects.get(name="구월1동")
    a = JobPostingFactory(title="구월 공고", dong=guwol)
    JobPostingFactory(title="만수 공고", dong=Dong.objects.get(name="만수1동"))
    response = client.get(reverse("jobs:list"), {"dong": [guwol.code, "garbage", "9999999999"]})
    assert list(response.context["postings"]) == [a]
    assert "알 수 없는 행정동 코드는 빼고 검색했습니다" in response.content.decode()
    response = client.get(reverse("jobs:list") + "?dong=")
    assert response.context["notices"] == []
    assert len(response.context["postings"]) == 2


@pytest.mark.parametrize(
    ("value", "includes_closed"),
    [
        ("1", True),
        ("true", True),
        ("on", True),
        ("0", False),
        ("false", False),
        ("off", False),
        ("no", False),
        ("", False),
    ],
)
def test_closed_flag_values(client, value, includes_closed):
    JobPostingFactory(title="열린 공고")
    JobPostingFactory(title="지난 공고", deadline=datetime.date(2026, 1, 5))
    response = client.get(reverse("jobs:list"), {"closed": value})
    assert len(response.context["postings"]) == (2 if includes_closed else 1)
    assert response.context["notices"] == []


def test_unknown_closed_value_is_ignored_with_a_notice(client):
    JobPostingFactory(title="지난 공고", deadline=datetime.date(2026, 1, 5))
    response = client.get(reverse("jobs:list"), {"closed": "maybe"})
    assert len(response.context["postings"]) == 0
    assert response.context["notices"] == ["'마감 포함' 값이 올바르지 않아 무시했습니다."]


@pytest.mark.parametrize("q", ["%", "_", "\\\\", "😀", "!!!"])
def test_query_without_searchable_characters_says_so(client, q):
    JobPostingFactory(title="생산직")
    response = client.get(reverse("jobs:list"), {"q": q})
    assert "검색어 없이 보여 드립니다" in response.content.decode()
    assert len(response.context["postings"]) == 1


@pytest.mark.parametrize("page", ["0", "-1"])
def test_page_zero_or_negative_shows_the_first_page(client, page):
    JobPostingFactory.create_batch(25)
    response = client.get(reverse("jobs:list"), {"page": page})
    assert response.context["page_obj"].number == 1
    assert "가까운 쪽을 보여 드립니다" in response.content.decode()


def test_imported_posting_shows_the_source_text_as_written(client):
    posting = JobPostingFactory(
        source=PostingSource.WORK24,
        external_id="w1",
        wage_text="연봉 4,400 만원 ~ 4,400 만원 상여별도 200%",
        working_condition_text="기타",
    )
    html = client.get(posting.get_absolute_url()).content.decode()
    assert "출처에 적힌 그대로 보기" in html and "상여별도 200%" in html
