"""Stopping job notifications by an SMS reply (수신거부).

정보통신망법 §50 (영리목적의 광고성 정보 전송 제한) ②: once a recipient refuses (수신거부) or
withdraws consent, no more messages may be sent; ⑥: refusing must be possible free of charge.
We apply the same to our job notifications: a reply to our SMS with a stop word is enough.
The SMS gateway forwards replies to ``/accounts/sms/inbound/`` (``accounts.views.sms_inbound``);
the rule of who is stopped is here.
"""

import logging
import unicodedata

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from ..choices import ConsentPurpose, MessageKind, NotifyChannel
from ..identifiers import normalize_mobile
from ..models import SeekerProfile
from .consents import consent_withdraw

logger = logging.getLogger(__name__)

#: Replies that mean "stop sending": the whole reply must be one of them (spaces, punctuation
#: and case aside), so that "거부감 없어요, 관심 있습니다" does not stop anything.
STOP_KEYWORDS = ("중지", "거부", "수신거부", "그만", "알림중지", "알림그만", "STOP")
_STOP_FOLDED = {unicodedata.normalize("NFKC", word).casefold() for word in STOP_KEYWORDS}


def is_stop_request(text: str) -> bool:
    """True when ``text`` (an SMS reply) is one of :data:`STOP_KEYWORDS` once whitespace and
    punctuation are removed, ignoring case and Unicode compatibility forms (``"S T O P"``,
    ``"ｓｔｏｐ"``, ``"수신 거부"``, ``"중지."`` and decomposed Hangul all count; a sentence that
    merely contains a keyword does not)."""
    normalized = unicodedata.normalize("NFKC", text or "")
    folded = "".join(ch for ch in normalized if ch.isalnum()).casefold()
    return folded in _STOP_FOLDED


def stop_profiles_at(phone: str):
    """The non-erased seeker profiles reachable at ``phone`` (E.164): those whose account's
    *verified* login number it is, and walk-in profiles (no account) recorded with it. An
    account's unverified number is not trusted (it may be someone else's)."""
    return SeekerProfile.objects.filter(erased_at__isnull=True).filter(
        Q(user__phone=phone, user__phone_verified_at__isnull=False, user__erased_at__isnull=True)
        | Q(user__isnull=True, phone=phone)
    )


def notifications_stop_by_phone(phone: str) -> int:
    """Withdraw the notifications consent (:data:`ConsentPurpose.NOTIFICATIONS`) of every
    profile of :func:`stop_profiles_at` the number ``phone`` (any Korean spelling,
    ``"010-1234-5678"``, ``"+821012345678"``), as a 수신거부 under 정보통신망법 §50.

    Returns how many profiles were stopped now, i.e. had an active consent that was
    withdrawn (0 for an unknown number or when all were withdrawn already, so a repeated
    stop is harmless). When any was, one SMS to the number confirms it (sent after commit).
    All in one transaction. Raises ``ValidationError`` (Korean) when
    ``phone`` is not a Korean mobile number.
    """
    number = normalize_mobile(phone)
    stopped = 0
    with transaction.atomic():
        profiles = list(stop_profiles_at(number).select_related("user").order_by("pk"))
        for profile in profiles:
            if consent_withdraw(person=profile, purpose=ConsentPurpose.NOTIFICATIONS):
                stopped += 1
        if stopped:
            _confirm_by_sms(profiles[0], number)
    logger.info("SMS stop reply: notifications consent withdrawn for %s profile(s).", stopped)
    return stopped


def _confirm_by_sms(profile: SeekerProfile, number: str) -> None:
    """Tell the number that job alerts stopped (one message per number and day)."""
    from ..messaging import message_send

    message_send(
        kind=MessageKind.NOTICE,
        subject=f"notifications_stop:{timezone.localdate().isoformat()}",
        channel=NotifyChannel.SMS,
        title=gettext_noop("일자리 알림 중지"),
        body=gettext_noop(
            "[남동구 일자리] 일자리 알림을 그만 보냅니다. 다시 받으려면 행정복지센터나 032-453-5000으로 연락해 주세요."
        ),
        user=profile.user,
        profile=profile,
        address=number,
    )


def notifications_stop(profile: SeekerProfile) -> bool:
    """Withdraw the notifications consent (:data:`ConsentPurpose.NOTIFICATIONS`) of
    ``profile``, as asked by the one-click unsubscribe link of a match email
    (``accounts.messaging.unsubscribe``; RFC 8058) or its page (정보통신망법 §50: stopping
    must be possible free of charge and take effect at once).

    Returns True when an active consent was withdrawn now, False when there was none (a
    repeated stop is harmless) or the profile is erased (``erased_at`` set; nothing changes).
    Match and digest notices stop; application status notices are not bound to this consent.
    """
    if profile.erased_at is not None:
        return False
    stopped = consent_withdraw(person=profile, purpose=ConsentPurpose.NOTIFICATIONS)
    if stopped:
        logger.info("Unsubscribe link: notifications consent withdrawn for profile %s.", profile.pk)
    return stopped
