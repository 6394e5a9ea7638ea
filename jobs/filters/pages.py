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
  the order of :meth:`JobPostingFilter.ordering`.
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
  chooses by an estimate of both costs (:meth:`_Reader.walk_is_cheaper`). The ids of the page
  are found first (one or two segments); its rows are then read at once by id.

Settings are changed with ``set_config(…, true)`` inside one transaction per page (and put back
when that transaction is nested in another).
"""

from __future__ import annotations

import datetime
import json
import math
import re
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from .. import cached, page_cache, search
from ..models.postings import keyword_match, title_match

#: Matches counted at most; more are shown as "COUNT_CAP건 이상".
COUNT_CAP = 1000

#: Planner settings per way of reading a segment (see the module docstring).
WALK = {"enable_seqscan": "off", "enable_bitmapscan": "off", "enable_sort": "off", "enable_incremental_sort": "off"}
#: Collecting and counting through bitmaps, never a sequential scan that would check the
#: out-of-line search arrays row by row (the planner does not count that cost: 60 ms for 요양).
COLLECT = {"enable_seqscan": "off", "enable_indexscan": "off", "enable_indexonlyscan": "off"}
#: Collecting without a keyword: a sequential scan is allowed. Otherwise a filter without an
#: index of its own (employment type) is answered by a bitmap of a whole partial keyword
#: index standing for "published" (180 ms for part-time jobs).
COLLECT_FILTERS = {"enable_indexscan": "off", "enable_indexonlyscan": "off"}
MODES = {"walk": WALK, "collect": COLLECT, "collect_filters": COLLECT_FILTERS}
#: With a keyword, counting or reading walks an order's index when that is expected to cost
#: less than collecting through the keyword index (:meth:`_Reader.walk_is_cheaper`). The
#: costs, in µs, measured with ``EXPLAIN ANALYZE`` over the 200,000 postings of
#: ``bench/generate_city.py`` on this 2-core machine (issue 7): meeting a row in an index walk
#: and checking the cheap filters; ``LIKE`` on a row's text (about 700 bytes) and on a title;
#: an entry of a keyword index put in a bitmap; reading and checking a row the bitmap found.
#: E.g. 원 (95 % of postings): walking 1,500 rows, 3 ms, against a bitmap of 190,000 entries,
#: 13 ms; 조리 (8 %): walking 8,500 rows, 20 ms, against collecting 5 ms.
WALK_ROW_US = 0.5
LIKE_ROW_US = 2.4
LIKE_TITLE_US = 0.3
BITMAP_ENTRY_US = 0.055
HEAP_ROW_US = 3.0
#: Walk when its cost is below collecting's times this (tests force either way with it).
WALK_BIAS = 1.0
#: Without a keyword, a count walks when PostgreSQL expects more than this share of the table
#: to match: the filters are cheap to check row by row, and the rows a walk meets are the
#: newest, mostly open, postings.
WALK_FILTER_SHARE = 0.08
#: For the whole page: no JIT and no parallel workers (a search is a few short queries;
#: compiling them or starting workers costs more than it saves).
PAGE = {"jit": "off", "max_parallel_workers_per_gather": "0"}
#: Every setting changed here.
CHANGED = (*PAGE, *WALK, *COLLECT)

_CURSOR = re.compile(r"([0-9a-z]{2})-([0-9])\.(n|[0-9]{1,10})\.([0-9]{1,18})")
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def order_tag(segments: list[Segment]) -> str:
    """Two characters naming the sort order of ``segments`` (their keys, directions and
    parts; not the filters), put in front of its cursors: a cursor of another order, whose
    values have the same shape (a date of posting read as a deadline), is refused instead of
    silently placing the page somewhere else."""
    shape = "|".join(f"{s.key}:{s.descending}:{s.is_date}:{s.null}:{s.in_title}" for s in segments)
    number = zlib.crc32(shape.encode()) % (36 * 36)
    return _BASE36[number // 36] + _BASE36[number % 36]


@dataclass(frozen=True)
class Segment:
    """Part of a sort order: rows ordered by ``key`` (ascending unless ``descending``;
    ``None``: by ``-id`` only), then ``-id``.

    Which rows: those whose ``key`` is not NULL (the rows with a NULL key make a later
    segment with ``null=<field>``); with a keyword, those matching it (:func:`keyword_match`),
    and for a relevance order (``in_title`` set) those with (``True``) or without (``False``)
    every word in the title (:func:`title_match`)."""

    key: str | None
    descending: bool = True
    is_date: bool = False
    null: str | None = None
    in_title: bool | None = None
    extra: Q | None = None  # a condition the other filters imply, as an index range

    def condition(self, terms: list[str], *, indexed: bool) -> Q:
        """The segment's rows: ``indexed`` for GIN indexes (collecting, counting), else for
        checking rows met in an index walk (see :func:`keyword_match`)."""
        condition = Q()
        if self.key and self.key != "date_posted":
            condition &= Q(**{f"{self.key}__isnull": False})
        if self.null:
            condition &= Q(**{f"{self.null}__isnull": True})
        if self.extra is not None:
            condition &= self.extra
        if not terms:
            return condition
        if self.in_title:  # every word in the title: in the text too
            return condition & title_match(terms, indexed=indexed)
        condition &= keyword_match(terms, indexed=indexed)
        if self.in_title is False:
            condition &= ~title_match(terms, indexed=False)
        return condition

    def ordering(self, *, reverse: bool = False) -> list[str]:
        """``order_by`` arguments, or their reverse (for a "previous page" read backwards)."""
        ordering = []
        if self.key:
            ordering.append(self.key if self.descending == reverse else f"-{self.key}")
        ordering.append("id" if reverse else "-id")
        return ordering

    def tie(self, value, pk: int, *, reverse: bool = False) -> Q:
        """Rows after (``reverse``: before) the row (``value``, ``pk``) with the same key."""
        same = Q(**{self.key: value}) if self.key else Q()
        return same & (Q(id__gt=pk) if reverse else Q(id__lt=pk))

    def beyond(self, value, *, reverse: bool = False) -> Q | None:
        """Rows whose key comes after (``reverse``: before) ``value`` (``None`` without a key)."""
        if not self.key:
            return None
        later = self.descending != reverse
        return Q(**{f"{self.key}__{'lt' if later else 'gt'}": value})

    def after(self, value, pk: int, *, reverse: bool = False) -> Q:
        """Every row after (``reverse``: before) the row (``value``, ``pk``) in this order."""
        beyond = self.beyond(value, reverse=reverse)
        tie = self.tie(value, pk, reverse=reverse)
        return tie if beyond is None else beyond | tie

    def key_columns(self) -> tuple[str, ...]:
        """What a read of this segment fetches per row: the id, and the key if any."""
        return ("pk", self.key) if self.key else ("pk",)


@dataclass(frozen=True)
class Cursor:
    """A position in a result: the segment, the sort value and the id of a row."""

    segment: int
    value: datetime.date | int | None
    pk: int

    def encode(self, segments: list[Segment]) -> str:
        """The cursor as the order ``segments`` writes it (:func:`order_tag`, then segment,
        value, id): ``"k7-0.20261130.123"`` (date), ``"3q-0.10320.77"`` (wage), ``"3q-1.n.45"``
        (no key)."""
        if self.value is None:
            value = "n"
        elif isinstance(self.value, datetime.date):
            value = self.value.strftime("%Y%m%d")
        else:
            value = str(self.value)
        return f"{order_tag(segments)}-{self.segment}.{value}.{self.pk}"

    @classmethod
    def parse(cls, raw: str | None, segments: list[Segment]) -> Cursor | None:
        """The cursor in ``raw``, or ``None`` when it is missing or is not one of ``segments``'
        (a cursor of another sort order, an edited or truncated one)."""
        match = _CURSOR.fullmatch((raw or "").strip())
        if not match or match[1] != order_tag(segments):
            return None
        index, value, pk = int(match[2]), match[3], int(match[4])
        if index >= len(segments) or pk > 2**63 - 1:
            return None
        segment = segments[index]
        if segment.key is None:
            return cls(index, None, pk) if value == "n" else None
        if value == "n":
            return None
        if segment.is_date:
            try:
                return cls(index, datetime.datetime.strptime(value, "%Y%m%d").date(), pk)
            except ValueError:
                return None
        number = int(value)
        return cls(index, number, pk) if number <= 2**31 - 1 else None


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
        """``page=N&before=…`` for the "이전 쪽" link (``page=1`` for the first page)."""
        if not self.has_previous:
            return ""
        if self.previous_cursor is None or self.number <= 2:
            return "page=1"
        return f"page={self.previous_page_number}&before={self.previous_cursor}"


def count_capped(queryset: QuerySet, cap: int = COUNT_CAP) -> int:
    """Rows of ``queryset``, counting at most ``cap`` + 1."""
    return queryset.order_by().values("pk")[: cap + 1].count()


def keyword_share(terms: list[str], *, in_title: bool = False) -> float:
    """The share of postings a keyword may match at most (``in_title``: in their titles):
    that of its rarest bigram or character in PostgreSQL's statistics of the arrays (``0``
    when one is rarer than every listed one; ``1`` without a keyword). PostgreSQL's own
    estimate multiplies the shares of the bigrams, and of ``LIKE``, as if they were
    independent, and for a phrase of common words (4대보험 가입: 109,000 postings) expects a
    few thousand rows."""
    if not terms:
        return 1.0
    text = " ".join(terms)
    if in_title:
        titles = cached.element_frequencies("title_grams")
        shares = [titles.get(gram, 0.0) for gram in search.title_grams(text)]
    else:
        bigrams = cached.element_frequencies("search_bigrams")
        chars = cached.element_frequencies("search_chars")
        shares = [bigrams.get(gram, 0.0) for gram in search.bigrams(text)]
        shares += [chars.get(term, 0.0) for term in terms if len(term) == 1]
    return min(shares) if shares else 1.0


def estimated_rows(queryset: QuerySet) -> float:
    """PostgreSQL's estimate of the rows of ``queryset`` (``EXPLAIN``, nothing run; kept in
    the process for the same SQL and parameters, :func:`jobs.cached.planner_estimate`). The
    estimate does not depend on the planner settings of :data:`MODES`."""
    try:
        sql, params = queryset.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # a filter that can match nothing (queryset.none())
        return 0.0

    def explain() -> float:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        return float(plan[0]["Plan"]["Plan Rows"])

    return cached.planner_estimate(sql, repr(params), explain)


def page_number(raw: str | None) -> int | None:
    """``raw`` as a page number when it is a plain ASCII whole number, else ``None``."""
    raw = (raw or "").replace("\x00", "").strip()
    return int(raw) if re.fullmatch(r"-?[0-9]{1,12}", raw) else None


class _Reader:
    """Reads the rows of one result within one transaction, choosing the plan per segment."""

    def __init__(self, base: QuerySet, segments: list[Segment], terms: list[str], count: int, cap: int):
        self.base = base
        self.segments = segments
        self.terms = terms
        self.count = count
        self.cap = cap
        self.counts: dict[int, int] = {}
        self.estimates: dict[int | None, bool] = {}
        self.mode: str | None = "collect"  # as _search_transaction sets it

    def use(self, mode: str) -> None:
        """Planner settings for reading or counting a segment (``walk``, ``collect``;
        without a keyword, ``collect`` allows a sequential scan: :data:`COLLECT_FILTERS`)."""
        if mode == "collect" and not self.terms:
            mode = "collect_filters"
        if mode == self.mode:
            return
        values = {**{k: "on" for k in (*WALK, *COLLECT)}, **MODES[mode]}
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT " + ", ".join("set_config(%s, %s, true)" for _ in values),
                [x for item in values.items() for x in item],
            )
        self.mode = mode

    def segment_queryset(self, index: int, *, indexed: bool) -> QuerySet:
        return self.base.filter(self.segments[index].condition(self.terms, indexed=indexed))

    def walk_is_cheaper(self, index: int | None) -> bool:
        """Whether counting segment ``index`` (``None``: the whole result) up to the cap is
        expected to cost less by walking the postings in order than through the indexes.

        From PostgreSQL's estimate of the rows the filters leave (``filtered``, of ``table``
        rows) and the keyword's share (:func:`keyword_share`, ``matches = filtered × share``):
        a walk meets ``(cap + 1) × table / matches`` rows, each checked with the cheap filters
        and, for the share that passes them, with ``LIKE``; collecting puts every entry of the
        keyword's index in a bitmap (``share × table``) and reads the matches up to the cap
        (the constants above). Without a keyword: more than :data:`WALK_FILTER_SHARE` of the
        table match."""
        if index not in self.estimates:
            static = self.base
            if index is not None:
                static = static.filter(self.segments[index].condition([], indexed=True))
            in_title = bool(index is not None and self.segments[index].in_title)
            table = cached.posting_rows()
            filtered = estimated_rows(static)
            if not self.terms:
                self.estimates[index] = filtered >= WALK_FILTER_SHARE * table
            else:
                share = keyword_share(self.terms, in_title=in_title)
                matches = max(1.0, filtered * share)
                walked = min(table, (self.cap + 1) * table / matches)
                like = LIKE_TITLE_US if in_title else LIKE_ROW_US
                walk = walked * (WALK_ROW_US + min(1.0, filtered / table) * like)
                collect = share * table * BITMAP_ENTRY_US + min(matches, self.cap + 1) * HEAP_ROW_US
                self.estimates[index] = walk < collect * WALK_BIAS
        return self.estimates[index]

    def count_rows(self, index: int | None) -> int:
        """Rows of segment ``index`` (``None``: of the whole result), at most cap + 1: by
        walking the postings newest first, where the open ones are, when the segment is
        :meth:`walk_is_cheaper` (a bitmap would read the matches in the table's order, the oldest,
        mostly closed, first: 34 ms for a phrase in 109,000 postings instead of 4); else
        through the indexes."""
        if index is None:
            indexed = self.base.filter(keyword_match(self.terms)) if self.terms else self.base
            walked = self.base.filter(keyword_match(self.terms, indexed=False)) if self.terms else self.base
        else:
            indexed = self.segment_queryset(index, indexed=True)
            walked = self.segment_queryset(index, indexed=False)
        if self.walk_is_cheaper(index):
            self.use("walk")
            return walked.order_by("-date_posted", "-id").values("pk")[: self.cap + 1].count()
        self.use("collect")
        return count_capped(indexed, self.cap)

    def segment_count(self, index: int) -> int:
        """Rows of segment ``index`` (at most cap + 1); the whole count for one segment."""
        if len(self.segments) == 1:
            return self.count
        if index not in self.counts:
            others = [self.counts.get(i) for i in range(len(self.segments)) if i != index]
            if None not in others and (self.count <= self.cap or not sum(others)):
                # the rest of the result (no title matches, say): nothing to count again
                self.counts[index] = self.count - sum(others)
            else:
                self.counts[index] = self.count_rows(index)
        return self.counts[index]

    def mode_for(self, index: int) -> str:
        """``collect`` a segment of at most cap rows, ``walk`` a larger one. A segment of a
        result over the cap that is cheaper to walk (:meth:`walk_is_cheaper`) is walked
        without counting it."""
        if self.count <= self.cap:
            return "collect"
        if len(self.segments) == 1 or (index not in self.counts and self.walk_is_cheaper(index)):
            return "walk"
        return "collect" if self.segment_count(index) <= self.cap else "walk"

    def read(self, index: int, *, start: Cursor | None, reverse: bool, offset: int, limit: int) -> list[tuple]:
        """``(id, key)`` (``(id,)`` without a key) of up to ``limit`` rows of segment ``index``
        in order (``reverse``: backwards) after ``start`` (``None``: from the segment's start),
        skipping ``offset`` rows. Only ids and keys: the page's rows are read once, by id
        (:meth:`rows`), however many segments and reads it took to find them."""
        segment = self.segments[index]
        mode = self.mode_for(index)
        qs = self.segment_queryset(index, indexed=mode == "collect").values_list(*segment.key_columns())
        self.use(mode)
        order = segment.ordering(reverse=reverse)
        if start is None:
            return list(qs.order_by(*order)[offset : offset + limit])
        if mode == "collect":
            return list(qs.filter(segment.after(start.value, start.pk, reverse=reverse)).order_by(*order)[:limit])
        # walking an index: the rows tied on the key first (an exact index range), then beyond
        tied = qs.filter(segment.tie(start.value, start.pk, reverse=reverse))
        rows = list(tied.order_by("id" if reverse else "-id")[:limit])
        beyond = segment.beyond(start.value, reverse=reverse)
        if len(rows) < limit and beyond is not None:
            rows += list(qs.filter(beyond).order_by(*order)[: limit - len(rows)])
        return rows

    def forward(self, start: Cursor | None, limit: int, offset: int = 0) -> list[tuple[int, object]]:
        """Up to ``limit`` (segment, row) pairs from ``start`` (or the beginning, skipping
        ``offset`` rows) onwards."""
        found: list[tuple[int, object]] = []
        if not self.count:  # nothing matches: nothing to read
            return found
        index = start.segment if start else 0
        while len(found) < limit and index < len(self.segments):
            if start is None and offset:
                size = self.segment_count(index)
                if size <= self.cap and offset >= size:  # the whole segment is skipped
                    offset -= size
                    index += 1
                    continue
            rows = self.read(index, start=start, reverse=False, offset=offset, limit=limit - len(found))
            found += [(index, row) for row in rows]
            start, offset = None, 0
            index += 1
        return found

    def rows(self, pairs: list[tuple[int, tuple]]) -> list:
        """The postings of ``pairs`` (from :meth:`forward` or :meth:`backward`), in their order:
        one query by id (the queryset's ``select_related`` and deferred columns apply)."""
        if not pairs:
            return []
        ids = [found[0] for _, found in pairs]
        by_id = {posting.pk: posting for posting in self.base.filter(pk__in=ids)}
        return [by_id[pk] for pk in ids if pk in by_id]

    def backward(self, start: Cursor, limit: int) -> list[tuple[int, object]]:
        """Up to ``limit`` (segment, row) pairs before ``start``, nearest first."""
        found: list[tuple[int, object]] = []
        index = start.segment
        position: Cursor | None = start
        while len(found) < limit and index >= 0:
            rows = self.read(index, start=position, reverse=True, offset=0, limit=limit - len(found))
            found += [(index, row) for row in rows]
            position = None
            index -= 1
        return found


@contextmanager
def _search_transaction():
    """One transaction for the page's queries, JIT off and the ``collect`` settings (one round
    trip); settings put back when nested."""
    nested = connection.in_atomic_block
    with transaction.atomic():
        values = {**PAGE, **{k: "on" for k in WALK}, **COLLECT}
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT " + ", ".join("set_config(%s, %s, true)" for _ in values),
                [x for item in values.items() for x in item],
            )
        try:
            yield
        finally:
            if nested:
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT set_config(name, reset_val, true) FROM pg_settings WHERE name = ANY(%s)",
                        [list(CHANGED)],
                    )


