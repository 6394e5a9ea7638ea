"""Sort orders of the posting search as *segments* an index can give, and cursors: positions
in an order carried by "다음 쪽"/"이전 쪽" (issue 7; :mod:`jobs.filters.pages` reads them)."""

from __future__ import annotations

import datetime
import re
import zlib
from dataclasses import dataclass

from django.db.models import Q

from ..models.postings import keyword_match, title_match

_CURSOR = re.compile(r"([0-9a-z]{2})-([0-9])\.(n|[0-9]{1,10})\.([0-9]{1,18})\.([0-9]{1,6})")
#: The highest page number a cursor may carry (2,000,000 postings at 20 a page).
MOST_PAGES = 100_000
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
    """A position in a result: the segment, the sort value and the id of a row, and the number
    of the page that row is on (so that the page a link leads to is numbered from the link's
    own cursor, whatever its ``page`` parameter says: review of issue 7)."""

    segment: int
    value: datetime.date | int | None
    pk: int
    page: int = 1

    def encode(self, segments: list[Segment]) -> str:
        """The cursor as the order ``segments`` writes it (:func:`order_tag`, then segment,
        value, id, page): ``"k7-0.20261130.123.4"`` (date), ``"3q-0.10320.77.2"`` (wage),
        ``"3q-1.n.45.9"`` (no key)."""
        if self.value is None:
            value = "n"
        elif isinstance(self.value, datetime.date):
            value = self.value.strftime("%Y%m%d")
        else:
            value = str(self.value)
        return f"{order_tag(segments)}-{self.segment}.{value}.{self.pk}.{self.page}"

    @classmethod
    def parse(cls, raw: str | None, segments: list[Segment]) -> Cursor | None:
        """The cursor in ``raw``, or ``None`` when it is missing or is not one of ``segments``'
        (a cursor of another sort order, an edited or truncated one)."""
        match = _CURSOR.fullmatch((raw or "").strip())
        if not match or match[1] != order_tag(segments):
            return None
        index, value, pk, page = int(match[2]), match[3], int(match[4]), int(match[5])
        if index >= len(segments) or pk > 2**63 - 1 or not 1 <= page <= MOST_PAGES:
            return None
        segment = segments[index]
        if segment.key is None:
            return cls(index, None, pk, page) if value == "n" else None
        if value == "n":
            return None
        if segment.is_date:
            try:
                return cls(index, datetime.datetime.strptime(value, "%Y%m%d").date(), pk, page)
            except ValueError:
                return None
        number = int(value)
        return cls(index, number, pk, page) if number <= 2**31 - 1 else None
