"""The naive way, for the speed ratio and as a check of the SQL rules.

Every seeker with its account through the ORM and the rules of ``jobs.matching.rules`` written
again in Python (:func:`naive_fit`), creating nothing; :func:`naive_findings` compares its
count, total score and reasons lists with the match rows in the database
(:func:`stored_matches`).
"""

import collections
import dataclasses
import time

from django.db import connection

from accounts.choices import ConsentPurpose, NotifyFrequency
from accounts.models import Consent, SeekerProfile
from bench.matching.reference import Reference, group_codes
from jobs.matching.rules import NEAR_M, POINTS
from jobs.models import JobPosting
from namdong_jobs.reference.codes import PriorityGroup
from namdong_jobs.reference.models import Dong


@dataclasses.dataclass(frozen=True)
class NaivePosting:
    """A posting's side of the rules, for :func:`naive_fit`."""

    occupation: str
    group_codes: frozenset
    dong: str
    near_dongs: frozenset
    employment_type: str
    wage: int | None
    shifts: frozenset
    days: frozenset
    groups: tuple
    licences: tuple

    @classmethod
    def of(cls, posting: JobPosting, ref: Reference) -> "NaivePosting":
        """Middle groups from ``Occupation``, near dongs from ``Dong.distance_m``."""
        dongs = list(Dong.objects.all())
        here = next(d for d in dongs if d.code == posting.dong_id)
        return cls(
            occupation=posting.occupation_id,
            group_codes=frozenset(group_codes(ref, posting.occupation_id)),
            dong=posting.dong_id,
            near_dongs=frozenset(d.code for d in dongs if here.distance_m(d) < NEAR_M),
            employment_type=posting.employment_type,
            wage=posting.wage_hourly,
            shifts=frozenset(posting.shifts),
            days=frozenset(posting.work_days),
            groups=tuple(posting.priority_groups),
            licences=tuple(posting.licences),
        )


def naive_fit(s: SeekerProfile, p: NaivePosting, notifiable: set, sensitive: set, year: int):
    """The rules of ``jobs.matching.rules`` (and ``run.SEEKER_NOTIFIABLE_SQL``) in Python for
    one seeker: ``None`` when ``p`` does not fit, else ``(score, reasons)``."""
    u = s.user
    if s.erased_at is not None or s.notify_frequency == NotifyFrequency.OFF or s.pk not in notifiable:
        return None
    if u is not None and (not u.is_active or u.erased_at is not None):
        return None
    occs = s.wanted_occupations
    if not occs or p.group_codes.isdisjoint(occs):  # notices need a wanted occupation
        return None
    if s.wanted_dongs and p.dong not in s.wanted_dongs:
        return None
    if s.wanted_employment_types and p.employment_type not in s.wanted_employment_types:
        return None
    minimum = s.wanted_min_hourly_krw
    if minimum is not None and (p.wage is None or p.wage < minimum):
        return None
    if s.wanted_shifts and p.shifts and p.shifts.isdisjoint(s.wanted_shifts):
        return None
    if s.wanted_days and p.days and not p.days.issubset(s.wanted_days):
        return None
    reasons = ["occupation" if p.occupation in occs else "occupation_group" if occs else "occupation_any"]
    home = s.home_dong_id
    if home is not None and home == p.dong:
        reasons.append("dong_home")
    elif home in p.near_dongs:
        reasons.append("dong_near")
    elif s.wanted_dongs:
        reasons.append("dong_wanted")
    if minimum is not None:
        reasons.append("wage")
    score = sum(POINTS[r] for r in reasons)
    groups = set()
    if s.birth_year is not None:
        if year - 34 <= s.birth_year <= year - 15:
            groups.add(PriorityGroup.YOUTH)
        if s.birth_year <= year - 55:
            groups.add(PriorityGroup.OLDER)
    if s.declared_groups and s.pk in sensitive:
        groups.update(s.declared_groups)
    welcome = [g for g in p.groups if g in groups]
    if welcome:
        score += POINTS["group"]
        reasons += [f"group:{g}" for g in welcome]
    held = [li for li in p.licences if li in s.licences]
    if held:
        score += POINTS["licence"]
        reasons += [f"licence:{li}" for li in held]
    return score, reasons


def active_consents(purpose: str) -> set[int]:
    return set(Consent.objects.filter(purpose=purpose, withdrawn_at__isnull=True).values_list("person_id", flat=True))


def naive_match(posting: JobPosting, ref: Reference, year: int) -> dict:
    """The naive way: every seeker (with the account) through the ORM and :func:`naive_fit`
    in Python, creating nothing. Returns the count, the milliseconds (consents loaded
    first, included), the total score and the number of matches per reasons list."""
    start = time.perf_counter()
    p = NaivePosting.of(posting, ref)
    notifiable = active_consents(ConsentPurpose.NOTIFICATIONS)
    sensitive = active_consents(ConsentPurpose.SENSITIVE)
    count = total = 0
    reasons = collections.Counter()
    for seeker in SeekerProfile.objects.select_related("user").iterator(chunk_size=2000):
        fit = naive_fit(seeker, p, notifiable, sensitive, year)
        if fit is not None:
            count += 1
            total += fit[0]
            reasons[tuple(fit[1])] += 1
    return {"matches": count, "ms": (time.perf_counter() - start) * 1000, "score_sum": total, "reasons": reasons}


def stored_matches(posting_id: int) -> dict:
    """The same summary as :func:`naive_match` of the match rows in the database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), coalesce(sum(score), 0) FROM jobs_match WHERE posting_id = %s", [posting_id])
        count, total = cursor.fetchone()
        cursor.execute("SELECT reasons, count(*) FROM jobs_match WHERE posting_id = %s GROUP BY reasons", [posting_id])
        reasons = collections.Counter({tuple(r): n for r, n in cursor.fetchall()})
    return {"matches": count, "score_sum": total, "reasons": reasons}


def naive_findings(naive: dict, stored: dict, sql_matches: int) -> list[str]:
    """Compare :func:`naive_match`'s summary with :func:`stored_matches`' and the run's count
    (``sql_matches``); returns the differences as ``FINDING`` texts (empty when they agree)."""
    findings = []
    if naive["matches"] != sql_matches or stored["matches"] != sql_matches:
        findings.append(f"naive count {naive['matches']} ≠ SQL count {sql_matches} (stored {stored['matches']})")
    if naive["score_sum"] != stored["score_sum"] or naive["reasons"] != stored["reasons"]:
        diff = (naive["reasons"] - stored["reasons"]) + (stored["reasons"] - naive["reasons"])
        findings.append(
            f"naive scores/reasons differ from SQL: score sums {naive['score_sum']} vs {stored['score_sum']}; "
            f"differing reasons lists: {dict(diff.most_common(5))}"
        )
    return findings
