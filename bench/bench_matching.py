"""Benchmark of matching (issue 6): one posting against a whole city of seekers.

Generates ``--seekers`` job seekers with realistic wanted conditions straight into the
database with PostgreSQL ``COPY`` (users, seeker profiles and consents), creates a verified
employer with a narrow and a broad published posting, then for each:

* counts the candidates (``timing.CANDIDATES_SQL``: the occupation prefilter);
* times ``jobs.matching.match_posting`` in this process ``--repeat`` times (the posting's
  matches, match messages and ``matched_at`` reset before each; medians of the
  ``MatchRun`` times: selection plus match rows, message rows, commit) and runs it once more
  to show that a second run adds no match and no message;

and for the broad posting:

* the peak resident memory (``VmHWM``) of a real Celery worker (``--pool=solo``, its own
  queue ``bench_matching`` on the benchmark's Redis database) running the
  ``jobs.tasks.match_posting`` task;
* the naive way: every seeker with its account through the ORM and the same rules in
  Python (``naive.naive_fit``), creating nothing; its count, total score and reasons must
  equal the match rows' (a difference is printed as ``FINDING`` and the exit status is 1).

The last line of output is one JSON object (see ``bench/README.md``).

Run against the scratch benchmark database (the script refuses a database whose name does not
contain "bench": generation TRUNCATEs people, employers and postings with CASCADE)::

    createdb -h 127.0.0.1 -U postgres nj_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nj_bench .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nj_bench REDIS_URL=redis://127.0.0.1:6379/12 \\
    .venv/bin/python bench/bench_matching.py --seekers 1000000

``--reuse`` keeps the seekers already generated (only the postings are made again);
``--no-worker`` and ``--no-naive`` skip those parts (the naive loop takes about a minute per
million seekers).

The parts live in the package ``bench/matching/`` (its ``__init__`` lists them; the generated
population is described in ``bench/matching/generate.py``); this script sets the environment
up, runs them in order and prints the figures.

Figures only; nothing is asserted on time (shared machines are noisy).
"""

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "namdong_jobs.settings.local")
os.environ.setdefault("DJANGO_DEBUG", "false")  # no query log; as a deployed worker
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/12")
# The broker of this process and of the benchmark's worker (its own Redis database).
os.environ.setdefault("CELERY_BROKER_URL", os.environ["REDIS_URL"])
os.environ.setdefault("SMS_BACKEND", "accounts.messaging.sms.locmem.SmsBackend")
os.environ.setdefault("EMAIL_URL", "memorymail://")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from accounts.models import SeekerProfile  # noqa: E402
from bench.matching import ms, progress  # noqa: E402
from bench.matching.db import ensure_bench_database, vacuum_analyze  # noqa: E402
from bench.matching.generate import populate  # noqa: E402
from bench.matching.naive import naive_findings, naive_match, stored_matches  # noqa: E402
from bench.matching.postings import create_postings  # noqa: E402
from bench.matching.reference import Reference  # noqa: E402
from bench.matching.timing import count_candidates, messages_by_channel, reset, time_match  # noqa: E402
from bench.matching.worker import purge, worker_peak_rss  # noqa: E402
from jobs.matching.rules import kst_year  # noqa: E402

#: The JSON line's leading keys (the rest follow as computed).
JSON_FIRST = (
    "seekers",
    "candidates",
    "matches",
    "select_insert_ms",
    "rows_per_s",
    "messages",
    "messages_ms",
    "commit_ms",
    "total_ms",
    "naive_ms",
    "naive_matches",
    "speedup",
    "worker_rss_mb",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seekers", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--reuse", action="store_true", help="keep the seekers already generated")
    parser.add_argument("--repeat", type=int, default=3, help="in-process runs per posting (medians reported)")
    parser.add_argument("--no-worker", action="store_true", help="skip the Celery worker's peak memory")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive ORM loop (minutes at 1M)")
    args = parser.parse_args()
    ensure_bench_database()
    progress(f"matching benchmark: PostgreSQL {connection.pg_version}, database {connection.settings_dict['NAME']}")
    result = {"seekers": args.seekers}
    if args.reuse:
        result["seekers"] = SeekerProfile.objects.count()
        progress(f"reusing {result['seekers']:,} seekers")
        vacuum_analyze()
    else:
        progress(f"generating {args.seekers:,} seekers (seed {args.seed})")
        stats = populate(args.seekers, args.seed)
        result["generate_s"] = round(stats["seconds"], 1)
    ref = Reference()
    narrow, broad = create_postings(ref)
    findings = []
    figures = {}
    for label, posting in (("narrow", narrow), ("broad", broad)):
        candidates, candidates_ms = count_candidates(posting, ref)
        progress(
            f"{label:6} posting #{posting.pk}: occupation {posting.occupation_id}, dong {posting.dong_id}, "
            f"{posting.employment_type}, {posting.wage_hourly:,} KRW/h; candidates {candidates:,} "
            f"({candidates_ms:.0f} ms)"
        )
        run = figures[label] = {"candidates": candidates, **time_match(posting, args.repeat)}
        progress(
            f"  match_posting (median of {run['runs']}): {run['matches']:,} matches, "
            f"select+insert {run['select_insert_ms']:,.0f} ms {run['select_insert_runs_ms']} "
            f"({run['rows_per_s'] or 0:,} rows/s); {run['messages']:,} messages {run['messages_ms']:,.0f} ms "
            f"{messages_by_channel(posting.pk)}; commit {run['commit_ms']:,.0f} ms; total {run['total_ms']:,.0f} ms"
        )
        progress(
            f"  again:         {run['again_matches']} matches, {run['again_messages']} messages "
            f"({run['again_total_ms']:,.0f} ms)"
        )
        if run["again_matches"] or run["again_messages"]:
            findings.append(
                f"{label}: the second run added {run['again_matches']} matches, {run['again_messages']} messages"
            )
    result.update(figures["broad"])
    result.update(worker_rss_mb=None, naive_ms=None, speedup=None)
    if not args.no_worker:
        result.update(worker_peak_rss(broad))
        progress(
            f"worker: broad posting matched in {result['worker_task_ms']:,.0f} ms after sending; "
            f"peak RSS {result['worker_rss_mb']} MB (idle {result['worker_idle_rss_mb']} MB)"
        )
    if not args.no_naive:
        progress("naive ORM loop over every seeker for the broad posting…")
        stored = stored_matches(broad.pk)
        naive = naive_match(broad, ref, kst_year())
        result["naive_ms"] = ms(naive["ms"])
        result["naive_matches"] = naive["matches"]
        result["speedup"] = round(naive["ms"] / result["select_insert_ms"], 1)
        progress(
            f"  naive: {naive['matches']:,} matches in {naive['ms']:,.0f} ms "
            f"({result['speedup']:,}× the select+insert); SQL rows: {stored['matches']:,}"
        )
        findings += naive_findings(naive, stored, result["matches"])
    # Leave no pending match messages behind (another benchmark's delivery loop on this
    # database would send them) and no delivery tasks (no worker of this bench takes them).
    for posting in (narrow, broad):
        reset(posting.pk)
    purge("celery")
    result["narrow"] = figures["narrow"]
    result["checks_ok"] = not findings
    first = [k for k in JSON_FIRST if k in result]
    result = {k: result[k] for k in first + [k for k in result if k not in first]}
    for finding in findings:
        print(f"FINDING: {finding}", file=sys.stderr, flush=True)
    print(json.dumps(result, ensure_ascii=False), flush=True)
    if findings:
        sys.exit(1)


if __name__ == "__main__":
    main()
