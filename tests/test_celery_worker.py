"""The Celery pipeline against the real Redis broker (database 15) and a real worker
(celery.contrib.testing runs one in a thread of this process, consuming from Redis)."""

import datetime

import pytest
from celery.contrib.testing.worker import start_worker

from jobs.choices import PostingStatus
from jobs.tasks import expire_postings
from namdong_jobs.celery import app
from tests.factories import JobPostingFactory


@pytest.fixture
def celery_worker():
    app.conf.broker_url  # noqa: B018 - configured from settings.test
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10) as worker:
        yield worker


def test_settings_reach_celery():
    from django.conf import settings

    assert app.conf.broker_url == settings.REDIS_URL != "redis://127.0.0.1:6379/0"
    assert app.conf.task_acks_late and app.conf.task_reject_on_worker_lost
    assert app.conf.worker_prefetch_multiplier == 1
    assert app.conf.broker_transport_options["visibility_timeout"] > app.conf.task_time_limit
    assert "expire-postings" in app.conf.beat_schedule


@pytest.mark.django_db(transaction=True)
def test_worker_runs_the_expiry_task_through_redis(celery_worker, client):
    from namdong_jobs.reference.loader import load_reference

    load_reference()  # transactional tests start from flushed tables
    past = JobPostingFactory(deadline=datetime.date(2026, 1, 1))
    JobPostingFactory(deadline=None)
    result = expire_postings.delay()
    assert result.get(timeout=30) == 1
    past.refresh_from_db()
    assert past.status == PostingStatus.EXPIRED
    body = client.get("/healthz").json()
    assert body["workers"]["status"] == "ok" and body["workers"]["count"] >= 1
