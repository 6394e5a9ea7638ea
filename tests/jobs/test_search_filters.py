"""/jobs/ search: every filter, the sort orders, pagination links, the empty state and the
handling of malformed query strings (never a 500; bad values ignored with a notice)."""

import datetime
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from employers.models import Certification
from jobs.choices import EmploymentType, PostingStatus, PriorityGroup, Shift, WageType
from jobs.filters import JobPostingFilter
from jobs.models import JobPosting
from namdong_jobs.reference.models import Dong, Occupation
from tests.factories import CertificationFactory, EmployerFactory, JobPostingFactory

pytestmark = pytest.mark.django_db

LIST = "/jobs/"
KST = datetime.timezone(datetime.timedelta(hours=9))


def listed(client, params=None) -> list:
    response = client.get(LIST, params or {})
    assert response.status_code == 200
    return list(response.context["postings"])


def notices(client, params) -> list[str]:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return response.context["notices"]


# ---- filters ---------------------------------------------------------------------------


def test_occupation_matches_by_code_prefix_at_every_level(client):
    welder = JobPostingFactory(title="용접", occupation=Occupation.objects.get(code="841"))
    assembler = JobPostingFactory(title="조립", occupation=Occupation.objects.get(code="890"))
    cook = JobPostingFactory(title="조리", occupation=Occupation.objects.get(code="531"))
    nothing = JobPostingFactory(title="미정", occupation=None)

    assert set(listed(client, {"occupation": "8"})) == {welder, assembler}
    assert listed(client, {"occupation": "84"}) == [welder]
    assert listed(client, {"occupation": "890"}) == [assembler]
    assert set(listed(client, {"occupation": ["890", "53"]})) == {assembler, cook}
    assert nothing in listed(client)


def test_occupation_keeps_its_leading_zero(client):
    office = JobPostingFactory(title="사무", occupation=Occupation.objects.filter(code__startswith="0").last())
    JobPostingFactory(title="조립")
    assert listed(client, {"occupation": "0"}) == [office]
    response = client.get(LIST, {"occupation": "0"})
    assert f'<option value="{office.occupation_id}"' in response.content.decode()


def test_occupation_select_is_grouped_by_major_with_several_selectable(client):
    html = client.get(LIST, {"occupation": ["8", "531"]}).content.decode()
    select = re.search(r'<select name="occupation"[^>]*>.*?</select>', html, re.S).group(0)
    assert "multiple" in select.split(">")[0]
    assert select.count("<optgroup") == Occupation.objects.filter(level="major").count()
    assert '<optgroup label="설치·정비·생산직">' in select
    assert '<option value="8" selected>설치·정비·생산직 전체</option>' in select
    assert re.search(r'<option value="531" selected>', select)
    assert select.count("<option") == Occupation.objects.count()
    assert '<label for="id_occupation">' in html


def test_unknown_occupation_code_is_dropped_but_good_ones_kept(client):
    assembler = JobPostingFactory(title="조립", occupation=Occupation.objects.get(code="890"))
    JobPostingFactory(title="조리", occupation=Occupation.objects.get(code="531"))
    response = client.get(LIST, {"occupation": ["890", "999", "x", "8900", "'--"]})
    assert list(response.context["postings"]) == [assembler]
    assert "알 수 없는 직종 코드는 빼고 검색했습니다." in response.context["notices"]


def test_employment_type_several(client):
    regular = JobPostingFactory(employment_type=EmploymentType.REGULAR)
    part = JobPostingFactory(employment_type=EmploymentType.PART_TIME)
    JobPostingFactory(employment_type=EmploymentType.DAILY)
    assert set(listed(client, {"employment_type": ["regular", "part_time"]})) == {regular, part}
    response = client.get(LIST, {"employment_type": ["part_time", "freelance"]})
    assert list(response.context["postings"]) == [part]
    assert "알 수 없는 고용형태는 빼고 검색했습니다." in response.context["notices"]


