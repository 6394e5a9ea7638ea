"""Write operations of the accounts app (HackSoft styleguide: keyword-only services), by
meaning: ``signup`` (accounts, email links), ``codes`` (6-digit one-time codes),
``consents``, ``profiles`` (seeker profile and résumé), ``privacy`` (export, erasure,
retention). The outbound message layer is ``accounts.messaging``.

The names below are re-exported so that callers write ``accounts.services.account_create``."""

from .consents import consent_active, consent_give, consent_withdraw, consents_active  # noqa: E402,F401
from .signup import (  # noqa: F401
    VERIFY_EMAIL_MAX_AGE,
    VERIFY_EMAIL_SALT,
    EmailVerification,
    EmailVerificationError,
    EmailVerificationExpired,
    _unique_error,
    account_create,
    email_verification_resend,
    email_verification_send,
    email_verification_token,
    email_verify,
    login_attempts_purge,
)
