from django.apps import AppConfig


class JobsConfig(AppConfig):
    """The job bank's work: postings, search, imports and (later) applications and matching."""

    name = "jobs"
    verbose_name = "일자리"

    def ready(self):
        from . import signals  # noqa: F401 - connects the receivers
