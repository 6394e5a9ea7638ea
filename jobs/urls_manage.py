"""URLs of the manage pages."""

from django.urls import path  # noqa: F401

app_name = "manage"

urlpatterns: list = []
