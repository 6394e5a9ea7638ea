from django.apps import AppConfig


class JobsConfig(AppConfig):
    """The job bank's work: postings, search, imports and (later) applications and matching."""

    name = "jobs"
    verbose_name = "일자리"

    def ready(self):
        from accounts.choices import MessageKind
        from accounts.messaging.delivery import register_send_check

        from . import cached, page_cache, signals  # noqa: F401 - connects the receivers
        from .matching.checks import closed_posting_messages

        register_send_check(MessageKind.MATCH, closed_posting_messages)
        cached.connect()
        page_cache.connect()
