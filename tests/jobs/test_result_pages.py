"""Result pages of the search (issue 7, ``jobs.filters.pages``): keyset cursors in "다음 쪽" and
"이전 쪽", capped counts, and both ways of reading a segment (collecting the matches when they
are few, walking the sort index when they are many) giving the order of
``JobPostingFilter.ordering`` exactly."""

import datetime
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from jobs.filters import JobPostingFilter
from jobs.filters import pages as pages_module
from jobs.filters import reader as reader_module
from jobs.filters.order import Cursor, Segment, order_tag
from jobs.models import JobPosting
from tests.factories import JobPostingFactory

pytestmark = pytest.mark.django_db

LIST = "/jobs/"
FIRST_PAGE_NOTICE = "요청한 쪽을 찾을 수 없어 첫 쪽을 보여 드립니다."


@pytest.fixture
def postings():
    """17 postings with ties on every sort key, no deadline or no wage for some, the keyword
    in the title of some and only in the text of others, one draft and one closed."""
    today = timezone.localdate()
    made = []
    for i in range(17):
        made.append(
            JobPostingFactory(
                title=["아파트 경비원 모집", "지게차 운전원", "주차 관리 (경비 겸직)"][i % 3],
                description="건물 경비와 순찰" if i % 2 else "물류 창고 상하차",
                date_posted=today - datetime.timedelta(days=i % 4),
                deadline=None if i % 5 == 0 else today + datetime.timedelta(days=i % 3),
                wage_type="" if i % 6 == 0 else "HOUR",
                wage_min=None if i % 6 == 0 else 11_000 + (i % 2) * 500,
                wage_max=None,
            )
        )
    JobPostingFactory(title="경비원 초안", status="draft")
    JobPostingFactory(title="지난 경비원", deadline=today - datetime.timedelta(days=1))
    return made


def expected(params: dict) -> list[int]:
    return list(JobPostingFilter(params).qs.values_list("pk", flat=True))


def next_path(html: str) -> str | None:
    match = re.search(r'<a href="([^"]+)" rel="next">', html)
    return LIST + unescape(match.group(1)) if match else None


def previous_path(html: str) -> str | None:
    match = re.search(r'<a href="([^"]+)" rel="prev">', html)
    return LIST + unescape(match.group(1)) if match else None


def walk(client, params: dict) -> tuple[list[list[int]], str]:
    """Follow "다음 쪽" from the first page; returns the ids of every page and the last path."""
    response = client.get(LIST, params)
    seen = [[p.pk for p in response.context["postings"]]]
    path = next_path(response.content.decode())
    last = None
    number = 1
    while path:
        response = client.get(path)
        assert response.status_code == 200
        number += 1
        assert response.context["page_obj"].number == number
        assert parse_qs(urlsplit(path).query)["page"] == [str(number)]
        seen.append([p.pk for p in response.context["postings"]])
        last = path
        path = next_path(response.content.decode())
    return seen, last


SEARCHES = [
    {},
    {"sort": "deadline"},
    {"sort": "wage"},
    {"q": "경비"},
    {"q": "경비", "sort": "newest"},
    {"q": "경비", "sort": "deadline"},
    {"q": "원"},
    {"q": "차 운전"},
    {"closed": "true", "sort": "wage"},
]


@pytest.mark.parametrize("cap", [1, 1000], ids=["walk", "collect"])
@pytest.mark.parametrize("params", SEARCHES, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()) or "all")
def test_next_links_walk_the_whole_order(client, settings, monkeypatch, postings, params, cap):
    settings.NJ_PAGE_SIZE = 4
    monkeypatch.setattr(pages_module, "COUNT_CAP", cap)
    seen, _last = walk(client, params)
    assert [pk for page in seen for pk in page] == expected(params)
    assert all(len(page) == 4 for page in seen[:-1])


@pytest.mark.parametrize("cap", [1, 1000], ids=["walk", "collect"])
@pytest.mark.parametrize("params", [{}, {"sort": "deadline"}, {"q": "경비"}, {"sort": "wage"}])
def test_previous_links_come_back_page_by_page(client, settings, monkeypatch, postings, params, cap):
    settings.NJ_PAGE_SIZE = 3
    monkeypatch.setattr(pages_module, "COUNT_CAP", cap)
    seen, last = walk(client, params)
    response = client.get(last)
    back = [[p.pk for p in response.context["postings"]]]
    path = previous_path(response.content.decode())
    while path:
        response = client.get(path)
        back.append([p.pk for p in response.context["postings"]])
        path = previous_path(response.content.decode())
    assert list(reversed(back)) == seen
    assert response.context["page_obj"].number == 1


