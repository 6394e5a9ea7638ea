"""Claiming an online account for a record made at a community centre (issue 5 item 2;
DESIGN.md "People and roles": a walk-in resident has a seeker profile without a login and
"may claim one later with a code sent to the phone on record").

Two steps, in the manner of the password reset by SMS code (:mod:`.passwords`):

1. :func:`claim_start` — the resident types their name, birth year and the mobile number the
   centre registered. When unclaimed walk-in records match exactly (no account, not erased,
   the same number, the same birth year and the same name, spaces and letter case aside), a
   6-digit code goes by SMS to that number (:func:`.codes.code_issue`, purpose
   ``claim_profile``, with its rate limits). The answer is the same whether or not a record
   matched, so the page cannot be used to find out who is registered at a centre.
2. :func:`claim_complete` — the code and a new password: a right code makes the login
   account (the number verified: the code proved it), links the record to it, and uses the
   code up.

Family members may share one phone on their walk-in records, but an account's number is
unique. When the number is already another account's login (a husband claimed his record
first, or signed up with it), a right code lets the resident make an account whose login is
an email address instead: the same step asks for the address (:attr:`ClaimTicket.phone_taken`
tells the page), the account is made with the email unverified and no phone, the record is
linked to it, and the caller sends the sign-up verification link
(:func:`.signup.email_verification_send`); the resident logs in once the link is opened.

No enumeration at step 2 either: when no record matched, no code exists, yet a typed code
gets the very answers a real wrong code would (tries left, then "dead", and "expired" after
10 minutes), counted in the :class:`ClaimTicket` that the (server-side) session keeps. A
resident whose number already belongs to an account is told so only after a right code,
that is, only the holder of the phone learns it. Claim codes go by SMS only, and the
wrong-code message says so (:func:`claim_wrong_code_error`).
"""

import dataclasses
import logging
import time

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from namdong_jobs.text import tidy_text

from ..choices import CodePurpose, NotifyChannel
from ..identifiers import normalize_mobile
from ..models import OneTimeCode, SeekerProfile, User
from .codes import (
    CODE_MAX_ATTEMPTS,
    CODE_TTL,
    code_consume,
    code_dead_error,
    code_expired_error,
    code_issue,
    code_verify,
)
from .signup import _unique_error, account_create

logger = logging.getLogger(__name__)


def _name_key(name: str) -> str:
    """A name as compared for a claim: tidy, without spaces, case-folded ("홍 길동" = "홍길동",
    "NGUYEN Van A" = "nguyen van a")."""
    return "".join(tidy_text(name or "", multiline=False).split()).casefold()


def claim_matches(*, name: str, birth_year: int, phone: str) -> list[SeekerProfile]:
    """The walk-in records a claim with these details may take, oldest first: no account
    (``user`` is None), not erased, ``phone`` (any usual spelling; a malformed number gives
    ``[]``) equal to the record's, the same ``birth_year`` and the same name (spaces and
    letter case aside). Usually one; family members who share a phone have different names
    or birth years."""
    try:
        phone = normalize_mobile(phone)
    except ValidationError:
        return []
    key = _name_key(name)
    if not key:
        return []
    candidates = SeekerProfile.objects.filter(
        user__isnull=True, erased_at__isnull=True, phone=phone, birth_year=birth_year
    ).order_by("created_at", "id")
    return [profile for profile in candidates if _name_key(profile.name) == key]


