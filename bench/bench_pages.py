"""Benchmark of the public pages under load (issue 7): gunicorn on loopback and wrk, 16
concurrent clients for 30 s per page type, side by side with a ceiling.

Starts gunicorn with the project's ``gunicorn.conf.py`` (its sync workers, ``WEB_CONCURRENCY``
default 3) on ``127.0.0.1:--port`` with the production settings plus a bench-only URLconf
(:mod:`bench.web`: ``/bench/ceiling/``, a Django view on the same stack — gunicorn, settings,
middleware — that returns a saved copy of the list page, the same bytes, without touching the
database or rendering a template). Static files are collected into a temporary folder.

Whole pages are kept for visitors without a session in production (``jobs.page_cache``); by
default the page types run twice, with the production settings (``pages`` in the JSON) and
with the page cache off (``pages_uncached``: what rendering and the database cost when a page
is asked for the first time), against one ceiling (``--page-cache on|off|both``).

Page types (each a list of paths that wrk's clients cycle through, ``bench/web/wrk.lua``):

* ``ceiling`` — ``/bench/ceiling/`` (before every other type);
* ``home`` — ``/``;
* ``list`` — ``/jobs/`` (first page of every open posting);
* ``keyword`` — ``/jobs/?q=…`` for 24 keywords of 1–10 characters (원, 경비, 요양보호사,
  아파트 경비원 …);
* ``filtered`` — ``/jobs/?…`` with filters only (dongs, occupations, employment types,
  wage, shifts, priority groups, company types, dates, sorts);
* ``deep`` — the 500th page of ``/jobs/``, reached by following "다음 쪽" from the first
  (the path of that page, with its cursor);
* ``detail`` — ``/jobs/<id>/`` of 500 open postings.

For each type: the ceiling for ``--ceiling-duration`` seconds (10), then the type for
``--duration`` seconds (30), each after 3 s of warm-up, with ``--connections`` (16) on
``--threads`` (2) wrk threads. The machine is shared and its load changes from minute to
minute, so each type is compared with the ceiling measured just before it. Prints requests per
second, p50/p95/p99 latency, errors (socket errors, timeouts and HTTP statuses ≥ 400) and the
ratio of requests per second to that ceiling's; the last line is one JSON object
(``bench/README.md``).

Needs ``wrk`` (Debian: ``apt-get install wrk``) and the city in the scratch database
(``bench/generate_city.py``)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nj_bench .venv/bin/python bench/bench_pages.py

Figures only; nothing is asserted on time (shared machines are noisy).
"""

import argparse
import html
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "namdong_jobs.settings.local")
os.environ.setdefault("DJANGO_DEBUG", "false")
# the benchmark's own Redis database (the portal's cache, kept pages included)
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/11")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from bench.matching import progress  # noqa: E402
from bench.matching.db import ensure_bench_database  # noqa: E402
from jobs.models import JobPosting  # noqa: E402
from namdong_jobs.reference.models import Dong  # noqa: E402

TYPES = ("ceiling", "home", "list", "keyword", "filtered", "deep", "detail")
KEYWORDS = (
    "원", "사", "차", "빵", "경비", "청소", "요양", "생산", "조리", "용접", "운전", "간호", "지게", "주방",
    "보호사", "경비원", "요양보호사", "지게차 운전", "아파트 경비원", "환경미화원", "생산직 사원 모집",
    "간호조무사", "경력단절여성 환영", "주방 보조 구합니다",
)  # fmt: skip
DEEP_PAGE = 500
_NEXT = re.compile(r'<a href="([^"]+)" rel="next">')


def filter_paths() -> list[str]:
    dongs = list(Dong.objects.order_by("code").values_list("code", flat=True))
    queries = [
        {"dong": dongs[0]},
        {"dong": [dongs[3], dongs[4]]},
        {"dong": dongs[19], "sort": "deadline"},
        {"occupation": "8"},
        {"occupation": "550"},
        {"employment_type": "part_time"},
        {"wage": "12000", "sort": "wage"},
        {"shift": "night"},
        {"priority": "older"},
        {"company_type": "social"},
        {"posted_within": "3"},
        {"closing_within": "7", "sort": "deadline"},
        {"dong": dongs[8], "occupation": "890", "employment_type": "regular"},
        {"closed": "true"},
    ]
    return ["/jobs/?" + urlencode(q, doseq=True) for q in queries]