def test_wage_compares_the_hourly_equivalent_and_leaves_out_postings_without_wage(client):
    hourly = JobPostingFactory(title="시급", wage_type=WageType.HOUR, wage_min=12_000, wage_max=None)
    monthly = JobPostingFactory(title="월급", wage_type=WageType.MONTH, wage_min=2_500_000, wage_max=None)  # 11,961/h
    daily = JobPostingFactory(title="일급", wage_type=WageType.DAY, wage_min=120_000, wage_max=None, daily_hours=10)
    yearly = JobPostingFactory(title="연봉", wage_type=WageType.YEAR, wage_min=36_000_000, wage_max=None)  # 14,354/h
    no_wage = JobPostingFactory(title="협의", wage_type="", wage_min=None, wage_max=None)

    assert set(listed(client, {"wage": "12000"})) == {hourly, daily, yearly}
    assert set(listed(client, {"wage": "11961"})) == {hourly, daily, yearly, monthly}
    assert listed(client, {"wage": "14000"}) == [yearly]
    assert no_wage not in listed(client, {"wage": "0"})
    assert no_wage in listed(client)
    assert set(listed(client, {"wage": "12,000원"})) == {hourly, daily, yearly}


@pytest.mark.parametrize("value", ["-5", "abc", "1e4", "12.5", "１２０００", "99999999999999999999999", "1000001"])
def test_bad_wage_is_ignored_with_a_notice(client, value):
    no_wage = JobPostingFactory(title="협의", wage_type="", wage_min=None, wage_max=None)
    response = client.get(LIST, {"wage": value, "q": "협의"})
    assert response.status_code == 200
    assert list(response.context["postings"]) == [no_wage]
    assert any("최소 시급" in n for n in response.context["notices"])
    assert 'name="wage"' in response.content.decode()


def test_wage_at_the_cap_is_accepted(client):
    JobPostingFactory(wage_type=WageType.HOUR, wage_min=12_000, wage_max=None)
    response = client.get(LIST, {"wage": "1000000"})
    assert response.context["notices"] == []
    assert list(response.context["postings"]) == []


def test_shift_and_priority_overlap(client):
    night = JobPostingFactory(title="야간", shifts=[Shift.NIGHT], priority_groups=[PriorityGroup.OLDER])
    rotating = JobPostingFactory(title="교대", shifts=[Shift.ROTATING, Shift.DAY], priority_groups=[])
    day = JobPostingFactory(title="주간", shifts=[Shift.DAY], priority_groups=[PriorityGroup.DISABLED, "youth"])
    assert set(listed(client, {"shift": ["night", "rotating"]})) == {night, rotating}
    assert set(listed(client, {"shift": "day"})) == {rotating, day}
    assert set(listed(client, {"priority": ["older", "disabled"]})) == {night, day}
    assert listed(client, {"priority": "youth"}) == [day]
    response = client.get(LIST, {"priority": ["older", "rich"], "shift": ["evening"]})
    assert list(response.context["postings"]) == [night]
    assert "알 수 없는 우대 취약계층 값은 빼고 검색했습니다." in response.context["notices"]
    assert "알 수 없는 근무 형태는 빼고 검색했습니다." in response.context["notices"]


def test_company_type_counts_only_certifications_valid_today(client):
    today = datetime.date(2026, 6, 15)
    social = EmployerFactory(name="사회적기업")
    CertificationFactory(employer=social, type=Certification.Type.SOCIAL, valid_from=today, valid_until=None)
    lapsed = EmployerFactory(name="지정 만료")
    CertificationFactory(
        employer=lapsed,
        type=Certification.Type.SOCIAL,
        valid_from=datetime.date(2020, 1, 1),
        valid_until=today - datetime.timedelta(days=1),
    )
    future = EmployerFactory(name="지정 예정")
    CertificationFactory(employer=future, type=Certification.Type.SOCIAL, valid_from=today + datetime.timedelta(days=1))
    village = EmployerFactory(name="마을기업")
    CertificationFactory(employer=village, type=Certification.Type.VILLAGE, valid_from=None, valid_until=None)
    CertificationFactory(employer=village, type=Certification.Type.INDUSPARK, number="IP-1", valid_until=None)
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=KST), tick=False):
        postings = {e.name: JobPostingFactory(employer=e) for e in (social, lapsed, future, village)}
        JobPostingFactory()  # no certification at all
        assert listed(client, {"company_type": "social"}) == [postings["사회적기업"]]
        assert set(listed(client, {"company_type": ["social", "village"]})) == {
            postings["사회적기업"],
            postings["마을기업"],
        }
        # two matching certifications do not list a posting twice
        assert listed(client, {"company_type": ["village", "induspark"]}) == [postings["마을기업"]]
        response = client.get(LIST, {"company_type": ["chaebol"]})
        assert len(response.context["postings"]) == 5
        assert "알 수 없는 기업 유형은 빼고 검색했습니다." in response.context["notices"]


