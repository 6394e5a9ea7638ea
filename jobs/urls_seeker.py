"""URLs of the seeker's "my page" under ``/my/`` (applications, saved postings, postings that
fit)."""

app_name = "seeker"

urlpatterns: list = []