def detail_paths(n: int, seed: int) -> list[str]:
    ids = list(JobPosting.objects.open().values_list("pk", flat=True))
    random.Random(seed).shuffle(ids)
    return [f"/jobs/{pk}/" for pk in ids[:n]]


def fetch(base: str, path: str) -> bytes:
    with urllib.request.urlopen(base + path, timeout=30) as response:  # noqa: S310 - loopback
        return response.read()


def follow_next(base: str, path: str, pages: int) -> tuple[str, int]:
    """The path of page ``pages`` of ``path``, reached by following its "다음 쪽" links, and
    that page's number: the last page when there are fewer (a small generated city)."""
    for n in range(2, pages + 1):
        body = fetch(base, path).decode()
        match = _NEXT.search(body)
        if not match:
            return path, n - 1
        path = "/jobs/" + html.unescape(match.group(1))
    return path, pages


def start_gunicorn(port: int, env: dict) -> subprocess.Popen:
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "namdong_jobs.wsgi",
        "-c",
        str(ROOT / "gunicorn.conf.py"),
        "--bind",
        f"127.0.0.1:{port}",
        "--access-logfile",
        "/dev/null",
    ]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, start_new_session=True)  # noqa: S603


def wait_ready(base: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            fetch(base, "/healthz")
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer")


def run_wrk(base: str, paths: list[str], *, seconds: int, connections: int, threads: int, workdir: Path) -> dict:
    listing = workdir / "paths.txt"
    listing.write_text("\n".join(paths) + "\n")
    env = {**os.environ, "NJ_BENCH_PATHS": str(listing)}
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(ROOT / "bench" / "web" / "wrk.lua"),
        base + paths[0],
    ]
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout  # noqa: S603
    line = next(x for x in reversed(out.splitlines()) if x.startswith("{"))
    return json.loads(line)


def measure(base: str, paths: list[str], args, workdir: Path, seconds: int | None = None) -> dict:
    """One page type: warm-up, then the measured run; figures in ms and req/s."""
    if args.warmup:
        run_wrk(base, paths, seconds=args.warmup, connections=args.connections, threads=args.threads, workdir=workdir)
    figures = run_wrk(
        base,
        paths,
        seconds=seconds or args.duration,
        connections=args.connections,
        threads=args.threads,
        workdir=workdir,
    )
    return {
        "rps": round(figures["requests"] / (figures["duration_us"] / 1e6), 1),
        "p50_ms": round(figures["p50_us"] / 1000, 1),
        "p95_ms": round(figures["p95_us"] / 1000, 1),
        "p99_ms": round(figures["p99_us"] / 1000, 1),
        "errors": sum(figures["errors"].values()),
        "requests": figures["requests"],
    }


