"""The HTTP SMS gateway backend (accounts.messaging.sms.http) against a local fake gateway
that speaks its protocol over a real socket (tests/support/sms_gateway.py), alone and under
the delivery layer's retries."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from accounts.choices import MessageKind, MessageState, NotifyChannel
from accounts.messaging import message_send
from accounts.messaging.delivery import deliver_batch
from accounts.messaging.sms import get_backend
from accounts.messaging.sms.http import SmsBackend, SmsGatewayError
from accounts.models import OutboundMessage
from tests.factories import UserFactory
from tests.support.sms_gateway import HTTP_BACKEND, FakeSmsGateway

PHONE = "+821055558888"
KEY = "gw-secret-key-0123"
SHORT = "[남동구 일자리] 새 일자리가 있습니다."
LONG = "[남동구 일자리] " + "가" * 60


@pytest.fixture
def gateway():
    with FakeSmsGateway(key=KEY) as server:
        yield server


def backend_for(server: FakeSmsGateway, **kwargs) -> SmsBackend:
    options = {"url": server.url, "key": KEY, "sender": "0324535000"} | kwargs
    return SmsBackend(**options)


def assert_no_secret(exc: BaseException) -> None:
    text = str(exc)
    assert KEY not in text
    assert PHONE not in text
    assert "5555" not in text


# --- the backend alone ----------------------------------------------------------------------


def test_a_message_is_accepted_and_its_id_returned(gateway):
    message_id = backend_for(gateway).send(to=PHONE, body=SHORT, idempotency_key="41")
    assert message_id == "gw-1"
    [sms] = gateway.accepted
    assert (sms.to, sms.text, sms.key, sms.sender, sms.kind) == (PHONE, SHORT, "41", "0324535000", "SMS")
    assert gateway.requests == 1


def test_a_long_body_is_declared_an_lms(gateway):
    backend_for(gateway).send(to=PHONE, body=LONG, idempotency_key="42")
    assert gateway.accepted[0].kind == "LMS"
    assert gateway.accepted[0].text == LONG


def test_settings_configure_the_backend(gateway, settings):
    gateway.configure(settings)
    settings.SMS_SENDER = "0324530000"
    backend = get_backend()
    assert isinstance(backend, SmsBackend)
    assert backend.send(to=PHONE, body=SHORT, idempotency_key="43") == "gw-1"
    assert gateway.accepted[0].sender == "0324530000"


def test_a_wrong_key_raises_and_is_not_named(gateway):
    with pytest.raises(SmsGatewayError, match="HTTP 401") as info:
        backend_for(gateway, key="wrong-" + KEY).send(to=PHONE, body=SHORT, idempotency_key="44")
    assert info.value.status == 401
    assert "wrong-" not in str(info.value)
    assert_no_secret(info.value)
    assert gateway.accepted == []


def test_a_server_error_raises():
    with FakeSmsGateway(key=KEY, fail_first=1) as server:
        with pytest.raises(SmsGatewayError, match="HTTP 500") as info:
            backend_for(server).send(to=PHONE, body=SHORT, idempotency_key="45")
        assert_no_secret(info.value)
        assert server.accepted == []
        # the outage is over: the same key goes through once
        assert backend_for(server).send(to=PHONE, body=SHORT, idempotency_key="45") == "gw-1"
        assert len(server.accepted) == 1


@pytest.mark.parametrize("duplicate_status", [200, 409])
def test_a_resend_with_the_same_key_is_accepted_once(duplicate_status):
    """The crash window: the gateway accepted, we died before recording it, and the row is
    sent again with the same key. Both answers carry the first id; one SMS goes out."""
    with FakeSmsGateway(key=KEY, duplicate_status=duplicate_status) as server:
        backend = backend_for(server)
        first = backend.send(to=PHONE, body=SHORT, idempotency_key="46")
        second = backend.send(to=PHONE, body=SHORT, idempotency_key="46")
        assert first == second == "gw-1"
        assert server.requests == 2
        assert [sms.key for sms in server.accepted] == ["46"]


@pytest.mark.parametrize(
    "answer",
    [(200, b"<html>ok</html>"), (200, b"{}"), (200, b'{"message_id": ""}'), (200, b"[1]"), (409, b"conflict")],
    ids=["not-json", "no-id", "empty-id", "not-an-object", "409-without-id"],
)
def test_a_malformed_answer_raises(answer):
    with (
        FakeSmsGateway(key=KEY, answer=answer) as server,
        pytest.raises(SmsGatewayError, match=f"HTTP {answer[0]}") as info,
    ):
        backend_for(server).send(to=PHONE, body=SHORT, idempotency_key="47")
    assert_no_secret(info.value)


def test_a_redirect_is_not_followed():
    """urllib would follow a 302 with a GET that carries the bearer key elsewhere."""
    with FakeSmsGateway(key=KEY, answer=(302, b"")) as server:
        with pytest.raises(SmsGatewayError, match="HTTP 302"):
            backend_for(server).send(to=PHONE, body=SHORT, idempotency_key="48")
        assert server.requests == 1


def test_a_gateway_that_does_not_answer_in_time_raises():
    with (
        FakeSmsGateway(key=KEY, delay=5) as server,
        pytest.raises(SmsGatewayError, match="did not answer") as info,
    ):
        backend_for(server, timeout=0.2).send(to=PHONE, body=SHORT, idempotency_key="49")
    assert_no_secret(info.value)


def test_an_unreachable_gateway_raises():
    server = FakeSmsGateway(key=KEY).start()
    url = server.url
    server.stop()  # nothing listens on that port any more
    with pytest.raises(SmsGatewayError, match="unreachable|connection failed") as info:
        SmsBackend(url=url, key=KEY).send(to=PHONE, body=SHORT, idempotency_key="50")
    assert_no_secret(info.value)


@pytest.mark.parametrize("url", ["", "file:///etc/passwd", "ftp://example.kr/"])
def test_a_missing_or_odd_url_is_a_configuration_error(url):
    with pytest.raises(ImproperlyConfigured):
        SmsBackend(url=url, key=KEY)


# --- under the delivery layer ---------------------------------------------------------------


@pytest.mark.django_db
def test_delivery_retries_until_the_gateway_accepts_once(settings):
    with FakeSmsGateway(key=KEY, fail_first=2) as server:
        server.configure(settings)
        user = UserFactory(phone=PHONE, phone_verified_at=timezone.now())
        message = message_send(
            kind=MessageKind.NOTICE,
            subject="notice:gateway",
            channel=NotifyChannel.SMS,
            title="새 일자리",
            body=SHORT,
            user=user,
        )
        for round_ in (1, 2):
            assert deliver_batch() == 1
            message.refresh_from_db()
            assert message.state == MessageState.PENDING
            assert message.attempts == round_
            assert "HTTP 500" in message.last_error
            assert KEY not in message.last_error and PHONE not in message.last_error
            assert message.send_after > timezone.now()
            assert deliver_batch() == 0  # not due yet
            # the retry time comes
            OutboundMessage.objects.filter(pk=message.pk).update(
                send_after=timezone.now() - datetime.timedelta(seconds=1)
            )
        assert deliver_batch() == 1
        message.refresh_from_db()
        assert message.state == MessageState.SENT
        assert message.attempts == 3
        assert message.provider_id == "gw-1"
        assert message.last_error == ""
        assert server.requests == 3
        assert [(sms.key, sms.to, sms.text) for sms in server.accepted] == [(str(message.pk), PHONE, SHORT)]


@pytest.mark.django_db
def test_delivery_with_a_wrong_key_keeps_the_message_for_later(settings):
    with FakeSmsGateway(key=KEY) as server:
        server.configure(settings)
        settings.SMS_GATEWAY_KEY = "not-the-key"
        user = UserFactory(phone=PHONE, phone_verified_at=timezone.now())
        message = message_send(
            kind=MessageKind.NOTICE, subject="notice:k", channel=NotifyChannel.SMS, title="t", body=SHORT, user=user
        )
        deliver_batch()
        message.refresh_from_db()
        assert message.state == MessageState.PENDING
        assert message.last_error == "SmsGatewayError: SMS gateway answered HTTP 401"
        assert server.accepted == []


def test_the_backend_path_is_the_documented_one():
    from django.utils.module_loading import import_string

    assert import_string(HTTP_BACKEND) is SmsBackend
