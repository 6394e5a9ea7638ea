"""Every list page runs a number of queries that does not grow with the page size or with how
deep the page is (issue 7 item 4): the same searches with 3 and with 30 postings, at a page
size of 5 and of 25, and the second page against a deep one reached by "다음 쪽"."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobs.choices import PostingStatus
from namdong_jobs.reference.models import Dong, Occupation
from tests.factories import (
    CertificationFactory,
    EmployerFactory,
    JobPostingFactory,
    SeekerProfileFactory,
)

pytestmark = pytest.mark.django_db

LIST = "/jobs/"

#: Searches of every kind: plain list, keywords of 1, 2 and more characters, filters, every
#: sort order, closed postings, the JSON list.
SEARCHES = [
    {},
    {"q": "차"},
    {"q": "경비"},
    {"q": "아파트 경비원"},
    {"q": "경비", "sort": "relevance"},
    {"sort": "deadline"},
    {"sort": "wage"},
    {"q": "원", "sort": "newest"},
    {"dong": "2820051000", "employment_type": "part_time"},
    {"occupation": "5", "shift": "night", "wage": "11000"},
    {"priority": "older", "company_type": "social"},
    {"closed": "true"},
    {"posted_within": "7", "closing_within": "30"},
]


def queries(client, url, params=None) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def make_postings(n: int) -> None:
    guwol = Dong.objects.get(name="구월1동")
    employer = EmployerFactory()
    CertificationFactory(employer=employer)
    care = Occupation.objects.get(code="550")
    for i in range(n):
        JobPostingFactory(
            title=["아파트 경비원 모집", "지게차 운전원", "요양보호사 (주간)"][i % 3],
            description="경비 업무와 주차 관리. 지게차 면허 우대.",
            dong=guwol if i % 2 else Dong.objects.get(name="만수1동"),
            employer=employer if i % 4 == 0 else EmployerFactory(),
            occupation=care if i % 5 == 0 else Occupation.objects.get(code="890"),
            employment_type="part_time" if i % 3 == 0 else "regular",
            shifts=["night"] if i % 2 else ["day"],
            priority_groups=["older"] if i % 2 else [],
            wage_type="HOUR",
            wage_min=11_000 + i * 10,
            wage_max=None,
            **({"deadline": None} if i % 7 == 0 else {}),
        )


#: Most queries a result page runs: a savepoint or transaction and the page's planner
#: settings; the capped count of the result and of each of at most two segments of the order
#: (each: planner settings, the estimate, planner settings again when it walks, the count);
#: reading the ids of one or two segments (planner settings, then the ids — on a keyset page
#: the ids tied with the cursor, then beyond); the page's rows by id; the settings put back.
#: None of it depends on the page size or on how deep the page is.
MAX_QUERIES = 22


def row_reads(sql: list[str]) -> list[str]:
    """Reads of postings (ids and sort keys, or whole rows), not counts or settings."""
    return [q for q in sql if q.startswith("SELECT") and "COUNT(*)" not in q and "set_config" not in q]


def full_reads(sql: list[str]) -> list[str]:
    """Reads of whole list rows (the title and the joined employer), not only ids and keys."""
    return [q for q in row_reads(sql) if '"jobs_jobposting"."title"' in q.split(" FROM ")[0]]


@pytest.mark.parametrize("params", SEARCHES)
def test_list_queries_do_not_grow_with_postings_or_page_size(client, settings, params):
    make_postings(3)
    queries(client, LIST, params)  # reference data and statistics are kept after the first page
    settings.NJ_PAGE_SIZE = 5
    few = queries(client, LIST, params)
    make_postings(30)
    many = queries(client, LIST, params)
    settings.NJ_PAGE_SIZE = 25
    large = queries(client, LIST, params)
    for sql in (few, many, large):
        assert len(sql) <= MAX_QUERIES, sql
        # the ids are read a segment at a time, then the page's rows at once with their
        # employer, dong and occupation joined: nothing is read per posting
        assert len(row_reads(sql)) <= 3, row_reads(sql)
        assert len(full_reads(sql)) <= 1, full_reads(sql)
        assert all('FROM "jobs_jobposting"' in q for q in row_reads(sql))
    if not params.get("q") and params.get("sort") not in ("deadline", "wage"):  # one segment
        if row_reads(few) or not row_reads(many):
            assert len(few) == len(many) == len(large)  # always the same queries
        else:
            assert len(few) < len(many) == len(large)  # nothing matched: nothing was read


@pytest.mark.parametrize("params", SEARCHES)
def test_list_queries_are_bounded_on_every_path(client, settings, monkeypatch, params):
    """With the cap at one match and every count walking: the longest way through a page."""
    from jobs.filters import pages, reader

    monkeypatch.setattr(pages, "COUNT_CAP", 1)
    monkeypatch.setattr(reader, "WALK_BIAS", 10**9)
    monkeypatch.setattr(reader, "WALK_FILTER_SHARE", 0)
    settings.NJ_PAGE_SIZE = 3
    make_postings(12)
    queries(client, LIST, params)
    html = client.get(LIST, params).content.decode()
    first = queries(client, LIST, params)
    assert len(first) <= MAX_QUERIES and len(row_reads(first)) <= 3 and len(full_reads(first)) <= 1, first
    match = re.search(r'<a href="([^"]+)" rel="next">', html)
    if match:
        deeper = queries(client, "/jobs/" + unescape(match.group(1)))
        assert len(deeper) <= MAX_QUERIES and len(row_reads(deeper)) <= 5 and len(full_reads(deeper)) <= 1, deeper


def test_deep_page_runs_the_queries_of_the_second(client, settings):
    settings.NJ_PAGE_SIZE = 2
    make_postings(30)
    queries(client, LIST)
    html = client.get(LIST).content.decode()
    second = "/jobs/" + unescape(re.search(r'<a href="([^"]+)" rel="next">', html).group(1))
    path = second
    for _ in range(8):  # follow "다음 쪽" to the 10th page
        html = client.get(path).content.decode()
        path = "/jobs/" + unescape(re.search(r'<a href="([^"]+)" rel="next">', html).group(1))
    assert "page=10" in path
    assert len(queries(client, path)) == len(queries(client, second))


def test_home_queries_do_not_grow(client):
    make_postings(3)
    counted = queries(client, "/")  # counts (kept a minute, forgotten when a posting is saved)
    few = queries(client, "/")
    make_postings(30)
    assert len(queries(client, "/")) == len(counted) == 4
    many = queries(client, "/")
    assert len(few) == len(many) == 1, many  # the 8 latest postings


def test_reference_data_is_read_once(client):
    make_postings(3)
    first = queries(client, LIST)
    again = queries(client, LIST)

    def reads(sql, table):
        return [q for q in sql if q.split(" FROM ", 1)[-1].startswith(f'"{table}"')]

    assert reads(first, "reference_dong") and reads(first, "reference_occupation")
    assert not reads(again, "reference_dong") and not reads(again, "reference_occupation")
    assert len(again) < len(first)


def test_json_list_queries_do_not_grow(client):
    make_postings(3)
    queries(client, "/jobs/api/postings.json", {"q": "경비"})  # statistics are kept after the first
    few = queries(client, "/jobs/api/postings.json", {"q": "경비"})
    make_postings(30)
    assert len(queries(client, "/jobs/api/postings.json", {"q": "경비"})) == len(few)


def test_detail_queries_are_bounded(client):
    employer = EmployerFactory()
    CertificationFactory.create_batch(3, employer=employer)
    posting = JobPostingFactory(employer=employer)
    assert len(queries(client, posting.get_absolute_url())) <= 3


def test_list_rows_do_not_load_descriptions(client):
    """A result list shows no description: the long texts and search arrays stay unread
    (``JobPostingQuerySet.for_search``), and no row loads them afterwards."""
    make_postings(5)
    queries(client, LIST)
    sql = queries(client, LIST, {"q": "경비"})
    rows = full_reads(sql)
    assert rows and not any('"jobs_jobposting"."description"' in q.split(" FROM ")[0] for q in rows)
    assert not any('"jobs_jobposting"."search_bigrams"' in q.split(" FROM ")[0] for q in rows)


def test_seeker_signed_in_list_queries_do_not_grow(client):
    """Signed in, the header adds its own few queries; they do not grow either."""
    profile = SeekerProfileFactory()
    client.force_login(profile.user)
    make_postings(3)
    queries(client, LIST, {"q": "경비"})
    few = queries(client, LIST, {"q": "경비"})
    make_postings(30)
    JobPostingFactory(title="작성 중", status=PostingStatus.DRAFT)
    assert len(queries(client, LIST, {"q": "경비"})) == len(few)
