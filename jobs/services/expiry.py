"""Write operations on postings (HackSoft styleguide: small keyword-only services)."""

import datetime

from django.db import transaction
from django.utils import timezone

from ..choices import PostingStatus
from ..models import JobPosting, today_kst


@transaction.atomic
def postings_expire(*, today: datetime.date | None = None) -> int:
    """Record ``expired`` on every published posting whose deadline date (KST) is before
    ``today`` (default: today in KST). Returns the number of postings changed.

    Lists never depend on this having run (``JobPostingQuerySet.open`` compares the deadline
    itself); the status is recorded for reports and the employer's dashboard.
    """
    today = today or today_kst()
    return JobPosting.objects.past_deadline(today).update(
        status=PostingStatus.EXPIRED, closed_at=timezone.now(), updated_at=timezone.now()
    )
