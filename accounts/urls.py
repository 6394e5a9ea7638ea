from django.urls import path

from .views import auth, claim, identifiers, inbox, notifications_stop, privacy, profile, signup, sms_inbound

app_name = "accounts"

urlpatterns = [
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("verify-email/resend/", auth.VerifyEmailResendView.as_view(), name="verify_email_resend"),
    path("verify-email/<str:token>/", auth.VerifyEmailView.as_view(), name="verify_email"),
    *signup.urlpatterns,
    *inbox.urlpatterns,
    *profile.urlpatterns,
    *privacy.urlpatterns,
    *identifiers.urlpatterns,
    *sms_inbound.urlpatterns,
    *notifications_stop.urlpatterns,
    *claim.urlpatterns,
]
