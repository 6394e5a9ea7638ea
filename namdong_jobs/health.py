"""``/healthz``: database, Redis and Celery worker status as JSON."""

import redis
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

WORKER_PING_TIMEOUT = 0.5  # seconds; the ping returns at the first reply


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_redis() -> str:
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
    try:
        client.ping()
    finally:
        client.close()
    return "ok"


def _check_workers() -> dict:
    from namdong_jobs.celery import app

    # limit=1: answer as soon as one worker replies instead of waiting out the timeout
    replies = app.control.ping(timeout=WORKER_PING_TIMEOUT, limit=1) or []
    return {"status": "ok" if replies else "unavailable", "count": len(replies)}


@never_cache
@require_safe
def healthz(request):
    """200 when PostgreSQL and Redis answer, 503 when either does not. The Celery workers'
    state is reported in the body (``workers.status`` ``ok`` / ``unavailable``) but does not
    change the code: a portal without a worker still serves pages.

    Body: ``{"status": "ok"|"error", "database": "ok"|"error", "redis": "ok"|"error",
    "workers": {"status": ..., "count": N}}`` where ``count`` is 1 once a worker answered
    (the ping stops at the first reply) and 0 if none did within 0.5 s. Error details are
    not exposed.
    """
    body = {}
    for name, check in (("database", _check_database), ("redis", _check_redis)):
        try:
            body[name] = check()
        except Exception:  # noqa: BLE001 - any failure means "not answering"
            body[name] = "error"
    if body["redis"] == "ok":
        try:
            body["workers"] = _check_workers()
        except Exception:  # noqa: BLE001
            body["workers"] = {"status": "unavailable", "count": 0}
    else:
        body["workers"] = {"status": "unknown", "count": 0}
    healthy = body["database"] == "ok" and body["redis"] == "ok"
    body = {"status": "ok" if healthy else "error", **body}
    return JsonResponse(body, status=200 if healthy else 503)
