"""URLs of the manage pages (``/manage/``): the employer dashboard, the posting form, the
posting lifecycle actions (POST only) and the employer's applicant pages."""

from django.urls import path

from .views.manage import actions, applicants, dashboard, postings

app_name = "manage"

urlpatterns = [
    path("", dashboard.DashboardView.as_view(), name="dashboard"),
    path("postings/new/", postings.PostingCreateView.as_view(), name="posting_create"),
    path("postings/<int:pk>/", postings.PostingDetailView.as_view(), name="posting_detail"),
    path("postings/<int:pk>/edit/", postings.PostingEditView.as_view(), name="posting_edit"),
    path("postings/<int:pk>/submit/", actions.PostingSubmitView.as_view(), name="posting_submit"),
    path("postings/<int:pk>/withdraw/", actions.PostingWithdrawView.as_view(), name="posting_withdraw"),
    path("postings/<int:pk>/publish/", actions.PostingPublishView.as_view(), name="posting_publish"),
    path("postings/<int:pk>/close/", actions.PostingCloseView.as_view(), name="posting_close"),
    path("postings/<int:pk>/fill/", actions.PostingFillView.as_view(), name="posting_fill"),
    path("postings/<int:pk>/duplicate/", actions.PostingDuplicateView.as_view(), name="posting_duplicate"),
    path("postings/<int:pk>/applicants/", applicants.ApplicantListView.as_view(), name="posting_applicants"),
    path("applications/<int:pk>/", applicants.ApplicantDetailView.as_view(), name="application_detail"),
    path("applications/<int:pk>/status/", applicants.ApplicantStatusView.as_view(), name="application_status"),
    path("applications/<int:pk>/resume/", applicants.ApplicantResumeView.as_view(), name="application_resume"),
]
