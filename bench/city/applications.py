"""Applications of the city and their status histories (COPY).

Seekers apply to postings that were published here (imported listings take no applications):
half of the seekers never applied, the others 1 + a geometric number (mean 4), to distinct
postings drawn by popularity (Pareto weights: a few postings draw hundreds of applicants),
at a time between the posting's publication and its end (closing, or now). Seekers without
an account (walk-ins registered at a centre) apply through a referral (``referral``), others
online (5 % of them through a referral too). With the default sizes (2,000,000 applications,
1,000,000 seekers) the geometric mean is 3, so applicants apply 4 times on average.

Status (referrals may also end ``no_show`` or ``declined``): submitted 30 %, viewed 25 %,
rejected 20 %, interview 10 %, hired 7 %, withdrawn 5 %. Every application has its history,
as the services write it (:func:`jobs.services.applications.application_submit` and the
status changes): the first row ``'' → submitted`` by the seeker's account (``NULL`` for a
referral, recorded by the system), then each later step by the employer's owner (the seeker
for a withdrawal), hours to days apart; ``status_changed_at`` is the last step's time;
interviews have a date and place.

The profile snapshot is left empty and no provision consent is linked (as for an application
made without that consent): no benchmarked page reads them, and they would double the load.
"""

from __future__ import annotations

import bisect
import random
import time

from django.db import connection
from django.utils import timezone
from psycopg import sql

from bench.matching import progress
from bench.matching.db import column_layout, copy_lines, drop_secondary_indexes, set_id_sequence, ts
from jobs.models import Application, ApplicationStatusChange

HOUR = 3600
#: status → the chain of statuses from ``submitted`` that leads to it.
CHAINS = {
    "submitted": ("submitted",),
    "viewed": ("submitted", "viewed"),
    "interview": ("submitted", "viewed", "interview"),
    "hired": ("submitted", "viewed", "interview", "hired"),
    "rejected": ("submitted", "viewed", "rejected"),
    "rejected_after_interview": ("submitted", "viewed", "interview", "rejected"),
    "withdrawn": ("submitted", "withdrawn"),
    "withdrawn_after_view": ("submitted", "viewed", "withdrawn"),
    "no_show": ("submitted", "interview", "no_show"),
    "declined": ("submitted", "viewed", "declined"),
}
ONLINE_OUTCOMES = (
    ("submitted", 30), ("viewed", 25), ("rejected", 13), ("rejected_after_interview", 7), ("interview", 10),
    ("hired", 7), ("withdrawn", 3), ("withdrawn_after_view", 2),
)  # fmt: skip
REFERRAL_OUTCOMES = (*ONLINE_OUTCOMES, ("no_show", 3), ("declined", 3))
MESSAGES = (
    "성실하게 일하겠습니다.", "집이 가까워 오래 일할 수 있습니다.", "관련 경력이 3년 있습니다.",
    "면접 일정은 오전이 좋습니다.", "주말 근무도 가능합니다.", "자격증 사본을 가지고 방문하겠습니다.",
)  # fmt: skip


def _table(pairs):
    values, cum, total = [], [], 0
    for value, weight in pairs:
        total += weight
        values.append(value)
        cum.append(total)
    return values, cum, total


def _pick(rng, table):
    values, cum, total = table
    return values[bisect.bisect_right(cum, rng.random() * total)]


def seeker_accounts(cursor) -> list[int]:
    """``user_id`` (0 for walk-ins) of every seeker, indexed by seeker id (ids are 1..n)."""
    users = [0]
    with cursor.copy(
        "COPY (SELECT id, coalesce(user_id, 0) FROM accounts_seekerprofile ORDER BY id) TO STDOUT"
    ) as copy:
        for seeker_id, user_id in copy.rows():
            while len(users) < int(seeker_id):
                users.append(0)
            users.append(int(user_id))
    return users


