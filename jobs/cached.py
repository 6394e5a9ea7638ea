"""Values the public pages read on every request that change rarely, kept in the process.

* Reference data of the search form (:func:`dong_names`, :func:`occupations`): the 20 dongs
  and the 181 KECO groups change only with a migration or ``manage.py load_reference``. Kept
  :data:`REFERENCE_SECONDS`; a save or delete of a dong or an occupation in this process
  forgets them at once (``jobs.signals``), another process's change is seen within that time.
* PostgreSQL's row estimates of the searches' filters (:func:`planner_estimate`): the
  search asks the planner (``EXPLAIN``) how many postings its filters leave before choosing
  how to read them; the same filters give the same estimate until the next ANALYZE. Kept
  :data:`ESTIMATE_SECONDS`, at most :data:`ESTIMATES_KEPT` of them.
* The home page's counts (:func:`home_counts`): counting 140,000 open postings is a scan of
  the table; the counts are :data:`COUNTS_SECONDS` old at most, and a posting or employer
  saved in this process forgets them.

Per process (each gunicorn worker keeps its own copy): no network round trip, nothing to
invalidate across machines; the worst case is a count a minute old. :func:`forget` empties
everything (tests call it before each test).
"""

from __future__ import annotations

import datetime
import threading
import time
from collections.abc import Callable

#: Seconds reference data is kept.
REFERENCE_SECONDS = 600
#: Seconds the home page's counts are kept.
COUNTS_SECONDS = 60
#: Seconds a planner estimate is kept, and how many are kept at most (a new one beyond that
#: forgets them all: the filters people use are few, a flood of odd ones costs one EXPLAIN each).
ESTIMATE_SECONDS = 300
ESTIMATES_KEPT = 2000

_lock = threading.Lock()
_values: dict[object, tuple[float, object]] = {}


def _cached(key, seconds: float, compute: Callable[[], object]):
    now = time.monotonic()
    hit = _values.get(key)
    if hit is not None and hit[0] > now:
        return hit[1]
    value = compute()
    with _lock:
        _values[key] = (now + seconds, value)
    return value


def forget(*prefixes: str) -> None:
    """Forget the kept values (those whose key starts with one of ``prefixes``; all without)."""
    with _lock:
        for key in list(_values):
            if not prefixes or (isinstance(key, tuple) and key[0] in prefixes):
                _values.pop(key, None)


def dong_names() -> dict[str, str]:
    """10-digit dong code → name, by code."""
    from namdong_jobs.reference.models import Dong

    return _cached(
        ("reference", "dongs"),
        REFERENCE_SECONDS,
        lambda: dict(Dong.objects.order_by("code").values_list("code", "name")),
    )


def occupations() -> list[tuple[str, str, str]]:
    """(code, level, name) of every KECO group, by code."""
    from namdong_jobs.reference.models import Occupation

    return _cached(
        ("reference", "occupations"),
        REFERENCE_SECONDS,
        lambda: list(Occupation.objects.order_by("code").values_list("code", "level", "name")),
    )


def occupation_options_html(language: str, groups: Callable[[], list]) -> str:
    """The search form's occupation ``<optgroup>``/``<option>`` HTML in ``language``, from
    ``groups()`` (:meth:`jobs.filters.JobPostingFilter.occupation_choices`), none selected."""
    from django.utils.html import format_html, format_html_join

    def build() -> str:
        return "".join(
            format_html(
                '<optgroup label="{}">{}</optgroup>',
                group,
                format_html_join("", '<option value="{}">{}</option>', options),
            )
            for group, options in groups()
        )

    return _cached(("reference", "occupation_html", language), REFERENCE_SECONDS, build)


def posting_rows() -> float:
    """PostgreSQL's estimate of the rows of the postings table (``pg_class.reltuples``, kept
    :data:`REFERENCE_SECONDS`; at least 1)."""
    from django.db import connection

    def read() -> float:
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = 'jobs_jobposting'::regclass")
            (rows,) = cursor.fetchone()
        return max(1.0, float(rows))

    return _cached(("table", "postings"), REFERENCE_SECONDS, read)


