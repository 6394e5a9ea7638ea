"""signup pages of the accounts app (issue 4)."""

urlpatterns: list = []