@dataclasses.dataclass
class ClaimTicket:
    """What step 1 was given, kept in the session for step 2: ``name``, ``birth_year``,
    ``phone`` (E.164), ``matched`` (a record matched and a code was sent or is still usable:
    never shown to the visitor), ``started_at`` (POSIX seconds), ``decoy_tries`` (wrong
    codes typed when nothing matched) and ``phone_taken`` (set by :func:`claim_complete`
    after a right code when the number is another account's login: the account is then
    made with an email address, which step 2 asks for)."""

    name: str
    birth_year: int
    phone: str
    matched: bool
    started_at: float
    decoy_tries: int = 0
    phone_taken: bool = False

    def as_session(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_session(cls, data) -> "ClaimTicket | None":
        """The ticket stored by :meth:`as_session`, or ``None`` for anything else."""
        if not isinstance(data, dict):
            return None
        try:
            ticket = cls(**data)
        except TypeError:
            return None
        types = {
            "name": str,
            "birth_year": int,
            "phone": str,
            "matched": bool,
            "started_at": float,
            "decoy_tries": int,
            "phone_taken": bool,
        }
        if any(not isinstance(getattr(ticket, field), kind) for field, kind in types.items()):
            return None
        return ticket


def claim_start(*, name: str, birth_year: int, phone: str) -> ClaimTicket:
    """Step 1: send a claim code by SMS to ``phone`` when walk-in records match
    (:func:`claim_matches`); the code names the oldest matching record. A request that the
    code rate limits refuse (60 s between codes, 5 an hour, 10 a day per number) sends
    nothing and keeps the code sent before usable, the same answer for the visitor.

    Returns the :class:`ClaimTicket` for step 2, alike whether or not anything matched.
    Raises ``ValidationError`` keyed ``phone`` only for a malformed number (which says
    nothing about who is registered)."""
    try:
        phone = normalize_mobile(phone)
    except ValidationError as exc:
        raise ValidationError({"phone": exc.messages}) from exc
    matches = claim_matches(name=name, birth_year=birth_year, phone=phone)
    if matches:
        try:
            code_issue(purpose=CodePurpose.CLAIM_PROFILE, destination=phone, profile=matches[0])
        except ValidationError as exc:
            logger.info("claim code for record %s not issued: %s", matches[0].pk, exc.code)
    return ClaimTicket(
        name=tidy_text(name or "", multiline=False),
        birth_year=birth_year,
        phone=phone,
        matched=bool(matches),
        started_at=time.time(),
    )


def claim_complete(*, ticket: ClaimTicket, code: str, password: str, email: str = "") -> SeekerProfile:
    """Step 2: check ``code`` for the claim of ``ticket`` and, when right, create the login
    account (``name`` the record's, ``password``), link the matching record to it (its
    notification channels gain the on-site inbox, as at sign-up) and use the code up, all or
    nothing.

    The account's login is the phone number, verified now (the code proved it), unless the
    number is already another account's (:func:`.signup._unique_error`: verified, or held by
    an unverified sign-up of the last day): then ``ticket.phone_taken`` is set and the login
    is ``email`` (any usual spelling) instead, unverified, with no phone on the account; the
    record gets the address and the email channel (used once verified, as at sign-up). The
    caller then sends the verification link (:func:`.signup.email_verification_send`); until
    it is opened the account cannot log in. ``email`` is ignored while the number is free.

    Order, as in :func:`.passwords.password_reset_with_code`: the password rules that need
    no account (Django's validators with the typed name and number), then the code (a wrong
    try is counted), and after a right code whether the number already belongs to an
    account. Without a matching record the code is never right and is answered like a wrong
    one (``ticket.decoy_tries`` counts; the caller stores the ticket again, also for
    ``phone_taken``).

    Returns the record (``.user`` the new account). Raises ``ValidationError`` with Korean
    messages keyed ``password`` (Django's validators), ``code`` — codes ``wrong`` (tries
    left in the text: :func:`claim_wrong_code_error`), ``dead``, ``expired``, ``used`` (as
    :func:`.codes.code_verify`), ``other`` (the code was sent for another claim on the same
    phone or its record was claimed meanwhile) — or ``email``: code ``phone_taken`` (the
    number is another account's login and no address was given: the message says so and
    asks for one), or :func:`.signup.account_create`'s refusals of the address (malformed,
    already an account's). A refused claim leaves the code usable. Call outside a
    transaction that the error would roll back (a wrong try must stay counted).
    """
    _validate_password(password, User(phone=ticket.phone, name=ticket.name))
    if not ticket.matched:
        raise _decoy_error(ticket)
    try:
        row = code_verify(purpose=CodePurpose.CLAIM_PROFILE, destination=ticket.phone, code=code, consume=False)
    except ValidationError as exc:
        if exc.code == "missing":  # the rate limit stopped the only code: answer as if wrong
            raise _decoy_error(ticket) from exc
        raise ValidationError({"code": _sms_worded(exc, ticket.phone)}) from exc
    matches = {p.pk for p in claim_matches(name=ticket.name, birth_year=ticket.birth_year, phone=ticket.phone)}
    if row.profile_id not in matches:
        raise ValidationError({"code": ValidationError(_other_claim_message(), code="other")})
    if _unique_error("phone", ticket.phone) is not None:
        ticket.phone_taken = True
    if ticket.phone_taken and not (email or "").strip():
        raise ValidationError({"email": ValidationError(phone_taken_message(), code="phone_taken")})
    with transaction.atomic():
        profile = SeekerProfile.objects.select_for_update().get(pk=row.profile_id)
        if profile.user_id is not None or profile.erased_at is not None:
            raise ValidationError({"code": ValidationError(_other_claim_message(), code="other")})
        if not code_consume(code=row):  # another request used it, or it expired, meanwhile
            raise ValidationError({"code": code_expired_error()})
        if ticket.phone_taken:
            user = account_create(email=email, password=password, name=profile.name)
        else:
            user = _phone_account_create(ticket, password=password, name=profile.name)
        _link(profile, user)
    logger.info("walk-in record %s claimed by new account %s (%s login)", profile.pk, user.pk, _login_kind(user))
    return profile


def _login_kind(user: User) -> str:
    return "phone" if user.phone else "email"


def _phone_account_create(ticket: ClaimTicket, *, password: str, name: str) -> User:
    """The account whose login is the ticket's number, verified now. An account that took
    the number meanwhile turns the claim to the email way (``ticket.phone_taken``)."""
    try:
        user = account_create(phone=ticket.phone, password=password, name=name)
    except ValidationError as exc:
        if "phone" in exc.message_dict:
            ticket.phone_taken = True
            raise ValidationError({"email": ValidationError(phone_taken_message(), code="phone_taken")}) from exc
        raise
    user.phone_verified_at = timezone.now()
    user.save(update_fields=["phone_verified_at"])
    return user


def _link(profile: SeekerProfile, user: User) -> None:
    """Give the locked walk-in ``profile`` to the new ``user``: an account has an inbox, and
    an email login is also a channel (used once verified), as at sign-up."""
    profile.user = user
    profile.last_activity_at = timezone.now()
    channels = list(profile.notify_channels)
    if NotifyChannel.ONSITE not in channels:
        channels.insert(0, NotifyChannel.ONSITE.value)
    fields = ["user", "last_activity_at", "notify_channels", "updated_at"]
    if user.email:
        profile.email = user.email
        fields.append("email")
        if NotifyChannel.EMAIL not in channels:
            channels.append(NotifyChannel.EMAIL.value)
    profile.notify_channels = channels
    profile.save(update_fields=fields)


def _validate_password(password: str, candidate: User) -> None:
    try:
        password_validation.validate_password(password, candidate)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc


def _decoy_error(ticket: ClaimTicket) -> ValidationError:
    """The answer to a code typed when no code was sent: what :func:`.codes.code_verify`
    says of a wrong code (tries counted in the ticket), of a dead one, or of an expired one
    10 minutes after step 1."""
    if ticket.decoy_tries >= CODE_MAX_ATTEMPTS:
        error = code_dead_error()
    elif time.time() - ticket.started_at >= CODE_TTL.total_seconds():
        error = code_expired_error()
    else:
        ticket.decoy_tries += 1
        error = claim_wrong_code_error(attempts=ticket.decoy_tries)
    return ValidationError({"code": error})


def claim_wrong_code_error(*, attempts: int) -> ValidationError:
    """The error of a wrong claim code after ``attempts`` wrong tries in all: as
    :func:`.codes.code_wrong_error` (code ``wrong`` with the tries left, ``dead`` once none
    is left), but saying the code came by SMS, the only way claim codes are sent."""
    left = CODE_MAX_ATTEMPTS - attempts
    if left <= 0:
        return code_dead_error()
    return ValidationError(
        _("인증번호가 맞지 않습니다. 문자로 받은 6자리 숫자를 다시 확인해 주세요.")
        + " "
        + ngettext("(남은 기회 %(left)d번)", "(남은 기회 %(left)d번)", left) % {"left": left},
        code="wrong",
    )


def _sms_worded(error: ValidationError, phone: str) -> ValidationError:
    """``error`` of :func:`.codes.code_verify`, a ``wrong`` one reworded by
    :func:`claim_wrong_code_error` with the tries the newest claim code of ``phone`` has
    used (the try just counted included)."""
    if error.code != "wrong":
        return error
    attempts = (
        OneTimeCode.objects.filter(purpose=CodePurpose.CLAIM_PROFILE, destination=phone)
        .order_by("-created_at", "-id")
        .values_list("attempts", flat=True)
        .first()
    )
    return error if attempts is None else claim_wrong_code_error(attempts=attempts)


def _other_claim_message() -> str:
    return _(
        "이 인증번호로는 계정을 만들 수 없습니다. 같은 번호로 다른 분이 인증번호를 받았거나 이미 계정을 만들었습니다. "
        "처음 화면에서 인증번호를 새로 받아 주세요."
    )


def phone_taken_message() -> str:
    """What a resident is told after a right code when the number is already the login of
    another account (a family member's, usually): it cannot be a second account's login,
    and an email address can be instead; without an email, or when that account is their
    own, the centre helps (it never says to log into the account that has the number)."""
    return _(
        "이 휴대전화번호는 이미 다른 분(예: 함께 번호를 쓰는 가족)의 계정에 로그인 번호로 쓰이고 있어, "
        "두 번째 계정의 로그인에는 쓸 수 없습니다. 대신 본인의 이메일 주소로 로그인하는 계정을 만들 수 있습니다. "
        "아래에 이메일 주소를 입력하고 비밀번호를 다시 입력한 뒤 '계정 만들기'를 눌러 주세요. 이메일이 없거나, "
        "이 번호로 만든 계정이 본인의 것이라 센터에 등록된 정보를 그 계정에 연결하고 싶다면 등록한 "
        "행정복지센터에 문의해 주세요."
    )
