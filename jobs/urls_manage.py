"""URLs of the manage pages (``/manage/``): the employer dashboard, the posting form and the
posting lifecycle actions (POST only)."""

from django.urls import path

from .views import manage

app_name = "manage"

urlpatterns = [
    path("", manage.DashboardView.as_view(), name="dashboard"),
    path("postings/new/", manage.PostingCreateView.as_view(), name="posting_create"),
    path("postings/<int:pk>/", manage.PostingDetailView.as_view(), name="posting_detail"),
    path("postings/<int:pk>/edit/", manage.PostingEditView.as_view(), name="posting_edit"),
    path("postings/<int:pk>/submit/", manage.PostingSubmitView.as_view(), name="posting_submit"),
    path("postings/<int:pk>/withdraw/", manage.PostingWithdrawView.as_view(), name="posting_withdraw"),
    path("postings/<int:pk>/publish/", manage.PostingPublishView.as_view(), name="posting_publish"),
    path("postings/<int:pk>/close/", manage.PostingCloseView.as_view(), name="posting_close"),
    path("postings/<int:pk>/fill/", manage.PostingFillView.as_view(), name="posting_fill"),
    path("postings/<int:pk>/duplicate/", manage.PostingDuplicateView.as_view(), name="posting_duplicate"),
]
