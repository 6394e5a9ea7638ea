"""What matching did for one posting, for staff (issue 6: rules "explained in Korean … to
staff"): how many seekers it fits and why, and what became of the notices. Counts only —
no person is named, and the declared priority groups (sensitive) are counted together."""

import dataclasses
import datetime

from django.db import connection
from django.db.models import Count
from django.utils.translation import gettext as _

from accounts.choices import MessageKind, MessageState, NotifyChannel
from accounts.models import OutboundMessage
from namdong_jobs.reference.codes import DECLARED_PRIORITY_GROUPS

from ..models import JobPosting, Match, MatchDigest
from .notices import match_subject
from .rules import reason_text

_DECLARED = {f"group:{g.value}" for g in DECLARED_PRIORITY_GROUPS}


@dataclasses.dataclass
class MatchSummary:
    """``matches``: seekers the posting fits; ``reasons``: ``[(Korean text, count)]``, most
    common first; ``channels``: ``[(channel label, {state: count})]`` of the match notices;
    ``waiting_digest``: matches still owed by a digest; ``matched_at``: when the run
    completed (``None``: not yet)."""

    matches: int
    reasons: list[tuple[str, int]]
    channels: list[tuple[str, dict[str, int]]]
    waiting_digest: int
    matched_at: datetime.datetime | None


#: Below this many seekers, the declared-group count is shown as "fewer than" (a count of 1 or
#: 2 could point at a resident's sensitive data).
SMALL_COUNT = 3


def match_summary(posting: JobPosting) -> MatchSummary:
    """The :class:`MatchSummary` of ``posting`` (four queries). Counts are of seekers; the
    declared priority groups are one row, "fewer than 3" when it is 1 or 2."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT r, count(DISTINCT profile_id) FROM jobs_match, unnest(reasons) r "
            "WHERE posting_id = %s AND NOT r = ANY(%s::varchar[]) GROUP BY r",
            [posting.pk, sorted(_DECLARED)],
        )
        rows = cursor.fetchall()
        cursor.execute(
            "SELECT count(DISTINCT profile_id) FROM jobs_match WHERE posting_id = %s AND reasons && %s::varchar[]",
            [posting.pk, sorted(_DECLARED)],
        )
        declared = cursor.fetchone()[0]
    counts: dict[str, int | str] = {}
    for code, count in rows:
        counts[reason_text(code)] = count
    if declared:
        counts[_("우대 대상 (본인 신고)")] = (
            declared if declared >= SMALL_COUNT else _("%(n)d명 미만") % {"n": SMALL_COUNT}
        )
    matches = Match.objects.filter(posting=posting).count()
    by_channel: dict[str, dict[str, int]] = {}
    for row in (
        OutboundMessage.objects.filter(kind=MessageKind.MATCH, subject=match_subject(posting.pk))
        .values("channel", "state")
        .annotate(n=Count("id"))
    ):
        by_channel.setdefault(row["channel"], {})[row["state"]] = row["n"]
    channels = [
        (_(NotifyChannel(c).label), {s: by_channel[c].get(s, 0) for s in MessageState.values})
        for c in (NotifyChannel.ONSITE, NotifyChannel.EMAIL, NotifyChannel.SMS)
        if c in by_channel
    ]
    waiting = Match.objects.filter(posting=posting, digested_at__isnull=True).exclude(digest=MatchDigest.NONE).count()
    return MatchSummary(
        matches=matches,
        reasons=sorted(counts.items(), key=lambda item: -item[1] if isinstance(item[1], int) else 0),
        channels=channels,
        waiting_digest=waiting,
        matched_at=posting.matched_at,
    )
