"""In-process timing of ``jobs.matching.match_posting`` for one posting.

The candidates count (the occupation prefilter), the reset of a posting's match runs, the
timed runs (medians of the ``MatchRun`` times) and the idempotency re-run that must add no
match and no message.
"""

import statistics
import time

from django.db import connection, transaction

from bench.matching import ms
from bench.matching.reference import Reference, group_codes
from jobs.matching.notices import match_subject
from jobs.matching.run import match_posting
from jobs.models import JobPosting

#: Candidates: seekers the occupation prefilter lets through (wanted occupations empty, i.e.
#: any occupation, or overlapping the minor codes of the posting's middle group) and not
#: erased. Nothing else: place, employment type, wage, shifts/days, account, consent and
#: notification settings are what separates candidates from matches.
CANDIDATES_SQL = """
SELECT count(*)
FROM accounts_seekerprofile s
WHERE s.erased_at IS NULL
  AND (s.wanted_occupations = '{}' OR s.wanted_occupations && %s::varchar[])
"""


def count_candidates(posting: JobPosting, ref: Reference) -> tuple[int, float]:
    """Seekers passing :data:`CANDIDATES_SQL` for ``posting``, and the query's milliseconds."""
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(CANDIDATES_SQL, [group_codes(ref, posting.occupation_id)])
        (count,) = cursor.fetchone()
    return count, (time.perf_counter() - start) * 1000


def reset(posting_id: int) -> None:
    """Undo the match runs of a posting: its match rows, its match messages (subject
    ``posting:<id>``) and ``matched_at``; then VACUUM those two tables (without it every
    run would find the previous run's dead entries under the same unique keys, and the
    runs would slow down one after the other)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM accounts_outboundmessage WHERE subject = %s", [match_subject(posting_id)])
        cursor.execute("DELETE FROM jobs_match WHERE posting_id = %s", [posting_id])
        cursor.execute("UPDATE jobs_jobposting SET matched_at = NULL WHERE id = %s", [posting_id])
    with connection.cursor() as cursor:
        cursor.execute("VACUUM jobs_match, accounts_outboundmessage")


def messages_by_channel(posting_id: int) -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT channel, count(*) FROM accounts_outboundmessage WHERE subject = %s GROUP BY channel ORDER BY 1",
            [match_subject(posting_id)],
        )
        return dict(cursor.fetchall())


def time_match(posting: JobPosting, repeat: int) -> dict:
    """Time ``match_posting`` for ``posting`` in this process ``repeat`` times (reset before
    each), then run it once more without a reset: that run must add nothing.

    Returns the counts, the median of each time in milliseconds (``select_insert_runs_ms``:
    every run's selection plus insert, to show the spread), rows per second of the median
    selection plus insert, and the last run's counts (``again_matches``/``again_messages``).
    Raises ``RuntimeError`` when the posting is not matched or the runs' counts differ."""
    runs = []
    for _ in range(repeat):
        reset(posting.pk)
        runs.append(match_posting(posting.pk))
        if runs[-1].skipped:
            raise RuntimeError(f"posting {posting.pk} was not matched: {runs[-1].skipped}")
    if len({(r.matches, r.messages) for r in runs}) > 1:
        raise RuntimeError(f"posting {posting.pk}: runs wrote different counts: {runs}")
    again = match_posting(posting.pk)

    def median(field: str) -> float:
        return ms(statistics.median(getattr(r, field) for r in runs))

    select_insert_ms = median("select_insert_ms")
    return {
        "matches": runs[0].matches,
        "select_insert_ms": select_insert_ms,
        "rows_per_s": round(runs[0].matches / (select_insert_ms / 1000)) if select_insert_ms else None,
        "messages": runs[0].messages,
        "messages_ms": median("messages_ms"),
        "commit_ms": median("commit_ms"),
        "total_ms": median("total_ms"),
        "runs": repeat,
        "select_insert_runs_ms": [ms(r.select_insert_ms) for r in runs],
        "again_matches": again.matches,
        "again_messages": again.messages,
        "again_total_ms": ms(again.total_ms),
    }
