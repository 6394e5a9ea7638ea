"""The portal's URLs plus ``/bench/ceiling/`` (only in the page benchmark's settings)."""

from django.urls import path

from namdong_jobs.urls import urlpatterns as portal

from .views import ceiling

urlpatterns = [path("bench/ceiling/", ceiling, name="bench_ceiling"), *portal]