def test_numbered_pages_match_the_cursor_pages(client, settings, postings):
    settings.NJ_PAGE_SIZE = 4
    seen, _last = walk(client, {"q": "경비"})
    for number, ids in enumerate(seen, start=1):
        response = client.get(LIST, {"q": "경비", "page": number})
        assert [p.pk for p in response.context["postings"]] == ids


BAD_CURSORS = [
    "",
    "abc",
    "0.x.1",
    "9.20260101.1",
    "0.20261399.1",
    "0.99999999999.1",
    "1.n.1",
    "0.n.1",
    "0.20260101.99999999999999999999",
    "-1.2.3",
    "0.2026-01-01.1",
    "\x00",
    "0.20260101.1;DROP TABLE jobs_jobposting",
    "0." + "9" * 5000 + ".1",
    "０.２０２６０１０１.１",
    "0.20260101.1\n",
    "%00",
    "0.20260101.-5",
]


@pytest.mark.parametrize("raw", BAD_CURSORS)
@pytest.mark.parametrize("direction", ["after", "before"])
def test_malformed_cursors_never_500(client, settings, postings, raw, direction):
    settings.NJ_PAGE_SIZE = 4
    response = client.get(LIST, {direction: raw, "page": "7"})
    assert response.status_code == 200
    page = response.context["page_obj"]
    if raw.strip() and raw != "0.20260101.1\n":
        assert page.number == 1
        assert [p.pk for p in response.context["postings"]] == expected({})[:4]
        assert FIRST_PAGE_NOTICE in response.content.decode()


@pytest.mark.parametrize("sort", ["newest", "deadline", "wage", "relevance"])
def test_a_cursor_of_another_order_never_500(client, settings, postings, sort):
    settings.NJ_PAGE_SIZE = 4
    for raw in ("0.20261130.5", "1.n.3", "0.11000.7", "1.20261130.2"):
        for direction in ("after", "before"):
            assert client.get(LIST, {"q": "경비", "sort": sort, direction: raw}).status_code == 200


def test_cursor_round_trip():
    dates = [Segment("date_posted", is_date=True)]
    wages = [Segment("wage_hourly"), Segment(None, null="wage_hourly")]
    assert Cursor.parse(Cursor(0, datetime.date(2026, 11, 30), 123).encode(dates), dates) == Cursor(
        0, datetime.date(2026, 11, 30), 123
    )
    w, d = order_tag(wages), order_tag(dates)
    assert w != d and re.fullmatch(r"[0-9a-z]{2}", w)
    assert Cursor.parse(f"{w}-0.10320.9.3", wages) == Cursor(0, 10_320, 9, 3)
    assert Cursor.parse(f"{w}-1.n.7.1", wages) == Cursor(1, None, 7, 1)
    assert Cursor.parse(f"{d}-1.n.7.1", dates) is None  # no second segment
    assert Cursor.parse(f"{w}-0.n.7.1", wages) is None  # the first segment has a key
    assert Cursor.parse("0.10320.9.1", wages) is None  # no order named
    assert Cursor.parse(f"{d}-0.10320.9.1", wages) is None  # another order's
    assert Cursor.parse(f"{w}-0.10320.9", wages) is None  # no page number
    assert Cursor.parse(f"{w}-0.10320.9.0", wages) is None  # pages start at 1
    assert Cursor.parse(f"{w}-0.10320.9.100001", wages) is None  # beyond MOST_PAGES


def test_a_cursor_of_another_order_with_the_same_shape_is_refused(client, settings, postings):
    """The "다음 쪽" cursor of the newest-first order holds a date, as a deadline-order cursor
    does; given to the deadline order it used to place the page at that date as a deadline
    without a word (review of issue 7). It now shows the first page and says so."""
    settings.NJ_PAGE_SIZE = 4
    newest = client.get(LIST, {"sort": "newest"}).context["page_obj"].next_cursor
    response = client.get(LIST, {"sort": "deadline", "page": "2", "after": newest})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1
    assert [p.pk for p in response.context["postings"]] == expected({"sort": "deadline"})[:4]
    assert FIRST_PAGE_NOTICE in response.content.decode()
    own = client.get(LIST, {"sort": "deadline"}).context["page_obj"].next_cursor
    page = client.get(LIST, {"sort": "deadline", "page": "2", "after": own}).context["page_obj"]
    assert page.number == 2