def generate_applications(
    target: int, rng: random.Random, postings: list[tuple[int, int, int, int, int]], cursor, chunk: int = 20_000
) -> dict:
    """COPY about ``target`` applications (exactly, when the seekers allow) and their
    histories; returns row counts and seconds."""
    stats: dict = {}
    start = time.perf_counter()
    users = seeker_accounts(cursor)
    seekers = len(users) - 1
    now_ts = int(timezone.now().timestamp())
    cum, total = [], 0
    for row in postings:
        total += row[3]
        cum.append(total)
    online, referral = _table(ONLINE_OUTCOMES), _table(REFERRAL_OUTCOMES)
    app_columns, app_suffix = column_layout(
        Application,
        [
            "id", "posting_id", "seeker_id", "channel", "status", "message", "profile_snapshot",
            "interview_at", "interview_place", "status_changed_at", "created_at", "updated_at",
        ],
    )  # fmt: skip
    change_columns, change_suffix = column_layout(
        ApplicationStatusChange, ["application_id", "from_status", "to_status", "changed_by_id", "changed_at"]
    )
    history: list[str] = []  # joined chunks of history lines, copied after the applications
    counts = {"applications": 0, "changes": 0}
    # half the seekers apply, 1 + geometric(mean_extra) times: mean_extra = 2·target/seekers − 1
    mean_extra = max(0.0, 2 * target / max(1, seekers) - 1)
    applied = bytearray(seekers + 1)

    def app_lines():
        app_id = 0
        lines: list[str] = []
        changes: list[str] = []
        remaining = target
        seeker_order = range(1, seekers + 1)
        passes = 0
        while remaining > 0 and passes < 5 and postings:
            passes += 1
            for seeker in seeker_order:
                if remaining <= 0:
                    break
                if passes == 1:
                    if rng.random() < 0.5:
                        continue
                    k = 1
                    while rng.random() < mean_extra / (mean_extra + 1):
                        k += 1
                elif applied[seeker] or rng.random() >= 0.2:
                    continue  # later passes: only seekers without applications (no repeats)
                else:
                    k = 1
                k = min(k, remaining, 40)
                applied[seeker] = 1
                chosen: set[int] = set()
                user = users[seeker]
                for _ in range(k * 3):
                    if len(chosen) >= k:
                        break
                    idx = bisect.bisect_right(cum, rng.random() * total)
                    if idx in chosen:
                        continue
                    chosen.add(idx)
                    posting_id, published, end, _pop, owner = postings[idx]
                    app_id += 1
                    created = published + int(rng.random() * max(HOUR, min(end, now_ts) - published))
                    created = min(created, now_ts - 60)
                    is_referral = not user or rng.random() < 0.05
                    outcome = _pick(rng, referral if is_referral else online)
                    chain = CHAINS[outcome]
                    at = created
                    prev = ""
                    for step in chain:
                        if step != "submitted":
                            at = min(at + rng.randrange(HOUR, 5 * 24 * HOUR), now_ts - 1)
                        by = (user or "\\N") if step in ("submitted", "withdrawn") else (owner or "\\N")
                        if step == "submitted" and is_referral:
                            by = "\\N"
                        changes.append(f"{app_id}\t{prev}\t{step}\t{by}\t{ts(at)}{change_suffix}\n")
                        prev = step
                    status = chain[-1]
                    interview = status in ("interview", "hired", "no_show") or outcome == "rejected_after_interview"
                    interview_at = ts(at + 2 * 24 * HOUR) if interview else "\\N"
                    place = "본사 2층 회의실" if interview else ""
                    message = rng.choice(MESSAGES) if rng.random() < 0.2 else ""
                    lines.append(
                        f"{app_id}\t{posting_id}\t{seeker}\t{'referral' if is_referral else 'online'}\t{status}\t"
                        f"{message}\t{{}}\t{interview_at}\t{place}\t{ts(at)}\t{ts(created)}\t{ts(at)}{app_suffix}\n"
                    )
                    remaining -= 1
                if len(lines) >= chunk:
                    counts["applications"] += len(lines)
                    counts["changes"] += len(changes)
                    history.append("".join(changes))
                    changes = []
                    yield lines
                    lines = []
                    if counts["applications"] % 500_000 < chunk:
                        progress(f"    … {counts['applications']:,} applications")
        counts["applications"] += len(lines)
        counts["changes"] += len(changes)
        history.append("".join(changes))
        yield lines

    app_table = Application._meta.db_table
    change_table = ApplicationStatusChange._meta.db_table
    dropped = drop_secondary_indexes(cursor, app_table, change_table)
    stats["applications"] = copy_lines(cursor, app_table, app_columns, app_lines())
    set_id_sequence(cursor, app_table, max(1, stats["applications"]))
    stats["applications_s"] = time.perf_counter() - start
    progress(f"  jobs_application       {stats['applications']:>9,} rows  {stats['applications_s']:6.1f} s")
    start = time.perf_counter()
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(change_table), sql.SQL(", ").join(map(sql.Identifier, change_columns))
    )
    with cursor.copy(statement) as copy:
        while history:
            copy.write(history.pop(0))
    stats["status_changes"] = counts["changes"]
    copied = time.perf_counter()
    for definition in dropped:
        cursor.execute(definition)
    stats["status_changes_s"] = time.perf_counter() - start
    stats["applications_index_s"] = time.perf_counter() - copied
    progress(
        f"  jobs_applicationstatuschange {stats['status_changes']:>9,} rows  {stats['status_changes_s']:6.1f} s "
        f"(indexes of both tables {stats['applications_index_s']:.1f} s)"
    )
    assert connection.in_atomic_block
    return stats
