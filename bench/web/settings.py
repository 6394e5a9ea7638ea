"""Settings of the page benchmark's gunicorn: the production settings, served over plain HTTP
on loopback, with the bench-only URLconf (:mod:`bench.web.urls`: the portal's URLs plus the
ceiling view). ``bench/bench_pages.py`` sets the environment (secret key, hosts, database,
Redis, the collected static files) before starting gunicorn with it."""

import os

from namdong_jobs.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.web.urls"
# collectstatic output of this run (the manifest storage needs it to name the CSS file)
STATIC_ROOT = os.environ["NJ_BENCH_STATIC_ROOT"]
# plain HTTP on loopback: no redirect to HTTPS and cookies usable without TLS
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"handlers": [], "level": "WARNING"}}
