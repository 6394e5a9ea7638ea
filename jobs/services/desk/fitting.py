"""The postings the desk offers a resident (issue 5 item 4): what fits them now
(``jobs.matching.postings_fitting``, best first), without those they already applied to and,
for a resident under 18, without those beyond the minors' working time (:mod:`jobs.rules.minors`,
근로기준법 §69–70). Read by the record page, the printed job sheet and the demo's referrals."""

import datetime

from django.db.models import QuerySet

from accounts.models import SeekerProfile

from ...matching import explain, postings_fitting
from ...models import JobPosting, today_kst
from ...rules.minors import is_minor, postings_open_to_minors

#: How many fitting postings the record and the job sheet show.
FITTING_SHOWN = 10


def postings_for_resident(resident: SeekerProfile, *, today: datetime.date | None = None) -> QuerySet:
    """Open postings that fit ``resident`` on ``today`` (KST date, default today), annotated
    with ``match_score`` and ``match_reasons`` and ordered best first, less those the
    resident applied to and, under 18, those the law does not allow them."""
    today = today or today_kst()
    fitting = postings_fitting(resident, today=today).exclude(applications__seeker=resident)
    if is_minor(resident, today.year):
        fitting = postings_open_to_minors(fitting)
    return fitting


def resident_fitting(resident: SeekerProfile, *, today: datetime.date | None = None) -> list[JobPosting]:
    """Up to :data:`FITTING_SHOWN` of :func:`postings_for_resident`, with what list pages
    show loaded (``for_list``) and ``reason_text`` set on each (why it fits, in Korean)."""
    shown = list(postings_for_resident(resident, today=today).for_list()[:FITTING_SHOWN])
    for posting in shown:
        posting.reason_text = explain(posting.match_reasons)
    return shown
