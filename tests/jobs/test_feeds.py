"""Atom and RSS feeds and the JSON list of open postings for other sites."""

import datetime
import json
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from jobs.choices import PostingSource, PostingStatus, WageType
from namdong_jobs.reference.models import Dong
from tests.factories import EmployerFactory, JobPostingFactory

pytestmark = pytest.mark.django_db
KST = datetime.timezone(datetime.timedelta(hours=9))
ATOM = "{http://www.w3.org/2005/Atom}"
API = "/jobs/api/postings.json"


def parse_xml(content) -> ET.Element:
    """Parse a feed this portal produced (our own output, not untrusted input)."""
    return ET.fromstring(content)  # noqa: S314


def test_urls():
    assert reverse("jobs:feed_atom") == "/jobs/feed.atom"
    assert reverse("jobs:feed_rss") == "/jobs/feed.rss"
    assert reverse("jobs:api_postings") == API
    assert reverse("jobs:print", args=[7]) == "/jobs/7/print/"


# ---- feeds --------------------------------------------------------------------------


def test_rss_feed_items(client):
    posting = JobPostingFactory(
        title="아파트 경비원",
        employer=EmployerFactory(name="(주)남동관리"),
        dong=Dong.objects.get(name="구월1동"),
        wage_type=WageType.HOUR,
        wage_min=10_320,
        wage_max=None,
        deadline=datetime.date(2099, 12, 10),
        published_at=datetime.datetime(2026, 11, 25, 9, 30, tzinfo=KST),
    )
    JobPostingFactory(title="초안", status=PostingStatus.DRAFT)
    JobPostingFactory(title="지난 공고", deadline=datetime.date(2026, 1, 5))
    response = client.get(reverse("jobs:feed_rss"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = parse_xml(response.content).find("channel")
    items = channel.findall("item")
    assert len(items) == 1
    item = items[0]
    assert item.findtext("title") == "아파트 경비원 - (주)남동관리"
    assert item.findtext("link") == f"http://testserver/jobs/{posting.pk}/"
    assert item.findtext("guid") == f"http://testserver/jobs/{posting.pk}/"
    assert item.findtext("description") == "시급 10,320원 이상 · 남동구 구월1동 · 마감 2099년 12월 10일"
    assert item.findtext("pubDate") == "Wed, 25 Nov 2026 09:30:00 +0900"
    assert channel.findtext("language") == "ko"


def test_atom_feed_items(client):
    posting = JobPostingFactory(
        title="조리원", deadline=None, published_at=None, date_posted=datetime.date(2026, 11, 3)
    )
    response = client.get(reverse("jobs:feed_atom"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse_xml(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1
    entry = entries[0]
    assert entry.findtext(f"{ATOM}title").startswith("조리원 - ")
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver/jobs/{posting.pk}/"
    assert entry.findtext(f"{ATOM}id") == f"http://testserver/jobs/{posting.pk}/"
    assert entry.findtext(f"{ATOM}published") == "2026-11-03T00:00:00+09:00"
    assert "채용 시까지" in entry.findtext(f"{ATOM}summary")


def test_feeds_hold_the_50_newest_open_postings(client):
    old = JobPostingFactory(date_posted=datetime.date(2026, 1, 1), deadline=None)
    JobPostingFactory.create_batch(50, deadline=None)
    for name in ("jobs:feed_rss", "jobs:feed_atom"):
        content = client.get(reverse(name)).content.decode()
        assert content.count("<item>") + content.count("<entry>") == 50
        assert f"/jobs/{old.pk}/<" not in content


def test_feed_text_is_escaped(client):
    JobPostingFactory(title="<script>alert(1)</script> & 모집")
    content = client.get(reverse("jobs:feed_rss")).content.decode()
    assert "<script>" not in content
    assert parse_xml(content).find("channel/item").findtext("title").startswith("<script>alert(1)</script> & 모집")


# ---- JSON -----------------------------------------------------------------------------


def get_json(client, params=None, url=API):
    response = client.get(url, params or {})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    return json.loads(response.content.decode("utf-8")), response


def test_json_item_shape(client):
    posting = JobPostingFactory(
        title="요양보호사 모집",
        employer=EmployerFactory(name="늘푸른요양원"),
        dong=Dong.objects.get(name="구월1동"),
        employment_type="part_time",
        wage_type=WageType.MONTH,
        wage_min=2_500_000,
        wage_max=3_000_000,
        deadline=datetime.date(2099, 12, 10),
        date_posted=datetime.date(2026, 11, 25),
    )
    data, response = get_json(client)
    assert "요양보호사" in response.content.decode("utf-8")  # ensure_ascii=False
    assert data["count"] == 1 and data["page"] == 1 and data["next"] is None and data["previous"] is None
    assert data["notices"] == []
    assert data["results"] == [
        {
            "id": posting.pk,
            "url": f"http://testserver/jobs/{posting.pk}/",
            "title": "요양보호사 모집",
            "employer": {"name": "늘푸른요양원"},
            "dong": {"code": "2820051000", "name": "구월1동"},
            "occupation": {"code": "890", "name": posting.occupation.name},
            "employment_type": {"code": "part_time", "label": "시간제", "schema_org": "PART_TIME"},
            "wage": {
                "type": "MONTH",
                "min": 2_500_000,
                "max": 3_000_000,
                "hourly": 11_961,
                "currency": "KRW",
                "display": "월급 250만원 ~ 300만원",
            },
            "deadline": "2099-12-10",
            "date_posted": "2026-11-25",
            "source": "direct",
            "source_credit": "",
        }
    ]


def test_json_without_wage_deadline_or_dong(client):
    JobPostingFactory(
        wage_type="",
        wage_min=None,
        wage_max=None,
        deadline=None,
        dong=None,
        occupation=None,
        employment_type="",
        source=PostingSource.WORK24,
        external_id="w1",
    )
    item = get_json(client)[0]["results"][0]
    assert item["wage"] is None and item["deadline"] is None and item["dong"] is None
    assert item["occupation"] is None and item["employment_type"] is None
    assert item["source"] == "work24" and item["source_credit"] == "고용24"


def test_json_lists_open_postings_only_newest_first(client):
    new = JobPostingFactory(date_posted=datetime.date(2026, 11, 20))
    old = JobPostingFactory(date_posted=datetime.date(2026, 10, 1))
    JobPostingFactory(status=PostingStatus.DRAFT)
    JobPostingFactory(status=PostingStatus.CLOSED)
    JobPostingFactory(deadline=datetime.date(2026, 1, 5))
    data, _ = get_json(client)
    assert [r["id"] for r in data["results"]] == [new.pk, old.pk]
    data, _ = get_json(client, {"closed": "1"})
    assert data["count"] == 2
    assert any("closed" in n for n in data["notices"])


def test_json_pagination_with_next_and_previous_keeping_filters(client):
    guwol = Dong.objects.get(name="구월1동")
    JobPostingFactory.create_batch(51, title="경비원", dong=guwol)
    JobPostingFactory(title="청소원", dong=guwol)
    data, _ = get_json(client, {"q": "경비", "dong": guwol.code})
    assert data["count"] == 51 and data["num_pages"] == 2 and len(data["results"]) == 50
    assert data["previous"] is None
    next_url = urlsplit(data["next"])
    assert next_url.path == API
    assert parse_qs(next_url.query) == {"q": ["경비"], "dong": [guwol.code], "page": ["2"]}
    data2, _ = get_json(client, parse_qs(next_url.query))
    assert len(data2["results"]) == 1 and data2["next"] is None
    assert parse_qs(urlsplit(data2["previous"]).query)["page"] == ["1"]
    ids = [r["id"] for r in data["results"] + data2["results"]]
    assert len(set(ids)) == 51


def test_json_accepts_the_search_filters(client):
    hit = JobPostingFactory(title="경비원", wage_type=WageType.HOUR, wage_min=12_000, wage_max=None, shifts=["night"])
    JobPostingFactory(title="경비원", wage_type=WageType.HOUR, wage_min=10_320, wage_max=None)
    data, _ = get_json(client, {"q": "경비", "wage": "11000", "shift": "night", "sort": "wage"})
    assert [r["id"] for r in data["results"]] == [hit.pk]


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "-1"},
        {"page": "999"},
        {"dong": "9999999999"},
        {"occupation": "zz"},
        {"wage": "-1"},
        {"wage": "1" * 40},
        {"posted_within": "-3"},
        {"sort": "DROP TABLE"},
        {"q": "가" * 10_000},
        {"q": "\x00%"},
        {"employment_type": "boss"},
    ],
)
def test_json_bad_params_are_listed_in_notices(client, params):
    JobPostingFactory()
    data, _ = get_json(client, params)
    assert data["notices"], params
    assert data["count"] == 1 or "q" in params


def test_json_drops_nul_bytes_with_one_notice(client):
    # NUL bytes used to be dropped silently; now the list says so, once
    JobPostingFactory()
    data, _ = get_json(client, {"q": "\x00", "dong": "\x00"})
    assert data["count"] == 1 and data["notices"] == ["입력할 수 없는 문자를 빼고 검색했습니다."]


def test_json_is_not_writable(client):
    assert client.post(API, {}).status_code == 405
