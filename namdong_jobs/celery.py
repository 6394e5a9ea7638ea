"""The Celery application, configured from Django settings (``CELERY_`` namespace).

Workers: ``celery -A namdong_jobs worker``; periodic work: ``celery -A namdong_jobs beat``
(schedule in ``settings.CELERY_BEAT_SCHEDULE``).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "namdong_jobs.settings.local")

app = Celery("namdong_jobs")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
