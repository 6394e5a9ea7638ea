"""Celery tasks of the accounts app. Tasks are thin: they call a service."""

from celery import shared_task

from . import services
from .messaging import delivery


@shared_task
def purge_login_attempts() -> int:
    """Daily (Celery beat): delete login-attempt records older than the retention period
    (``settings.LOGIN_ATTEMPT_RETENTION_DAYS``, 90 days). Returns the number deleted."""
    return services.login_attempts_purge()


@shared_task(ignore_result=True)
def deliver_messages() -> int:
    """Enqueued after commit by ``accounts.messaging.message_send``: send the pending email
    and SMS messages (a few batches at most; the sweeper takes the rest). Returns the number
    of messages claimed."""
    return delivery.deliver_pending()


@shared_task(ignore_result=True)
def deliver_pending_messages() -> int:
    """Every minute (Celery beat): the sweeper. Sends what the after-commit task missed
    (broker down, worker died), messages due after a retry delay or quiet hours, and
    messages stuck in ``sending``. Returns the number of messages claimed."""
    return delivery.deliver_pending()


@shared_task(ignore_result=True)
def release_held_messages() -> int:
    """Daily at 08:00 KST (Celery beat), when quiet hours end: enqueue one delivery task per
    ``RELEASE_BATCH`` due messages, so that the text messages held overnight go out now in
    parallel rather than a few batches a minute. Returns the number of tasks enqueued."""
    tasks = delivery.release_tasks_needed()
    for _ in range(tasks):
        deliver_messages.delay()
    return tasks


@shared_task
def erase_idle_seekers() -> int:
    """Daily (Celery beat): erase seeker records with no activity for the retention period
    (two years, ``accounts.consent_texts.RETENTION_YEARS``). Returns the number erased."""
    return services.erase_idle_seekers()
