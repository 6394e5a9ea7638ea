"""Result pages of the posting search: a capped count, keyset ("cursor") pages, and page numbers
for the first pages.

Why (issue 7, measured over 200,000 postings): counting every match of a common keyword or of
the whole list, sorting every match to show 20, and ``OFFSET`` to reach a deep page each cost
a scan of all matching rows. Instead:

* **Capped count.** At most :data:`COUNT_CAP` + 1 matches are counted; beyond the cap the page
  says "1,000건 이상" (:attr:`ResultPage.count_capped`).
* **Segments.** Every sort order is one or more *segments*, each ordered by one column and
  ``-id`` so that an index can give the order (:class:`Segment`): relevance is the title
  matches by date, then the other matches by date; the deadline and wage orders put the rows
  without a deadline or wage in a last segment ordered by ``-id``. Together they give exactly
  the order of :meth:`JobPostingFilter.ordering` (:mod:`jobs.filters.order`).
* **Keyset pages.** "다음 쪽" and "이전 쪽" carry a cursor (``after=`` / ``before=``: segment,
  sort value and id of the last row shown), so that the 500th page costs what the second
  does. The first pages (within the cap) also answer to ``page=N`` (``OFFSET``).
* **Counts kept.** With ``counts_key`` the counts of a search are kept at the current data
  version (:mod:`jobs.page_cache`), so "다음 쪽" through a search counts it once.
* **The count chooses the plan.** With few matches (≤ the cap) the rows are collected through
  the bitmap indexes and sorted (sequential and index scans off); with many, the sort index is
  walked in order and stops after a page (sequential, bitmap and sort nodes off), which
  costs about ``page size × all rows / matches`` rows — at most a few thousand. PostgreSQL's
  own estimate cannot make this choice: for a keyword of several bigrams it multiplies their
  frequencies as if independent and expects one row where there are thousands. Counting
  chooses by an estimate of both costs (:meth:`jobs.filters.reader.SegmentReader.walk_is_cheaper`).
  The ids of the page are found first (one or two segments); its rows are then read at once by
  id (:mod:`jobs.filters.reader`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from .. import page_cache
from .order import MOST_PAGES, Cursor, Segment
from .reader import SegmentReader, search_transaction

#: Matches counted at most; more are shown as "COUNT_CAP건 이상".
COUNT_CAP = 1000


@dataclass
class ResultPage:
    """One page of results and how to reach its neighbours (the template's ``page_obj``)."""

    object_list: list
    number: int
    count: int  # matches counted, at most COUNT_CAP
    count_capped: bool  # more than COUNT_CAP matches
    num_pages: int  # pages within the count (numbered pages)
    next_cursor: str | None = None
    previous_cursor: str | None = None  # None on the second page: its previous is page 1
    has_previous: bool = False
    by_cursor: bool = False  # reached through a cursor (a "next"/"previous" link)
    segment_counts: dict = field(default_factory=dict)

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return max(1, self.number - 1)

    def next_query(self, *, numbered: bool = False) -> str:
        """``page=N&after=…`` for the "다음 쪽" link; ``numbered``: ``page=N`` alone while N is
        within the counted pages and this page was not reached by a cursor (the JSON list's
        links)."""
        if not self.next_cursor:
            return ""
        if numbered and not self.by_cursor and self.next_page_number <= self.num_pages:
            return f"page={self.next_page_number}"
        return f"page={self.next_page_number}&after={self.next_cursor}"

    def previous_query(self) -> str:
        """``page=N&before=…`` for the "이전 쪽" link (``page=1`` from the second page reached
        by number). A page reached by a cursor always goes back by its cursor, whatever its
        number says: the rows before it are the previous page."""
        if not self.has_previous:
            return ""
        if self.previous_cursor is None or (self.number <= 2 and not self.by_cursor):
            return "page=1"
        return f"page={self.previous_page_number}&before={self.previous_cursor}"


def page_number(raw: str | None) -> int | None:
    """``raw`` as a page number when it is a plain ASCII whole number, else ``None``."""
    raw = (raw or "").replace("\x00", "").strip()
    return int(raw) if re.fullmatch(r"-?[0-9]{1,12}", raw) else None


def _cursor_of(segments: list[Segment], pair: tuple[int, tuple], page: int) -> str:
    index, found = pair
    return Cursor(index, found[1] if len(found) > 1 else None, found[0], min(page, MOST_PAGES)).encode(segments)


def result_page(
    queryset: QuerySet,
    segments: list[Segment],
    *,
    terms: list[str] | None = None,
    page_size: int,
    raw_page: str | None = None,
    raw_after: str | None = None,
    raw_before: str | None = None,
    cap: int | None = None,
    counts_key: str | None = None,
) -> tuple[ResultPage, str | None]:
    """The page of ``queryset`` (filtered but for the keyword; any ordering is ignored) with
    the keyword ``terms`` (:func:`jobs.search.query_terms`) in the order of ``segments``,
    asked for by the query string's ``page``, ``after`` and ``before``, and a notice when one
    of them was not valid.

    ``after``/``before`` (a cursor of this order) win over ``page``. A cursor carries the
    number of the page it was taken from, which numbers the page it leads to; a ``page`` that
    disagrees (an edited link, or one whose parts were mixed up) only adds a notice. Without
    a cursor, ``page`` is a page number within the count (bad values give
    the first page, a number past the end the last, with a notice); a malformed or foreign
    cursor gives the first page with a notice, as does an ``after`` past the last row (a
    stale link: the rows after it closed). The number of queries does not depend on the
    page size or on how deep the page is."""
    cap = COUNT_CAP if cap is None else cap
    notice = None
    with search_transaction():
        terms = terms or []
        base = queryset.order_by()
        version = page_cache.current_version() if counts_key else None
        kept = page_cache.get_counts(counts_key)
        reader = SegmentReader(base, segments, terms, 0, cap)
        if kept is not None and kept[0] == cap:
            count, segment_counts = kept[1], dict(kept[2])
        else:
            count, segment_counts = reader.count_rows(None), {}
        capped = count > cap
        shown = min(count, cap)
        num_pages = max(1, math.ceil(shown / page_size))
        reader.count = count
        reader.counts.update(segment_counts)
        number = page_number(raw_page)
        after = Cursor.parse(raw_after, segments) if raw_after else None
        before = Cursor.parse(raw_before, segments) if raw_before and not after else None
        if (raw_after and not after) or (raw_before and not raw_after and not before):
            notice = _("요청한 쪽을 찾을 수 없어 첫 쪽을 보여 드립니다.")
            number = 1
        pairs: list[tuple[int, object]] = []
        has_previous = has_next = by_cursor = False
        if after:
            pairs = reader.forward(after, page_size + 1)
            if pairs or not count:
                has_next = len(pairs) > page_size
                has_previous = by_cursor = True
                number = min(after.page + 1, MOST_PAGES)  # the page after the link's own
            else:  # a stale or made-up cursor past the last row: the first page, said so
                notice = _("요청한 쪽 뒤에는 더 보여 드릴 결과가 없어 첫 쪽을 보여 드립니다.")
                number = 1
        elif before:
            back = reader.backward(before, page_size + 1)
            if len(back) > page_size:
                pairs = list(reversed(back[:page_size]))
                has_previous = has_next = by_cursor = True  # the page we came from is next
                number = max(2, before.page - 1)
            else:
                number = 1  # reached the start: show the first page in full
        if not by_cursor:
            if number is None or number < 1:
                if (raw_page or "").strip() and notice is None:
                    notice = _("요청한 쪽 번호가 올바르지 않아 가까운 쪽을 보여 드립니다.")
                number = 1
            elif number > num_pages:
                if notice is None:
                    notice = _("요청한 쪽 번호가 올바르지 않아 가까운 쪽을 보여 드립니다.")
                number = num_pages
            pairs = reader.forward(None, page_size + 1, offset=(number - 1) * page_size)
            has_previous = number > 1
            has_next = len(pairs) > page_size
        pairs = pairs[:page_size]
        if by_cursor and (raw_page or "").strip() and page_number(raw_page) != number and notice is None:
            # an edited link, or one whose page and cursor were mixed up: the cursor decides
            notice = _("요청한 쪽 번호가 올바르지 않아 이 쪽의 번호를 고쳐 보여 드립니다.")
        rows = reader.rows(pairs)
        if counts_key and (kept is None or reader.counts != segment_counts):
            page_cache.store_counts(counts_key, version, (cap, count, sorted(reader.counts.items())))
    page = ResultPage(
        object_list=rows,
        number=number,
        count=shown,
        count_capped=capped,
        num_pages=num_pages,
        next_cursor=_cursor_of(segments, pairs[-1], number) if has_next and pairs else None,
        previous_cursor=_cursor_of(segments, pairs[0], number) if has_previous and pairs else None,
        has_previous=has_previous,
        by_cursor=by_cursor,
        segment_counts=dict(reader.counts),
    )
    return page, notice
