"""What the staff home of the desk lists (issue 5 item 1), always within the staff member's
scope (``accounts.services.profiles_visible_to_staff``: their centre's residents, every
resident for district staff):

* :func:`follow_ups_due` — counselling notes whose follow-up date has come (오늘 다시 연락할
  주민), oldest first;
* :func:`recent_residents` — residents registered at a centre, most recently active first
  (a registration, a note or an edit moves ``last_activity_at``);
* :func:`no_email_matches` — matches (``jobs.models.Match``) of the last days for residents
  who have no email address the job bank may write to, who hear of them only through staff
  (or SMS);
* :func:`staff_home` — the three together, with the ids of the residents shown (for the
  access log's ``listed_ids``).

Reads only: nothing here writes.
"""

import dataclasses
import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import SeekerProfile, User
from accounts.services import profiles_visible_to_staff

from ...matching.rules import explain
from ...models import CounsellingNote, Match, today_kst

#: How many rows each list of the home shows at most (the counts say how many there are).
FOLLOW_UPS_SHOWN = 50
RECENT_SHOWN = 10
MATCHES_SHOWN = 20
#: How far back "new matches" look.
NEW_MATCH_DAYS = 7


def follow_ups_due(*, staff: User, today: datetime.date | None = None) -> QuerySet:
    """Notes of residents in ``staff``'s scope whose follow-up (``follow_up_on``, a KST date)
    is ``today`` (default: today in KST) or earlier and not done, oldest follow-up first,
    with ``seeker``, ``staff`` and ``centre`` joined."""
    today = today or today_kst()
    return (
        CounsellingNote.objects.follow_ups_due(today)
        .filter(seeker__in=profiles_visible_to_staff(staff))
        .select_related("seeker", "staff", "centre")
        .order_by("follow_up_on", "noted_on", "id")
    )


def recent_residents(*, staff: User) -> QuerySet:
    """Residents in ``staff``'s scope registered at a centre (walk-ins and the like; not
    online sign-ups), most recently active first, then newest."""
    return (
        profiles_visible_to_staff(staff)
        .filter(registered_centre__isnull=False)
        .select_related("home_dong", "registered_centre")
        .order_by("-last_activity_at", "-created_at", "-id")
    )


#: A profile has no email the job bank writes to (the rule of
#: ``accounts.messaging.outbox.verified_address``): with an account, no verified account
#: address; without one (a walk-in), no email on the profile.
_NO_EMAIL = Q(profile__user__isnull=True, profile__email="") | (
    Q(profile__user__isnull=False)
    & (
        Q(profile__user__email__isnull=True)
        | Q(profile__user__email="")
        | Q(profile__user__email_verified_at__isnull=True)
    )
)


def no_email_matches(*, staff: User, now: datetime.datetime | None = None, days: int = NEW_MATCH_DAYS) -> QuerySet:
    """Matches found in the last ``days`` days (counted back from ``now``, default the current time)
    for residents in ``staff``'s scope who have no email address the job bank may write to
    (see ``_NO_EMAIL``), newest first, with the posting (employer, dong) and the profile
    joined. Explain a row's ``reasons`` with :func:`jobs.matching.rules.explain`."""
    now = now or timezone.now()
    return (
        Match.objects.filter(
            _NO_EMAIL,
            profile__in=profiles_visible_to_staff(staff),
            created_at__gte=now - datetime.timedelta(days=days),
        )
        .select_related("posting__employer", "posting__dong", "profile")
        .order_by("-created_at", "-id")
    )


@dataclasses.dataclass
class StaffHome:
    """The staff home: ``follow_ups`` (notes, at most :data:`FOLLOW_UPS_SHOWN`) of
    ``follow_ups_total``; ``recent`` residents (at most :data:`RECENT_SHOWN`); ``matches``
    (at most :data:`MATCHES_SHOWN` of ``matches_total``, each with ``reason_text`` set; the
    residents are the staff member's own, so names show in full like every desk list, and
    phones are masked by the page); ``today`` (KST date)."""

    today: datetime.date
    follow_ups: list[CounsellingNote]
    follow_ups_total: int
    recent: list[SeekerProfile]
    matches: list[Match]
    matches_total: int

    @property
    def listed_ids(self) -> list[int]:
        """The ids of the residents the home shows, each once, in page order."""
        ids = [n.seeker_id for n in self.follow_ups] + [p.pk for p in self.recent]
        ids += [m.profile_id for m in self.matches]
        return list(dict.fromkeys(ids))


def staff_home(*, staff: User, now: datetime.datetime | None = None) -> StaffHome:
    """Everything the home of ``staff`` lists, as of ``now`` (default the current time)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = follow_ups_due(staff=staff, today=today)
    follow_ups = list(due[:FOLLOW_UPS_SHOWN])
    matches_qs = no_email_matches(staff=staff, now=now)
    matches = list(matches_qs[:MATCHES_SHOWN])
    for match in matches:
        match.reason_text = explain(match.reasons)
    return StaffHome(
        today=today,
        follow_ups=follow_ups,
        follow_ups_total=len(follow_ups) if len(follow_ups) < FOLLOW_UPS_SHOWN else due.count(),
        recent=list(recent_residents(staff=staff)[:RECENT_SHOWN]),
        matches=matches,
        matches_total=len(matches) if len(matches) < MATCHES_SHOWN else matches_qs.count(),
    )
