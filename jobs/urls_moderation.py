"""URLs of the moderation pages (district staff), mounted at ``/moderation/``."""

from django.urls import path

from .views import moderation

app_name = "moderation"

urlpatterns = [
    path("", moderation.ModerationQueueView.as_view(), name="queue"),
    path("history/", moderation.ModerationHistoryView.as_view(), name="history"),
    path("postings/<int:pk>/", moderation.PostingReviewView.as_view(), name="posting_review"),
    path("postings/<int:pk>/approve/", moderation.PostingApproveView.as_view(), name="posting_approve"),
    path("postings/<int:pk>/reject/", moderation.PostingRejectView.as_view(), name="posting_reject"),
    path("revisions/<int:pk>/", moderation.RevisionReviewView.as_view(), name="revision_review"),
    path("revisions/<int:pk>/approve/", moderation.RevisionApproveView.as_view(), name="revision_approve"),
    path("revisions/<int:pk>/reject/", moderation.RevisionRejectView.as_view(), name="revision_reject"),
    path("employers/<int:pk>/", moderation.EmployerReviewView.as_view(), name="employer_review"),
    path("employers/<int:pk>/verify/", moderation.EmployerVerifyView.as_view(), name="employer_verify"),
    path("employers/<int:pk>/reject/", moderation.EmployerRejectView.as_view(), name="employer_reject"),
]
