"""Public URLs of the jobs app under ``/jobs/``.

- ``jobs:list`` ``/jobs/``: search (query string: see :class:`jobs.filters.JobPostingFilter`)
- ``jobs:detail`` ``/jobs/<pk>/`` and ``jobs:print`` ``/jobs/<pk>/print/``
- ``jobs:feed_atom`` ``/jobs/feed.atom``, ``jobs:feed_rss`` ``/jobs/feed.rss``
- ``jobs:api_postings`` ``/jobs/api/postings.json``
- ``jobs:apply`` ``/jobs/<pk>/apply/`` and ``jobs:save`` ``/jobs/<pk>/save/`` (POST): seekers
"""

from django.urls import path

from .views import feeds, public
from .views.seeker import apply

app_name = "jobs"

urlpatterns = [
    path("", public.JobPostingListView.as_view(), name="list"),
    path("<int:pk>/", public.JobPostingDetailView.as_view(), name="detail"),
    path("<int:pk>/print/", public.JobPostingPrintView.as_view(), name="print"),
    path("<int:pk>/apply/", apply.ApplyView.as_view(), name="apply"),
    path("<int:pk>/save/", apply.SavePostingView.as_view(), name="save"),
    path("feed.atom", feeds.LatestPostingsAtomFeed(), name="feed_atom"),
    path("feed.rss", feeds.LatestPostingsRssFeed(), name="feed_rss"),
    path("api/postings.json", feeds.PostingListApiView.as_view(), name="api_postings"),
]
