"""Fill the scratch benchmark database with a city's worth of job-bank data (issue 7), by COPY.

Default sizes: 20,000 employers, 200,000 postings, 1,000,000 seekers with wanted conditions,
2,000,000 applications (with their status histories). ``--scale 0.05`` multiplies every size
(for development); each size also has its own option.

Order, in one transaction (everything generated before is replaced: TRUNCATE … CASCADE):

1. seekers — the matching benchmark's generator, reused as it is
   (:func:`bench.matching.generate.generate`: accounts, seeker profiles, consents; one staff
   member per community centre);
2. employers — owner accounts, employers, members, certifications (:mod:`bench.city.employers`);
3. postings — Korean titles and texts from real vocabulary, with the derived fields computed
   by the model's own code (:mod:`bench.city.postings`);
4. applications and their status histories (:mod:`bench.city.applications`);

foreign keys are not checked row by row during the load (``session_replication_role =
replica``) but once, set-based, at the end; CHECK and UNIQUE constraints apply as usual.
Then ``VACUUM (ANALYZE)`` of the database.

Prints the rows and seconds of each table, the total, and as its last line one JSON object
(``bench/README.md``). Refuses a database whose name does not contain ``bench``::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nj_bench .venv/bin/python bench/generate_city.py
    DATABASE_URL=… .venv/bin/python bench/generate_city.py --scale 0.05     # 1/20 of the city

The vocabulary is read at run time from ``NJ_SHARED_DATA`` (default ``../shared/data``).
"""

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "namdong_jobs.settings.local")
os.environ.setdefault("DJANGO_DEBUG", "false")  # no query log

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from psycopg import sql  # noqa: E402

from bench.city.applications import generate_applications  # noqa: E402
from bench.city.employers import generate_employers  # noqa: E402
from bench.city.postings import generate_postings  # noqa: E402
from bench.city.vocabulary import Vocabulary  # noqa: E402
from bench.matching import progress  # noqa: E402
from bench.matching.db import check_foreign_keys, ensure_bench_database  # noqa: E402
from bench.matching.generate import create_staff, generate, truncate_people  # noqa: E402
from bench.matching.reference import Reference  # noqa: E402

#: Foreign keys of the tables this script writes beyond the seekers' (checked after the load).
FOREIGN_KEYS = [
    ("employers_employer", "dong_id", "reference_dong", "code"),
    ("employers_employer", "verified_by_id", "accounts_user", "id"),
    ("employers_employer", "registered_by_id", "accounts_user", "id"),
    ("employers_employermember", "employer_id", "employers_employer", "id"),
    ("employers_employermember", "user_id", "accounts_user", "id"),
    ("employers_certification", "employer_id", "employers_employer", "id"),
    ("jobs_jobposting", "employer_id", "employers_employer", "id"),
    ("jobs_jobposting", "occupation_id", "reference_occupation", "code"),
    ("jobs_jobposting", "dong_id", "reference_dong", "code"),
    ("jobs_jobposting", "created_by_id", "accounts_user", "id"),
    ("jobs_jobposting", "published_by_id", "accounts_user", "id"),
    ("jobs_jobposting", "centre_id", "reference_communitycentre", "id"),
    ("jobs_application", "posting_id", "jobs_jobposting", "id"),
    ("jobs_application", "seeker_id", "accounts_seekerprofile", "id"),
    ("jobs_applicationstatuschange", "application_id", "jobs_application", "id"),
    ("jobs_applicationstatuschange", "changed_by_id", "accounts_user", "id"),
]
TABLES = (
    "employers_employer",
    "employers_employermember",
    "employers_certification",
    "jobs_jobposting",
    "jobs_application",
    "jobs_applicationstatuschange",
)


def check_city_foreign_keys(cursor) -> None:
    for table, column, target, key in FOREIGN_KEYS:
        cursor.execute(
            sql.SQL(
                "SELECT count(*) FROM {t} a WHERE a.{c} IS NOT NULL"
                " AND NOT EXISTS (SELECT 1 FROM {r} b WHERE b.{k} = a.{c})"
            ).format(t=sql.Identifier(table), c=sql.Identifier(column), r=sql.Identifier(target), k=sql.Identifier(key))
        )
        (missing,) = cursor.fetchone()
        if missing:
            raise RuntimeError(f"{table}.{column}: {missing} rows point at no {target} row")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size (0.05 = 1/20 of the city)")
    parser.add_argument("--employers", type=int, default=20_000)
    parser.add_argument("--postings", type=int, default=200_000)
    parser.add_argument("--seekers", type=int, default=1_000_000)
    parser.add_argument("--applications", type=int, default=2_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sizes = {
        k: max(1, int(getattr(args, k) * args.scale)) for k in ("employers", "postings", "seekers", "applications")
    }
    ensure_bench_database()
    progress(
        f"city generator: PostgreSQL {connection.pg_version}, database {connection.settings_dict['NAME']}; "
        + ", ".join(f"{v:,} {k}" for k, v in sizes.items())
    )
    rng = random.Random(args.seed)
    ref = Reference()
    vocab = Vocabulary.load()
    start = time.perf_counter()
    stats: dict = {}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        cursor.execute("SET LOCAL synchronous_commit = off")
        truncate_people(cursor)
        cursor.execute(
            "TRUNCATE " + ", ".join(TABLES) + " RESTART IDENTITY CASCADE"  # noqa: S608 - constant names
        )
        staff = create_staff(ref)
        cursor.execute("SET LOCAL session_replication_role = replica")
        t = time.perf_counter()
        seeker_stats = generate(sizes["seekers"], args.seed, staff, ref, cursor)
        stats["seekers_s"] = time.perf_counter() - t
        stats.update({k: v for k, v in seeker_stats.items()})
        employers, employer_stats = generate_employers(
            sizes["employers"], rng, ref, vocab, staff[ref.district_centre], cursor
        )
        stats.update(employer_stats)
        published, posting_stats = generate_postings(sizes["postings"], rng, ref, vocab, employers, staff, cursor)
        stats.update(posting_stats)
        stats.update(generate_applications(sizes["applications"], rng, published, cursor))
        t = time.perf_counter()
        cursor.execute("SET LOCAL session_replication_role = origin")
        check_foreign_keys(cursor)
        check_city_foreign_keys(cursor)
        stats["fk_check_s"] = time.perf_counter() - t
        progress(f"  foreign keys checked   {stats['fk_check_s']:6.1f} s")
        t = time.perf_counter()
    stats["commit_s"] = time.perf_counter() - t
    t = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    stats["vacuum_analyze_s"] = time.perf_counter() - t
    progress(f"  VACUUM (ANALYZE)       {stats['vacuum_analyze_s']:6.1f} s")
    stats["total_s"] = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        (size,) = cursor.fetchone()
    rows = sum(stats[k] for k in ("users", "profiles", "consents", "owner_users", "employers", "members",
                                  "certifications", "postings", "applications", "status_changes"))  # fmt: skip
    progress(f"generated {rows:,} rows in {stats['total_s']:.1f} s; database {size / 2**20:,.0f} MB")
    result = {
        "sizes": sizes,
        "rows": rows,
        "total_s": round(stats["total_s"], 1),
        "seconds": {k.removesuffix("_s"): round(v, 1) for k, v in stats.items() if k.endswith("_s")},
        "counts": {k: v for k, v in stats.items() if isinstance(v, int)},
        "posting_statuses": stats["posting_statuses"],
        "database_mb": round(size / 2**20),
    }
    print(json.dumps(result, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
