from django.apps import AppConfig


class EmployersConfig(AppConfig):
    """Employer profiles, certifications, verification and employer members."""

    name = "employers"
    verbose_name = "구인기업"
