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

No enumeration at step 2 either: when no record matched, no code exists, yet a typed code
gets the very answers a real wrong code would (tries left, then "dead", and "expired" after
10 minutes), counted in the :class:`ClaimTicket` that the (server-side) session keeps. A
resident whose number already belongs to an account is told so only after a right code,
that is, only the holder of the phone learns it.
"""

import dataclasses
import logging
import time

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from namdong_jobs.text import tidy_text

from ..choices import CodePurpose, NotifyChannel
from ..identifiers import normalize_mobile
from ..models import SeekerProfile, User
from .codes import (
    CODE_MAX_ATTEMPTS,
    CODE_TTL,
    code_consume,
    code_dead_error,
    code_expired_error,
    code_issue,
    code_verify,
    code_wrong_error,
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
    never shown to the visitor), ``started_at`` (POSIX seconds) and ``decoy_tries`` (wrong
    codes typed when nothing matched)."""

    name: str
    birth_year: int
    phone: str
    matched: bool
    started_at: float
    decoy_tries: int = 0

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
        types = {"name": str, "birth_year": int, "phone": str, "matched": bool, "started_at": float, "decoy_tries": int}
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


def claim_complete(*, ticket: ClaimTicket, code: str, password: str) -> SeekerProfile:
    """Step 2: check ``code`` for the claim of ``ticket`` and, when right, create the login
    account (``phone`` verified now, ``name`` the record's, ``password``), link the matching
    record to it (its notification channels gain the on-site inbox, as at sign-up) and use
    the code up, all or nothing.

    Order, as in :func:`.passwords.password_reset_with_code`: the password rules that need
    no account (Django's validators with the typed name and number), then the code (a wrong
    try is counted), and after a right code whether the number already belongs to an
    account. Without a matching record the code is never right and is answered like a wrong
    one (``ticket.decoy_tries`` counts; the caller stores the ticket again).

    Returns the record (``.user`` the new account). Raises ``ValidationError`` with Korean
    messages keyed ``password`` (Django's validators) or ``code`` — codes ``wrong`` (tries
    left in the text), ``dead``, ``expired``, ``used`` (as :func:`.codes.code_verify`),
    ``other`` (the code was sent for another claim on the same phone or its record was
    claimed meanwhile) and ``phone_taken`` (the number belongs to an account: log in). Call
    outside a transaction that the error would roll back (a wrong try must stay counted).
    """
    _validate_password(password, User(phone=ticket.phone, name=ticket.name))
    if not ticket.matched:
        raise _decoy_error(ticket)
    try:
        row = code_verify(purpose=CodePurpose.CLAIM_PROFILE, destination=ticket.phone, code=code, consume=False)
    except ValidationError as exc:
        if exc.code == "missing":  # the rate limit stopped the only code: answer as if wrong
            raise _decoy_error(ticket) from exc
        raise ValidationError({"code": exc}) from exc
    matches = {p.pk for p in claim_matches(name=ticket.name, birth_year=ticket.birth_year, phone=ticket.phone)}
    if row.profile_id not in matches:
        raise ValidationError({"code": ValidationError(_other_claim_message(), code="other")})
    if _unique_error("phone", ticket.phone) is not None:
        raise ValidationError({"code": ValidationError(_phone_taken_message(), code="phone_taken")})
    with transaction.atomic():
        profile = SeekerProfile.objects.select_for_update().get(pk=row.profile_id)
        if profile.user_id is not None or profile.erased_at is not None:
            raise ValidationError({"code": ValidationError(_other_claim_message(), code="other")})
        if not code_consume(code=row):  # another request used it, or it expired, meanwhile
            raise ValidationError({"code": code_expired_error()})
        try:
            user = account_create(phone=ticket.phone, password=password, name=profile.name)
        except ValidationError as exc:
            if "phone" in exc.message_dict:  # an account took the number meanwhile
                raise ValidationError({"code": ValidationError(_phone_taken_message(), code="phone_taken")}) from exc
            raise
        now = timezone.now()
        user.phone_verified_at = now
        user.save(update_fields=["phone_verified_at"])
        profile.user = user
        profile.last_activity_at = now
        if NotifyChannel.ONSITE not in profile.notify_channels:  # an account has an inbox (as at sign-up)
            profile.notify_channels = [NotifyChannel.ONSITE.value, *profile.notify_channels]
        profile.save(update_fields=["user", "last_activity_at", "notify_channels", "updated_at"])
    logger.info("walk-in record %s claimed by new account %s", profile.pk, user.pk)
    return profile


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
        error = code_wrong_error(attempts=ticket.decoy_tries)
    return ValidationError({"code": error})


def _other_claim_message() -> str:
    return _(
        "이 인증번호로는 계정을 만들 수 없습니다. 같은 번호로 다른 분이 인증번호를 받았거나 이미 계정을 만들었습니다. "
        "처음 화면에서 인증번호를 새로 받아 주세요."
    )


def _phone_taken_message() -> str:
    return _(
        "이 휴대전화번호로 가입한 계정이 이미 있습니다. 그 계정으로 로그인해 주세요. 비밀번호가 기억나지 않으면 "
        "'비밀번호 찾기'에서 문자로 새 비밀번호를 정할 수 있습니다. 센터에 등록된 정보를 그 계정과 합치려면 "
        "등록한 행정복지센터에 문의해 주세요."
    )