def test_posted_within_counts_today_as_the_first_day(client):
    with time_machine.travel(datetime.datetime(2026, 6, 15, 9, tzinfo=KST), tick=False):
        today = datetime.date(2026, 6, 15)
        posts = {
            days: JobPostingFactory(title=f"{days}일 전", date_posted=today - datetime.timedelta(days=days))
            for days in (0, 1, 2, 6, 7, 29, 30)
        }
        assert listed(client, {"posted_within": "1"}) == [posts[0]]
        assert listed(client, {"posted_within": "3"}) == [posts[0], posts[1], posts[2]]
        assert listed(client, {"posted_within": "7"}) == [posts[0], posts[1], posts[2], posts[6]]
        assert len(listed(client, {"posted_within": "30"})) == 6
        assert len(listed(client, {"posted_within": "365"})) == 7
        # an integer not offered in the form still works and is shown as selected
        response = client.get(LIST, {"posted_within": "2"})
        assert list(response.context["postings"]) == [posts[0], posts[1]]
        assert '<option value="2" selected>최근 2일 안에 등록</option>' in response.content.decode()


@pytest.mark.parametrize("value", ["0", "-3", "366", "abc", "7일", "1.5", ""])
def test_bad_posted_within_is_ignored(client, value):
    JobPostingFactory(date_posted=datetime.date(2026, 1, 1), deadline=None)
    response = client.get(LIST, {"posted_within": value})
    assert response.status_code == 200
    assert len(response.context["postings"]) == 1
    assert (response.context["notices"] == []) == (value == "")


def test_closing_within_includes_today_and_leaves_out_until_filled(client):
    with time_machine.travel(datetime.datetime(2026, 6, 15, 9, tzinfo=KST), tick=False):
        today = datetime.date(2026, 6, 15)
        d0 = JobPostingFactory(title="오늘", deadline=today)
        d3 = JobPostingFactory(title="3일", deadline=today + datetime.timedelta(days=3))
        d4 = JobPostingFactory(title="4일", deadline=today + datetime.timedelta(days=4))
        JobPostingFactory(title="채용 시까지", deadline=None)
        passed = JobPostingFactory(title="지남", deadline=today - datetime.timedelta(days=1))
        assert listed(client, {"closing_within": "0"}) == [d0]
        assert set(listed(client, {"closing_within": "3"})) == {d0, d3}
        assert set(listed(client, {"closing_within": "4"})) == {d0, d3, d4}
        # with 마감 포함, a passed deadline is still not "closing within"
        assert passed not in listed(client, {"closing_within": "30", "closed": "1"})
        response = client.get(LIST, {"closing_within": "-1"})
        assert len(response.context["postings"]) == 4
        assert response.context["notices"] == ["'마감일' 값은 0~365일이어야 해서 무시했습니다."]


def test_filters_combine(client):
    guwol = Dong.objects.get(name="구월1동")
    hit = JobPostingFactory(
        title="요양보호사",
        dong=guwol,
        employment_type=EmploymentType.PART_TIME,
        wage_type=WageType.HOUR,
        wage_min=11_000,
        wage_max=None,
        shifts=["day"],
        priority_groups=["older"],
        occupation=Occupation.objects.get(code="550"),
        date_posted=timezone.localdate(),
    )
    JobPostingFactory(title="요양보호사", dong=guwol, employment_type=EmploymentType.REGULAR)
    JobPostingFactory(title="요양보호사", employment_type=EmploymentType.PART_TIME)
    params = {
        "q": "요양",
        "dong": guwol.code,
        "employment_type": "part_time",
        "wage": "10320",
        "shift": "day",
        "priority": "older",
        "occupation": "5",
        "posted_within": "7",
        "closing_within": "30",
    }
    assert listed(client, params) == [hit]


