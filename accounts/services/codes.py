"""Six-digit one-time codes (DESIGN.md "People and roles": an address or number is verified
with a link or a 6-digit code; password reset works by SMS code).

A code is sent through the outbound message layer (``accounts.messaging``, kind ``code``)
and stored only as a keyed hash (``salted_hmac`` with the project's secret key). It expires
after :data:`CODE_TTL`, is single-use, and dies after :data:`CODE_MAX_ATTEMPTS` wrong tries.
Issuing is rate-limited per destination (:data:`CODE_RESEND_INTERVAL` between two codes,
:data:`CODE_HOURLY_LIMIT` codes an hour and :data:`CODE_DAILY_LIMIT` a day, all purposes
together), so nobody can flood a phone or guess a code by asking for many: at most 5 × 5 =
25 guesses an hour and 50 a day out of a million. The pages that issue codes also count
requests per IP address (:mod:`accounts.ratelimit`). Only the newest code of a (purpose,
destination) counts; asking for a new one replaces it.
"""

import datetime
import math
import secrets

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..choices import CodePurpose, MessageKind, NotifyChannel
from ..identifiers import is_email, normalize_email, normalize_mobile
from ..models import OneTimeCode, SeekerProfile, User

#: How long a code can be used (10 minutes).
CODE_TTL = datetime.timedelta(minutes=10)
#: Wrong tries after which a code is dead.
CODE_MAX_ATTEMPTS = 5
#: Shortest time between two codes to the same destination.
CODE_RESEND_INTERVAL = datetime.timedelta(seconds=60)
#: Most codes to the same destination in an hour (any purpose).
CODE_HOURLY_LIMIT = 5
CODE_HOURLY_WINDOW = datetime.timedelta(hours=1)
#: Most codes to the same destination in 24 hours (any purpose): an SMS costs money and a
#: stranger's phone must not ring all day.
CODE_DAILY_LIMIT = 10
CODE_DAILY_WINDOW = datetime.timedelta(days=1)
CODE_LENGTH = 6

_HASH_SALT = "accounts.one-time-code"

#: What each purpose's message says (SMS is short: about 45 Hangul characters per SMS).
_PURPOSE_WORDS = {
    CodePurpose.VERIFY_PHONE: lambda: _("휴대전화번호 확인"),
    CodePurpose.PASSWORD_RESET: lambda: _("비밀번호 재설정"),
    CodePurpose.CLAIM_PROFILE: lambda: _("계정 만들기"),
}


def code_destination(value: str) -> str:
    """``value`` normalised as a code destination: an email address (lower-cased) or a Korean
    mobile number (E.164). Raises ``ValidationError`` (Korean) when it is neither."""
    return normalize_email(value) if is_email(value) else normalize_mobile(value)


def _code_hash(*, purpose: str, destination: str, code: str) -> str:
    """Keyed hash (HMAC-SHA256 with ``SECRET_KEY``) of a code bound to its purpose and
    destination: 64 hex characters. Without the secret key a stolen hash cannot be checked
    against the million possible codes."""
    return salted_hmac(_HASH_SALT, f"{purpose}:{destination}:{code}", algorithm="sha256").hexdigest()