def _cursor_of(segments: list[Segment], pair: tuple[int, tuple]) -> str:
    index, found = pair
    return Cursor(index, found[1] if len(found) > 1 else None, found[0]).encode(segments)


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

    ``after``/``before`` (a cursor of this order) win over ``page``, which then only numbers
    the page. Without a cursor, ``page`` is a page number within the count (bad values give
    the first page, a number past the end the last, with a notice); a malformed or foreign
    cursor gives the first page with a notice, as does an ``after`` past the last row (a
    stale link: the rows after it closed). The number of queries does not depend on the
    page size or on how deep the page is."""
    cap = COUNT_CAP if cap is None else cap
    notice = None
    with _search_transaction():
        terms = terms or []
        base = queryset.order_by()
        version = page_cache.current_version() if counts_key else None
        kept = page_cache.get_counts(counts_key)
        reader = _Reader(base, segments, terms, 0, cap)
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
                number = max(2, number or 2)
            else:  # a stale or made-up cursor past the last row: the first page, said so
                notice = _("요청한 쪽 뒤에는 더 보여 드릴 결과가 없어 첫 쪽을 보여 드립니다.")
                number = 1
        elif before:
            back = reader.backward(before, page_size + 1)
            if len(back) > page_size:
                pairs = list(reversed(back[:page_size]))
                has_previous = has_next = by_cursor = True  # the page we came from is next
                number = max(2, number or 2)
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
        rows = reader.rows(pairs)
        if counts_key and (kept is None or reader.counts != segment_counts):
            page_cache.store_counts(counts_key, version, (cap, count, sorted(reader.counts.items())))
    page = ResultPage(
        object_list=rows,
        number=number,
        count=shown,
        count_capped=capped,
        num_pages=num_pages,
        next_cursor=_cursor_of(segments, pairs[-1]) if has_next and pairs else None,
        previous_cursor=_cursor_of(segments, pairs[0]) if has_previous and pairs else None,
        has_previous=has_previous,
        by_cursor=by_cursor,
        segment_counts=dict(reader.counts),
    )
    return page, notice
