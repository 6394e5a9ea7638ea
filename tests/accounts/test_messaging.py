"""The outbound message layer (accounts.messaging): rows and their dedupe key, enqueueing
after commit (and a broker outage), delivery with SELECT … FOR UPDATE SKIP LOCKED, retries,
reclaiming stuck rows. SMS backends and notify_person: test_messaging_channels.py."""

import datetime
import smtplib
import threading

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction
from django.utils import timezone

from accounts.choices import MessageKind, MessageState, NotifyChannel
from accounts.messaging import message_send, notify_person
from accounts.messaging.delivery import deliver_batch, deliver_pending
from accounts.messaging.sms import BaseSmsBackend, locmem
from accounts.models import OutboundMessage, SeekerProfile
from accounts.tasks import deliver_pending_messages
from namdong_jobs.reference.models import CommunityCentre
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PHONE = "+821055551234"


class BrokenEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("메일 서버 연결이 끊겼습니다")


class BrokenSmsBackend(BaseSmsBackend):
    def send(self, *, to, body, idempotency_key):
        raise ConnectionError("gateway 503")


#: (key, to) of every call of RecordingSmsBackend, which does NOT deduplicate.
recorded_calls: list[tuple[str, str]] = []
_recorded_lock = threading.Lock()


class RecordingSmsBackend(BaseSmsBackend):
    def send(self, *, to, body, idempotency_key):
        with _recorded_lock:
            recorded_calls.append((idempotency_key, to))
        return f"rec-{idempotency_key}"


@pytest.fixture
def user():
    return UserFactory(phone=PHONE, phone_verified_at=timezone.now())


def send_sms(user, subject="code:1", **kwargs):
    return message_send(
        kind=MessageKind.CODE,
        subject=subject,
        channel=NotifyChannel.SMS,
        title="인증번호",
        body="[남동구 일자리] 인증번호는 123456 입니다.",
        user=user,
        **kwargs,
    )


def send_email(user, subject="notice:1", **kwargs):
    return message_send(
        kind=MessageKind.NOTICE,
        subject=subject,
        channel=NotifyChannel.EMAIL,
        title="지원 상태가 바뀌었습니다",
        body="지원하신 공고의 담당자가 지원서를 확인했습니다.",
        user=user,
        **kwargs,
    )


# --- rows, dedupe key, enqueue after commit ------------------------------------------------


