"""Shared fixtures. Tests run against the real PostgreSQL (pytest-django's ``test_`` database)
and Redis (database 15, ``settings.test``)."""

import os
from pathlib import Path

import pytest
from django.conf import settings


@pytest.fixture
def shared_data() -> Path:
    """The folder of third-party data (``NJ_SHARED_DATA``, default ``../shared/data``).

    Skips with a clear message where it is absent, except under ``CI=true``, where a missing
    folder fails the test (DESIGN.md).
    """
    path = Path(settings.NJ_SHARED_DATA)
    if not path.is_dir():
        message = f"NJ_SHARED_DATA 폴더가 없습니다: {path} (../shared/data 를 두거나 NJ_SHARED_DATA 를 지정하세요)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def work24_csv(shared_data) -> Path:
    """The 257-row 고용24 listing file."""
    return shared_data / "work24_listings_gangnam_2026-08.csv"


@pytest.fixture(autouse=True)
def private_media_root(settings, tmp_path):
    """Each test stores personal files (résumés, guardian documents) in its own folder."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture(autouse=True)
def sms_outbox():
    """The locmem SMS backend's outbox (``accounts.messaging.sms.locmem.outbox``), emptied
    before each test like ``django.core.mail.outbox``, its idempotency keys forgotten."""
    from accounts.messaging.sms import locmem

    locmem.reset()
    return locmem.outbox


@pytest.fixture(autouse=True)
def ratelimit_keys(monkeypatch):
    """Each test counts rate-limited requests (``accounts.ratelimit``) under its own cache
    keys, so that counts in Redis do not carry over from one test to the next."""
    import uuid

    from accounts import ratelimit

    monkeypatch.setattr(ratelimit, "KEY_PREFIX", f"ratelimit-test-{uuid.uuid4().hex}")


@pytest.fixture(autouse=True)
def forget_cached_values():
    """Reference data and home counts kept in the process (``jobs.cached``) and the pages it
    keeps (``jobs.page_cache``) are forgotten before each test, so that no test sees another's
    rows."""
    from jobs import cached, page_cache

    cached.forget()
    page_cache.forget_local()
