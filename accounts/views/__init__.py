"""Views of the accounts app, one module per meaning: ``auth`` (login, logout, email links),
``signup`` (seeker sign-up, phone codes, password reset), ``inbox`` (on-site messages),
``profile`` (seeker profile, consents, résumé), ``privacy`` (data export, account deletion).
Each module but ``auth`` keeps its own ``urlpatterns``, which ``accounts.urls`` joins."""

from .auth import (  # noqa: F401
    LoginView,
    LogoutView,
    VerifyEmailResendView,
    VerifyEmailView,
    remember_signup,
    safe_next_url,
)
