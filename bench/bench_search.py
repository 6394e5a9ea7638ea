"""Benchmark of the posting search in the database layer (issue 7): a fixed query set through
the code the search page runs, with the recall of every keyword query against ``LIKE``.

Each query is a query string of ``/jobs/``. For each, the timed work is what the page does
before rendering: build :class:`jobs.filters.JobPostingFilter` (reference data, cleaning) and
read the page with :func:`jobs.filters.pages.result_page` (capped count and the page's rows,
in one transaction) — ORM and database time together, in this process — and, of that, the
time in the database (:class:`DatabaseClock`: each statement from sending it to having its
result, summed). The process freezes what it holds after loading, as the portal's gunicorn
workers do (``gunicorn.conf.py``). Every query runs once to warm up, then ``--repeat`` times (default 5); p50,
p95 and max are over all the runs of the queries of a type:

* ``kw1``: one-syllable keywords (원, 사, 차, 빵 …), common and rare;
* ``kw2``: two-syllable keywords (경비, 청소, 요양 …);
* ``phrase``: longer keywords and phrases, 3–10 characters (요양보호사, 아파트 경비원,
  생산직 사원 모집 …), with and without particles;
* ``kw_filters``: a keyword with one filter (dong, employment type, wage, shift, occupation,
  priority group, company type, posted/closing within, closed postings);
* ``filters``: filters only, and the plain list;
* ``sorts``: every sort order, with and without a keyword;
* ``deep``: the 500th page reached by following "다음 쪽" (the cursor of each page, as a visitor
  clicking "next" 499 times), next to the first page of the same search (``deep_ratio``).

Checks (``checks_ok``; a failure prints ``FINDING: …`` on stderr and exits with status 1 after
the JSON line):

* recall of every keyword query against the plain oracle ``search_document LIKE '%word%'``
  for every word typed (with the other filters of the query unchanged): must be 1.0; and
  precision against the same oracle with particles stripped (the search's own terms): 1.0;
* the first page equals the first 20 rows of the page's ordering
  (:meth:`JobPostingFilter.ordering`, ``OFFSET``-free), and the 500th page reached by cursors
  equals rows 9,981–10,000 of that ordering.

The last line of output is one JSON object (``bench/README.md``). Run against the generated
city (``bench/generate_city.py``)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nj_bench .venv/bin/python bench/bench_search.py

Figures only; nothing is asserted on time (shared machines are noisy).
"""

import argparse
import gc
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "namdong_jobs.settings.local")
os.environ.setdefault("DJANGO_DEBUG", "false")  # no query log
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/11")  # the benchmarks' own Redis database

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import QueryDict  # noqa: E402

from bench.matching import progress  # noqa: E402
from bench.matching.db import ensure_bench_database  # noqa: E402
from jobs import search  # noqa: E402
from jobs.filters import JobPostingFilter  # noqa: E402
from jobs.filters.pages import result_page  # noqa: E402
from jobs.models import JobPosting  # noqa: E402

DEEP_PAGE = 500
TYPES = ("kw1", "kw2", "phrase", "kw_filters", "filters", "sorts", "deep")


