"""Working-time limits for workers under 18 (연소근로자), applied where the desk hands a
resident postings: the record's "postings that fit" and the printed job sheet leave out the
postings a resident aged 15–17 may not take (:func:`postings_open_to_minors`), and a referral
to one is refused with the reason (:func:`minor_refusal`, used by
``jobs.services.desk.referrals``).

Source: 근로기준법 §69 (a worker aged 15–17 works at most 7 hours a day and 35 hours a week)
and §70 (no work between 22:00 and 06:00 nor on holidays without the worker's consent and
the Minister of Employment and Labor's authorisation). A posting is left out for such a
resident when it states more hours than §69 allows or a night or rotating shift; a posting
that states no hours stays in, and the page reminds staff to check them. The rule is written
once, in the constants below: the queryset filter and the per-posting refusal both read them
(and the tests check they agree on the same postings)."""

import decimal

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from namdong_jobs.reference.codes import Shift

#: Most hours a day a worker aged 15–17 may work (근로기준법 §69).
MINOR_DAILY_HOURS_MAX = 7
#: Most hours a week a worker aged 15–17 may work (근로기준법 §69).
MINOR_WEEKLY_HOURS_MAX = 35
#: Shifts a worker aged 15–17 may not work: a night shift falls between 22:00 and 06:00 and a
#: rotating shift includes night work (근로기준법 §70).
MINOR_EXCLUDED_SHIFTS: tuple[str, ...] = (Shift.NIGHT, Shift.ROTATING)
#: The age from which the limits no longer apply (근로기준법 §69: "15세 이상 18세 미만").
ADULT_AGE = 18


def is_minor(profile, year: int) -> bool:
    """True when ``profile`` (a ``SeekerProfile``) turns at most 17 in ``year`` (age counted as
    ``year - birth_year``, as the sign-up age rule counts it); False without a birth year."""
    age = profile.age_in(year)
    return age is not None and age < ADULT_AGE


def postings_open_to_minors(postings: QuerySet) -> QuerySet:
    """``postings`` without those a worker aged 15–17 may not take: more than 7 hours a day
    or 35 hours a week stated, or a night or rotating shift (근로기준법 §69, §70) — the
    postings for which :func:`minor_refusal` gives a reason."""
    return postings.exclude(
        Q(daily_hours__gt=MINOR_DAILY_HOURS_MAX)
        | Q(hours_per_week__gt=MINOR_WEEKLY_HOURS_MAX)
        | Q(shifts__overlap=list(MINOR_EXCLUDED_SHIFTS))
    )


def _hours(value) -> str:
    """``Decimal("8.00")`` → ``"8"``, ``Decimal("7.50")`` → ``"7.5"``."""
    return format(decimal.Decimal(value).normalize(), "f")


def minor_refusal(posting) -> str | None:
    """Why a worker aged 15–17 may not take ``posting`` (a ``JobPosting``), in Korean for
    centre staff, or ``None`` when it states nothing beyond the limits (also when it states
    no hours: staff check them before the interview). The reason names what the posting
    states: more than :data:`MINOR_DAILY_HOURS_MAX` hours a day, more than
    :data:`MINOR_WEEKLY_HOURS_MAX` hours a week, a shift of :data:`MINOR_EXCLUDED_SHIFTS`
    (근로기준법 제69조·제70조). Exactly the postings :func:`postings_open_to_minors` leaves out
    get a reason."""
    stated = []
    if posting.daily_hours is not None and posting.daily_hours > MINOR_DAILY_HOURS_MAX:
        stated.append(_("하루 %(hours)s시간") % {"hours": _hours(posting.daily_hours)})
    if posting.hours_per_week is not None and posting.hours_per_week > MINOR_WEEKLY_HOURS_MAX:
        stated.append(_("주 %(hours)d시간") % {"hours": posting.hours_per_week})
    shifts = [Shift(code) for code in MINOR_EXCLUDED_SHIFTS if code in (posting.shifts or ())]
    if shifts:
        stated.append(_("%(shifts)s 근무") % {"shifts": "·".join(_(shift.label) for shift in shifts)})
    if not stated:
        return None
    return _(
        "만 18세 미만은 하루 %(day)d시간, 주 %(week)d시간을 넘게 일하거나 야간·교대 근무를 할 수 없어 "
        "이 공고에는 알선할 수 없습니다(근로기준법 제69조·제70조). 이 공고: %(stated)s."
    ) % {"day": MINOR_DAILY_HOURS_MAX, "week": MINOR_WEEKLY_HOURS_MAX, "stated": ", ".join(stated)}
