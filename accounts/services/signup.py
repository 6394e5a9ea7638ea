"""Write operations of the accounts app (HackSoft styleguide: keyword-only services)."""

import dataclasses
import datetime
import logging
from collections.abc import Callable

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import password_validation
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from .. import ratelimit
from ..identifiers import normalize_email, normalize_mobile
from ..models import OneTimeCode, OutboundMessage, SeekerProfile, User

logger = logging.getLogger(__name__)


@transaction.atomic
def login_attempts_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete django-axes records (attempts, failures, access log) older than
    ``settings.LOGIN_ATTEMPT_RETENTION_DAYS`` days before ``now``: login attempts are security
    logs kept 90 days (DESIGN.md "Privacy"). Returns the number of rows deleted."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.LOGIN_ATTEMPT_RETENTION_DAYS)
    deleted = 0
    deleted += AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()[0]
    deleted += AccessFailureLog.objects.filter(attempt_time__lt=cutoff).delete()[0]
    deleted += AccessLog.objects.filter(attempt_time__lt=cutoff).delete()[0]
    return deleted


# ---------------------------------------------------------------------------------------------
# Online sign-up and email verification
# ---------------------------------------------------------------------------------------------

VERIFY_EMAIL_SALT = "accounts.verify-email"
VERIFY_EMAIL_MAX_AGE = datetime.timedelta(days=3)


class EmailVerificationError(Exception):
    """An email verification link that cannot be used: tampered with, for an account that
    no longer has that email address, or (subclass :class:`EmailVerificationExpired`) too old."""


class EmailVerificationExpired(EmailVerificationError):
    """A genuine email verification link older than :data:`VERIFY_EMAIL_MAX_AGE`.

    ``next_url`` is the page the link would have led to (so a new link can lead there too)."""

    def __init__(self, next_url: str = ""):
        super().__init__("expired")
        self.next_url = next_url


@dataclasses.dataclass(frozen=True)
class EmailVerification:
    """The outcome of :func:`email_verify`: the ``user`` whose address is now verified, the
    ``next_url`` saved in the link ("" if none) and whether it ``was_already_verified``."""

    user: User
    next_url: str
    was_already_verified: bool


#: How long an email address typed at sign-up stays reserved for that account while it is
#: not verified: as long as the verification link works (:data:`VERIFY_EMAIL_MAX_AGE`, 3
#: days, and a new link can be asked for in that time). After that, someone else signing up
#: with the address takes it (:func:`account_create`), so a typo or a squatter cannot block
#: the real owner for ever.
UNVERIFIED_EMAIL_HOLD = VERIFY_EMAIL_MAX_AGE
#: How long a mobile number typed at sign-up stays reserved for that account while it is not
#: verified: one day. A code lives 10 minutes and a new one can be asked for every minute,
#: so a day is ample to finish; then someone else signing up with the number takes it.
UNVERIFIED_PHONE_HOLD = datetime.timedelta(days=1)
_HOLD = {"email": UNVERIFIED_EMAIL_HOLD, "phone": UNVERIFIED_PHONE_HOLD}

#: How an identifier typed at sign-up stands (see :func:`_hold_state`).
_FREE, _TAKEN, _WAITING, _STALE = "free", "taken", "waiting", "stale"


def _other(field: str) -> str:
    return "phone" if field == "email" else "email"


def _hold_state(holder: User | None, field: str, now: datetime.datetime) -> str:
    """How ``holder`` holds its ``field`` ("email"/"phone"): ``free`` (no holder), ``taken``
    (verified, or an account we never take anything from), ``waiting`` (unverified, still
    within :data:`UNVERIFIED_EMAIL_HOLD` / :data:`UNVERIFIED_PHONE_HOLD` of ``date_joined``:
    identifiers are only ever set at sign-up) or ``stale`` (unverified and older: a new
    sign-up may take it).

    Never ``stale``: staff and admin accounts, an account whose only identifier this is but
    that once verified something (it has a history; only its owner or staff end it), and an
    account that claimed a centre's walk-in record (:mod:`.claim`): that record was entered
    by staff with paper consent and must not be erased because its owner was slow to open
    the link; the owner gets in later through "비밀번호 찾기", which verifies the address."""
    if holder is None:
        return _FREE
    if getattr(holder, f"{field}_verified_at") is not None:
        return _TAKEN
    if holder.date_joined > now - _HOLD[field]:
        return _WAITING
    if holder.is_staff or holder.is_superuser or holder.is_centre_staff:
        return _TAKEN
    if getattr(holder, _other(field)) is None and (holder.email_verified_at or holder.phone_verified_at):
        return _TAKEN
    if SeekerProfile.objects.filter(user=holder, registered_centre__isnull=False).exists():
        return _TAKEN
    return _STALE