# ---- sort ------------------------------------------------------------------------------


def test_sort_orders_and_tie_breaker(client):
    today = datetime.date(2026, 6, 15)
    with time_machine.travel(datetime.datetime(2026, 6, 15, 9, tzinfo=KST), tick=False):
        a = JobPostingFactory(
            title="A", date_posted=today, deadline=None, wage_type=WageType.HOUR, wage_min=11_000, wage_max=None
        )
        b = JobPostingFactory(
            title="B",
            date_posted=today - datetime.timedelta(days=3),
            deadline=today + datetime.timedelta(days=2),
            wage_type="",
            wage_min=None,
            wage_max=None,
        )
        c = JobPostingFactory(
            title="C",
            date_posted=today - datetime.timedelta(days=1),
            deadline=today + datetime.timedelta(days=9),
            wage_type=WageType.HOUR,
            wage_min=15_000,
            wage_max=None,
        )
        d = JobPostingFactory(
            title="D",
            date_posted=today - datetime.timedelta(days=1),
            deadline=today + datetime.timedelta(days=2),
            wage_type=WageType.HOUR,
            wage_min=11_000,
            wage_max=None,
        )
        assert listed(client) == [a, d, c, b]  # newest; -id breaks the tie of c and d
        assert listed(client, {"sort": "newest"}) == [a, d, c, b]
        assert listed(client, {"sort": "deadline"}) == [d, b, c, a]  # until filled last
        assert listed(client, {"sort": "wage"}) == [c, d, a, b]  # no wage last
        assert listed(client, {"sort": "relevance"}) == [a, d, c, b]  # without a keyword = newest


def test_keyword_defaults_to_relevance_and_newest_can_be_asked_for(client):
    older_title_hit = JobPostingFactory(
        title="경비원 모집", description="아파트", date_posted=datetime.date(2026, 1, 2)
    )
    newer_text_hit = JobPostingFactory(title="직원 모집", description="경비 업무")
    assert listed(client, {"q": "경비"}) == [older_title_hit, newer_text_hit]
    assert listed(client, {"q": "경비", "sort": "relevance"}) == [older_title_hit, newer_text_hit]
    assert listed(client, {"q": "경비", "sort": "newest"}) == [newer_text_hit, older_title_hit]


NUL_NOTICE = "입력할 수 없는 문자를 빼고 검색했습니다."


@pytest.mark.parametrize("value", ["DROP TABLE", "random()", "-id", "title", "new\x00est!", "\x00x"])
def test_unknown_sort_falls_back_to_the_default_with_a_notice(client, value):
    JobPostingFactory()
    response = client.get(LIST, {"sort": value})
    assert response.status_code == 200
    assert len(response.context["postings"]) == 1
    # a NUL is dropped with its own notice (it used to be dropped silently)
    expected = [NUL_NOTICE] if "\x00" in value else []
    assert response.context["notices"] == [*expected, "알 수 없는 정렬 방식이라 기본 순서로 보여 드립니다."]


@pytest.mark.parametrize("value", ["", "NEWEST", " deadline ", "new\x00est"])
def test_sort_tolerates_case_spaces_and_nul(client, value):
    JobPostingFactory()
    response = client.get(LIST, {"sort": value})
    # the order asked for is used; only a NUL is mentioned (it used to be dropped silently)
    assert response.context["notices"] == ([NUL_NOTICE] if "\x00" in value else [])
    assert response.context["filter"].effective_sort == (value.replace("\x00", "").strip().lower() or "newest")


def test_pagination_is_stable_when_every_sort_key_ties(client, settings):
    settings.NJ_PAGE_SIZE = 5
    same = {"date_posted": datetime.date(2026, 1, 1), "deadline": None, "wage_min": 2_500_000}
    made = JobPostingFactory.create_batch(12, **same)
    for sort in ("newest", "deadline", "wage"):
        seen = []
        for page in (1, 2, 3):
            seen += listed(client, {"sort": sort, "page": page})
        assert seen == sorted(made, key=lambda p: -p.id), sort


# ---- page --------------------------------------------------------------------------------


