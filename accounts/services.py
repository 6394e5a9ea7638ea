"""Write operations of the accounts app (HackSoft styleguide: keyword-only services)."""

import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db import transaction
from django.utils import timezone


@transaction.atomic
def login_attempts_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete django-axes records (attempts, failures, access log) older than
    ``settings.LOGIN_ATTEMPT_RETENTION_DAYS`` days before ``now``: login attempts are security
    logs kept 90 days (DESIGN.md "Privacy"). Returns the number of rows deleted."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.LOGIN_ATTEMPT_RETENTION_DAYS)
    deleted = 0
    deleted += AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()[0]
    deleted += AccessFailureLog.objects.filter(attempt_time__lt=cutoff).delete()[0]
    deleted += AccessLog.objects.filter(attempt_time__lt=cutoff).delete()[0]
    return deleted
