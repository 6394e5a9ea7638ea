from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("verify-email/resend/", views.VerifyEmailResendView.as_view(), name="verify_email_resend"),
    path("verify-email/<str:token>/", views.VerifyEmailView.as_view(), name="verify_email"),
]
