"""A seeker's activity, which restarts the retention period (DESIGN.md "Privacy": a record
with no activity for the period stated in its consent, two years
(``accounts.consent_texts.RETENTION_YEARS``), is erased by ``erase_idle_seekers``).

Activity is what the person (or staff with them) does with the record: logging in
(``accounts.signals.seeker_touch_on_login``), editing the profile or career
(``profiles``, ``careers``), uploading or deleting a résumé (``resumes``), giving or
withdrawing a consent (``consents``), applying or withdrawing an application
(``jobs.services``). Each of those calls :func:`seeker_touch`."""

import datetime

from django.utils import timezone

from ..models import SeekerProfile


def seeker_touch(*, profile: SeekerProfile, now: datetime.datetime | None = None) -> None:
    """Record activity on ``profile`` now (or at ``now``): moves ``last_activity_at`` forward
    to ``now`` with one UPDATE, never back (a paper consent recorded with an earlier date
    does not shorten the retention period); an erased profile is left alone. Also sets it on
    the instance given. Never raises for a missing row."""
    now = now or timezone.now()
    SeekerProfile.objects.filter(pk=profile.pk, erased_at__isnull=True, last_activity_at__lt=now).update(
        last_activity_at=now
    )
    if profile.erased_at is None and (profile.last_activity_at is None or profile.last_activity_at < now):
        profile.last_activity_at = now
