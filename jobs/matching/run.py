"""Matching one posting against every seeker, set-based (issue 6).

:func:`match_posting` is what the ``jobs.tasks.match_posting`` task runs after a posting goes
live: in one transaction, one ``INSERT … SELECT`` (with an anti-join on the posting's existing
matches, under a lock that serialises runs) writes the match
rows (the rules of ``jobs.matching.rules`` over the GIN-indexed wanted-condition arrays; no
Python loop over seekers), ``jobs.matching.notices`` writes the message rows, and
``JobPosting.matched_at`` records that the run completed. Running it again adds nothing: the
unique (posting, seeker) and the messages' dedupe keys see to it.
"""

import dataclasses
import datetime
import logging
import time

from django.db import connection, transaction
from django.utils import timezone

from accounts.choices import ConsentPurpose, NotifyFrequency

from ..choices import PostingSource
from ..models import JobPosting, Match, MatchDigest
from . import notices
from .rules import FitSql, fetch_posting_values, kst_year, score_of_sql

logger = logging.getLogger(__name__)

#: Every match run takes this PostgreSQL advisory lock (transaction level), so that two runs
#: never count the same seeker's daily SMS cap at once.
MATCH_LOCK_KEY = 7_260_601

#: SQL: the seeker ``s`` has said which occupations they want, is active (not erased, account
#: if any active), consents to notifications (``ConsentPurpose.NOTIFICATIONS``) and has not
#: turned them off.
SEEKER_NOTIFIABLE_SQL = (
    # notices need a stated occupation: "any work, anywhere" would be told of every posting
    # (browsing "postings that fit" still treats no occupation as any)
    "s.wanted_occupations <> '{}' AND s.erased_at IS NULL"
    # an anti-join on the few inactive accounts (partial index user_inactive), not a join of all
    " AND NOT EXISTS (SELECT 1 FROM accounts_user u WHERE u.id = s.user_id"
    " AND (NOT u.is_active OR u.erased_at IS NOT NULL))"
    f" AND s.notify_frequency <> '{NotifyFrequency.OFF}'"
    " AND EXISTS (SELECT 1 FROM accounts_consent c WHERE c.person_id = s.id"
    f" AND c.purpose = '{ConsentPurpose.NOTIFICATIONS}' AND c.withdrawn_at IS NULL)"
)


@dataclasses.dataclass
class MatchRun:
    """What one :func:`match_posting` run did. ``matches``: match rows written now;
    ``messages``: message rows written now; times in milliseconds: ``select_insert_ms`` (the
    seeker selection and the match rows), ``messages_ms``, ``commit_ms``, ``total_ms``.
    ``skipped`` says why nothing was done (``""`` when the run happened)."""

    posting_id: int
    matches: int = 0
    messages: int = 0
    select_insert_ms: float = 0.0
    messages_ms: float = 0.0
    commit_ms: float = 0.0
    total_ms: float = 0.0
    skipped: str = ""


def match_insert_sql(posting_values: dict, *, posting_id: int, year: int) -> tuple[str, list]:
    """The ``INSERT INTO jobs_match … SELECT …`` of one posting and its parameters (seekers
    already matched to it left out). A seeker who chose a daily digest gets ``digest = 'all'``."""
    fit = FitSql(posting=posting_values)
    # rendered in the order the parameters appear in the statement
    score = fit.score()
    reasons = fit.reasons()
    where = fit.fits(occupation_required=True)
    # matches this posting already has are left out by an anti-join (runs are serialised by
    # MATCH_LOCK_KEY, and the unique constraint still stands guard): measured 7 % faster at
    # 75,000 rows than ON CONFLICT DO NOTHING, which probes the index before every insert
    sql = (
        "INSERT INTO jobs_match (posting_id, profile_id, score, reasons, created_at, digest) "
        f"SELECT %s, s.id, {score}, {reasons}, now(), "
        f"CASE WHEN s.notify_frequency = '{NotifyFrequency.DAILY}' THEN 'all' ELSE '' END "
        "FROM accounts_seekerprofile s "
        f"{fit.seeker_groups_join(year)} "
        f"WHERE {SEEKER_NOTIFIABLE_SQL} AND {where} "
        "AND NOT EXISTS (SELECT 1 FROM jobs_match done WHERE done.posting_id = %s AND done.profile_id = s.id)"
    )
    return sql, [posting_id, *fit.params, posting_id]


