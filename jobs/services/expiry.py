"""Write operations on postings (HackSoft styleguide: small keyword-only services)."""

import datetime

from django.db import transaction
from django.utils import timezone

from .. import page_cache
from ..choices import PostingEventKind, PostingStatus, RevisionStatus
from ..models import JobPosting, JobPostingRevision, PostingEvent, today_kst


@transaction.atomic
def postings_expire(*, today: datetime.date | None = None) -> int:
    """Record ``expired`` on every published posting whose deadline date (KST) is before
    ``today`` (default: today in KST). Returns the number of postings changed.

    Lists never depend on this having run (``JobPostingQuerySet.open`` compares the deadline
    itself); the status is recorded for reports and the employer's dashboard.
    """
    today = today or today_kst()
    now = timezone.now()
    rows = list(
        JobPosting.objects.past_deadline(today)
        .select_for_update(skip_locked=True)
        .values_list("pk", "current_revision_id")
    )
    if not rows:
        return 0
    changed = JobPosting.objects.filter(pk__in=[pk for pk, _ in rows]).update(
        status=PostingStatus.EXPIRED, closed_at=now, updated_at=now
    )
    JobPostingRevision.objects.filter(posting_id__in=[pk for pk, _ in rows], status=RevisionStatus.PENDING).update(
        status=RevisionStatus.WITHDRAWN
    )
    PostingEvent.objects.bulk_create(
        PostingEvent(
            posting_id=pk,
            revision_id=revision_id,
            kind=PostingEventKind.EXPIRED,
            from_status=PostingStatus.PUBLISHED,
            to_status=PostingStatus.EXPIRED,
        )
        for pk, revision_id in rows
    )
    page_cache.bump()  # kept public pages show the new status (after the commit)
    return changed