def test_capped_count_says_more_and_links_no_last_page(client, settings, monkeypatch, postings):
    settings.NJ_PAGE_SIZE = 2
    monkeypatch.setattr(pages_module, "COUNT_CAP", 9)
    html = client.get(LIST).content.decode()
    assert "검색 결과 9건 이상" in html
    nav = re.search(r'<nav class="pagination".*?</nav>', html, re.S).group(0)
    assert "1쪽" in nav and " / " not in nav
    numbers = re.findall(r"page=(\d+)\"", nav)
    assert numbers == ["1", "2", "3"]  # around the current page; not the last counted (5)
    assert 'rel="next"' in nav


def test_exact_count_below_the_cap(client, settings, postings):
    settings.NJ_PAGE_SIZE = 5
    html = client.get(LIST).content.decode()
    assert f"검색 결과 {len(expected({}))}건<" in html and "건 이상" not in html
    assert "1 / 4 쪽" in html


def test_a_deep_page_past_the_counted_pages(client, settings, monkeypatch, postings):
    """Past the capped count the page is reached only by "다음 쪽"; it shows its number and
    links back to page 1."""
    settings.NJ_PAGE_SIZE = 2
    monkeypatch.setattr(pages_module, "COUNT_CAP", 3)
    seen, last = walk(client, {})
    response = client.get(last)
    assert response.context["page_obj"].number == len(seen) > 2
    assert response.context["page_numbers"] == [1, None]
    html = response.content.decode()
    assert f"{len(seen)}쪽" in html


def test_page_number_past_the_count_shows_the_last_counted_page(client, settings, postings):
    settings.NJ_PAGE_SIZE = 5
    response = client.get(LIST, {"page": "99"})
    assert response.context["page_obj"].number == 4
    assert "쪽 번호가 올바르지 않아" in response.content.decode()


def test_walk_and_collect_read_the_same_rows(settings, postings):
    """Both ways of reading a segment, on every sort, keyword or not."""
    settings.NJ_PAGE_SIZE = 5
    for params in SEARCHES:
        results = []
        for cap in (0, 1000):
            filterset = JobPostingFilter(params, queryset=JobPosting.objects.for_search())
            page, _notice = pages_module.result_page(
                filterset.queryset_without_keyword(),
                filterset.segments(),
                terms=filterset.terms,
                page_size=5,
                cap=cap,
            )
            results.append([p.pk for p in page.object_list])
        assert results[0] == results[1] == expected(params)[:5], params


def test_relevance_keeps_title_matches_first_across_pages(client, settings, monkeypatch):
    settings.NJ_PAGE_SIZE = 2
    monkeypatch.setattr(pages_module, "COUNT_CAP", 1)
    today = timezone.localdate()
    old_title = [JobPostingFactory(title="경비원", date_posted=today - datetime.timedelta(days=9)) for _ in range(3)]
    new_text = [JobPostingFactory(title="직원 모집", description="경비 업무") for _ in range(3)]
    seen, _last = walk(client, {"q": "경비"})
    flat = [pk for page in seen for pk in page]
    assert flat[:3] == [p.pk for p in sorted(old_title, key=lambda p: -p.pk)]
    assert flat[3:] == [p.pk for p in sorted(new_text, key=lambda p: -p.pk)]


@pytest.mark.parametrize("params", SEARCHES, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()) or "all")
def test_counting_by_walk_or_by_index_agrees(monkeypatch, postings, params):
    counts = []
    for bias, share in ((10**9, 0), (0, 10**9)):  # always walk the order / always count through the indexes
        monkeypatch.setattr(reader_module, "WALK_BIAS", bias)
        monkeypatch.setattr(reader_module, "WALK_FILTER_SHARE", share)
        filterset = JobPostingFilter(params, queryset=JobPosting.objects.for_search())
        page, _notice = pages_module.result_page(
            filterset.queryset_without_keyword(),
            filterset.segments(),
            terms=filterset.terms,
            page_size=3,
            cap=1000,
        )
        counts.append(page.count)
    assert counts[0] == counts[1] == len(expected(params))


def test_a_cursor_past_the_last_row_shows_the_first_page_and_says_so(client, settings, postings):
    """A stale "다음 쪽" link (the rows after it closed meanwhile) or a made-up cursor past the
    end used to give an empty page with no notice and no way back (review of issue 7)."""
    settings.NJ_PAGE_SIZE = 4
    wage, newest = (order_tag(JobPostingFilter(p).segments()) for p in ({"sort": "wage"}, {}))
    for params in ({"sort": "wage", "after": f"{wage}-1.n.0.1"}, {"after": f"{newest}-0.20000101.0.1"}):
        response = client.get(LIST, params)
        assert response.status_code == 200
        assert response.context["page_obj"].number == 1
        assert [p.pk for p in response.context["postings"]] == expected({"sort": params.get("sort", "")})[:4]
        assert "더 보여 드릴 결과가 없어 첫 쪽을 보여 드립니다" in response.content.decode()


