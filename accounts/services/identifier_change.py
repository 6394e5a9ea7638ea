"""Adding or changing the login identifiers of a signed-in account: a mobile number proved
with a 6-digit SMS code, an email address proved with a link (DESIGN.md "People and roles":
an address or number is verified before it is used to log in or to receive notifications).
Someone who signed up by email can so add a number for SMS notifications, and the other way
round; employer members and staff can change theirs.

Nothing unproved is written on the account: while the code or link is on its way, the new
number or address waits with the caller (the page keeps it in the session); only the right
code, or the link opened by the same signed-in account, sets ``user.phone``/``user.email``,
verified at once (``*_verified_at`` = now). So a mistyped or someone else's number never sits
on the account, where it would block its owner from signing up, and identifiers stay what
``signup._hold_state`` expects: an unverified one was typed at sign-up.

Uniqueness (each identifier belongs to one account): one verified on another account (or
held by a staff account) is refused, with a message that names no account. Proof beats an
unverified claim: another account's unverified copy is taken from it when it keeps another
identifier (:func:`accounts.services.identifier_release`), or when it has held it past its
verification window (``signup._release_if_stale``, as a new sign-up does); an account still
within that window with no other identifier keeps it (refused, code ``waiting``).

The seeker profile's copy (``SeekerProfile.phone``/``email``, the contact shown to employers)
follows the change when it was the old value (blank for an identifier added).

Rate limits: the pages count requests per IP address (:mod:`accounts.ratelimit`,
``IP_CODE``/``IP_VERIFY_RESEND``); codes are limited per number by
:func:`accounts.services.code_issue` (one a minute, 5 an hour, 10 a day); links per address by
:data:`accounts.services.VERIFY_RESEND_DAILY_LIMIT` (shared with "send the link again"); and
both together per account by :data:`CHANGE_DAILY_LIMIT`.
"""

import datetime

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from .. import ratelimit
from ..choices import CodePurpose, MessageKind, NotifyChannel
from ..identifiers import normalize_email, normalize_mobile
from ..messaging import message_send
from ..models import OneTimeCode, SeekerProfile, User
from .codes import code_issue, code_verify
from .signup import (
    _STALE,
    _TAKEN,
    UNVERIFIED_EMAIL_HOLD,
    VERIFY_EMAIL_MAX_AGE,
    VERIFY_RESEND_DAILY_LIMIT,
    EmailVerificationError,
    EmailVerificationExpired,
    _email_fingerprint,
    _hold_state,
    _other,
    _release_if_stale,
    _verify_email_signer,
    identifier_release,
)

#: Salt of the new-address links (not the sign-up links' ``VERIFY_EMAIL_SALT``).
CHANGE_EMAIL_SALT = "accounts.change-email"
#: Codes and links one account may ask for in a day on the identifiers page, whatever the
#: number or address (an SMS costs money; a stranger's phone or mailbox must not be flooded
#: by one account trying many destinations).
CHANGE_DAILY_LIMIT = 10
CHANGE_WINDOW = datetime.timedelta(days=1)


def _usable(user: User) -> None:
    if user.erased_at is not None or not user.is_active:
        raise ValidationError(_("사용할 수 없는 계정입니다. 일자리인력은행에 문의해 주세요."), code="inactive")


def _taken_message(field: str) -> str:
    if field == "phone":
        return _(
            "이 휴대전화번호는 다른 계정에서 이미 확인을 마친 번호라서 쓸 수 없습니다. 본인 번호라면 그 계정으로 "
            "로그인하거나 '비밀번호 찾기'를 이용해 주세요. 도움이 필요하면 남동구 일자리인력은행(032-453-5000)에 "
            "문의해 주세요."
        )
    return _(
        "이 이메일 주소는 다른 계정에서 이미 확인을 마친 주소라서 쓸 수 없습니다. 본인 주소라면 그 계정으로 "
        "로그인하거나 '비밀번호 찾기'를 이용해 주세요. 도움이 필요하면 남동구 일자리인력은행(032-453-5000)에 "
        "문의해 주세요."
    )