def _unique_error(field: str, value) -> ValidationError | None:
    """A Korean, field-keyed error when ``value`` is the ``field`` of an account that keeps it:
    verified (code ``unique``), or unverified and still waiting for its verification (code
    ``unverified``: the message says so and how to finish). ``None`` when it is free or held
    past its verification window (:func:`account_create` then takes it from that account)."""
    if not value:
        return None
    state = _hold_state(User.objects.filter(**{field: value}).first(), field, timezone.now())
    if state == _TAKEN:
        return ValidationError({field: _DUPLICATE_MESSAGES[field]()}, code="unique")
    if state == _WAITING:
        return ValidationError({field: _WAITING_MESSAGES[field]()}, code="unverified")
    return None


_DUPLICATE_MESSAGES = {
    "email": lambda: _("이미 가입된 이메일입니다. 로그인하거나, 비밀번호를 잊었다면 '비밀번호 찾기'를 이용해 주세요."),
    "phone": lambda: _(
        "이미 가입된 휴대전화번호입니다. 로그인하거나 '비밀번호 찾기'를 이용하고, "
        "아니면 다른 번호를 입력하거나 비워 두세요."
    ),
}

_WAITING_MESSAGES = {
    "email": lambda: (
        _(
            "이미 가입된 이메일입니다. 이 주소로 가입한 계정이 아직 이메일 확인을 기다리고 있습니다. "
            "직접 가입했다면 받은 메일의 확인 링크를 누르거나 '확인 메일 다시 받기'에서 새 링크를 받아 주세요. "
            "기억나지 않는 가입이라면 '비밀번호 찾기'에서 새 비밀번호를 정해 주세요. "
            "확인되지 않은 주소는 가입한 지 %(days)d일이 지나면 새로 가입할 수 있습니다."
        )
        % {"days": UNVERIFIED_EMAIL_HOLD.days}
    ),
    "phone": lambda: _(
        "이미 가입된 휴대전화번호입니다. 이 번호로 가입한 계정이 아직 번호 확인을 기다리고 있습니다. "
        "직접 가입했다면 가입한 화면에서 인증번호를 다시 받거나, '문자로 비밀번호 찾기'에서 인증번호를 받아 "
        "새 비밀번호를 정해 주세요. 확인되지 않은 번호는 가입한 지 하루가 지나면 새로 가입할 수 있습니다. "
        "다른 번호를 입력하거나 비워 둘 수도 있습니다."
    ),
}


def identifier_release(*, user: User, field: str) -> None:
    """Take the (unverified) ``field`` (``"email"`` or ``"phone"``) off ``user``, a row the
    caller has locked and that keeps its other identifier, and blank the seeker profile's
    copy of the same value (``SeekerProfile.email``/``phone``). Used when a password reset
    proves the other identifier and when a new sign-up takes a stale identifier."""
    value = getattr(user, field)
    if value is None:
        return
    setattr(user, field, None)
    setattr(user, f"{field}_verified_at", None)
    user.save(update_fields=[field, f"{field}_verified_at"])
    SeekerProfile.objects.filter(user=user, **{field: value}).update(**{field: ""})


def _release_if_stale(field: str, value: str, now: datetime.datetime) -> None:
    """Take ``value`` off an account that has held it unverified past its window
    (:func:`_hold_state`): only the identifier when the account keeps the other one;
    otherwise the account cannot log in at all and never could, so it ends: erased with
    :func:`accounts.services.privacy.person_erase` (reason ``retention``: kept past its use)
    when it has a seeker profile, else blanked and made inactive (``erased_at`` set, as the
    check constraint ``user_has_email_or_phone`` requires of an account without either)."""
    holder = User.objects.select_for_update().filter(**{field: value}).first()
    if _hold_state(holder, field, now) != _STALE:
        return
    if getattr(holder, _other(field)) is not None:
        identifier_release(user=holder, field=field)
        logger.info("unverified %s of account %s released to a new sign-up", field, holder.pk)
        return
    from .privacy import ErasureReason, person_erase  # privacy is a heavier module

    profile = SeekerProfile.objects.filter(user=holder).first()
    if profile is not None:
        person_erase(profile=profile, reason=ErasureReason.RETENTION, now=now)
    else:
        holder.email = holder.phone = None
        holder.name = ""
        holder.set_unusable_password()
        holder.is_active = False
        holder.erased_at = now
        holder.save(update_fields=["email", "phone", "name", "password", "is_active", "erased_at"])
        OneTimeCode.objects.filter(user=holder).update(destination="")
        OutboundMessage.objects.filter(user=holder).update(address="")
    logger.info("never verified account %s ended: its %s went to a new sign-up", holder.pk, field)


