"""Settings shared by every environment, read from the environment with django-environ.

Environment variables (see ``.env.example``): ``DATABASE_URL``, ``REDIS_URL``,
``DJANGO_SECRET_KEY``, ``DJANGO_DEBUG``, ``DJANGO_ALLOWED_HOSTS``, ``EMAIL_URL``,
``DEFAULT_FROM_EMAIL``, ``NJ_SHARED_DATA``.
"""

import datetime
from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "axes",
    "namdong_jobs.reference",
    "accounts",
    "employers",
    "jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "namdong_jobs.middleware.KoreanFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "namdong_jobs.middleware.FriendlyMethodNotAllowedMiddleware",
]

ROOT_URLCONF = "namdong_jobs.urls"
WSGI_APPLICATION = "namdong_jobs.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "namdong_jobs.context_processors.nav",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/namdong_jobs"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "nj",
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # login rate limiting first (django-axes)
    "accounts.backends.EmailOrPhoneBackend",
]
# django-axes: after 5 failures for one (account, IP) pair, that pair is locked for 15 minutes.
# Attempt records are security logs kept 90 days (DESIGN.md), purged by a beat task.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"  # the login form field (email or phone), not USERNAME_FIELD
AXES_USERNAME_CALLABLE = "accounts.identifiers.axes_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # its log lines would copy the login identifier (personal data)
AXES_SENSITIVE_PARAMETERS = ["username"]  # masked in AccessAttempt.post_data: no copy of the identifier
# Successful logins are not logged by axes (it would keep the typed email or number for 90 days;
# Django keeps last_login). Failed attempts are counted per account id (AXES_USERNAME_CALLABLE).
AXES_DISABLE_ACCESS_LOG = True
AXES_IPWARE_PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=None)  # proxies in front of Django
LOGIN_ATTEMPT_RETENTION_DAYS = 90
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Korean first, English available (Django i18n).
LANGUAGE_CODE = "ko"
# Each language is named in its own language, so a visitor who reads only it can find it.
LANGUAGES = [("ko", "한국어"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "media/"
# Personal files (résumés, guardian consent documents, consent scans): outside MEDIA_ROOT and
# never served by URL, only through views that check who asks (accounts.storage).
PRIVATE_MEDIA_ROOT = env.path("DJANGO_PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private_media")
#: Largest résumé or document upload, in bytes (10 MB, issue 4).
NJ_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default (2.5 MB) for non-file fields
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Outbound messages (accounts.messaging): SMS through a pluggable backend, like email.
# console (prints), file (writes one file per message to SMS_FILE_PATH), locmem (tests).
SMS_BACKEND = env("SMS_BACKEND", default="accounts.messaging.sms.console.SmsBackend")
SMS_FILE_PATH = env.path("SMS_FILE_PATH", default=BASE_DIR / ".run" / "sms")
SMS_SENDER = env("SMS_SENDER", default="0324535000")
# The production gateway backend (accounts.messaging.sms.http.SmsBackend) POSTs JSON to
# SMS_GATEWAY_URL with "Authorization: Bearer SMS_GATEWAY_KEY" and the message row id as
# Idempotency-Key; SMS_GATEWAY_TIMEOUT in seconds. Both are secrets of the environment.
SMS_GATEWAY_URL = env("SMS_GATEWAY_URL", default="")
SMS_GATEWAY_KEY = env("SMS_GATEWAY_KEY", default="")
SMS_GATEWAY_TIMEOUT = env.float("SMS_GATEWAY_TIMEOUT", default=10.0)
# Replies the gateway forwards to /accounts/sms/inbound/ (a "stop" keyword withdraws the
# notifications consent) carry "Authorization: Bearer SMS_INBOUND_KEY"; empty = endpoint off (404).
SMS_INBOUND_KEY = env("SMS_INBOUND_KEY", default="")
# No SMS but one-time codes between 21:00 and 08:00 KST (accounts.messaging.quiet); None = off.
NJ_SMS_QUIET_HOURS = (datetime.time(21, 0), datetime.time(8, 0))
#: Attempts before a message is marked failed (accounts.messaging.delivery).
NJ_MESSAGE_MAX_ATTEMPTS = 5
#: A message stuck in "sending" longer than this (a worker died mid-send) is retried.
NJ_MESSAGE_SENDING_TIMEOUT = datetime.timedelta(minutes=10)
#: Public address of the site, for links in emails and SMS sent by workers (no request there).
NJ_SITE_URL = env("NJ_SITE_URL", default="http://127.0.0.1:8000")

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="남동구 일자리인력은행 <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery (namespace CELERY_, read by namdong_jobs/celery.py).
# The longest task is bounded by CELERY_TASK_TIME_LIMIT; Redis redelivers an unacked task
# after visibility_timeout, so it must stay well above that limit (acks_late is on).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL)
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 240  # seconds
CELERY_TASK_TIME_LIMIT = 300  # seconds
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}  # seconds, > time limit
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE = {
    "expire-postings": {
        "task": "jobs.tasks.expire_postings",
        # every 5 minutes, so a deadline that passes at 00:00 KST is recorded by 00:05.
        "schedule": crontab(minute="*/5"),
    },
    "deliver-messages": {
        # sweeper: messages whose after-commit task was lost (Redis down) or whose worker died
        "task": "accounts.tasks.deliver_pending_messages",
        "schedule": crontab(minute="*"),
    },
    "erase-idle-seekers": {
        "task": "accounts.tasks.erase_idle_seekers",
        "schedule": crontab(hour=4, minute=7),  # daily, 04:07 KST
    },
    "match-sweep": {
        # postings whose match run never completed (broker down at publish time, worker died)
        "task": "jobs.tasks.match_sweep",
        "schedule": crontab(minute="*/5"),
    },
    "send-digests": {
        "task": "jobs.tasks.send_digests",
        "schedule": crontab(hour=9, minute=0),  # daily digest at 09:00 KST
    },
    "release-quiet-hours": {
        # text messages held overnight go out at 08:00 KST (the minute sweeper also would)
        "task": "accounts.tasks.release_held_messages",
        "schedule": crontab(hour=8, minute=0),
    },
    "purge-login-attempts": {
        "task": "accounts.tasks.purge_login_attempts",
        "schedule": crontab(hour=3, minute=17),  # daily, 03:17 KST
    },
}

# Third-party data (job listings, BRN samples) is read from here, never copied into the repo.
NJ_SHARED_DATA = env.path("NJ_SHARED_DATA", default=BASE_DIR.parent / "shared" / "data")

# Pagination of public lists.
NJ_PAGE_SIZE = 20
# Seconds whole public pages are kept for visitors without a session (jobs.page_cache); 0 = off.
NJ_PAGE_CACHE_SECONDS = env.int("NJ_PAGE_CACHE_SECONDS", default=300)
# Seconds the capped counts of a search are kept (jobs.filters.pages, for everyone); 0 = off.
NJ_COUNT_CACHE_SECONDS = env.int("NJ_COUNT_CACHE_SECONDS", default=300)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"no_client_error_tracebacks": {"()": "namdong_jobs.log_filters.NoTracebackForClientErrors"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["no_client_error_tracebacks"],
        }
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own handlers would print each request error a second time: its records go
        # to the root handler only.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # Never log request bodies or query strings with personal data: keep Django's
        # request logger at WARNING (it logs paths only).
        "django.request": {"level": "WARNING"},
    },
}