def _waiting_message(field: str) -> str:
    if field == "phone":
        return _(
            "이 휴대전화번호로 가입하고 아직 번호 확인을 기다리는 다른 계정이 있어 지금은 쓸 수 없습니다. "
            "확인되지 않은 번호는 가입한 지 하루가 지나면 쓸 수 있습니다."
        )
    return _(
        "이 이메일 주소로 가입하고 아직 확인을 기다리는 다른 계정이 있어 지금은 쓸 수 없습니다. "
        "확인되지 않은 주소는 가입한 지 %(days)d일이 지나면 쓸 수 있습니다."
    ) % {"days": UNVERIFIED_EMAIL_HOLD.days}


def _holder_refusal(
    *, user: User, field: str, value: str, now: datetime.datetime, lock: bool
) -> ValidationError | None:
    """Whether another account's hold on ``value`` (its ``field``) keeps ``user`` from it:
    a ``ValidationError`` keyed by ``field`` (codes ``unique``, ``waiting``), or ``None``.
    With ``lock`` the holder's row is locked and an unverified hold that proof beats is
    ended here (see the module text)."""
    holders = User.objects.filter(**{field: value}).exclude(pk=user.pk)
    holder = (holders.select_for_update() if lock else holders).first()
    if holder is None:
        return None
    state = _hold_state(holder, field, now)
    if state == _TAKEN:
        return ValidationError({field: ValidationError(_taken_message(field), code="unique")})
    keeps_other = getattr(holder, _other(field)) is not None
    if state != _STALE and not keeps_other:
        return ValidationError({field: ValidationError(_waiting_message(field), code="waiting")})
    if lock:
        if state == _STALE:
            _release_if_stale(field, value, now)
        else:
            identifier_release(user=holder, field=field)
    return None


def _already_verified(user: User, field: str, value: str) -> ValidationError | None:
    if getattr(user, field) == value and getattr(user, f"{field}_verified_at") is not None:
        message = (
            _("이미 이 계정에서 확인된 휴대전화번호입니다.")
            if field == "phone"
            else _("이미 이 계정에서 확인된 이메일 주소입니다.")
        )
        return ValidationError({field: ValidationError(message, code="already_verified")})
    return None


def _count_request(user: User) -> None:
    if not ratelimit.hit(f"identifier-change:account:{user.pk}", CHANGE_DAILY_LIMIT, CHANGE_WINDOW):
        raise ValidationError(
            _("오늘은 인증번호와 확인 메일을 더 받을 수 없습니다(하루 %(limit)d번까지). 내일 다시 해 주세요.")
            % {"limit": CHANGE_DAILY_LIMIT},
            code="too_many_today",
        )


@transaction.atomic
def _identifier_set(*, user: User, field: str, value: str) -> User:
    """Put the proved ``value`` as ``user``'s ``field`` (``"phone"``/``"email"``), verified
    now, after ending another account's unverified hold on it (:func:`_holder_refusal`), and
    carry it to the seeker profile's copy when that was the old value. Raises the holder's
    ``ValidationError`` (nothing changes then)."""
    now = timezone.now()
    user = User.objects.select_for_update().get(pk=user.pk)
    _usable(user)
    if error := _holder_refusal(user=user, field=field, value=value, now=now, lock=True):
        raise error
    old = getattr(user, field)
    old_verified = getattr(user, f"{field}_verified_at") is not None
    setattr(user, field, value)
    setattr(user, f"{field}_verified_at", now)
    try:
        with transaction.atomic():
            user.save(update_fields=[field, f"{field}_verified_at"])
    except IntegrityError as exc:  # another account took it between the check and the save
        raise ValidationError({field: ValidationError(_taken_message(field), code="unique")}) from exc
    if old != value:
        SeekerProfile.objects.filter(user=user, erased_at__isnull=True, **{field: old or ""}).update(**{field: value})
        if old and old_verified:
            _tell_old_identifier(user=user, field=field, old=old, now=now)
    return user


