"""Test settings: the real PostgreSQL (pytest-django makes ``test_<name>``) and a Redis
database of its own (number 15 by default), so a portal running beside the tests is not
disturbed."""

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, env

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
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
SMS_BACKEND = "accounts.messaging.sms.locmem.SmsBackend"
# personal files of tests go to a temporary folder per test (tests/conftest.py)
PRIVATE_MEDIA_ROOT = BASE_DIR / ".run" / "test_private_media"

# Quiet hours off, so that no test depends on the hour it runs at; the quiet-hour tests turn
# them on and pin the clock.
NJ_SMS_QUIET_HOURS = None
