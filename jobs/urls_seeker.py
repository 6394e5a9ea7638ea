"""URLs of the seeker's "my page" under ``/my/`` (applications, saved postings, postings that
fit).

- ``seeker:home`` ``/my/``
- ``seeker:application_detail`` ``/my/applications/<pk>/``
- ``seeker:application_withdraw`` ``/my/applications/<pk>/withdraw/`` (POST, with confirmation)
"""

from django.urls import path

from .views.seeker import mypage

app_name = "seeker"

urlpatterns = [
    path("", mypage.MyHomeView.as_view(), name="home"),
    path("applications/<int:pk>/", mypage.MyApplicationDetailView.as_view(), name="application_detail"),
    path("applications/<int:pk>/withdraw/", mypage.MyApplicationWithdrawView.as_view(), name="application_withdraw"),
]
