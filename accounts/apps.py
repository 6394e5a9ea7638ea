from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """People: login accounts, seeker profiles and staff memberships."""

    name = "accounts"
    verbose_name = "사용자"
