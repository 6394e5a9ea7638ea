"""Celery tasks of the accounts app. Tasks are thin: they call a service."""

from celery import shared_task

from . import services


@shared_task
def purge_login_attempts() -> int:
    """Daily (Celery beat): delete login-attempt records older than the retention period
    (``settings.LOGIN_ATTEMPT_RETENTION_DAYS``, 90 days). Returns the number deleted."""
    return services.login_attempts_purge()
