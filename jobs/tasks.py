"""Celery tasks of the jobs app. Tasks are thin: they call a service."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import matching, services
from .matching import digest


@shared_task(autoretry_for=(Exception,), retry_backoff=True, retry_kwargs={"max_retries": 5})
def expire_postings() -> int:
    """Periodic (Celery beat, every 5 minutes): record ``expired`` on postings past their
    deadline. Returns the number changed."""
    return services.postings_expire()


@shared_task(
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_kwargs={"max_retries": 8},
    ignore_result=True,
)
def match_posting(posting_id: int) -> int:
    """Enqueued after commit when a posting (or a new revision) goes live: match it against
    every seeker and write the notices (``jobs.matching.match_posting``). Idempotent: the
    database's unique constraints make a second run add nothing. Database outages retry with
    exponential backoff; the ``match_sweep`` task catches what is still unmatched after that.
    Returns the number of matches written."""
    return matching.match_posting(posting_id).matches


@shared_task(ignore_result=True)
def match_sweep() -> int:
    """Every 5 minutes (Celery beat): enqueue ``match_posting`` again for open postings whose
    match run never completed (the broker was down when they went live, or the worker died).
    Returns the number enqueued."""
    ids = matching.unmatched_postings()
    for posting_id in ids:
        match_posting.delay(posting_id)
    return len(ids)


@shared_task(ignore_result=True)
def send_digests() -> int:
    """Daily at 09:00 KST (Celery beat): enqueue ``send_digest_chunk`` for every
    ``DIGEST_CHUNK`` seekers owed a digest. Returns the number of seekers."""
    profile_ids = digest.digest_due_profiles()
    for start in range(0, len(profile_ids), digest.DIGEST_CHUNK):
        send_digest_chunk.delay(profile_ids[start : start + digest.DIGEST_CHUNK])
    return len(profile_ids)


@shared_task(autoretry_for=(OperationalError, InterfaceError), retry_backoff=True, retry_kwargs={"max_retries": 5})
def send_digest_chunk(profile_ids: list[int]) -> int:
    """Write the digests of ``profile_ids`` (``jobs.matching.digest.digest_send``); safe to
    run twice on the same day. Returns the number of messages written."""
    return digest.digest_send(profile_ids)
