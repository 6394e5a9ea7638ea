"""Desk pages: staff (issue 5)."""

urlpatterns: list = []