def test_message_is_pending_with_a_dedupe_key_and_enqueued_only_on_commit(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        message = send_sms(user)
    assert message.state == MessageState.PENDING and message.attempts == 0
    assert message.dedupe_key == f"code:code:1:u{user.pk}:sms"
    assert message.address == PHONE
    assert len(callbacks) == 1  # registered for the commit, not run inside the transaction
    assert locmem.outbox == []


def test_commit_enqueues_the_delivery_task(user, monkeypatch, django_capture_on_commit_callbacks):
    from accounts import tasks

    calls = []
    monkeypatch.setattr(tasks.deliver_messages, "apply_async", lambda **kw: calls.append(kw))
    with django_capture_on_commit_callbacks(execute=True):
        send_sms(user)
        assert calls == []
    assert len(calls) == 1 and calls[0]["retry"] is False


def test_a_rolled_back_transaction_leaves_no_row_and_sends_nothing(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        send_sms(user)
        notify_person(kind=MessageKind.NOTICE, subject="x", title="t", body="b", user=user, channels=["sms"])
        raise RuntimeError("the caller's change failed")
    assert callbacks == []
    assert not OutboundMessage.objects.exists()
    assert deliver_batch() == 0
    assert locmem.outbox == [] and mail.outbox == []


def test_the_same_message_twice_is_one_row(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        first = send_sms(user)
        second = send_sms(user)  # ON CONFLICT DO NOTHING: the caller's transaction goes on
        other_subject = send_sms(user, subject="code:2")
        user.refresh_from_db()
    assert first is not None and second is None and other_subject is not None
    assert OutboundMessage.objects.filter(user=user).count() == 2
    assert len(callbacks) == 2


def test_delivery_run_twice_sends_once(user):
    message = send_sms(user)
    assert deliver_batch() == 1
    assert deliver_batch() == 0
    deliver_pending_messages()  # the beat sweeper finds nothing more either
    assert [(sms.to, sms.idempotency_key) for sms in locmem.outbox] == [(PHONE, str(message.pk))]
    message.refresh_from_db()
    assert message.state == MessageState.SENT and message.attempts == 1
    assert message.sent_at and message.provider_id == locmem.outbox[0].provider_id


def test_on_site_message_is_stored_as_sent_and_not_enqueued(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        message = message_send(
            kind=MessageKind.NOTICE, subject="s", channel=NotifyChannel.ONSITE, title="안내", body="본문", user=user
        )
    assert message.state == MessageState.SENT and message.read_at is None and callbacks == []
    assert deliver_batch() == 0


def test_invalid_messages_are_refused(user):
    profile = SeekerProfile.objects.create(
        registered_centre=CommunityCentre.objects.get(name="구월1동 행정복지센터"), name="방문자"
    )
    with pytest.raises(ValueError):
        message_send(kind="notice", subject="s", channel=NotifyChannel.ONSITE, title="t", body="b", profile=profile)
    with pytest.raises(ValueError):
        message_send(kind="notice", subject="s", channel=NotifyChannel.EMAIL, title="t", body="b", profile=profile)
    with pytest.raises(ValueError):
        message_send(kind="notice", subject="s", channel="fax", title="t", body="b", user=user)
    with pytest.raises(ValueError):
        message_send(kind="notice", subject="s", channel=NotifyChannel.SMS, title="t", body="b")


def test_redis_down_does_not_break_the_caller(user, monkeypatch, caplog, django_capture_on_commit_callbacks):
    from namdong_jobs.celery import app

    app.amqp.producer_pool  # noqa: B018 - make sure both pools exist, so that monkeypatch restores them
    monkeypatch.setitem(app.conf, "broker_url", "redis://127.0.0.1:1/0")  # nothing listens there
    monkeypatch.setattr(app, "_pool", None)
    monkeypatch.setattr(app.amqp, "_producer_pool", None)
    with django_capture_on_commit_callbacks(execute=True):
        message = send_sms(user)
    assert "Could not enqueue message delivery" in caplog.text
    message.refresh_from_db()
    assert message.state == MessageState.PENDING
    deliver_pending_messages()  # the sweeper sends it
    message.refresh_from_db()
    assert message.state == MessageState.SENT and len(locmem.outbox) == 1


# --- delivery ------------------------------------------------------------------------------


def test_email_has_a_message_id_from_the_row_korean_text_html_and_the_full_link(user, settings):
    settings.NJ_SITE_URL = "https://jobs.namdong.example"
    message = send_email(user, html_body="<p>지원서를 <strong>확인</strong>했습니다.</p>", link="/my/applications/7/")
    assert deliver_batch() == 1
    [email] = mail.outbox
    assert email.to == [user.email] and email.subject == "지원 상태가 바뀌었습니다"
    assert email.extra_headers["Message-ID"] == f"<msg-{message.pk}@namdong-jobs>"
    assert "지원서를 확인했습니다" in email.body
    assert "https://jobs.namdong.example/my/applications/7/" in email.body
    assert email.alternatives[0][1] == "text/html"
    assert f"<msg-{message.pk}@namdong-jobs>" in email.message().as_string()
    message.refresh_from_db()
    assert message.state == MessageState.SENT and message.provider_id == f"<msg-{message.pk}@namdong-jobs>"


def test_a_failing_email_backend_is_retried_later_then_failed(user, settings):
    settings.EMAIL_BACKEND = "tests.accounts.test_messaging.BrokenEmailBackend"
    settings.NJ_MESSAGE_MAX_ATTEMPTS = 3
    message = send_email(user)
    assert deliver_batch() == 1
    message.refresh_from_db()
    assert message.state == MessageState.PENDING and message.attempts == 1
    assert "SMTPServerDisconnected" in message.last_error and message.send_after > timezone.now()
    assert deliver_batch() == 0  # not due yet: retried later, not at once
    for attempt in (2, 3):
        OutboundMessage.objects.filter(pk=message.pk).update(send_after=timezone.now() - datetime.timedelta(seconds=1))
        assert deliver_batch() == 1
        message.refresh_from_db()
        assert message.attempts == attempt
    assert message.state == MessageState.FAILED and "메일 서버 연결이 끊겼습니다" in message.last_error
    assert deliver_batch() == 0 and mail.outbox == []


def test_a_failing_sms_gateway_is_retried_and_sent_once_it_recovers(user, settings):
    settings.SMS_BACKEND = "tests.accounts.test_messaging.BrokenSmsBackend"
    message = send_sms(user)
    assert deliver_batch() == 1
    message.refresh_from_db()
    assert message.state == MessageState.PENDING and message.last_error == "ConnectionError: gateway 503"
    settings.SMS_BACKEND = "accounts.messaging.sms.locmem.SmsBackend"
    OutboundMessage.objects.filter(pk=message.pk).update(send_after=timezone.now())
    assert deliver_batch() == 1
    message.refresh_from_db()
    assert message.state == MessageState.SENT and message.attempts == 2 and message.last_error == ""
    assert len(locmem.outbox) == 1


def test_a_row_stuck_in_sending_is_reclaimed_and_the_gateway_key_prevents_a_duplicate(user, settings):
    message = send_sms(user)
    deliver_batch()
    assert len(locmem.outbox) == 1
    # the worker crashed after the gateway accepted the message but before our commit
    stuck_since = timezone.now() - settings.NJ_MESSAGE_SENDING_TIMEOUT - datetime.timedelta(minutes=1)
    OutboundMessage.objects.filter(pk=message.pk).update(
        state=MessageState.SENDING, claimed_at=stuck_since, sent_at=None, provider_id=""
    )
    assert deliver_batch() == 1
    message.refresh_from_db()
    assert message.state == MessageState.SENT and message.attempts == 2
    assert len(locmem.outbox) == 1  # the gateway saw the same idempotency key
    assert message.provider_id == locmem.outbox[0].provider_id


def test_a_recent_sending_row_is_left_alone_and_an_exhausted_one_fails(user, settings):
    recent, exhausted = send_sms(user, subject="a"), send_sms(user, subject="b")
    OutboundMessage.objects.filter(pk=recent.pk).update(state=MessageState.SENDING, claimed_at=timezone.now())
    OutboundMessage.objects.filter(pk=exhausted.pk).update(
        state=MessageState.SENDING,
        claimed_at=timezone.now() - settings.NJ_MESSAGE_SENDING_TIMEOUT * 2,
        attempts=settings.NJ_MESSAGE_MAX_ATTEMPTS,
    )
    assert deliver_batch() == 0
    assert OutboundMessage.objects.get(pk=recent.pk).state == MessageState.SENDING
    assert OutboundMessage.objects.get(pk=exhausted.pk).state == MessageState.FAILED
    assert locmem.outbox == []


def test_messages_held_until_send_after(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        message = send_sms(user, send_after=timezone.now() + datetime.timedelta(hours=8))
    assert callbacks == []  # the sweeper releases it when due
    assert deliver_batch() == 0
    OutboundMessage.objects.filter(pk=message.pk).update(send_after=timezone.now())
    assert deliver_batch() == 1 and len(locmem.outbox) == 1


def test_a_message_to_an_erased_person_is_suppressed(user):
    message = send_sms(user)
    type(user).objects.filter(pk=user.pk).update(erased_at=timezone.now(), phone=None)
    assert deliver_batch() == 1
    message.refresh_from_db()
    assert message.state == MessageState.SUPPRESSED and locmem.outbox == []


def test_deliver_pending_runs_batches_until_none_is_due(user):
    for n in range(5):
        send_sms(user, subject=f"s{n}")
    assert deliver_pending(limit=2) == 5
    assert len(locmem.outbox) == 5


@pytest.mark.django_db(transaction=True)
def test_skip_locked_rows_are_left_to_their_holder(settings):
    settings.SMS_BACKEND = "tests.accounts.test_messaging.RecordingSmsBackend"
    recorded_calls.clear()
    user = UserFactory(phone=PHONE, phone_verified_at=timezone.now())
    first, second = send_sms(user, subject="a"), send_sms(user, subject="b")
    locked, release = threading.Event(), threading.Event()

    def hold_lock():
        try:
            with transaction.atomic():
                list(OutboundMessage.objects.select_for_update().filter(pk=first.pk))
                locked.set()
                release.wait(30)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    try:
        assert locked.wait(30)
        assert deliver_batch() == 1  # does not wait for the lock: skips the row
        assert recorded_calls == [(str(second.pk), PHONE)]
    finally:
        release.set()
        holder.join()
    assert deliver_batch() == 1
    assert sorted(key for key, _to in recorded_calls) == sorted([str(first.pk), str(second.pk)])


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_deliverers_never_send_one_row_twice(settings):
    settings.SMS_BACKEND = "tests.accounts.test_messaging.RecordingSmsBackend"
    recorded_calls.clear()
    user = UserFactory(phone=PHONE, phone_verified_at=timezone.now())
    ids = {str(send_sms(user, subject=f"s{n}").pk) for n in range(40)}
    start = threading.Barrier(2)
    errors = []

    def deliverer():
        try:
            start.wait(30)
            while deliver_batch(limit=3):
                pass
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliverer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    keys = [key for key, _to in recorded_calls]
    assert sorted(keys) == sorted(ids)  # every row once, none twice
    assert OutboundMessage.objects.filter(state=MessageState.SENT).count() == 40
