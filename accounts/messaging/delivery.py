"""Delivering pending email and SMS messages (DESIGN.md "Lifecycles: Outbound message").

A batch is claimed in a short transaction with ``SELECT … FOR UPDATE SKIP LOCKED`` (state
``sending``, ``claimed_at``, one more attempt) and committed before anything is sent, so two
workers never claim one row and no lock is held while talking to a mail server or an SMS
gateway. Each row is then sent and marked ``sent`` (``sent_at``, ``provider_id``), or put
back to ``pending`` with ``last_error`` and a later ``send_after`` (``failed`` after
``settings.NJ_MESSAGE_MAX_ATTEMPTS``). A row left in ``sending`` longer than
``settings.NJ_MESSAGE_SENDING_TIMEOUT`` (its worker died) is claimed again.

A one-time code message is useful only while its code is (``accounts.services.codes.CODE_TTL``,
10 minutes): once older it is not sent nor retried (``suppressed`` when its turn comes,
``failed`` when a retry or a stuck claim would come later), and whenever a code message
stops being pending its text is blanked (:data:`CODE_BODY_REDACTED`): the code is a secret.

Delivery is therefore at least once; the duplicate a crash between the provider accepting
and our commit could cause is removed by the provider: an SMS carries the row id as the
gateway's idempotency key, an email a ``Message-ID`` made from it (:func:`email_message_id`).
"""

import datetime
import logging
from urllib.parse import urljoin

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Case, F, Q, TextField, Value, When
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext

from ..choices import ConsentPurpose, MessageKind, MessageState, NotifyChannel, NotifyFrequency
from ..models import Consent, OutboundMessage
from ..services.codes import CODE_TTL
from . import sms
from .quiet import is_quiet
from .unsubscribe import unsubscribe_url

logger = logging.getLogger(__name__)

#: The longest ``last_error`` kept, in characters.
LAST_ERROR_MAX = 1000
#: Batches one delivery task runs at most (each up to ``limit`` messages), so a task stays
#: well inside ``CELERY_TASK_SOFT_TIME_LIMIT``; the beat sweeper takes what is left.
MAX_BATCHES_PER_TASK = 5


class MessageSuppressed(Exception):
    """The message must not be sent (its recipient was erased or has no address)."""


#: Kinds that need the notifications consent (and a frequency other than "off") when sent.
CONSENT_KINDS = (MessageKind.MATCH, MessageKind.DIGEST)
#: Send-time checks by kind: callables taking a list of messages and returning ``{message id:
#: reason}`` for those that must be suppressed (see :func:`register_send_check`).
_SEND_CHECKS: dict[str, list] = {}


def register_send_check(kind: str, check) -> None:
    """Run ``check(messages) -> {message id: reason}`` on every claimed batch's messages of
    ``kind`` before they are sent; the ones it names are marked ``suppressed`` with the reason
    (Korean). Apps that own what a message is about register here (``jobs`` checks that a
    match's posting is still open), so this app never imports them. Registering the same
    check twice has no effect."""
    checks = _SEND_CHECKS.setdefault(kind, [])
    if check not in checks:
        checks.append(check)


def _suppressions(messages: list[OutboundMessage]) -> dict[int, str]:
    """``{message id: reason}`` of the batch's messages that must not be sent any more: match
    and digest messages of a seeker who withdrew the notifications consent, turned them off or
    took that channel off since, and whatever the registered checks name."""
    found: dict[int, str] = {}
    consent_bound = [m for m in messages if m.kind in CONSENT_KINDS and m.profile_id]
    if consent_bound:
        consenting = set(
            Consent.objects.active()
            .filter(purpose=ConsentPurpose.NOTIFICATIONS, person_id__in={m.profile_id for m in consent_bound})
            .values_list("person_id", flat=True)
        )
        for message in consent_bound:
            if message.profile_id not in consenting or message.profile.notify_frequency == NotifyFrequency.OFF:
                found[message.pk] = "알림 수신을 원하지 않아 보내지 않았습니다."
            elif message.channel not in message.profile.notify_channels:
                # the seeker took this channel off while the message waited (quiet hours, retry)
                found[message.pk] = "알림 받을 방법에서 빠져 보내지 않았습니다."
    for kind, checks in _SEND_CHECKS.items():
        of_kind = [m for m in messages if m.kind == kind and m.pk not in found]
        for check in checks if of_kind else ():
            found.update(check(of_kind))
    return found


