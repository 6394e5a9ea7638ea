"""Desk pages: intake (issue 5)."""

urlpatterns: list = []
