"""Desk pages: residents (issue 5)."""

urlpatterns: list = []
