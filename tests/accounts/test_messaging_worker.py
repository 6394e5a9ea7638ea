"""The message pipeline end to end: a committed change enqueues the delivery task through the
real Redis broker (TEST_REDIS_URL) and a real Celery worker (a thread of this process, so
the locmem SMS gateway and django.core.mail.outbox are shared with the test) sends the rows.
"""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.db import transaction
from django.utils import timezone

from accounts.choices import MessageKind, MessageState, NotifyChannel
from accounts.messaging import message_send, notify_person
from accounts.messaging.sms import locmem
from accounts.models import OutboundMessage
from accounts.tasks import deliver_pending_messages
from namdong_jobs.celery import app
from tests.factories import SeekerProfileFactory

PHONE = "+821066667777"


@pytest.fixture
def celery_worker():
    app.control.purge()  # tasks left in the test broker by earlier runs
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10) as worker:
        yield worker


def wait_until(condition, seconds=30):
    """Poll ``condition`` until it holds (the worker runs in another thread); fails after
    ``seconds`` instead of hanging. Not a timing assertion: only the outcome is checked."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("the worker did not deliver the messages")
        time.sleep(0.1)


def notify(profile, subject):
    return notify_person(
        kind=MessageKind.APPLICATION_STATUS,
        subject=subject,
        title="지원 상태가 바뀌었습니다",
        body="지원하신 공고의 담당자가 지원서를 확인했습니다.",
        link="/my/",
        profile=profile,
    )


@pytest.mark.django_db(transaction=True)
def test_committed_messages_are_delivered_by_the_worker_once(celery_worker):
    profile = SeekerProfileFactory(
        user__phone=PHONE, user__phone_verified_at=timezone.now(), notify_channels=["email", "sms"]
    )
    with pytest.raises(RuntimeError), transaction.atomic():
        notify(profile, "application:1:viewed")
        raise RuntimeError("rolled back")
    assert not OutboundMessage.objects.exists()

    with transaction.atomic():
        created = notify(profile, "application:2:viewed")
    assert [m.channel for m in created] == ["onsite", "email", "sms"]
    outbound = OutboundMessage.objects.exclude(channel=NotifyChannel.ONSITE)
    wait_until(lambda: outbound.filter(state=MessageState.SENT).count() == 2)

    # the same notice again creates nothing; the sweeper run through the worker finds nothing
    assert notify(profile, "application:2:viewed") == []
    assert deliver_pending_messages.apply_async(ignore_result=False).get(timeout=30) == 0
    assert [sms.to for sms in locmem.outbox] == [PHONE]
    assert [email.to for email in mail.outbox] == [[profile.user.email]]
    assert "application:1" not in "".join(OutboundMessage.objects.values_list("dedupe_key", flat=True))


@pytest.mark.django_db(transaction=True)
def test_the_sweeper_sends_a_message_whose_task_was_lost(celery_worker, monkeypatch):
    from accounts.messaging import outbox

    monkeypatch.setattr(outbox, "enqueue_delivery", lambda: None)  # as if Redis had been down
    profile = SeekerProfileFactory(user__phone=PHONE, user__phone_verified_at=timezone.now())
    message = message_send(
        kind=MessageKind.CODE,
        subject="verify_phone:1",
        channel=NotifyChannel.SMS,
        title="인증번호",
        body="[남동구 일자리] 인증번호 482913",
        user=profile.user,
    )
    assert deliver_pending_messages.apply_async(ignore_result=False).get(timeout=30) == 1
    message.refresh_from_db()
    assert message.state == MessageState.SENT
    assert [(sms.body, sms.idempotency_key) for sms in locmem.outbox] == [
        ("[남동구 일자리] 인증번호 482913", str(message.pk))
    ]