def element_frequencies(column: str) -> dict[str, float]:
    """Share of postings whose array ``column`` (``search_bigrams``, ``search_chars``) holds
    each of its most common elements, from PostgreSQL's statistics (``pg_stats``, gathered by
    ANALYZE; kept :data:`REFERENCE_SECONDS`). Elements not listed are rarer than any listed."""
    from django.db import connection

    def read() -> dict[str, float]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats"
                " WHERE tablename = 'jobs_jobposting' AND attname = %s",
                [column],
            )
            row = cursor.fetchone()
        if not row or not row[0]:
            return {}
        return dict(zip(row[0], row[1][: len(row[0])], strict=True))

    return _cached(("table", "elements", column), REFERENCE_SECONDS, read)


def planner_estimate(sql: str, params: tuple, compute: Callable[[], float]) -> float:
    """PostgreSQL's estimate of the rows of the query ``sql`` with ``params`` (``compute``
    runs the ``EXPLAIN`` when it is not kept), kept :data:`ESTIMATE_SECONDS`."""
    key = ("estimate", sql, params)
    if key not in _values:
        with _lock:
            if sum(1 for k in _values if isinstance(k, tuple) and k[0] == "estimate") >= ESTIMATES_KEPT:
                for k in [k for k in _values if isinstance(k, tuple) and k[0] == "estimate"]:
                    _values.pop(k, None)
    return _cached(key, ESTIMATE_SECONDS, compute)


def certified_employers(types: tuple[str, ...], today: datetime.date) -> list[int]:
    """Ids of the employers holding a certification of one of ``types`` valid on ``today``
    (KST) that the public may see (``Certification.objects.public()``), for the search's
    company-type filter. Kept :data:`COUNTS_SECONDS` at the current data version
    (:func:`jobs.page_cache.current_version`, moved by every saved employer or certification
    in any process)."""
    from employers.models import Certification

    from . import page_cache

    version = page_cache.current_version()
    key = ("certified", types, today)
    hit = _values.get(key)
    if hit is not None and hit[0] > time.monotonic() and hit[1][0] == version:
        return hit[1][1]
    ids = sorted(
        set(
            Certification.objects.public()
            .valid_on(today)
            .filter(type__in=list(types))
            .values_list("employer_id", flat=True)
        )
    )
    with _lock:
        _values[key] = (time.monotonic() + COUNTS_SECONDS, (version, ids))
    return ids


def home_counts(today: datetime.date) -> dict[str, int]:
    """``{"open", "closing_soon", "employers"}`` of the home page on ``today`` (KST): open
    postings, those closing within 7 days, verified employers."""
    from employers.models import Employer

    from .models import JobPosting

    def compute() -> dict[str, int]:
        open_qs = JobPosting.objects.open(today)
        return {
            "open": open_qs.count(),
            "closing_soon": open_qs.filter(deadline__lte=today + datetime.timedelta(days=7)).count(),
            "employers": Employer.objects.verified().count(),
        }

    return _cached(("counts", today), COUNTS_SECONDS, compute)


def _forget_reference(sender, **kwargs) -> None:
    forget("reference")


def _forget_counts(sender, **kwargs) -> None:
    forget("counts")


def connect() -> None:
    """Forget reference data and counts when their rows are saved or deleted in this process
    (called once from :meth:`jobs.apps.JobsConfig.ready`)."""
    from django.db.models.signals import post_delete, post_save

    from employers.models import Employer
    from namdong_jobs.reference.models import Dong, Occupation

    from .models import JobPosting

    for model in (Dong, Occupation):
        post_save.connect(_forget_reference, sender=model, dispatch_uid=f"jobs.cached.reference.save.{model.__name__}")
        post_delete.connect(_forget_reference, sender=model, dispatch_uid=f"jobs.cached.reference.del.{model.__name__}")
    for model in (JobPosting, Employer):
        post_save.connect(_forget_counts, sender=model, dispatch_uid=f"jobs.cached.counts.save.{model.__name__}")
        post_delete.connect(_forget_counts, sender=model, dispatch_uid=f"jobs.cached.counts.del.{model.__name__}")