def _lock_destination(destination: str) -> None:
    """Serialise code issuing for one destination until the transaction ends (a PostgreSQL
    transaction-level advisory lock), so two simultaneous requests cannot both pass the rate
    limit."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"otc:{destination}"])


def _check_rate(*, destination: str, now: datetime.datetime) -> None:
    recent = list(
        OneTimeCode.objects.filter(destination=destination, created_at__gt=now - CODE_DAILY_WINDOW)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
    )
    if recent and now - recent[0] < CODE_RESEND_INTERVAL:
        seconds = max(1, math.ceil((CODE_RESEND_INTERVAL - (now - recent[0])).total_seconds()))
        raise ValidationError(
            ngettext(
                "인증번호를 방금 보냈습니다. %(seconds)d초 뒤에 다시 요청해 주세요.",
                "인증번호를 방금 보냈습니다. %(seconds)d초 뒤에 다시 요청해 주세요.",
                seconds,
            )
            % {"seconds": seconds},
            code="too_soon",
        )
    if len(recent) >= CODE_DAILY_LIMIT:
        oldest = recent[CODE_DAILY_LIMIT - 1]
        hours = max(1, math.ceil((oldest + CODE_DAILY_WINDOW - now).total_seconds() / 3600))
        raise ValidationError(
            ngettext(
                "인증번호는 하루에 %(limit)d번까지 받을 수 있습니다. %(hours)d시간 뒤에 다시 요청해 주세요.",
                "인증번호는 하루에 %(limit)d번까지 받을 수 있습니다. %(hours)d시간 뒤에 다시 요청해 주세요.",
                hours,
            )
            % {"limit": CODE_DAILY_LIMIT, "hours": hours},
            code="too_many_today",
        )
    hourly = [created for created in recent if created > now - CODE_HOURLY_WINDOW]
    if len(hourly) >= CODE_HOURLY_LIMIT:
        oldest = hourly[CODE_HOURLY_LIMIT - 1]
        minutes = max(1, math.ceil((oldest + CODE_HOURLY_WINDOW - now).total_seconds() / 60))
        raise ValidationError(
            ngettext(
                "인증번호는 한 시간에 %(limit)d번까지 받을 수 있습니다. %(minutes)d분 뒤에 다시 요청해 주세요.",
                "인증번호는 한 시간에 %(limit)d번까지 받을 수 있습니다. %(minutes)d분 뒤에 다시 요청해 주세요.",
                minutes,
            )
            % {"limit": CODE_HOURLY_LIMIT, "minutes": minutes},
            code="too_many",
        )


@transaction.atomic
def code_issue(
    *, purpose: str, destination: str, user: User | None = None, profile: SeekerProfile | None = None
) -> OneTimeCode:
    """Make a new 6-digit code for ``purpose`` (:class:`CodePurpose`) and send it to
    ``destination`` (a Korean mobile number in any usual spelling → SMS, or an email address
    → email) through ``accounts.messaging.message_send`` (kind ``code``, subject
    ``code:<id>``), addressed to ``user`` or, without one, ``profile`` (one is needed: a
    message row has a recipient). The message leaves after the surrounding transaction
    commits.

    Returns the stored :class:`OneTimeCode` (only its keyed hash, ``expires_at`` = now + 10
    minutes). Raises ``ValidationError`` with a Korean message for a malformed destination
    (code ``invalid_phone``/``invalid``), within 60 seconds of the last code to the same
    destination (code ``too_soon``), after 5 codes to it in the last hour (code
    ``too_many``) or 10 in the last 24 hours (code ``too_many_today``); ``ValueError`` for an
    unknown purpose or no recipient.
    """
    from ..messaging import message_send  # the message layer imports models and services

    if purpose not in CodePurpose.values:
        raise ValueError(f"unknown code purpose {purpose!r}")
    if user is None and profile is None:
        raise ValueError("a code needs a user or a profile to address the message to")
    destination = code_destination(destination)
    _lock_destination(destination)
    now = timezone.now()
    _check_rate(destination=destination, now=now)
    code = "".join(secrets.choice("0123456789") for _i in range(CODE_LENGTH))
    row = OneTimeCode.objects.create(
        purpose=purpose,
        user=user,
        profile=profile,
        destination=destination,
        code_hash=_code_hash(purpose=purpose, destination=destination, code=code),
        expires_at=now + CODE_TTL,
    )
    minutes = int(CODE_TTL.total_seconds() // 60)
    words = _PURPOSE_WORDS[purpose]()
    body = _("[남동구 일자리인력은행] %(purpose)s 인증번호 %(code)s (%(minutes)d분 안에 입력)") % {
        "purpose": words,
        "code": code,
        "minutes": minutes,
    }
    channel = NotifyChannel.EMAIL if is_email(destination) else NotifyChannel.SMS
    if channel == NotifyChannel.EMAIL:
        body += "\n\n" + _("직접 요청하지 않았다면 이 메일은 무시해 주세요. 인증번호를 다른 사람에게 알려 주지 마세요.")
    message_send(
        kind=MessageKind.CODE,
        subject=f"code:{row.pk}",
        channel=channel,
        title=_("[남동구 일자리인력은행] %(purpose)s 인증번호") % {"purpose": words},
        body=body,
        user=user,
        profile=profile,
        address=destination,
    )
    return row


def _latest_code(*, purpose: str, destination: str) -> OneTimeCode | None:
    return (
        OneTimeCode.objects.select_for_update()
        .filter(purpose=purpose, destination=destination)
        .order_by("-created_at", "-id")
        .first()
    )


def code_verify(*, purpose: str, destination: str, code: str, consume: bool = True) -> OneTimeCode:
    """Check ``code`` against the newest code issued for ``purpose`` to ``destination`` (any
    usual spelling) and mark it used (``used_at``), unless ``consume`` is false: then the
    right code stays usable and the caller uses it up with :func:`code_consume` once the
    rest of its work is accepted (a password reset refuses a weak password only after the
    code, and must not spend the code on it).

    Returns the :class:`OneTimeCode` (its ``user``/``profile`` say whose it is).
    Raises ``ValidationError`` with a Korean message and one of the codes ``wrong`` (not the
    code; the try is counted), ``dead`` (5 wrong tries: the code can no longer be used),
    ``expired`` (older than 10 minutes), ``used`` (already used once) or ``missing`` (no code
    was issued; same message as ``wrong``).

    Counting a wrong try commits in its own transaction: call this outside any transaction
    that the raised error would roll back, or the count is lost.
    """
    wrong_message = _wrong_message()
    try:
        destination = code_destination(destination)
    except ValidationError:
        raise ValidationError(wrong_message, code="missing") from None
    code = "".join((code or "").split())
    now = timezone.now()
    with transaction.atomic():
        row = _latest_code(purpose=purpose, destination=destination)
        if row is None:
            error = ValidationError(wrong_message, code="missing")
        elif row.used_at is not None:
            error = ValidationError(_("이미 사용한 인증번호입니다. 필요하면 인증번호를 새로 받아 주세요."), code="used")
        elif row.attempts >= CODE_MAX_ATTEMPTS:
            error = code_dead_error()
        elif now >= row.expires_at:
            error = code_expired_error()
        elif not constant_time_compare(row.code_hash, _code_hash(purpose=purpose, destination=destination, code=code)):
            row.attempts += 1
            row.save(update_fields=["attempts"])
            error = code_wrong_error(attempts=row.attempts)
        else:
            if consume:
                row.used_at = now
                row.save(update_fields=["used_at"])
            return row
    raise error


def code_consume(*, code: OneTimeCode) -> bool:
    """Mark ``code`` (checked by :func:`code_verify` with ``consume=False``) used, if it still
    can be: not used, not dead, not expired and still the newest code of its purpose and
    destination. Returns True when this call used it up, False when it no longer could
    (another request used it, it expired meanwhile or a newer code replaced it). Atomic: of
    two simultaneous calls only one gets True."""
    now = timezone.now()
    with transaction.atomic():
        newest = _latest_code(purpose=code.purpose, destination=code.destination)
        if newest is None or newest.pk != code.pk:
            return False
        return bool(
            OneTimeCode.objects.filter(
                pk=code.pk, used_at__isnull=True, attempts__lt=CODE_MAX_ATTEMPTS, expires_at__gt=now
            ).update(used_at=now)
        )


def _wrong_message() -> str:
    return _("인증번호가 맞지 않습니다. 문자나 메일로 받은 6자리 숫자를 다시 확인해 주세요.")


def code_wrong_error(*, attempts: int) -> ValidationError:
    """The error of a wrong code after ``attempts`` wrong tries in all (this one included):
    code ``wrong`` with the tries left, or ``dead`` once none is left. Also used by pages
    that must answer exactly like :func:`code_verify` when no code was sent (the claim page,
    :mod:`accounts.services.claim`, so that it does not reveal whether a record matched)."""
    left = CODE_MAX_ATTEMPTS - attempts
    if left <= 0:
        return code_dead_error()
    return ValidationError(
        _wrong_message() + " " + ngettext("(남은 기회 %(left)d번)", "(남은 기회 %(left)d번)", left) % {"left": left},
        code="wrong",
    )


def code_expired_error() -> ValidationError:
    """The error of a code older than :data:`CODE_TTL` (code ``expired``)."""
    return ValidationError(
        _("인증번호의 유효 시간(%(minutes)d분)이 지났습니다. 인증번호를 새로 받아 주세요.")
        % {"minutes": int(CODE_TTL.total_seconds() // 60)},
        code="expired",
    )


def code_dead_error() -> ValidationError:
    """The error of a code that was tried wrongly :data:`CODE_MAX_ATTEMPTS` times (code ``dead``)."""
    return ValidationError(
        _("인증번호를 %(count)d번 틀려서 더는 쓸 수 없습니다. 인증번호를 새로 받아 주세요.")
        % {"count": CODE_MAX_ATTEMPTS},
        code="dead",
    )
