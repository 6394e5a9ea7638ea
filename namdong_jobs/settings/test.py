"""Test settings: the real PostgreSQL (pytest-django makes ``test_<name>``) and a Redis
database of its own (number 15 by default), so a portal running beside the tests is not
disturbed."""

import datetime

from .base import *  # noqa: F403
from .base import (
    BASE_DIR,
    CELERY_BROKER_TRANSPORT_OPTIONS,
    DATABASES,
    EMAIL_FILE_PATH,
    NJ_MESSAGE_SENDING_TIMEOUT,
    env,
)

DEBUG = False
SECRET_KEY = "test-only-key-namdong-jobs-0123456789-abcdefghijklmnopqrstuvwxyz"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DATABASES["default"]["CONN_MAX_AGE"] = 0
REDIS_URL = env("TEST_REDIS_URL", default="redis://127.0.0.1:6379/15")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "nj-test",
    }
}
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
EMAIL_BACKEND = env("TEST_EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# No whole-page or count cache (jobs.page_cache): tests read response.context and change the
# data between requests; tests/jobs/test_page_cache.py turns them on.
NJ_PAGE_CACHE_SECONDS = 0
NJ_COUNT_CACHE_SECONDS = 0
SMS_BACKEND = env("TEST_SMS_BACKEND", default="accounts.messaging.sms.locmem.SmsBackend")
# personal files of tests go to a temporary folder per test (tests/conftest.py)
PRIVATE_MEDIA_ROOT = BASE_DIR / ".run" / "test_private_media"

# Quiet hours off, so that no test depends on the hour it runs at; the quiet-hour tests turn
# them on and pin the clock.
NJ_SMS_QUIET_HOURS = None

# A Celery worker subprocess of tests/test_pipeline_worker_process.py is configured through
# these (TEST_ names, so a developer's .env never changes the suite); unset, nothing changes:
# the locmem email and SMS backends above, the "celery" queue and base.py's timeouts.
EMAIL_FILE_PATH = env("TEST_EMAIL_FILE_PATH", default=EMAIL_FILE_PATH)  # for the filebased backend
CELERY_TASK_DEFAULT_QUEUE = env("TEST_CELERY_QUEUE", default="celery")
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,
    "visibility_timeout": env.int(
        "TEST_CELERY_VISIBILITY_TIMEOUT", default=CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    ),
}
NJ_MESSAGE_SENDING_TIMEOUT = datetime.timedelta(
    seconds=env.float("TEST_MESSAGE_SENDING_TIMEOUT", default=NJ_MESSAGE_SENDING_TIMEOUT.total_seconds())
)
