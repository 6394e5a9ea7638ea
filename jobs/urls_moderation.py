"""URLs of the moderation pages (district staff), mounted at ``/moderation/``."""

from django.urls import path

from .views.moderation import employers, history, messages, postings, queue, revisions

app_name = "moderation"

urlpatterns = [
    path("", queue.ModerationQueueView.as_view(), name="queue"),
    path("history/", history.ModerationHistoryView.as_view(), name="history"),
    path("postings/<int:pk>/", postings.PostingReviewView.as_view(), name="posting_review"),
    path("postings/<int:pk>/approve/", postings.PostingApproveView.as_view(), name="posting_approve"),
    path("postings/<int:pk>/reject/", postings.PostingRejectView.as_view(), name="posting_reject"),
    path("revisions/<int:pk>/", revisions.RevisionReviewView.as_view(), name="revision_review"),
    path("revisions/<int:pk>/approve/", revisions.RevisionApproveView.as_view(), name="revision_approve"),
    path("revisions/<int:pk>/reject/", revisions.RevisionRejectView.as_view(), name="revision_reject"),
    path("employers/<int:pk>/", employers.EmployerReviewView.as_view(), name="employer_review"),
    path("employers/<int:pk>/verify/", employers.EmployerVerifyView.as_view(), name="employer_verify"),
    path("employers/<int:pk>/reject/", employers.EmployerRejectView.as_view(), name="employer_reject"),
    path("messages/", messages.MessageListView.as_view(), name="messages"),
    path("messages/<int:pk>/retry/", messages.MessageRetryView.as_view(), name="message_retry"),
]
