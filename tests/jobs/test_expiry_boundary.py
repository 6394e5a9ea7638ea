"""A posting with deadline D is listed everywhere until D 23:59:59 KST and nowhere from
D+1 00:00 KST, whether or not the expiry task has run; its page then says 마감 and offers no
way to apply."""

import datetime
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from jobs.choices import PostingStatus
from jobs.services import postings_expire
from tests.factories import JobPostingFactory

pytestmark = pytest.mark.django_db
KST = ZoneInfo("Asia/Seoul")
DEADLINE = datetime.date(2026, 12, 10)
LAST_SECOND = datetime.datetime(2026, 12, 10, 23, 59, 59, tzinfo=KST)
NEXT_DAY = datetime.datetime(2026, 12, 11, 0, 0, 1, tzinfo=KST)


@pytest.fixture
def posting():
    return JobPostingFactory(
        title="마감 경계 공고",
        description="경비 업무",
        deadline=DEADLINE,
        date_posted=datetime.date(2026, 12, 1),
        apply_methods=["online", "phone"],
        contact_phone="032-000-1234",
    )


def where_listed(client, posting) -> dict[str, bool]:
    marker = f"/jobs/{posting.pk}/"
    home = client.get("/")
    listing = client.get(reverse("jobs:list"))
    search = client.get(reverse("jobs:list"), {"q": "경비", "sort": "deadline", "closing_within": "0"})
    rss = client.get(reverse("jobs:feed_rss"))
    atom = client.get(reverse("jobs:feed_atom"))
    api = json.loads(client.get(reverse("jobs:api_postings")).content)
    return {
        "home": posting in home.context["latest"],
        "home_count": home.context["counts"]["open"] == 1,
        "list": posting in list(listing.context["postings"]),
        "search": posting in list(search.context["postings"]),
        "rss": marker in rss.content.decode(),
        "atom": marker in atom.content.decode(),
        "api": [r["id"] for r in api["results"]] == [posting.pk],
    }


def test_listed_everywhere_through_the_last_second_of_the_deadline_day(client, posting):
    with time_machine.travel(LAST_SECOND, tick=False):
        assert where_listed(client, posting) == dict.fromkeys(where_listed(client, posting), True)
        html = client.get(posting.get_absolute_url()).content.decode()
        assert "오늘 마감" in html and "접수 방법" in html


@pytest.mark.parametrize("expiry_ran", [False, True])
def test_gone_from_every_list_just_after_midnight(client, posting, expiry_ran):
    with time_machine.travel(NEXT_DAY, tick=False):
        if expiry_ran:
            assert postings_expire() == 1
            posting.refresh_from_db()
            assert posting.status == PostingStatus.EXPIRED
        else:
            assert posting.status == PostingStatus.PUBLISHED
        assert where_listed(client, posting) == dict.fromkeys(where_listed(client, posting), False)
        # still reachable, as 마감, with no way to apply
        response = client.get(posting.get_absolute_url())
        assert response.status_code == 200
        html = response.content.decode()
        assert "마감된 공고입니다." in html
        assert "접수 방법" not in html and "온라인으로 지원" not in html and "tel:032-000-1234" not in html
        assert "application/ld+json" not in html
        printed = client.get(reverse("jobs:print", args=[posting.pk])).content.decode()
        assert "마감된 공고입니다." in printed and "032-000-1234" not in printed
        # listed as 마감 only when closed postings are asked for
        listing = client.get(reverse("jobs:list"), {"closed": "1"})
        assert posting in list(listing.context["postings"])
        assert "badge-closed" in listing.content.decode()


def test_the_boundary_is_kst_not_utc(client, posting):
    # 2026-12-10 15:30 UTC is already 2026-12-11 00:30 in Seoul
    with time_machine.travel(datetime.datetime(2026, 12, 10, 15, 30, tzinfo=datetime.UTC), tick=False):
        assert not any(where_listed(client, posting).values())
    # 2026-12-10 14:59 UTC is 23:59 in Seoul
    with time_machine.travel(datetime.datetime(2026, 12, 10, 14, 59, tzinfo=datetime.UTC), tick=False):
        assert all(where_listed(client, posting).values())
