"""Builders of the matching tests: seekers who consent to notifications, and postings."""

from django.utils import timezone

from accounts.choices import ConsentPurpose
from accounts.services import consent_give
from jobs.models import Match
from namdong_jobs.reference.models import Dong
from tests.factories import JobPostingFactory, SeekerProfileFactory

NONHYEON_GOJAN = "2820071000"  # 논현고잔동, the factories' workplace
GURWOL1 = "2820051000"


def dong(code: str) -> Dong:
    return Dong.objects.get(code=code)


def far_dong(code: str) -> Dong:
    """The dong whose centre is farthest from ``code``'s."""
    origin = dong(code)
    return max(Dong.objects.all(), key=origin.distance_m)


def near_dong(code: str) -> Dong:
    """Another dong whose centre is within 2 km of ``code``'s (the nearest one)."""
    origin = dong(code)
    return sorted((d for d in Dong.objects.exclude(code=code)), key=origin.distance_m)[0]


def seeker(*, consents=(ConsentPurpose.NOTIFICATIONS,), **fields):
    """A seeker with an account (verified email), the collection consent and ``consents``;
    wanted conditions from ``fields`` (default: occupation 890, anywhere)."""
    fields.setdefault("wanted_occupations", ["890"])
    fields.setdefault("notify_channels", ["email"])
    profile = SeekerProfileFactory(**fields)
    for purpose in (ConsentPurpose.COLLECTION, *consents):
        consent_give(person=profile, purpose=purpose)
    return profile


def posting(**fields):
    """A published open posting (occupation 890 in 논현고잔동, 월급 2,500,000 → 11,961 KRW/h)."""
    fields.setdefault("published_at", timezone.now())
    return JobPostingFactory(**fields)


def matched(posting_obj) -> dict[int, Match]:
    """The posting's matches by profile id."""
    return {m.profile_id: m for m in Match.objects.filter(posting=posting_obj)}
