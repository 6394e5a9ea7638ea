"""Desk pages: registration (issue 5)."""

urlpatterns: list = []
