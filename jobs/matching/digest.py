"""The daily digest (issue 6): at 09:00 KST, one message per seeker and channel listing the
matches the seeker has not been told of one by one.

What a digest owes (``Match.digest``): ``"all"`` — the seeker chose a daily digest, so every
channel lists it; ``"sms"`` — the immediate SMS was over the daily cap, so only the SMS digest
lists it (on-site and email told it already). Only matches whose posting is still open are
listed; a seeker with nothing open left gets no digest. The subject ``digest:<KST date>``
makes it one message per seeker, channel and day, so a second run of the same day adds
nothing; the matches are marked ``digested_at`` in the same transaction as the messages.

Digests are per person (one message each, a few per seeker), so they are written in chunks of
:data:`DIGEST_CHUNK` seekers per task, not in one statement like match notices.
"""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.choices import ConsentPurpose, MessageKind, NotifyChannel, NotifyFrequency
from accounts.messaging import message_send, notice_channels
from accounts.models import Consent, SeekerProfile

from ..models import Match, MatchDigest
from .rules import explain

#: Seekers per digest task.
DIGEST_CHUNK = 500
#: Postings listed in one digest (the rest are counted and linked).
DIGEST_LISTED = 10


def digest_due_profiles() -> list[int]:
    """Ids of seekers owed a digest (matches with ``digest`` set and not yet digested)."""
    return list(
        Match.objects.exclude(digest=MatchDigest.NONE)
        .filter(digested_at__isnull=True)
        .order_by("profile_id")
        .values_list("profile_id", flat=True)
        .distinct()
    )


def digest_subject(day: datetime.date) -> str:
    return f"digest:{day.isoformat()}"


def digest_send(profile_ids, *, now: datetime.datetime | None = None) -> int:
    """Write the digests of the seekers ``profile_ids`` (a list of ints) for ``now``'s KST
    day; returns the number of message rows written. Each seeker is one transaction."""
    now = now or timezone.now()
    written = 0
    for profile_id in profile_ids:
        written += _digest_one(profile_id, now)
    return written


def _digest_one(profile_id: int, now: datetime.datetime) -> int:
    with transaction.atomic():
        owed = list(
            Match.objects.select_for_update(of=("self",))
            .filter(profile_id=profile_id, digested_at__isnull=True)
            .exclude(digest=MatchDigest.NONE)
            .select_related("posting__employer", "posting__dong")
            .order_by("-score", "-created_at", "-id")
        )
        if not owed:
            return 0
        profile = SeekerProfile.objects.select_related("user").get(pk=profile_id)
        Match.objects.filter(pk__in=[m.pk for m in owed]).update(digested_at=now)
        today = timezone.localdate(now)
        open_matches = [m for m in owed if m.posting.is_open(today)]
        if not open_matches or not _wants_notices(profile):
            return 0
        written = 0
        for channel, address in notice_channels(user=profile.user, profile=profile):
            listed = open_matches if channel == NotifyChannel.SMS else [m for m in open_matches if m.digest == "all"]
            if not listed:
                continue
            texts = digest_texts(listed, channel=channel, has_account=profile.user_id is not None)
            message = message_send(
                kind=MessageKind.DIGEST,
                subject=digest_subject(today),
                channel=channel,
                title=texts["title"],
                body=texts["body"],
                html_body=texts.get("html", ""),
                link="/my/",
                user=profile.user,
                profile=profile,
                address=address,
            )
            written += message is not None
        return written


def _wants_notices(profile: SeekerProfile) -> bool:
    if profile.erased_at or profile.notify_frequency == NotifyFrequency.OFF:
        return False
    if profile.user is not None and not profile.user.is_active:
        return False
    return Consent.objects.active().filter(person=profile, purpose=ConsentPurpose.NOTIFICATIONS).exists()


def digest_texts(matches: list[Match], *, channel: str, has_account: bool = True) -> dict[str, str]:
    """The Korean texts of a digest listing ``matches`` (best first): ``title``, ``body``
    (SMS: one short text; email and on-site: a list) and, for email, ``html``. The "see all"
    link is my page for people with an account, else (walk-in residents, who cannot sign in
    to it) the job search filtered by their wanted occupations and dongs."""
    items = [
        {"posting": m.posting, "reasons": explain(m.reasons, translate=False, discreet=True), "url": _url(m.posting)}
        for m in matches[:DIGEST_LISTED]
    ]
    context = {
        "items": items,
        "count": len(matches),
        "more": max(len(matches) - DIGEST_LISTED, 0),
        "first": matches[0].posting,
        "my_url": settings.NJ_SITE_URL.rstrip("/") + ("/my/" if has_account else _search_path(matches[0].profile)),
    }
    with translation.override("ko"):
        title = render_to_string("jobs/matching/digest_title.txt", context).strip()
        if channel == NotifyChannel.SMS:
            return {"title": title, "body": render_to_string("jobs/matching/digest_sms.txt", context).strip()}
        texts = {"title": title, "body": render_to_string("jobs/matching/digest_email.txt", context).strip() + "\n"}
        if channel == NotifyChannel.EMAIL:
            texts["html"] = render_to_string("jobs/matching/digest_email.html", context)
        return texts


def _search_path(profile) -> str:
    """``/jobs/?occupation=…&dong=…``: the public search for a seeker's wanted occupations and
    dongs (the FilterSet's parameters, ``jobs.filters``)."""
    query = urlencode({"occupation": profile.wanted_occupations, "dong": profile.wanted_dongs}, doseq=True)
    return f"/jobs/?{query}" if query else "/jobs/"


def _url(posting) -> str:
    return settings.NJ_SITE_URL.rstrip("/") + posting.get_absolute_url()
