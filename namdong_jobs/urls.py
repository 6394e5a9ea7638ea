"""URL configuration of the portal."""

from django.contrib import admin
from django.urls import include, path

from accounts.forms import AdminLoginForm
from jobs.views.public import HomeView

from .health import healthz

admin.site.site_header = "남동구 일자리인력은행 관리"
admin.site.login_form = AdminLoginForm
admin.site.site_title = "남동구 일자리인력은행"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("jobs/", include("jobs.urls")),
    path("accounts/", include("accounts.urls")),
    path("employers/", include("employers.urls")),
    path("manage/", include("jobs.urls_manage")),
    path("moderation/", include("jobs.urls_moderation")),
    path("desk/", include("jobs.urls_desk")),
    path("my/", include("jobs.urls_seeker")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