def run_mode(mode: str, env: dict, paths: dict, args, workdir: Path) -> dict:
    """Start gunicorn with whole pages and counts kept (``cached``, the production settings) or
    not (``uncached``), measure each page type right after the ceiling (the machine is shared:
    its load changes from one minute to the next, so each ratio compares neighbours), stop it."""
    from django.core.cache import cache

    from jobs import page_cache

    cache.set(page_cache.VERSION_KEY, time.time_ns(), None)  # nothing kept by an earlier run is served
    seconds = "300" if mode == "cached" else "0"
    server = start_gunicorn(args.port, {**env, "NJ_PAGE_CACHE_SECONDS": seconds, "NJ_COUNT_CACHE_SECONDS": seconds})
    base = f"http://127.0.0.1:{args.port}"
    pages: dict = {}
    try:
        wait_ready(base)
        workdir.joinpath("ceiling.html").write_bytes(fetch(base, "/jobs/"))
        if "deep" in args.types:
            start = time.perf_counter()
            deep_path, reached = follow_next(base, "/jobs/", args.deep_page)
            paths["deep"] = [deep_path]
            progress(
                f"[{mode}] page {reached} of /jobs/ reached by 'next' in {time.perf_counter() - start:.1f} s: "
                f"{deep_path}" + ("" if reached == args.deep_page else f" (the last page: fewer than {args.deep_page})")
            )
        for kind in args.types:
            if kind == "ceiling":
                continue
            ceiling = measure(base, paths["ceiling"], args, workdir, seconds=args.ceiling_duration)
            page = measure(base, paths[kind], args, workdir)
            page.update(bytes=len(fetch(base, paths[kind][0])), paths=len(paths[kind]))
            page["ceiling_rps"] = ceiling["rps"]
            page["ratio"] = round(page["rps"] / ceiling["rps"], 2)
            pages[kind] = page
            progress(
                f"  [{mode}] {kind:8} {page['rps']:8.1f} req/s  p50 {page['p50_ms']:6.1f}  p95 {page['p95_ms']:6.1f}  "
                f"p99 {page['p99_ms']:6.1f} ms  errors {page['errors']}  {page['bytes']:,} bytes; ceiling just "
                f"before {ceiling['rps']:,.0f} req/s (p95 {ceiling['p95_ms']} ms): ratio {page['ratio']:.2f}"
            )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    if "deep" in pages and "list" in pages:
        pages["deep_vs_first"] = {
            "rps_ratio": round(pages["deep"]["rps"] / pages["list"]["rps"], 2),
            "p95_ratio": round(pages["deep"]["p95_ms"] / pages["list"]["p95_ms"], 2),
        }
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=30, help="seconds per page type")
    parser.add_argument("--ceiling-duration", type=int, default=10, help="seconds of the ceiling before each type")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per page type")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--port", type=int, default=8077)
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: gunicorn.conf.py's)")
    parser.add_argument("--types", nargs="*", default=list(TYPES), choices=TYPES)
    parser.add_argument(
        "--deep-page", type=int, default=DEEP_PAGE, help="the page the deep type reaches by 'next' (or the last)"
    )
    parser.add_argument(
        "--page-cache",
        choices=("both", "on", "off"),
        default="both",
        help="whole pages kept for visitors (on: the production settings), not (off), or both runs",
    )
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    ensure_bench_database()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")
    workdir = Path(tempfile.mkdtemp(prefix="nj-bench-pages-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.web.settings",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": os.environ.get("DATABASE_URL", ""),
        "REDIS_URL": os.environ["REDIS_URL"],
        "NJ_BENCH_STATIC_ROOT": str(workdir / "static"),
        "NJ_BENCH_CEILING_FILE": str(workdir / "ceiling.html"),
        "PYTHONPATH": str(ROOT),
    }
    if args.workers:
        env["WEB_CONCURRENCY"] = str(args.workers)
    workers = int(env.get("WEB_CONCURRENCY", "3"))
    progress(
        f"page benchmark: database {connection.settings_dict['NAME']}, {JobPosting.objects.count():,} postings; "
        f"gunicorn {workers} workers on 127.0.0.1:{args.port}; wrk {args.threads} threads, "
        f"{args.connections} connections, {args.duration} s per page type"
    )
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    paths = {
        "ceiling": ["/bench/ceiling/"],
        "home": ["/"],
        "list": ["/jobs/"],
        "keyword": ["/jobs/?q=" + quote(k) for k in KEYWORDS],
        "filtered": filter_paths(),
        "detail": detail_paths(500, args.seed),
    }
    result: dict = {
        "postings": JobPosting.objects.count(),
        "workers": workers,
        "connections": args.connections,
        "duration_s": args.duration,
    }
    modes = {"both": ("cached", "uncached"), "on": ("cached",), "off": ("uncached",)}[args.page_cache]
    try:
        for mode in modes:
            result["pages" if mode == "cached" else "pages_uncached"] = run_mode(mode, env, paths, args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    ceilings = [
        page["ceiling_rps"]
        for key in ("pages", "pages_uncached")
        for page in result.get(key, {}).values()
        if "ceiling_rps" in page
    ]
    if ceilings:
        result["ceiling_rps"] = {"min": min(ceilings), "median": statistics.median(ceilings), "max": max(ceilings)}
    print(json.dumps(result, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