WRONG_NUMBER_NOTICE = "요청한 쪽 번호가 올바르지 않아 이 쪽의 번호를 고쳐 보여 드립니다."


def path_to_page(client, params: dict, number: int) -> str:
    """The "다음 쪽" path that leads to page ``number``."""
    path = LIST + "?" + "&".join(f"{k}={v}" for k, v in params.items())
    for _ in range(number - 1):
        path = next_path(client.get(path).content.decode())
    return path


@pytest.mark.parametrize("params", [{}, {"q": "경비"}, {"sort": "wage"}])
def test_a_cursor_link_with_an_edited_page_number_is_numbered_by_its_rows(client, settings, postings, params):
    """Review of issue 7: ``page=2`` with the cursor of the link to page 5 was labelled "2 / 5
    쪽" over page 5's rows, and its "이전 쪽" went to page 1, skipping pages 2 to 4."""
    settings.NJ_PAGE_SIZE = 3
    seen, _last = walk(client, params)
    fifth = path_to_page(client, params, 5)
    edited = re.sub(r"page=5", "page=2", fifth)
    response = client.get(edited)
    page = response.context["page_obj"]
    assert page.number == 5 and [p.pk for p in response.context["postings"]] == seen[4]
    assert WRONG_NUMBER_NOTICE in response.content.decode()
    back = previous_path(response.content.decode())
    assert "before=" in back
    assert [p.pk for p in client.get(back).context["postings"]] == seen[3]
    assert client.get(back).context["page_obj"].number == 4
    # the links themselves carry the right numbers: no notice on the way
    assert WRONG_NUMBER_NOTICE not in client.get(fifth).content.decode()


def test_a_huge_page_number_with_a_cursor_is_not_shown(client, settings, monkeypatch, postings):
    settings.NJ_PAGE_SIZE = 3
    second = path_to_page(client, {"q": "경비"}, 2)
    huge = second.replace("page=2", "page=999999999999")
    response = client.get(huge)
    assert response.status_code == 200 and response.context["page_obj"].number == 2
    assert WRONG_NUMBER_NOTICE in response.content.decode()
    api = client.get("/jobs/api/postings.json" + huge[len(LIST) :]).json()
    assert api["page"] == 2  # the cursor names the page it was taken from
    monkeypatch.setattr(pages_module, "COUNT_CAP", 2)  # beyond the cap as well
    response = client.get(huge)
    assert response.status_code == 200 and response.context["page_obj"].number == 2
    assert WRONG_NUMBER_NOTICE in response.content.decode()


def test_the_page_title_names_the_page(client, settings, postings):
    settings.NJ_PAGE_SIZE = 3
    third = client.get(path_to_page(client, {"q": "경비"}, 3)).content.decode()
    assert re.search(r"<title>일자리 찾기: 경비 \(3쪽\) - ", third)
    first = client.get(LIST, {"q": "경비"}).content.decode()
    assert re.search(r"<title>일자리 찾기: 경비 - ", first)


def test_segments_can_be_asked_before_the_results():
    assert JobPostingFilter({"q": "경비", "sort": "relevance"}).segments()[0].in_title is True


@pytest.mark.parametrize("page", ["1", "-7", "9999999999999", "x"])
def test_a_wrong_page_number_on_the_second_page_says_so(client, settings, postings, page):
    """Review 2 of issue 7: on a cursor page whose true number is 2, an edited ``page`` was
    corrected without a word, and so was a number too long to read."""
    settings.NJ_PAGE_SIZE = 3
    second = path_to_page(client, {"q": "경비"}, 2)
    response = client.get(second.replace("page=2", f"page={page}"))
    assert response.context["page_obj"].number == 2
    assert WRONG_NUMBER_NOTICE in response.content.decode()


def test_beyond_the_cap_a_wrong_page_number_says_so(client, settings, monkeypatch, postings):
    settings.NJ_PAGE_SIZE = 3
    monkeypatch.setattr(pages_module, "COUNT_CAP", 2)
    third = path_to_page(client, {}, 3)
    assert WRONG_NUMBER_NOTICE not in client.get(third).content.decode()
    for page in ("2", "-7", "x", "999999999"):
        response = client.get(third.replace("page=3", f"page={page}"))
        assert response.context["page_obj"].number == 3
        assert WRONG_NUMBER_NOTICE in response.content.decode()