@transaction.atomic
def account_create(*, password: str, name: str, email: str | None = None, phone: str | None = None) -> User:
    """Create an online login account whose email and phone number are not yet verified.

    An account has an ``email``, a ``phone`` or both (DESIGN.md "People and roles"): the
    employer sign-up always gives an email, the seeker sign-up either or both. ``email`` is
    normalised (lower-cased), ``phone`` (any usual spelling) to E.164; ``password`` is
    checked with Django's password validators. The account cannot log in until an
    identifier is verified: :func:`email_verify` sets ``email_verified_at``,
    ``accounts.services.phone_verify`` sets ``phone_verified_at`` (see ``accounts.backends``).

    An email or number that another account holds is refused while that account keeps it:
    verified, or unverified within :data:`UNVERIFIED_EMAIL_HOLD` (3 days) /
    :data:`UNVERIFIED_PHONE_HOLD` (1 day) of its sign-up (the message then says it waits for
    verification and how to finish or take it over by password reset). Held unverified for
    longer, it is taken from that account (see :func:`_release_if_stale`), in this
    transaction, so a failed sign-up takes nothing.

    Returns the new :class:`User`. Raises ``ValidationError`` with Korean messages keyed by
    field (``email``, ``phone``, ``name``, ``password``) for a malformed or already used
    email or phone number (also when another sign-up wins a race for it), neither of them
    given (keyed ``email``), an empty name or a weak password. Never raises
    ``IntegrityError``.
    """
    errors: dict[str, list] = {}
    if email:
        try:
            email = normalize_email(email)
        except ValidationError:
            errors["email"] = [_("올바른 이메일 주소를 입력해 주세요. 예: hong@example.kr")]
    else:
        email = None
        if not phone:
            errors["email"] = [_("이메일이나 휴대전화번호 중 하나는 꼭 입력해 주세요.")]
    if phone:
        try:
            phone = normalize_mobile(phone)
        except ValidationError as exc:
            errors["phone"] = exc.messages
    else:
        phone = None
    name = (name or "").strip()
    if not name:
        errors["name"] = [_("이름을 입력해 주세요.")]
    for field, value in (("email", email), ("phone", phone)):
        if field not in errors and (error := _unique_error(field, value)):
            errors[field] = error.message_dict[field]
    user = User(email=email, phone=phone, name=name)
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        errors["password"] = exc.messages
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    for field, value in (("email", email), ("phone", phone)):
        if value:
            _release_if_stale(field, value, now)
    user.set_password(password)
    user.full_clean()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:
        # another sign-up took the email or number between the check and the insert
        for field, value in (("email", email), ("phone", phone)):
            if error := _unique_error(field, value):
                raise error from exc
        raise
    password_validation.password_changed(password, user)
    return user


def _verify_email_signer(salt: str = VERIFY_EMAIL_SALT) -> signing.TimestampSigner:
    """The signer of email links: sign-up verification (``salt`` :data:`VERIFY_EMAIL_SALT`)
    or, with its own salt, a new address of a signed-in account
    (``accounts.services.identifier_change``), so one kind of link never passes as the other."""
    return signing.TimestampSigner(salt=salt)


def email_verification_token(*, user: User, next_url: str = "") -> str:
    """A URL-safe token for ``/accounts/verify-email/<token>/``: signed (TimestampSigner,
    salt ``accounts.verify-email``) over the user's id, their current email (as a keyed hash)
    and ``next_url``, so changing the email invalidates it; it expires after three days."""
    payload = {"u": user.pk, "e": _email_fingerprint(user.email), "n": next_url or ""}
    return _verify_email_signer().sign_object(payload, compress=True)


def _email_fingerprint(email: str | None) -> str:
    """A keyed hash of the address: the token is signed, not encrypted, and links end up in
    logs, so it carries no readable email address."""
    return salted_hmac(VERIFY_EMAIL_SALT, email or "", algorithm="sha256").hexdigest()[:24]


def email_verification_send(*, user: User, base_url: str, next_url: str = "") -> None:
    """Email ``user`` a link that verifies their address (Korean subject and body).

    ``base_url`` is the site's scheme and host (``"https://jobs.example.kr"``, e.g. from
    ``request.build_absolute_uri("/")``); ``next_url`` is the page (a local path) to open
    after verification. Sends at once with ``send_mail``; raises whatever the mail backend
    raises (``SMTPException``, ``OSError``).

    The mail greets no one by name: the name was typed by whoever signed up, and the address
    is not yet proved to be theirs, so a sign-up form must not carry a stranger's text to any
    mailbox. The template gets only the link, its lifetime and the resend page.
    """
    token = email_verification_token(user=user, next_url=next_url)
    link = base_url.rstrip("/") + reverse("accounts:verify_email", args=[token])
    context = {
        "link": link,
        "days": VERIFY_EMAIL_MAX_AGE.days,
        "resend_url": base_url.rstrip("/") + reverse("accounts:verify_email_resend"),
    }
    subject = render_to_string("accounts/email/verify_email_subject.txt", context).strip()
    body = render_to_string("accounts/email/verify_email_body.txt", context)
    send_mail(subject, body, None, [user.email])


