from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    """Reference data shared by every app: dongs, community centres, KECO, minimum wages."""

    name = "namdong_jobs.reference"
    label = "reference"
    verbose_name = "기준 정보"
