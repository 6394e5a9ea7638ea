"""Development settings: DEBUG on, a fixed insecure key unless one is given."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env(
    "DJANGO_SECRET_KEY",
    default="local-only-insecure-key-namdong-jobs-never-use-in-production-0123456789",
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Whole pages are not kept in development (an edited template shows at once); the benchmark
# and production keep them (base.py, jobs.page_cache).
NJ_PAGE_CACHE_SECONDS = env.int("NJ_PAGE_CACHE_SECONDS", default=0)
NJ_COUNT_CACHE_SECONDS = env.int("NJ_COUNT_CACHE_SECONDS", default=0)