def _tell_old_identifier(*, user: User, field: str, old: str, now) -> None:
    """Tell the old verified email or number that the account's login identifier changed
    (so its owner learns of a change they did not make), through the message layer."""
    what = _("이메일 주소") if field == "email" else _("휴대전화번호")
    message_send(
        kind=MessageKind.NOTICE,
        subject=f"identifier-change:{field}:{int(now.timestamp())}",
        channel=NotifyChannel.EMAIL if field == "email" else NotifyChannel.SMS,
        title=_("[남동구 일자리인력은행] 로그인 %(what)s 변경 안내") % {"what": what},
        body=_(
            "[남동구 일자리인력은행] 계정의 로그인 %(what)s가 바뀌었습니다. 직접 바꾸지 않았다면 "
            "032-453-5000으로 바로 알려 주세요."
        )
        % {"what": what},
        user=user,
        address=old,
    )


# ---------------------------------------------------------------------------------------------
# Mobile number: a 6-digit code by SMS
# ---------------------------------------------------------------------------------------------


def phone_change_send(*, user: User, phone: str) -> OneTimeCode:
    """Send a 6-digit code by SMS to ``phone`` (any usual spelling of a Korean mobile
    number), the number ``user`` wants to add or change to. The account is not changed:
    the caller keeps the number (normalised: :func:`accounts.identifiers.normalize_mobile`)
    until :func:`phone_change_verify`.

    Returns the issued :class:`OneTimeCode` (purpose ``verify_phone``, ``destination`` the
    E.164 number). Raises ``ValidationError`` (Korean) keyed ``phone`` for a malformed
    number, the account's own verified number (code ``already_verified``) or one another
    account keeps (codes ``unique``, ``waiting``; no account is named); not keyed for an
    erased or inactive account (``inactive``), over :data:`CHANGE_DAILY_LIMIT` requests of
    the account today (``too_many_today``) and the limits of
    :func:`accounts.services.code_issue` (``too_soon``, ``too_many``, ``too_many_today``).
    """
    _usable(user)
    try:
        phone = normalize_mobile(phone)
    except ValidationError as exc:
        raise ValidationError({"phone": exc.error_list}) from None
    if error := _already_verified(user, "phone", phone) or _holder_refusal(
        user=user, field="phone", value=phone, now=timezone.now(), lock=False
    ):
        raise error
    _count_request(user)
    return code_issue(purpose=CodePurpose.VERIFY_PHONE, destination=phone, user=user)


def phone_change_verify(*, user: User, phone: str, code: str) -> User:
    """Check ``code`` (sent by :func:`phone_change_send` for ``phone``) and make ``phone``
    ``user``'s mobile number, verified now; the seeker profile's copy follows when it was
    the old number (or blank).

    Returns the user. Raises ``ValidationError`` (Korean) as
    :func:`accounts.services.code_verify` does (``wrong``, ``dead``, ``expired``, ``used``,
    ``missing``; also ``wrong`` for a code sent to the number for another account), and keyed
    ``phone`` when another account verified the number meanwhile (``unique``, ``waiting``).
    A wrong try is counted even though the error is raised: call outside a transaction that
    the error rolls back.
    """
    _usable(user)
    try:
        phone = normalize_mobile(phone)
    except ValidationError:
        raise ValidationError(_("인증번호를 새로 받아 주세요."), code="missing") from None
    row = code_verify(purpose=CodePurpose.VERIFY_PHONE, destination=phone, code=code)
    if row.user_id != user.pk:  # a code sent to this number for another account
        raise ValidationError(_("인증번호가 맞지 않습니다. 인증번호를 새로 받아 주세요."), code="wrong")
    return _identifier_set(user=user, field="phone", value=phone)


# ---------------------------------------------------------------------------------------------
# Email address: a link bound to the new address
# ---------------------------------------------------------------------------------------------


def email_change_token(*, user: User, email: str) -> str:
    """A URL-safe token for ``/accounts/identifiers/email/<token>/``, signed like the sign-up
    links (``signup._verify_email_signer`` with :data:`CHANGE_EMAIL_SALT`) over the user's id,
    the new address ``email`` and the account's current address (both as keyed hashes: links
    end up in logs, so the token carries no readable address). It works for three days
    (``VERIFY_EMAIL_MAX_AGE``) and only while the account keeps its current address, so it
    is used once."""
    payload = {"u": user.pk, "e": _email_fingerprint(email), "o": _email_fingerprint(user.email)}
    return _verify_email_signer(CHANGE_EMAIL_SALT).sign_object(payload, compress=True)