def test_pagination_links_keep_the_query_and_mark_the_current_page(client, settings):
    settings.NJ_PAGE_SIZE = 2
    guwol = Dong.objects.get(name="구월1동")
    JobPostingFactory.create_batch(7, title="경비원", dong=guwol)
    response = client.get(LIST, {"q": "경비", "dong": guwol.code, "sort": "newest", "page": "2"})
    html = response.content.decode()
    nav = re.search(r'<nav class="pagination" aria-label="쪽 이동">.*?</nav>', html, re.S).group(0)
    links = [unescape(h) for h in re.findall(r'href="([^"]+)"', nav)]
    assert len(links) == 6  # previous, 1, 2, 3, 4, next
    for link in links:
        query = parse_qs(urlsplit(link).query)
        assert query["q"] == ["경비"] and query["dong"] == [guwol.code] and query["sort"] == ["newest"]
    assert re.search(r'page=2"[^>]*aria-current="page"', nav)
    assert nav.count("aria-current") == 1
    assert "2 / 4 쪽" in nav
    assert 'rel="prev"' in nav and 'rel="next"' in nav


def test_page_links_leave_out_bad_values(client, settings):
    settings.NJ_PAGE_SIZE = 1
    JobPostingFactory.create_batch(2)
    html = client.get(LIST, {"dong": "nowhere", "wage": "-1", "sort": "x", "page": "1"}).content.decode()
    nav = re.search(r'<nav class="pagination".*?</nav>', html, re.S).group(0)
    assert "page=2" in nav
    assert "nowhere" not in nav and "wage" not in nav and "sort" not in nav


def test_page_window_elides_far_pages():
    from django.core.paginator import Paginator

    from jobs.views.public import page_window

    page = Paginator(range(200), 10).page(10)
    assert page_window(page) == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert page_window(Paginator(range(30), 10).page(1)) == [1, 2, 3]


# ---- empty state -------------------------------------------------------------------------


def test_empty_state_lists_each_condition_with_a_link_removing_just_it(client):
    guwol, mansu = Dong.objects.get(name="구월1동"), Dong.objects.get(name="만수1동")
    JobPostingFactory(title="경비원", dong=guwol)
    params = {"q": "경비", "dong": [guwol.code, mansu.code], "employment_type": "daily", "wage": "20000"}
    response = client.get(LIST, params)
    assert list(response.context["postings"]) == []
    html = unescape(response.content.decode())
    assert "조건에 맞는 일자리가 없습니다" in html
    removals = {f.value: f.remove_query for f in response.context["active_filters"]}
    assert set(removals) == {"경비", "구월1동", "만수1동", "일용직", "시간당 20,000원 이상"}
    without_wage = parse_qs(removals["시간당 20,000원 이상"])
    assert without_wage == {"q": ["경비"], "dong": [guwol.code, mansu.code], "employment_type": ["daily"]}
    without_mansu = parse_qs(removals["만수1동"])
    assert without_mansu["dong"] == [guwol.code] and without_mansu["wage"] == ["20000"]
    assert "근무 지역: 만수1동 조건 빼기" in html
    assert "최소 시급: 시간당 20,000원 이상 조건 빼기" in html
    assert "조건을 모두 지우고 전체 일자리 보기" in html
    # following "remove the wage and the type" widens the search to the posting
    query = parse_qs(removals["일용직"])
    query.pop("wage")
    assert len(listed(client, query)) == 1


def test_empty_state_link_clears_everything(client):
    response = client.get(LIST, {"q": "우주비행사"})
    html = response.content.decode()
    assert '<a href="/jobs/">조건을 모두 지우고 전체 일자리 보기</a>' in html
    assert '<a href="/jobs/">검색어: 우주비행사 조건 빼기</a>' in html