def email_message_id(message: OutboundMessage) -> str:
    """The ``Message-ID`` header of an email message: ``<msg-<row id>@namdong-jobs>``, the same
    on every attempt, so that a resend after a crash is recognisable as the same mail."""
    return f"<msg-{message.pk}@namdong-jobs>"


def retry_delay(attempts: int) -> datetime.timedelta:
    """How long to wait after failed attempt number ``attempts`` (1, 2, …): 1, 2, 4, 8 …
    minutes, at most an hour."""
    return datetime.timedelta(minutes=min(2 ** max(attempts - 1, 0), 60))


def deliver_batch(*, limit: int = 100) -> int:
    """Claim up to ``limit`` due email/SMS messages and send them.

    Due are ``pending`` rows whose ``send_after`` is empty or past, and ``sending`` rows
    claimed longer ago than ``settings.NJ_MESSAGE_SENDING_TIMEOUT`` (a stuck row that has
    used up ``settings.NJ_MESSAGE_MAX_ATTEMPTS`` is marked ``failed`` instead). Returns the
    number of rows claimed (sent, retried later, failed, suppressed or released), 0 when
    nothing was due. Send errors are recorded on the row, never raised.

    A batch never outlives its claim: once half of ``NJ_MESSAGE_SENDING_TIMEOUT`` has passed
    since the claim (a slow gateway), the rows not yet sent are released (back to ``pending``,
    the attempt not counted) rather than risk another worker reclaiming and sending them
    while this one still does. Celery's soft time limit (``SoftTimeLimitExceeded``) releases
    them the same way and is raised again, so the task stops as Celery asks.
    """
    claimed = _claim(limit=limit)
    if not claimed:
        return 0
    backend = None
    messages = list(OutboundMessage.objects.filter(pk__in=claimed).select_related("user", "profile").order_by("id"))
    suppressed = _suppressions(messages)
    claimed_at = messages[0].claimed_at if messages else timezone.now()
    release_after = claimed_at + settings.NJ_MESSAGE_SENDING_TIMEOUT / 2
    for index, message in enumerate(messages):
        if timezone.now() >= release_after:
            _release(messages[index:])
            logger.warning("Delivery batch ran past half the claim timeout; released %s rows.", len(messages) - index)
            break
        try:
            if _code_expired(message, timezone.now()):
                raise MessageSuppressed("인증번호의 유효 시간이 지나 보내지 않았습니다.")
            if message.pk in suppressed:
                raise MessageSuppressed(suppressed[message.pk])
            if message.channel == NotifyChannel.SMS:
                backend = backend or sms.get_backend()
                provider_id = _send_sms(message, backend)
            else:
                provider_id = _send_email(message)
        except MessageSuppressed as exc:
            _finish(message, state=MessageState.SUPPRESSED, last_error=str(exc))
        except SoftTimeLimitExceeded:
            _release(messages[index:])
            raise
        except Exception as exc:  # any provider failure: keep it on the row and retry later
            logger.warning("Sending message %s failed (attempt %s): %s", message.pk, message.attempts, exc)
            _record_failure(message, exc)
        else:
            _finish(message, state=MessageState.SENT, sent_at=timezone.now(), provider_id=provider_id, last_error="")
    return len(claimed)


def _release(messages: list[OutboundMessage]) -> None:
    """Put claimed rows this worker will not send back to ``pending`` (due now), their attempt
    not counted. A row whose send was under way may have reached the provider: its resend
    carries the same idempotency key / Message-ID."""
    for message in messages:
        _finish(message, state=MessageState.PENDING, attempts=F("attempts") - 1)


def deliver_pending(*, limit: int = 100, max_batches: int = MAX_BATCHES_PER_TASK) -> int:
    """Run :func:`deliver_batch` until a batch comes back short of ``limit`` (nothing more is
    due), at most ``max_batches`` times. Returns the number of rows claimed in all."""
    total = 0
    for _ in range(max_batches):
        count = deliver_batch(limit=limit)
        total += count
        if count < limit:
            break
    return total


#: Rows one delivery task takes when held messages are released (its batches × batch size).
RELEASE_BATCH = MAX_BATCHES_PER_TASK * 100
#: The most tasks one release enqueues (the minute sweeper takes any rest).
RELEASE_MAX_TASKS = 200


