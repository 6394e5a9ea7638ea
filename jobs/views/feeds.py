"""Open postings for other sites: Atom and RSS feeds (``django.contrib.syndication``) and a
paginated JSON list. Only open postings (``JobPosting.objects.open()``): a feed never offers
an expired posting, whether or not the expiry task has run. Every text of a feed goes
through :func:`feed_text`, so that no stored character XML 1.0 cannot hold fails the feed."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, JsonResponse
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from namdong_jobs.text import tidy_text

from .. import page_cache
from ..choices import EMPLOYMENT_TYPE_SCHEMA_ORG, EmploymentType, PostingSource
from ..filters import JobPostingFilter
from ..filters.pages import result_page
from ..models import JobPosting

KST = ZoneInfo("Asia/Seoul")
#: Postings in a feed.
FEED_SIZE = 50
#: Postings per page of the JSON list.
API_PAGE_SIZE = 50
#: Characters XML 1.0 cannot hold that :func:`tidy_text` leaves (the noncharacters U+FFFE, U+FFFF).
_XML_NONCHARACTERS = str.maketrans("", "", "\ufffe\uffff")


def feed_text(value: str) -> str:
    """``value`` as one line of text a feed (XML 1.0) can hold: control and zero-width
    characters removed (:func:`namdong_jobs.text.tidy_text`), line breaks made spaces, and
    U+FFFE/U+FFFF removed. ``feed_text("경비\\x0b원\\x1f")`` → ``"경비원"``. Rows stored before
    the forms tidied their text may hold such characters; Django's feed generator would
    refuse them with a 500."""
    return tidy_text(str(value or ""), multiline=False).translate(_XML_NONCHARACTERS)


def feed_description(posting: JobPosting) -> str:
    """A short plain-text line for a feed item: wage, workplace dong and deadline, e.g.
    ``"월급 250만원 ~ 300만원 · 남동구 구월1동 · 마감 2026년 12월 10일"``."""
    parts = [posting.wage_display]
    if posting.dong_id:
        parts.append(_("남동구 %(dong)s") % {"dong": posting.dong.name})
    elif posting.location_text or posting.address:
        parts.append(posting.location_text or posting.address)
    if posting.deadline:
        d = posting.deadline
        parts.append(_("마감 %(y)d년 %(m)d월 %(d)d일") % {"y": d.year, "m": d.month, "d": d.day})
    else:
        parts.append(_("채용 시까지"))
    return " · ".join(parts)


class LatestPostingsRssFeed(Feed):
    """``/jobs/feed.rss``: the ``FEED_SIZE`` newest open postings (RSS 2.0). Item title
    "<title> - <employer>", link the detail page, description :func:`feed_description`,
    publication time ``published_at`` in KST (else the posting date at 00:00 KST), guid the
    detail URL."""

    feed_type = Rss201rev2Feed
    title = gettext_lazy("남동구 일자리인력은행 새 일자리")
    link = reverse_lazy("jobs:list")
    description = gettext_lazy("인천 남동구 일자리인력은행에 새로 올라온 모집 중인 일자리")
    language = "ko"

    def items(self):
        return list(JobPosting.objects.open().for_search().order_by("-date_posted", "-id")[:FEED_SIZE])

    def item_title(self, item: JobPosting) -> str:
        return f"{feed_text(item.title)} - {feed_text(item.employer.name)}"

    def item_description(self, item: JobPosting) -> str:
        return feed_text(feed_description(item))

    def item_link(self, item: JobPosting) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: JobPosting) -> datetime.datetime:
        if item.published_at:
            return timezone.localtime(item.published_at)
        return datetime.datetime.combine(item.date_posted, datetime.time(), tzinfo=KST)

    def item_updateddate(self, item: JobPosting) -> datetime.datetime:
        return timezone.localtime(item.updated_at) if item.updated_at else self.item_pubdate(item)

    def item_author_name(self, item: JobPosting) -> str:
        return feed_text(item.employer.name)

    def item_categories(self, item: JobPosting) -> list[str]:
        return [feed_text(item.occupation.name)] if item.occupation_id else []


class LatestPostingsAtomFeed(LatestPostingsRssFeed):
    """``/jobs/feed.atom``: the same items as an Atom 1.0 feed (``subtitle`` is the RSS
    description)."""

    feed_type = Atom1Feed
    subtitle = LatestPostingsRssFeed.description


def posting_json(posting: JobPosting, request: HttpRequest) -> dict[str, Any]:
    """One posting of the JSON list. Money is whole KRW (``wage.hourly`` per hour, converted);
    dates are KST ``YYYY-MM-DD``; codes are ours (``employment_type.code``) with the
    schema.org value beside them."""
    wage = None
    if posting.wage_type:
        wage = {
            "type": posting.wage_type,
            "min": posting.wage_min,
            "max": posting.wage_max,
            "hourly": posting.wage_hourly,
            "currency": "KRW",
            "display": posting.wage_display,
        }
    employment_type = None
    if posting.employment_type in EmploymentType.values:
        employment_type = {
            "code": posting.employment_type,
            "label": _(EmploymentType(posting.employment_type).label),
            "schema_org": EMPLOYMENT_TYPE_SCHEMA_ORG[posting.employment_type],
        }
    return {
        "id": posting.pk,
        "url": request.build_absolute_uri(posting.get_absolute_url()),
        "title": posting.title,
        "employer": {"name": posting.employer.name},
        "dong": {"code": posting.dong_id, "name": posting.dong.name} if posting.dong_id else None,
        "occupation": (
            {"code": posting.occupation_id, "name": posting.occupation.name} if posting.occupation_id else None
        ),
        "employment_type": employment_type,
        "wage": wage,
        "deadline": posting.deadline.isoformat() if posting.deadline else None,
        "date_posted": posting.date_posted.isoformat(),
        "source": posting.source,
        "source_credit": posting.source_credit if posting.source != PostingSource.DIRECT else "",
    }


class PostingListApiView(View):
    """``/jobs/api/postings.json``: open postings as JSON, newest first, ``API_PAGE_SIZE`` a
    page. Accepts the parameters of :class:`jobs.filters.JobPostingFilter` except ``closed``
    (this list holds open postings only) and ``page``. Answers::

        {"count": 123, "count_capped": false, "page": 1, "num_pages": 3, "page_size": 50,
         "next": "https://…?page=2", "previous": null,
         "notices": ["알 수 없는 행정동 코드는 빼고 검색했습니다."],
         "results": [{"id": 1, "url": …, "title": …, …}, …],
         "generated_at": "2026-12-10T23:59:59+09:00"}

    ``count`` counts at most 1,000 matches (``count_capped`` true: more); ``next`` is a page
    number within them and a cursor (``after=``) beyond, as on the search page
    (:mod:`jobs.filters.pages`). Bad parameters never fail the request: they are ignored and
    listed in ``notices``.
    ``Content-Type: application/json; charset=utf-8``; any site may read it (CORS ``*``).
    """

    def get(self, request: HttpRequest, *args, **kwargs) -> JsonResponse:
        params = request.GET.copy()
        notices: list[str] = []
        if params.pop("closed", None):
            notices.append(_("이 목록은 모집 중인 공고만 보여 줍니다: 'closed' 값은 무시했습니다."))
        filterset = JobPostingFilter(params, queryset=JobPosting.objects.for_search())
        query = filterset.querystring()
        page, page_notice = result_page(
            filterset.queryset_without_keyword(),
            filterset.segments(),
            terms=filterset.terms,
            page_size=API_PAGE_SIZE,
            raw_page=request.GET.get("page"),
            raw_after=request.GET.get("after"),
            raw_before=request.GET.get("before"),
            counts_key=page_cache.counts_key("api|" + query),
        )
        notices = [*filterset.notices, *notices, *([page_notice] if page_notice else [])]
        base = request.build_absolute_uri(reverse("jobs:api_postings"))

        def page_url(page_query: str) -> str:
            return f"{base}?{query + '&' if query else ''}{page_query}"

        data = {
            "count": page.count,
            "count_capped": page.count_capped,
            "page": page.number,
            "num_pages": page.num_pages,
            "page_size": API_PAGE_SIZE,
            "next": page_url(page.next_query(numbered=True)) if page.has_next else None,
            "previous": page_url(page.previous_query()) if page.has_previous else None,
            "notices": notices,
            "results": [posting_json(p, request) for p in page.object_list],
            "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        }
        response = JsonResponse(
            data, json_dumps_params={"ensure_ascii": False}, content_type="application/json; charset=utf-8"
        )
        response["Access-Control-Allow-Origin"] = "*"
        return response
