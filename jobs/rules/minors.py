"""Working-time limits for workers under 18 (연소근로자), applied where the desk hands a
resident postings: the record's "postings that fit" and the printed job sheet.

Source: 근로기준법 §69 (a worker aged 15–17 works at most 7 hours a day and 35 hours a week)
and §70 (no work between 22:00 and 06:00 nor on holidays without the worker's consent and
the Minister of Employment and Labor's authorisation). A posting is left out for such a
resident when it states more hours than §69 allows or a night shift; a posting that states
no hours stays in, and the page reminds staff to check them."""

from django.db.models import Q, QuerySet

from namdong_jobs.reference.codes import Shift

#: Most hours a day a worker aged 15–17 may work (근로기준법 §69).
MINOR_DAILY_HOURS_MAX = 7
#: Most hours a week a worker aged 15–17 may work (근로기준법 §69).
MINOR_WEEKLY_HOURS_MAX = 35
#: The age from which the limits no longer apply (근로기준법 §69: "15세 이상 18세 미만").
ADULT_AGE = 18


def is_minor(profile, year: int) -> bool:
    """True when ``profile`` (a ``SeekerProfile``) turns at most 17 in ``year`` (age counted as
    ``year - birth_year``, as the sign-up age rule counts it); False without a birth year."""
    age = profile.age_in(year)
    return age is not None and age < ADULT_AGE


def postings_open_to_minors(postings: QuerySet) -> QuerySet:
    """``postings`` without those a worker aged 15–17 may not take: more than 7 hours a day
    or 35 hours a week stated, or a night or rotating shift (근로기준법 §69, §70)."""
    return postings.exclude(
        Q(daily_hours__gt=MINOR_DAILY_HOURS_MAX)
        | Q(hours_per_week__gt=MINOR_WEEKLY_HOURS_MAX)
        | Q(shifts__overlap=[Shift.NIGHT, Shift.ROTATING])
    )