# ---- malformed input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "dong=2820051000&dong=2820051000&dong=",
        "q=a&q=b&q=%00",
        "occupation=%00&occupation=8",
        "wage=%00",
        "posted_within=999999999999999999999999",
        "closing_within=%EF%BC%93",  # full-width digit
        "sort=relevance&sort=DROP%20TABLE",
        "employment_type=regular&employment_type=regular",
        "page=1&page=abc",
        "priority[]=older",
        "company_type=%3Cscript%3E",
        "q=%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E&sort=wage",
        "q=%25%27%22%3B--&dong=%27",
        "q=" + "%EA%B0%80" * 10_000,
        "%00=1",
    ],
)
def test_malformed_query_strings_answer_200(client, query):
    JobPostingFactory(title="생산직")
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<script>" not in html.lower().replace('<script type="application/ld+json">', "")


def test_html_in_keyword_is_escaped_everywhere(client):
    response = client.get(LIST, {"q": '"><img src=x onerror=alert(1)>'})
    html = response.content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_repeated_single_valued_params_use_the_last_value(client):
    a = JobPostingFactory(title="경비원")
    JobPostingFactory(title="청소원")
    response = client.get(f"{LIST}?q=청소&q=경비")
    assert list(response.context["postings"]) == [a]
    assert response.context["querystring"].count("q=") == 1


def test_nul_bytes_are_dropped_everywhere(client):
    a = JobPostingFactory(title="경비원", dong=Dong.objects.get(name="구월1동"))
    response = client.get(LIST, {"q": "경\x00비", "dong": "2820051000\x00", "employment_type": "regular\x00"})
    assert response.status_code == 200
    assert list(response.context["postings"]) == [a]


def test_form_shows_labels_fieldsets_and_submit_button(client):
    html = client.get(LIST).content.decode()
    assert '<form method="get" action="/jobs/"' in html
    assert '<button type="submit">검색</button>' in html
    for legend in ("고용형태", "근무 형태", "우대 취약계층 (환영)", "기업 유형"):
        assert f"<legend>{legend}</legend>" in html
    for field in ("id_q", "id_occupation", "id_wage", "id_posted_within", "id_closing_within", "id_sort", "id_closed"):
        assert f'for="{field}"' in html, field
    for option in ('value="1">오늘 등록', 'value="7">최근 7일 안에 등록', 'value="30">최근 30일 안에 등록'):
        assert option in html
    assert 'value="0">오늘 마감' in html
    # every checkbox has its own label
    ids = re.findall(r'<input type="checkbox"[^>]*id="([^"]+)"', html)
    assert len(ids) == 20 + 6 + 3 + 6 + 7 + 1
    for input_id in ids:
        assert f'for="{input_id}"' in html


def test_filter_state_is_shown_in_the_form(client):
    html = client.get(
        LIST, {"employment_type": "daily", "shift": "night", "wage": "12000", "closing_within": "7", "sort": "wage"}
    ).content.decode()
    assert re.search(r'<input type="checkbox" name="employment_type" value="daily"[^>]*checked', html)
    assert re.search(r'<input type="checkbox" name="shift" value="night"[^>]*checked', html)
    assert 'value="12000"' in html
    assert '<option value="7" selected>7일 안에 마감</option>' in html
    assert '<option value="wage" selected>' in html
    assert '<details class="field more-filters" open>' in html


def test_feeds_are_linked_from_the_list(client):
    html = client.get(LIST, {"q": "경비"}).content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert f'href="{reverse("jobs:feed_rss")}"' in html
    assert 'href="/jobs/api/postings.json?q=%EA%B2%BD%EB%B9%84"' in html
    assert "RSS 구독 주소" in html


def test_filterset_alone_cleans_a_plain_dict():
    JobPostingFactory(title="경비원")
    fs = JobPostingFilter({"q": "경비", "wage": "-1", "dong": ["x"]}, queryset=JobPosting.objects.all())
    assert [p.title for p in fs.qs] == ["경비원"]
    assert len(fs.notices) == 2


def test_drafts_and_closed_never_listed_by_filters(client):
    JobPostingFactory(title="경비 초안", status=PostingStatus.DRAFT)
    JobPostingFactory(title="경비 검토", status=PostingStatus.SUBMITTED)
    JobPostingFactory(title="경비 반려", status=PostingStatus.REJECTED)
    closed = JobPostingFactory(title="경비 마감", status=PostingStatus.CLOSED)
    assert listed(client, {"q": "경비", "sort": "deadline"}) == []
    assert listed(client, {"q": "경비", "closed": "1"}) == [closed]