def email_change_send(*, user: User, email: str, base_url: str) -> str:
    """Email the address ``user`` wants to add or change to a link that proves it
    (:func:`email_change_token`). The account is not changed: the caller keeps the address
    until :func:`email_change_verify`. ``base_url`` is the site's scheme and host
    (``request.build_absolute_uri("/")``). The mail greets no one by name (the address is not
    yet proved to be the account holder's).

    Returns the normalised address (lower-cased). Raises ``ValidationError`` (Korean) keyed
    ``email`` for a malformed address, the account's own verified address (code
    ``already_verified``) or one another account keeps (``unique``, ``waiting``); not keyed
    for an erased or inactive account (``inactive``), over
    :data:`accounts.services.VERIFY_RESEND_DAILY_LIMIT` links to the address today
    (``too_many_address``) or :data:`CHANGE_DAILY_LIMIT` requests of the account
    (``too_many_today``). Raises whatever the mail backend raises (``SMTPException``,
    ``OSError``).
    """
    _usable(user)
    try:
        email = normalize_email(email)
    except ValidationError:
        raise ValidationError(
            {"email": ValidationError(_("올바른 이메일 주소를 입력해 주세요. 예: hong@example.kr"), code="invalid")}
        ) from None
    if error := _already_verified(user, "email", email) or _holder_refusal(
        user=user, field="email", value=email, now=timezone.now(), lock=False
    ):
        raise error
    if not ratelimit.hit(f"verify-resend:address:{email}", VERIFY_RESEND_DAILY_LIMIT, datetime.timedelta(days=1)):
        raise ValidationError(
            _("이 주소로는 오늘 확인 메일을 더 보낼 수 없습니다. 내일 다시 해 주세요."), code="too_many_address"
        )
    _count_request(user)
    token = email_change_token(user=user, email=email)
    context = {
        "link": base_url.rstrip("/") + reverse("accounts:identifier_email_verify", args=[token]),
        "days": VERIFY_EMAIL_MAX_AGE.days,
        "page_url": base_url.rstrip("/") + reverse("accounts:identifiers"),
    }
    subject = render_to_string("accounts/email/change_email_subject.txt", context).strip()
    body = render_to_string("accounts/email/change_email_body.txt", context)
    send_mail(subject, body, None, [email])
    return email


def email_change_verify(*, user: User, token: str, email: str | None) -> User:
    """Check a link of :func:`email_change_send`, opened by the signed-in ``user``, against
    ``email``, the address the caller kept for it, and make that address the account's,
    verified now; the seeker profile's copy follows when it was the old address (or blank).

    Returns the user. Raises :class:`accounts.services.EmailVerificationExpired` for a
    genuine link older than three days; :class:`accounts.services.EmailVerificationError`
    for a tampered link, one of another account, one for another address than ``email``
    (``None``: the caller kept none, e.g. the link was opened in another browser) or one
    whose account has changed its address since (a used link); ``ValidationError`` keyed
    ``email`` when another account verified the address meanwhile (``unique``, ``waiting``)
    and not keyed for an erased or inactive account.
    """
    signer = _verify_email_signer(CHANGE_EMAIL_SALT)
    try:
        payload = signer.unsign_object(token, max_age=VERIFY_EMAIL_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise EmailVerificationExpired() from exc
    except (signing.BadSignature, ValueError) as exc:  # ValueError: bad base64 or JSON
        raise EmailVerificationError("invalid") from exc
    if (
        not isinstance(payload, dict)
        or payload.get("u") != user.pk
        or not email
        or not constant_time_compare(_email_fingerprint(email), str(payload.get("e", "")))
        or not constant_time_compare(_email_fingerprint(user.email), str(payload.get("o", "")))
    ):
        raise EmailVerificationError("invalid")
    return _identifier_set(user=user, field="email", value=email)
