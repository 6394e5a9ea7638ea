"""Desk pages: audit (issue 5)."""

urlpatterns: list = []
