"""Write operations of the accounts app (HackSoft styleguide: keyword-only services), by
meaning: ``signup`` (accounts, email links), ``codes`` (6-digit one-time codes),
``identifier_change`` (adding or changing a signed-in account's email or mobile number),
``consents``, ``profiles`` (seeker profile and résumé), ``privacy`` (export, erasure,
retention). The outbound message layer is ``accounts.messaging``.

The names below are re-exported so that callers write ``accounts.services.account_create``."""

from .access_log import access_log_write, client_ip  # noqa: F401
from .careers import CAREER_FIELDS, career_entry_add, career_entry_delete, career_entry_update  # noqa: F401
from .codes import (  # noqa: F401
    CODE_DAILY_LIMIT,
    CODE_HOURLY_LIMIT,
    CODE_MAX_ATTEMPTS,
    CODE_RESEND_INTERVAL,
    CODE_TTL,
    code_consume,
    code_destination,
    code_issue,
    code_verify,
)
from .consents import consent_active, consent_give, consent_withdraw, consents_active  # noqa: E402,F401
from .identifier_change import (  # noqa: F401
    CHANGE_DAILY_LIMIT,
    email_change_send,
    email_change_token,
    email_change_verify,
    phone_change_send,
    phone_change_verify,
)
from .passwords import (  # noqa: F401
    RESET_EMAIL_DAILY_LIMIT,
    password_reset_accounts_by_email,
    password_reset_code_send,
    password_reset_complete,
    password_reset_email_recipients,
    password_reset_with_code,
)
from .phones import phone_verification_send, phone_verify  # noqa: F401
from .privacy import (  # noqa: F401
    ErasureReason,
    age_band,
    erase_idle_seekers,
    person_erase,
    personal_data_export,
    retention_cutoff,
)
from .profiles import (  # noqa: F401
    PROFILE_FIELDS,
    WageUnit,
    profile_update,
    split_licences_other,
    wage_per_hour,
)
from .residents import (  # noqa: F401
    DuplicateHint,
    DuplicateResident,
    paper_consents_record,
    resident_consent_withdraw,
    resident_duplicates,
    resident_register,
    resident_transfer,
    resident_update,
)
from .resumes import (  # noqa: F401
    ResumeNotFound,
    profiles_visible_to_staff,
    resume_check,
    resume_delete,
    resume_open,
    resume_open_as_staff,
    resume_set,
)
from .seekers import (  # noqa: F401
    ADULT_AGE,
    MIN_SIGNUP_AGE,
    SignupAge,
    guardian_document_check,
    guardian_needed_message,
    seeker_profile_start,
    seeker_profile_start_refusal,
    seeker_signup,
    signup_age_check,
)
from .signup import (  # noqa: F401
    UNVERIFIED_EMAIL_HOLD,
    UNVERIFIED_PHONE_HOLD,
    VERIFY_EMAIL_MAX_AGE,
    VERIFY_EMAIL_SALT,
    VERIFY_RESEND_DAILY_LIMIT,
    EmailVerification,
    EmailVerificationElsewhere,
    EmailVerificationError,
    EmailVerificationExpired,
    EmailVerificationNeedsPassword,
    _unique_error,
    account_create,
    email_verification_resend,
    email_verification_send,
    email_verification_token,
    email_verify,
    identifier_release,
    login_attempts_purge,
)
