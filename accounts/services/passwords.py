"""Password reset by email link (Django's ``PasswordResetView`` family) or by SMS code
(DESIGN.md "People and roles": password reset works by email or by SMS code).

Neither way tells a visitor whether an address or number is registered: the pages give the
same answer either way, and a reset code is sent only to an account's own number.

Who may reset through which identifier: the link or code proves that the person holds that
address or phone, so it may reset an account whose identifier is verified, or an account
that has no other verified identifier (someone who signed up and never finished verifying).
An unverified number typed next to a verified email (possibly someone else's number) cannot
take over the account. A successful reset marks the identifier it went through verified and
lifts django-axes' login lock of the account.

A reset also takes every OTHER identifier that the account never verified off it (and off
the seeker profile's copy): whoever signed up may have typed someone else's number next to
their own address, or the other way round. Otherwise a squatter who signed up with a
stranger's number and their own email could wait for the number's owner to reset the
password by SMS, then ask for a new verification link for the email they kept and be logged
in to the account the owner has just taken back ("pre-hijacking")."""

import datetime
import logging

from axes.utils import reset as axes_reset
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import ratelimit
from ..choices import CodePurpose
from ..identifiers import normalize_email, normalize_mobile
from ..models import User
from .codes import code_consume, code_issue, code_verify
from .signup import identifier_release

logger = logging.getLogger(__name__)

RESET_VIA_EMAIL = "email"
RESET_VIA_SMS = "sms"


def _resettable() -> Q:
    return Q(is_active=True, erased_at__isnull=True)


def password_reset_accounts_by_email(*, email: str) -> list[User]:
    """The accounts a reset link may be emailed to for ``email`` (any case): active, not
    erased, with a usable password, whose email is verified or that has no verified phone.
    A malformed address gives ``[]``.

    Why an unverified email may get a link at all: an account whose email is its only
    identifier (or whose phone is not verified either) can be reached no other way; the link
    proves the address, so the person holding the mailbox may take the account, and the
    reset drops the account's other, unverified identifier (module text). Why not when the
    phone is verified: then the account belongs to whoever proved that number, and the
    unverified address beside it may be a typo or somebody else's; a link there could hand
    the account to a stranger. That owner resets by SMS instead."""
    try:
        email = normalize_email(email)
    except ValidationError:
        return []
    users = User.objects.filter(_resettable(), email=email).filter(
        Q(email_verified_at__isnull=False) | Q(phone_verified_at__isnull=True)
    )
    return [user for user in users if user.has_usable_password()]


#: Reset links one address can be sent in a day, however many visitors ask (the email page
#: must not become a way to flood a mailbox); counted whether or not an account has it.
RESET_EMAIL_DAILY_LIMIT = 5


def password_reset_email_recipients(*, email: str) -> list[User]:
    """The accounts to email a reset link to now for ``email``: as
    :func:`password_reset_accounts_by_email`, but ``[]`` once the address has been asked for
    more than :data:`RESET_EMAIL_DAILY_LIMIT` times today (each call counts, with
    :func:`accounts.ratelimit.hit`, before looking for an account, so the answer reveals
    nothing). A malformed address gives ``[]``."""
    try:
        normalized = normalize_email(email)
    except ValidationError:
        return []
    if not ratelimit.hit(f"reset-email:address:{normalized}", RESET_EMAIL_DAILY_LIMIT, datetime.timedelta(days=1)):
        logger.info("password reset link not sent: daily limit of the address reached")
        return []
    return password_reset_accounts_by_email(email=normalized)


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
    nothing. A rate-limited request (60 s between codes, 5 an hour, 10 a day) also does nothing.

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

    Order, so that nothing tells a visitor whether the number is registered: first the
    password rules that need no account (length, common, all digits: checked against the
    typed number only), then the code (one message for a wrong, expired, used or dead code
    and for a number with no account; a wrong try is counted), and only after a right code
    the rules that compare the password with the account (similar to its email or name).
    The code is used up only when the password is set: a password refused at any step
    leaves the code usable.

    Returns the account. Raises ``ValidationError`` with Korean messages keyed ``phone``
    (malformed number), ``password`` (Django's password validators) or ``code``. Call
    outside a transaction that the error rolls back (a wrong try must stay counted).
    """
    try:
        phone = normalize_mobile(phone)
    except ValidationError as exc:
        raise ValidationError({"phone": exc.messages}) from exc
    _validate_new_password(password, User(phone=phone))
    user = _account_by_phone(phone)
    try:
        row = code_verify(purpose=CodePurpose.PASSWORD_RESET, destination=phone, code=code, consume=False)
    except ValidationError as exc:
        raise _generic_code_error() from exc
    if user is None or row.user_id != user.pk:
        raise _generic_code_error()
    _validate_new_password(password, user)
    with transaction.atomic():
        if not code_consume(code=row):  # another request used it meanwhile
            raise _generic_code_error()
        return password_reset_complete(user=user, password=password, via=RESET_VIA_SMS)


def _validate_new_password(password: str, user: User) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc


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
    (``"email"`` or ``"sms"``): that identifier becomes verified if it was not, the other
    identifier is taken off the account (and off the seeker profile's copy) if it was never
    verified (see the module text), and the account's django-axes login lock (failures
    counted under ``account:<id>``) is lifted. Other sessions of the account end (Django's
    session hash changes with the password).

    Returns the user. The password must already be validated (the forms and
    :func:`password_reset_with_code` do it).
    """
    if via not in (RESET_VIA_EMAIL, RESET_VIA_SMS):
        raise ValueError(f"unknown reset channel {via!r}")
    proved, other = ("email", "phone") if via == RESET_VIA_EMAIL else ("phone", "email")
    user = User.objects.select_for_update().get(pk=user.pk)
    user.set_password(password)
    fields = ["password"]
    if getattr(user, proved) and getattr(user, f"{proved}_verified_at") is None:
        setattr(user, f"{proved}_verified_at", timezone.now())
        fields.append(f"{proved}_verified_at")
    user.save(update_fields=fields)
    if getattr(user, proved) and getattr(user, other) and getattr(user, f"{other}_verified_at") is None:
        identifier_release(user=user, field=other)
        logger.info("password reset of account %s by %s dropped its unverified %s", user.pk, via, other)
    password_validation.password_changed(password, user)
    axes_reset(username=f"account:{user.pk}")
    return user