class EmailVerificationNeedsPassword(EmailVerificationError):
    """A genuine link opened away from its account for an account with nothing verified yet:
    the mailbox's owner may not be whoever chose the password at sign-up, so nothing is
    verified now; the view sends them to set a new password, and finishing that verifies
    the address (:func:`accounts.services.password_reset_complete`). ``user`` is the
    account."""

    def __init__(self, user: User):
        super().__init__("needs-password")
        self.user = user


class EmailVerificationElsewhere(EmailVerificationError):
    """A genuine link opened away from its account (another browser, nobody signed in) for an
    account whose phone number is already verified: the phone's owner chose the password, and
    the address may be someone else's, typed by them. Verifying it would join two people's
    identifiers in one account (second review: pre-hijacking), so it is not verified; the
    account's owner verifies it signed in. ``user`` is the account."""

    def __init__(self, user: User):
        super().__init__("elsewhere")
        self.user = user


def email_verify(*, token: str, opened_by_owner: Callable[[User], bool] | None = None) -> EmailVerification:
    """Check an email verification ``token`` and mark the account's email verified
    (``email_verified_at`` = now) unless it already was.

    ``opened_by_owner(user)`` tells whether the link was opened where the account was made or
    is signed in (the view's session check); ``None`` means yes. Returns an
    :class:`EmailVerification`. Raises :class:`EmailVerificationExpired` for a genuine token
    older than three days; when the link was not opened by the owner and the address is not
    verified yet, nothing changes and it raises :class:`EmailVerificationElsewhere` (the
    account's phone is verified) or :class:`EmailVerificationNeedsPassword` (nothing is);
    and
    :class:`EmailVerificationError` for a tampered token or one whose account is gone,
    erased, inactive or now has another email address. Does not log anyone in (the view does).
    """
    signer = _verify_email_signer()
    try:
        payload = signer.unsign_object(token, max_age=VERIFY_EMAIL_MAX_AGE)
    except signing.SignatureExpired as exc:
        try:
            next_url = str(signer.unsign_object(token).get("n") or "")
        except (signing.BadSignature, ValueError, AttributeError):
            next_url = ""
        raise EmailVerificationExpired(next_url) from exc
    except (signing.BadSignature, ValueError) as exc:  # ValueError: bad base64 or JSON
        raise EmailVerificationError("invalid") from exc
    if not isinstance(payload, dict):
        raise EmailVerificationError("invalid")
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=payload.get("u")).first()
        if (
            user is None
            or not user.email
            or not constant_time_compare(_email_fingerprint(user.email), str(payload.get("e", "")))
            or user.erased_at is not None
            or not user.is_active
        ):
            raise EmailVerificationError("invalid")
        was_verified = user.email_verified_at is not None
        if not was_verified and opened_by_owner is not None and not opened_by_owner(user):
            if user.phone_verified_at is not None:
                raise EmailVerificationElsewhere(user)
            raise EmailVerificationNeedsPassword(user)
        if not was_verified:
            user.email_verified_at = timezone.now()
            user.save(update_fields=["email_verified_at"])
    return EmailVerification(user=user, next_url=str(payload.get("n") or ""), was_already_verified=was_verified)


#: New verification links one address can be sent in a day (:func:`email_verification_resend`),
#: however many visitors ask: the page must not become a way to flood a mailbox.
VERIFY_RESEND_DAILY_LIMIT = 5


def email_verification_resend(*, email: str, base_url: str, next_url: str = "") -> bool:
    """Send a new verification link to ``email`` if it belongs to an active account whose
    email is not yet verified and the address has had fewer than
    :data:`VERIFY_RESEND_DAILY_LIMIT` requests today (counted whether or not it belongs to an
    account, with :func:`accounts.ratelimit.hit`); otherwise do nothing. The caller shows
    the same answer either way, so the page does not reveal whether an address is registered.

    Returns True if a message was sent (for logging and tests only). A malformed address is
    treated as unknown.
    """
    try:
        email = normalize_email(email)
    except ValidationError:
        return False
    if not ratelimit.hit(f"verify-resend:address:{email}", VERIFY_RESEND_DAILY_LIMIT, datetime.timedelta(days=1)):
        logger.info("verification link not resent: daily limit of the address reached")
        return False
    user = User.objects.filter(
        email=email, email_verified_at__isnull=True, erased_at__isnull=True, is_active=True
    ).first()
    if user is None:
        return False
    email_verification_send(user=user, base_url=base_url, next_url=next_url)
    return True
