"""A delivery batch never outlives its claim, and Celery's soft time limit releases what is
left (accounts.messaging.delivery)."""

import datetime

import pytest
import time_machine
from celery.exceptions import SoftTimeLimitExceeded
from django.utils import timezone

from accounts.choices import MessageKind, MessageState, NotifyChannel
from accounts.messaging import message_send
from accounts.messaging.delivery import deliver_batch
from accounts.messaging.sms import BaseSmsBackend
from accounts.models import OutboundMessage
from tests.factories import SeekerProfileFactory

pytestmark = pytest.mark.django_db


def three_sms():
    rows = []
    for n in range(3):
        person = SeekerProfileFactory(user__phone=f"+82107700{n:04d}", user__phone_verified_at=timezone.now())
        rows.append(
            message_send(
                kind=MessageKind.APPLICATION_STATUS,
                subject=f"application:{n}:viewed",
                channel=NotifyChannel.SMS,
                title="t",
                body="지원서를 열람했습니다.",
                user=person.user,
                profile=person,
            )
        )
    return rows


class SlowGateway(BaseSmsBackend):
    """Each send takes six minutes of the pinned clock."""

    traveller = None
    sent: list = []

    def send(self, *, to, body, idempotency_key):
        SlowGateway.traveller.shift(datetime.timedelta(minutes=6))
        SlowGateway.sent.append(idempotency_key)
        return f"slow-{idempotency_key}"


class TimeLimitedGateway(BaseSmsBackend):
    """The soft time limit strikes once, during the second send."""

    sent: list = []
    struck = False

    def send(self, *, to, body, idempotency_key):
        if TimeLimitedGateway.sent and not TimeLimitedGateway.struck:
            TimeLimitedGateway.struck = True
            raise SoftTimeLimitExceeded()
        TimeLimitedGateway.sent.append(idempotency_key)
        return f"ok-{idempotency_key}"


def test_rows_not_sent_within_half_the_claim_timeout_are_released(settings):
    settings.SMS_BACKEND = f"{__name__}.SlowGateway"
    settings.NJ_MESSAGE_SENDING_TIMEOUT = datetime.timedelta(minutes=10)
    with time_machine.travel(datetime.datetime(2026, 6, 16, 3, 0, tzinfo=datetime.UTC), tick=False) as traveller:
        SlowGateway.traveller, SlowGateway.sent = traveller, []
        first, second, third = three_sms()
        assert deliver_batch() == 3
    assert SlowGateway.sent == [str(first.pk)]  # the second would start 6 minutes after the claim
    states = dict(OutboundMessage.objects.values_list("pk", "state"))
    assert states == {first.pk: MessageState.SENT, second.pk: MessageState.PENDING, third.pk: MessageState.PENDING}
    assert set(OutboundMessage.objects.filter(state=MessageState.PENDING).values_list("attempts", flat=True)) == {0}


def test_the_soft_time_limit_releases_the_rest_and_stops_the_task(settings):
    settings.SMS_BACKEND = f"{__name__}.TimeLimitedGateway"
    TimeLimitedGateway.sent, TimeLimitedGateway.struck = [], False
    first, second, third = three_sms()
    with pytest.raises(SoftTimeLimitExceeded):
        deliver_batch()
    states = dict(OutboundMessage.objects.values_list("pk", "state"))
    assert states == {first.pk: MessageState.SENT, second.pk: MessageState.PENDING, third.pk: MessageState.PENDING}
    assert deliver_batch() == 2  # the next run takes them
    assert TimeLimitedGateway.sent == [str(first.pk), str(second.pk), str(third.pk)]
