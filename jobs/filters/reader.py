"""Reading one result of the posting search within one transaction (issue 7): capped counts
and the ids of a page, segment by segment, each either by walking the order's index or by
collecting the matches through the keyword and filter indexes, whichever is expected to cost
less; then the page's rows at once, by id. :func:`jobs.filters.pages.result_page` drives it.

Settings are changed with ``set_config(…, true)`` inside one transaction per page (and put back
when that transaction is nested in another)."""

from __future__ import annotations

import json
from contextlib import contextmanager

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import QuerySet

from .. import cached, search
from ..models.postings import keyword_match
from .order import Cursor, Segment

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
#: less than collecting through the keyword index (:meth:`SegmentReader.walk_is_cheaper`). The
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


def count_capped(queryset: QuerySet, cap: int) -> int:
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


class SegmentReader:
    """Reads the rows of one result within one transaction, choosing the plan per segment."""

    def __init__(self, base: QuerySet, segments: list[Segment], terms: list[str], count: int, cap: int):
        self.base = base
        self.segments = segments
        self.terms = terms
        self.count = count
        self.cap = cap
        self.counts: dict[int, int] = {}
        self.estimates: dict[int | None, bool] = {}
        self.mode: str | None = "collect"  # as search_transaction sets it

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
def search_transaction():
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