def query_set(dongs: list[str]) -> dict[str, list[dict]]:
    """The fixed queries by type (query-string dicts). ``dongs``: two dong codes."""
    a, b = dongs
    return {
        "kw1": [{"q": c} for c in ("원", "사", "차", "장", "간", "빵", "떡", "꽃", "숲", "귤")],
        "kw2": [
            {"q": w}
            for w in (
                "경비",
                "청소",
                "요양",
                "생산",
                "포장",
                "조리",
                "용접",
                "운전",
                "간호",
                "지게",
                "주방",
                "사무",
                "배송",
                "미화",
                "보육",
                "제빵",
                "염색",
                "모집",
            )
        ],  # fmt: skip
        "phrase": [
            {"q": p}
            for p in (
                "보호사",
                "경비원",
                "요양보호사",
                "지게차 운전",
                "아파트 경비원",
                "환경미화원",
                "생산직 사원 모집",
                "사출 성형원",
                "CNC 가공원",
                "간호조무사",
                "통근버스 운행",
                "경력단절여성 환영",
                "요양보호사를",
                "주방 보조 구합니다",
                "인천지하철 1호선",
                "4대보험 가입",
                "초보자도 친절히",
                "귀금속 세공원",
            )
        ],  # fmt: skip
        "kw_filters": [
            {"q": "경비", "dong": a},
            {"q": "요양보호사", "employment_type": "part_time"},
            {"q": "생산", "wage": "12000"},
            {"q": "조리", "shift": "day"},
            {"q": "원", "occupation": "5"},
            {"q": "청소", "priority": "older"},
            {"q": "지게차", "company_type": "induspark"},
            {"q": "사무", "posted_within": "7"},
            {"q": "운전", "closing_within": "7"},
            {"q": "경비", "closed": "1"},
            {"q": "빵", "dong": b},
            {"q": "아파트 경비원", "dong": [a, b]},
        ],
        "filters": [
            {},
            {"dong": a},
            {"dong": [a, b]},
            {"occupation": "8"},
            {"occupation": "550"},
            {"employment_type": "part_time"},
            {"wage": "12000"},
            {"shift": "night"},
            {"priority": "older"},
            {"company_type": "social"},
            {"posted_within": "3"},
            {"closing_within": "0"},
            {"closed": "1"},
            {"dong": a, "occupation": "890", "employment_type": "regular"},
            {"dong": b, "shift": "night", "wage": "11000"},
            {"occupation": "884", "dong": b},
        ],
        "sorts": [
            {**base, "sort": sort}
            for base in ({}, {"q": "경비"}, {"q": "원"}, {"dong": a})
            for sort in ("newest", "deadline", "wage", "relevance")
        ],
        "deep": [
            {},
            {"sort": "deadline"},
            {"sort": "wage"},
            {"q": "원"},
            {"q": "사", "sort": "newest"},
            {"occupation": "8"},
            {"closed": "1", "sort": "deadline"},
        ],
    }


