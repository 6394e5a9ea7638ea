from django.urls import path

from .views import public

app_name = "jobs"

urlpatterns = [
    path("", public.JobPostingListView.as_view(), name="list"),
    path("<int:pk>/", public.JobPostingDetailView.as_view(), name="detail"),
]