def _refresh_existing(posting_values: dict, *, posting_id: int, year: int) -> None:
    """After an edit of a published posting: delete its matches whose seeker no longer fits
    (or no longer wants notices) — their waiting digest entries and held messages go with them
    (``jobs.matching.checks`` suppresses a message without its match) — and recompute score and
    reasons of the others with the same rules."""
    fit = FitSql(posting=posting_values)
    where = fit.fits(occupation_required=True)
    delete_sql = (
        "DELETE FROM jobs_match m WHERE m.posting_id = %s AND NOT EXISTS ("
        f"SELECT 1 FROM accounts_seekerprofile s {fit.seeker_groups_join(year)} "
        f"WHERE s.id = m.profile_id AND {SEEKER_NOTIFIABLE_SQL} AND {where})"
    )
    rescore = FitSql(posting=posting_values)
    reasons = rescore.reasons()
    update_sql = (
        f"UPDATE jobs_match m SET reasons = r.reasons, score = {score_of_sql('r.reasons')} "
        f"FROM accounts_seekerprofile s {rescore.seeker_groups_join(year)} "
        f"CROSS JOIN LATERAL (SELECT {reasons} AS reasons) r "
        "WHERE m.posting_id = %s AND s.id = m.profile_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(delete_sql, [posting_id, *fit.params])
        cursor.execute(update_sql, [*rescore.params, posting_id])


def match_posting(posting_id: int, *, now=None, notify: bool = True) -> MatchRun:
    """Match the published posting ``posting_id`` against every seeker and write the notices
    (with ``notify=False``, as the demo data does for its own postings, the matches are
    recorded as told and no message is written).

    Only open postings entered here, not matched since they (or their last edit) went live
    (``matched_at`` empty), are matched; imported listings are not. Anything else returns a
    run with ``skipped`` set and writes nothing. Returns a :class:`MatchRun`.
    Database errors propagate (the task retries); the transaction then leaves nothing behind.
    """
    run = MatchRun(posting_id=posting_id)
    started = time.perf_counter()
    now = now or timezone.now()
    with transaction.atomic():
        posting = JobPosting.objects.select_for_update().filter(pk=posting_id).first()
        if posting is None:
            run.skipped = "no such posting"
            return run
        if posting.source != PostingSource.DIRECT or not posting.is_open(timezone.localdate(now)):
            run.skipped = "not open" if posting.source == PostingSource.DIRECT else "external"
            return run
        if posting.matched_at is not None:
            # this content was matched already (a task delivered twice, a sweep racing the
            # first run); an edit going live clears matched_at (schedule_match)
            run.skipped = "already matched"
            return run
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [MATCH_LOCK_KEY])
            # JIT compiling this one statement costs more than it saves (measured: 0.4–1 s
            # of 2 s at 1,000,000 seekers); the hash of a broad posting's rows fits in memory
            cursor.execute("SET LOCAL jit = off")
            cursor.execute("SET LOCAL work_mem = '64MB'")
        values = fetch_posting_values(posting_id)
        t0 = time.perf_counter()
        if Match.objects.filter(posting_id=posting_id).exists():
            # a new revision went live: matches that no longer fit go, the rest are re-scored
            _refresh_existing(values, posting_id=posting_id, year=kst_year(now))
        sql, params = match_insert_sql(values, posting_id=posting_id, year=kst_year(now))
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            run.matches = max(cursor.rowcount, 0)
        t1 = time.perf_counter()
        if notify:
            run.messages = notices.match_notices_write(posting, now=now)
        else:
            Match.objects.filter(posting_id=posting_id, notified_at__isnull=True).update(
                notified_at=now, digest=MatchDigest.NONE
            )
        t2 = time.perf_counter()
        JobPosting.objects.filter(pk=posting_id).update(matched_at=now)
        run.select_insert_ms = (t1 - t0) * 1000
        run.messages_ms = (t2 - t1) * 1000
        t3 = time.perf_counter()
    run.commit_ms = (time.perf_counter() - t3) * 1000
    run.total_ms = (time.perf_counter() - started) * 1000
    logger.info(
        "Matched posting %s: %s matches, %s messages in %.0f ms", posting_id, run.matches, run.messages, run.total_ms
    )
    return run


def schedule_match(posting: JobPosting) -> None:
    """Mark ``posting`` as not yet matched and enqueue ``match_posting`` once the surrounding
    transaction commits (called when a posting or a new revision goes live). When the broker
    is unreachable the periodic :func:`unmatched_postings` sweep finds it (``matched_at`` is
    empty). Never raises."""
    JobPosting.objects.filter(pk=posting.pk).update(matched_at=None)
    posting.matched_at = None
    transaction.on_commit(lambda: enqueue_match(posting.pk))


def enqueue_match(posting_id: int) -> None:
    """Enqueue the ``match_posting`` task, failing fast (one connection attempt, no publish
    retries): the caller is usually a web request, and the sweep catches up. Never raises."""
    from ..tasks import match_posting as task

    try:
        with task.app.producer_or_acquire() as producer:
            producer.connection.ensure_connection(max_retries=0)
            task.apply_async((posting_id,), producer=producer, retry=False)
    except Exception:  # the broker's errors vary by transport
        logger.warning("Could not enqueue matching of posting %s; the sweep will.", posting_id, exc_info=True)


#: How long a posting may stay published without a completed match run before the sweep
#: enqueues it again (the first task may still be running or waiting in the queue).
UNMATCHED_GRACE_MINUTES = 3


def unmatched_postings(*, now=None, limit: int = 200) -> list[int]:
    """Ids of open postings entered here, published more than ``UNMATCHED_GRACE_MINUTES``
    ago, whose match run never completed (``matched_at`` empty: the broker was down when they
    went live, or the worker died), oldest first, at most ``limit``."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(minutes=UNMATCHED_GRACE_MINUTES)
    return list(
        JobPosting.objects.open(timezone.localdate(now))
        .direct()
        .filter(matched_at__isnull=True, published_at__lt=cutoff)
        .order_by("published_at", "id")
        .values_list("id", flat=True)[:limit]
    )
