from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """People: login accounts, seeker profiles and staff memberships."""

    name = "accounts"
    verbose_name = "사용자"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import checks, signals  # noqa: F401 - checks registers the deploy checks

        # a login is activity: the retention period of a seeker record starts again
        user_logged_in.connect(signals.seeker_touch_on_login, dispatch_uid="accounts.seeker_touch_on_login")