def as_query(params: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in params.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    return query


class DatabaseClock:
    """Time spent in the database: from sending each statement to having its whole result
    (psycopg reads every row of a result before ``execute`` returns), summed over a page's
    statements, in ms. Django's ``execute_wrapper``; what is left of a page's time is Python
    (filters, the ORM building SQL and model instances)."""

    def __init__(self):
        self.ms = 0.0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.ms += (time.perf_counter() - start) * 1000


def read_page(params: dict, *, page=None, after=None, before=None):
    """What the page does before rendering; returns (filterset, ResultPage, ms, database ms)."""
    clock = DatabaseClock()
    with connection.execute_wrapper(clock):
        start = time.perf_counter()
        filterset = JobPostingFilter(as_query(params), queryset=JobPosting.objects.for_search())
        page_obj, _notice = result_page(
            filterset.queryset_without_keyword(),
            filterset.segments(),
            terms=filterset.terms,
            page_size=settings.NJ_PAGE_SIZE,
            raw_page=page,
            raw_after=after,
            raw_before=before,
        )
        ms = (time.perf_counter() - start) * 1000
    return filterset, page_obj, ms, clock.ms


def timed(params: dict, repeat: int, **where) -> tuple[list[float], object, object, list[float]]:
    """``repeat`` runs after a warm-up: (ms of each, filterset, page, database ms of each)."""
    read_page(params, **where)  # warm-up
    runs, db_runs = [], []
    for _ in range(repeat):
        filterset, page_obj, ms, db_ms = read_page(params, **where)
        runs.append(ms)
        db_runs.append(db_ms)
    return runs, filterset, page_obj, db_runs


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def label(params: dict) -> str:
    return "&".join(f"{k}={v if not isinstance(v, list) else ','.join(v)}" for k, v in params.items()) or "(all)"


def recall_check(params: dict, filterset) -> tuple[float, float, int, int]:
    """(recall, precision, matches, oracle rows) of a keyword query: the search's full result
    against ``search_document LIKE '%word%'`` for each word typed (recall) and for each of the
    search's own terms, particles stripped (precision), other filters unchanged."""
    found = set(filterset.qs.order_by().values_list("pk", flat=True))
    rest = {k: v for k, v in params.items() if k not in ("q", "sort")}
    base = JobPostingFilter(as_query(rest), queryset=JobPosting.objects.all()).qs.order_by()
    typed = base
    for word in search.words(params["q"][: search.MAX_QUERY_LENGTH]):
        typed = typed.filter(search_document__contains=word)
    own = base
    for term in search.query_terms(params["q"]):
        own = own.filter(search_document__contains=term)
    oracle = set(typed.values_list("pk", flat=True))
    exact = set(own.values_list("pk", flat=True))
    recall = len(found & oracle) / len(oracle) if oracle else 1.0
    precision = len(found & exact) / len(found) if found else 1.0
    return recall, precision, len(found), len(oracle)


def ordering_ids(filterset, start: int, stop: int) -> list[int]:
    """Rows ``start``..``stop`` of the page's ordering by ``OFFSET`` (the reference)."""
    return list(filterset.qs.values_list("pk", flat=True)[start:stop])


def follow_next(params: dict, pages: int) -> tuple[str | None, float, int]:
    """Follow "다음 쪽" from the first page ``pages`` − 1 times, or to the last page when
    there are fewer (a small generated city); returns the cursor that leads to the page
    reached (``None``: page 1), the mean ms per step and the page's number."""
    _f, page_obj, _ms, _db = read_page(params)
    start = time.perf_counter()
    cursor = None
    reached = 1
    for n in range(2, pages + 1):
        if not page_obj.next_cursor:
            break
        cursor = page_obj.next_cursor
        _f, page_obj, _ms, _db = read_page(params, page=str(n), after=cursor)
        reached = n
    return cursor, (time.perf_counter() - start) * 1000 / max(1, reached - 1), reached


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--types", nargs="*", default=list(TYPES), choices=TYPES)
    parser.add_argument("--deep-page", type=int, default=DEEP_PAGE)
    args = parser.parse_args()
    ensure_bench_database()
    total = JobPosting.objects.count()
    open_count = JobPosting.objects.open().count()
    progress(
        f"search benchmark: PostgreSQL {connection.pg_version}, database {connection.settings_dict['NAME']}, "
        f"{total:,} postings ({open_count:,} open), {args.repeat} runs per query"
    )
    from namdong_jobs.reference.models import Dong

    dongs = list(
        Dong.objects.filter(name__in=["구월1동", "논현고잔동"]).order_by("name").values_list("code", flat=True)
    )
    queries = query_set(dongs)
    # as a gunicorn worker does once the application is loaded (gunicorn.conf.py): what the
    # process holds from now on is left out of garbage collections (a full one scanned all of
    # Django: 45 ms)
    read_page({})
    gc.collect()
    gc.freeze()
    findings: list[str] = []
    result: dict = {"postings": total, "open": open_count, "repeat": args.repeat, "types": {}}
    for kind in args.types:
        if kind == "deep":
            continue
        samples: list[float] = []
        db_samples: list[float] = []
        recalls: list[float] = []
        precisions: list[float] = []
        progress(f"-- {kind}")
        for params in queries[kind]:
            runs, filterset, page_obj, db_runs = timed(params, args.repeat)
            samples += runs
            db_samples += db_runs
            line = (
                f"  {label(params):42} {page_obj.count:>5}{'+' if page_obj.count_capped else ' '} "
                f"p50 {statistics.median(runs):6.1f} max {max(runs):6.1f} ms "
                f"(database p50 {statistics.median(db_runs):5.1f} max {max(db_runs):5.1f})"
            )
            first = [p.pk for p in page_obj.object_list]
            expected = ordering_ids(filterset, 0, len(first) or settings.NJ_PAGE_SIZE)
            if first != expected:
                findings.append(f"{kind} {label(params)}: first page differs from the ordering")
            if params.get("q") and search.query_terms(params["q"]):
                recall, precision, matches, oracle = recall_check(params, filterset)
                recalls.append(recall)
                precisions.append(precision)
                line += f"  recall {recall:.3f} ({matches:,} found, oracle {oracle:,}) precision {precision:.3f}"
                if recall < 1.0 or precision < 1.0:
                    findings.append(f"{kind} {label(params)}: recall {recall:.4f}, precision {precision:.4f}")
            progress(line)
        figures = {
            "queries": len(queries[kind]),
            "p50_ms": round(statistics.median(samples), 1),
            "p95_ms": round(p95(samples), 1),
            "max_ms": round(max(samples), 1),
            "db_p50_ms": round(statistics.median(db_samples), 1),
            "db_p95_ms": round(p95(db_samples), 1),
            "db_max_ms": round(max(db_samples), 1),
        }
        if recalls:
            figures["recall"] = round(min(recalls), 4)
            figures["precision"] = round(min(precisions), 4)
        result["types"][kind] = figures
        progress(
            f"   {kind}: p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, max {figures['max_ms']} ms; "
            f"in the database p50 {figures['db_p50_ms']}, p95 {figures['db_p95_ms']}, max {figures['db_max_ms']} ms"
        )
    if "deep" in args.types:
        progress(f"-- deep: page {args.deep_page} (or the last) reached by following '다음 쪽', next to page 1")
        deep_samples, first_samples, ratios, depths = [], [], [], []
        for params in queries["deep"]:
            cursor, step_ms, reached = follow_next(params, args.deep_page)
            if cursor is None:
                progress(f"  {label(params):30} has one page only: left out")
                continue
            depths.append(reached)
            first_runs, filterset, _p, _db = timed(params, args.repeat)
            deep_runs, _f, deep_page, _db = timed(params, args.repeat, page=str(reached), after=cursor)
            deep_samples += deep_runs
            first_samples += first_runs
            ratio = statistics.median(deep_runs) / statistics.median(first_runs)
            ratios.append(ratio)
            size = settings.NJ_PAGE_SIZE
            start = (reached - 1) * size
            expected = ordering_ids(filterset, start, start + size)
            got = [p.pk for p in deep_page.object_list]
            if got != expected:
                findings.append(f"deep {label(params)}: page {reached} differs from OFFSET {start}")
            progress(
                f"  {label(params):30} page 1 p50 {statistics.median(first_runs):6.1f} ms, page {reached} "
                f"p50 {statistics.median(deep_runs):6.1f} max {max(deep_runs):6.1f} ms (×{ratio:.2f}); "
                f"'next' steps {step_ms:.1f} ms each; rows {'=' if got == expected else '≠'} OFFSET"
            )
    if "deep" in args.types and depths:
        result["types"]["deep"] = {
            "queries": len(depths),
            "page": min(depths),  # the shallowest page reached (fewer pages in a small city)
            "p50_ms": round(statistics.median(deep_samples), 1),
            "p95_ms": round(p95(deep_samples), 1),
            "max_ms": round(max(deep_samples), 1),
            "first_p50_ms": round(statistics.median(first_samples), 1),
            "deep_ratio_max": round(max(ratios), 2),
        }
    keyword_types = [k for k in ("kw1", "kw2", "phrase", "kw_filters") if k in result["types"]]
    if keyword_types:
        result["keyword_p95_ms"] = max(result["types"][k]["p95_ms"] for k in keyword_types)
        result["keyword_db_p95_ms"] = max(result["types"][k]["db_p95_ms"] for k in keyword_types)
        result["keyword_recall"] = min(result["types"][k]["recall"] for k in keyword_types)
    result["checks_ok"] = not findings
    for finding in findings:
        print(f"FINDING: {finding}", file=sys.stderr, flush=True)
    print(json.dumps(result, ensure_ascii=False), flush=True)
    if findings:
        sys.exit(1)


if __name__ == "__main__":
    main()
