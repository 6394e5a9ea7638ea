"""Desk pages: referrals (issue 5)."""

urlpatterns: list = []
