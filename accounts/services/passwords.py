"""Password reset by email link (Django's ``PasswordResetView`` family) or by SMS code
(DESIGN.md "People and roles": password reset works by email or by SMS code).

Neither way tells a visitor whether an address or number is registered: the pages give the
same answer either way, and a reset code is sent only to an account's own number.

Who may reset through which identifier: the link or code proves that the person holds that
address or phone, so it may reset an account whose identifier is verified, or an account
that has no other verified identifier (someone who signed up and never finished verifying).
An unverified number typed next to a verified email (possibly someone else's number) cannot
take over the account. A successful reset marks the identifier it went through verified and
lifts django-axes' login lock of the account."""

import logging

from axes.utils import reset as axes_reset
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import CodePurpose
from ..identifiers import normalize_email, normalize_mobile
from ..models import User
from .codes import code_issue, code_verify

logger = logging.getLogger(__name__)

RESET_VIA_EMAIL = "email"
RESET_VIA_SMS = "sms"


def _resettable() -> Q:
    return Q(is_active=True, erased_at__isnull=True)


def password_reset_accounts_by_email(*, email: str) -> list[User]:
    """The accounts a reset link may be emailed to for ``email`` (any case): active, not
    erased, with a usable password, whose email is verified or that has no verified phone.
    A malformed address gives ``[]``."""
    try:
        email = normalize_email(email)
    except ValidationError:
        return []
    users = User.objects.filter(_resettable(), email=email).filter(
        Q(email_verified_at__isnull=False) | Q(phone_verified_at__isnull=True)
    )
    return [user for user in users if user.has_usable_password()]


def _account_by_phone(phone: str) -> User | None:
    user = (
        User.objects.filter(_resettable(), phone=phone)
        .filter(Q(phone_verified_at__isnull=False) | Q(email_verified_at__isnull=True))
        .first()
    )
    return user if user is not None and user.has_usable_password() else None


def password_reset_code_send(*, phone: str) -> bool:
    """Send a 6-digit password reset code by SMS to ``phone`` (any usual spelling) if it is
    the number of an account that may reset through it (see the module text); otherwise do
    nothing. A rate-limited request (60 s between codes, 5 an hour) also does nothing.

    Returns True if a code was issued (for logs and tests only: callers show the same answer
    either way, so the page does not reveal who is registered). Raises ``ValidationError``
    (Korean) only for a malformed number, which says nothing about registration.
    """
    phone = normalize_mobile(phone)
    user = _account_by_phone(phone)
    if user is None:
        return False
    try:
        code_issue(purpose=CodePurpose.PASSWORD_RESET, destination=phone, user=user)
    except ValidationError as exc:
        logger.info("password reset code for account %s not issued: %s", user.pk, exc.code)
        return False
    return True


def password_reset_with_code(*, phone: str, code: str, password: str) -> User:
    """Set a new ``password`` for the account of ``phone`` after checking the SMS ``code``
    sent by :func:`password_reset_code_send`; the number becomes verified.

    Returns the account. Raises ``ValidationError`` with Korean messages keyed ``password``
    (Django's password validators, checked first so that a weak password does not use up
    the code) or ``code``: one message for a wrong, expired, used or dead code and for a
    number with no account, so the answer does not reveal who is registered. A wrong try is
    counted (call outside a transaction that the error rolls back).
    """
    try:
        phone = normalize_mobile(phone)
    except ValidationError as exc:
        raise ValidationError({"phone": exc.messages}) from exc
    user = _account_by_phone(phone)
    try:
        password_validation.validate_password(password, user or User(phone=phone))
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    try:
        row = code_verify(purpose=CodePurpose.PASSWORD_RESET, destination=phone, code=code)
    except ValidationError as exc:
        raise _generic_code_error() from exc
    if user is None or row.user_id != user.pk:
        raise _generic_code_error()
    return password_reset_complete(user=user, password=password, via=RESET_VIA_SMS)


def _generic_code_error() -> ValidationError:
    return ValidationError(
        {
            "code": [
                _(
                    "인증번호가 맞지 않거나 더는 쓸 수 없습니다. 문자로 받은 6자리 숫자를 확인해 주세요. "
                    "10분이 지났거나 5번 틀렸다면 인증번호를 새로 받아 주세요."
                )
            ]
        },
        code="code",
    )


@transaction.atomic
def password_reset_complete(*, user: User, password: str, via: str) -> User:
    """Set ``user``'s new ``password`` after a reset proved they hold the identifier ``via``
    (``"email"`` or ``"sms"``): that identifier becomes verified if it was not, and the
    account's django-axes login lock (failures counted under ``account:<id>``) is lifted.
    Other sessions of the account end (Django's session hash changes with the password).

    Returns the user. The password must already be validated (the forms and
    :func:`password_reset_with_code` do it).
    """
    if via not in (RESET_VIA_EMAIL, RESET_VIA_SMS):
        raise ValueError(f"unknown reset channel {via!r}")
    user = User.objects.select_for_update().get(pk=user.pk)
    user.set_password(password)
    fields = ["password"]
    if via == RESET_VIA_EMAIL and user.email and user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        fields.append("email_verified_at")
    if via == RESET_VIA_SMS and user.phone and user.phone_verified_at is None:
        user.phone_verified_at = timezone.now()
        fields.append("phone_verified_at")
    user.save(update_fields=fields)
    password_validation.password_changed(password, user)
    axes_reset(username=f"account:{user.pk}")
    return user
