"""Celery tasks of the jobs app. Tasks are thin: they call a service."""

from celery import shared_task

from . import services


@shared_task(autoretry_for=(Exception,), retry_backoff=True, retry_kwargs={"max_retries": 5})
def expire_postings() -> int:
    """Periodic (Celery beat, every 5 minutes): record ``expired`` on postings past their
    deadline. Returns the number changed."""
    return services.postings_expire()