def release_tasks_needed() -> int:
    """How many delivery tasks the email/SMS rows due now need (``RELEASE_BATCH`` each, at
    most ``RELEASE_MAX_TASKS``)."""
    due = (
        OutboundMessage.objects.filter(state=MessageState.PENDING)
        .exclude(channel=NotifyChannel.ONSITE)
        .filter(Q(send_after__isnull=True) | Q(send_after__lte=timezone.now()))
        .count()
    )
    return min(-(-due // RELEASE_BATCH), RELEASE_MAX_TASKS)


def message_retry(*, message: OutboundMessage, by) -> bool:
    """Send a ``failed`` email/SMS message again (district staff's retry button): back to
    ``pending`` with its attempts counted from zero and the last error kept until the next
    try, then the delivery task is enqueued after commit. One-time codes are never retried
    (the code has expired). Returns ``False`` when ``message`` is not a failed email/SMS
    message (nothing changes). ``by`` must be district staff (``PermissionDenied``
    otherwise)."""
    from django.core.exceptions import PermissionDenied

    from .outbox import enqueue_delivery

    if not getattr(by, "is_district_staff", False):
        raise PermissionDenied("발송 실패 메시지는 구청 일자리센터 직원만 다시 보낼 수 있습니다.")
    updated = (
        OutboundMessage.objects.filter(pk=message.pk, state=MessageState.FAILED)
        .exclude(channel=NotifyChannel.ONSITE)
        .exclude(kind=MessageKind.CODE)
        .exclude(address="")  # an erased recipient
        .update(state=MessageState.PENDING, attempts=0, send_after=None, claimed_at=None)
    )
    if updated:
        transaction.on_commit(enqueue_delivery)
        logger.info("Message %s queued again by user %s.", message.pk, by.pk)
    return bool(updated)


def _claim(*, limit: int) -> list[int]:
    """Claim due rows in one short transaction (committed on return); returns their ids."""
    now = timezone.now()
    stale_before = now - settings.NJ_MESSAGE_SENDING_TIMEOUT
    max_attempts = settings.NJ_MESSAGE_MAX_ATTEMPTS
    # in quiet hours (21:00–08:00 KST) no text message is claimed but one-time codes
    held = Q(channel=NotifyChannel.SMS) & ~Q(kind=MessageKind.CODE) if is_quiet(now) else Q(pk__in=[])
    with transaction.atomic():
        stuck = list(
            OutboundMessage.objects.select_for_update(skip_locked=True)
            .filter(state=MessageState.SENDING, claimed_at__lt=stale_before)
            .exclude(held)
            .order_by("claimed_at", "id")
            .values_list("id", "attempts", "kind", "created_at")[:limit]
        )
        code_cutoff = now - CODE_TTL
        exhausted = [
            pk
            for pk, attempts, kind, created_at in stuck
            if attempts >= max_attempts or (kind == MessageKind.CODE and created_at <= code_cutoff)
        ]
        if exhausted:
            # a one-time code is blanked here too, as in _finish: a failed row keeps no code
            OutboundMessage.objects.filter(pk__in=exhausted).update(
                state=MessageState.FAILED,
                last_error="발송 중 중단되어 더 시도하지 않습니다 (시간 초과).",
                body=Case(
                    When(kind=MessageKind.CODE, then=Value(CODE_BODY_REDACTED)),
                    default=F("body"),
                    output_field=TextField(),
                ),
                html_body=Case(
                    When(kind=MessageKind.CODE, then=Value("")), default=F("html_body"), output_field=TextField()
                ),
            )
        ids = [pk for pk, _attempts, _kind, _created in stuck if pk not in exhausted]
        if len(stuck) < limit:
            ids += list(
                OutboundMessage.objects.select_for_update(skip_locked=True)
                .filter(state=MessageState.PENDING)
                .exclude(channel=NotifyChannel.ONSITE)
                .exclude(held)
                .filter(Q(send_after__isnull=True) | Q(send_after__lte=now))
                .order_by("id")
                .values_list("id", flat=True)[: limit - len(stuck)]
            )
        if ids:
            OutboundMessage.objects.filter(pk__in=ids).update(
                state=MessageState.SENDING, claimed_at=now, attempts=F("attempts") + 1
            )
    return ids


def _check_sendable(message: OutboundMessage) -> None:
    for person in (message.user, message.profile):
        if person is not None and person.erased_at is not None:
            raise MessageSuppressed("받는 분의 개인정보가 파기되어 보내지 않았습니다.")
    if not message.address:
        raise MessageSuppressed("받는 곳이 없어 보내지 않았습니다.")


def _send_sms(message: OutboundMessage, backend: sms.BaseSmsBackend) -> str:
    _check_sendable(message)
    return str(backend.send(to=message.address, body=sms_text(message), idempotency_key=str(message.pk)))


def sms_text(message: OutboundMessage) -> str:
    """The text an SMS sends: the row's body, and for match alerts and digests how to stop
    them (정보통신망법 §50: free of charge) — "reply 중지" when the gateway forwards replies
    (``settings.SMS_INBOUND_KEY`` set), else the one-click unsubscribe link."""
    if message.kind not in CONSENT_KINDS or not message.profile_id:
        return message.body
    if settings.SMS_INBOUND_KEY:
        how = gettext("알림 그만 받기: '중지' 회신")
    else:
        how = gettext("알림 그만 받기: %(url)s") % {"url": unsubscribe_url(message.profile_id)}
    return f"{message.body}\n{how}"


def _send_email(message: OutboundMessage) -> str:
    _check_sendable(message)
    body = message.body
    if message.link.startswith("/") and not message.link.startswith(("//", "/\\")):
        url = urljoin(settings.NJ_SITE_URL, message.link)
        if url not in body:
            body = f"{body}\n\n{gettext('바로 가기')}: {url}"
    message_id = email_message_id(message)
    headers = {"Message-ID": message_id}
    html_body = message.html_body
    if message.kind in CONSENT_KINDS and message.profile_id:
        # one-click unsubscribe (RFC 8058), in the headers and in the text
        url = unsubscribe_url(message.profile_id)
        headers["List-Unsubscribe"] = f"<{url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        body = f"{body}\n{gettext('일자리 알림을 그만 받으려면')}: {url}\n"
        if html_body:
            stop = f'<p><a href="{escape(url)}">{escape(gettext("일자리 알림 그만 받기"))}</a></p>'
            html_body = html_body.replace("</body>", f"{stop}\n</body>") if "</body>" in html_body else html_body + stop
    email = EmailMultiAlternatives(
        subject=message.title,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.address],
        headers=headers,
    )
    if html_body:
        email.attach_alternative(html_body, "text/html")
    email.send(fail_silently=False)
    return message_id


#: What a one-time code message's body becomes once it is no longer pending: the code is a
#: secret and must not stay readable in the database after delivery.
CODE_BODY_REDACTED = "(인증번호 내용은 발송 후 지웠습니다)"


def _finish(message: OutboundMessage, **fields) -> None:
    """Record the outcome unless the row was meanwhile reclaimed by another worker (its
    claim timed out), whose own outcome then counts. A one-time code's text is blanked once
    the row is sent, failed or suppressed (only a retry still needs it)."""
    if message.kind == MessageKind.CODE and fields.get("state") != MessageState.PENDING:
        fields.update(body=CODE_BODY_REDACTED, html_body="")
    updated = OutboundMessage.objects.filter(
        pk=message.pk, state=MessageState.SENDING, claimed_at=message.claimed_at
    ).update(**fields)
    if not updated:
        logger.warning("Message %s was reclaimed while being sent; its new claim decides.", message.pk)


def _code_expired(message: OutboundMessage, when: datetime.datetime) -> bool:
    """True for a one-time code message whose code no longer works at ``when``."""
    return message.kind == MessageKind.CODE and when >= message.created_at + CODE_TTL


def _record_failure(message: OutboundMessage, exc: Exception) -> None:
    """Put ``message`` back for a later try, or mark it failed after the last attempt or when
    the next try would come after its one-time code expired."""
    error = f"{type(exc).__name__}: {exc}"[:LAST_ERROR_MAX]
    send_after = timezone.now() + retry_delay(message.attempts)
    if message.attempts >= settings.NJ_MESSAGE_MAX_ATTEMPTS or _code_expired(message, send_after):
        _finish(message, state=MessageState.FAILED, last_error=error)
    else:
        _finish(message, state=MessageState.PENDING, last_error=error, send_after=send_after)
