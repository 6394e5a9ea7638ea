"""WSGI entry point for gunicorn: ``gunicorn namdong_jobs.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "namdong_jobs.settings.local")

application = get_wsgi_application()
