"""Six-digit one-time codes (accounts.services.codes): stored as a keyed hash, sent through the
message layer, single-use, expiring after 10 minutes, dead after 5 wrong tries, and
rate-limited per destination."""

import datetime
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts import services
from accounts.choices import CodePurpose, MessageKind
from accounts.messaging.delivery import CODE_BODY_REDACTED, deliver_batch
from accounts.messaging.sms import locmem
from accounts.models import OneTimeCode, OutboundMessage
from namdong_jobs.reference.models import CommunityCentre
from tests.factories import SeekerProfileFactory, UserFactory

pytestmark = pytest.mark.django_db
PHONE = "+821055556666"
START = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def user():
    return UserFactory(phone=PHONE, phone_verified_at=None)


def last_code(to: str = PHONE) -> str:
    """Deliver pending messages and read the code from the newest SMS to ``to``."""
    deliver_batch()
    bodies = [m.body for m in locmem.outbox if m.to == to]
    assert bodies, locmem.outbox
    return re.search(r"\b(\d{6})\b", bodies[-1]).group(1)


def issue(user, purpose=CodePurpose.VERIFY_PHONE, destination=PHONE):
    return services.code_issue(purpose=purpose, destination=destination, user=user)


def verify(code, purpose=CodePurpose.VERIFY_PHONE, destination=PHONE):
    return services.code_verify(purpose=purpose, destination=destination, code=code)


def error_of(code, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as exc:
        verify(code, **kwargs)
    return exc.value


def other_code(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_a_code_is_sent_by_sms_and_stored_only_as_a_keyed_hash(clock, user):
    row = issue(user, destination="010-5555-6666")
    assert row.destination == PHONE and row.user == user
    assert row.expires_at == START + datetime.timedelta(minutes=10)
    assert re.fullmatch(r"[0-9a-f]{64}", row.code_hash)
    message = OutboundMessage.objects.get()
    assert message.kind == MessageKind.CODE and message.subject == f"code:{row.pk}"
    assert message.channel == "sms" and message.address == PHONE and message.user == user
    code = last_code()
    assert len(locmem.outbox) == 1
    assert "휴대전화번호 확인 인증번호" in locmem.outbox[0].body and "10분" in locmem.outbox[0].body
    assert code not in row.code_hash
    stored = OneTimeCode.objects.filter(pk=row.pk).values().get()
    assert all(code not in str(value) for value in stored.values())


def test_an_email_destination_gets_the_code_by_email(clock):
    from django.core import mail

    user = UserFactory(email="code@example.kr")
    services.code_issue(purpose=CodePurpose.PASSWORD_RESET, destination="Code@Example.kr", user=user)
    deliver_batch()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["code@example.kr"]
    assert "비밀번호 재설정 인증번호" in mail.outbox[0].subject
    code = re.search(r"\b(\d{6})\b", mail.outbox[0].body).group(1)
    assert verify(code, purpose=CodePurpose.PASSWORD_RESET, destination="code@example.kr").user == user


def test_a_walk_in_profile_can_get_a_code(clock):
    centre = CommunityCentre.objects.get(name="구월1동 행정복지센터")
    profile = SeekerProfileFactory(user=None, registered_centre=centre, phone=PHONE)
    row = services.code_issue(purpose=CodePurpose.CLAIM_PROFILE, destination=PHONE, profile=profile)
    assert OutboundMessage.objects.get().profile == profile
    assert verify(last_code(), purpose=CodePurpose.CLAIM_PROFILE).pk == row.pk


def test_the_right_code_is_used_once(clock, user):
    row = issue(user)
    code = last_code()
    used = verify(f" {code[:3]} {code[3:]} ")  # spaces are forgiven
    assert used.pk == row.pk and used.used_at == START and used.user == user
    error = error_of(code)
    assert error.code == "used" and "이미 사용한 인증번호입니다" in error.messages[0]


def test_a_wrong_code_counts_and_five_wrong_tries_kill_it(clock, user):
    issue(user)
    code = last_code()
    wrong = other_code(code)
    for left in (4, 3, 2, 1):
        error = error_of(wrong)
        assert error.code == "wrong" and "인증번호가 맞지 않습니다" in error.messages[0]
        assert f"남은 기회 {left}번" in error.messages[0]
    error = error_of(wrong)
    assert error.code == "dead" and "5번 틀려서 더는 쓸 수 없습니다" in error.messages[0]
    assert OneTimeCode.objects.get().attempts == 5
    # now even the right code is refused
    error = error_of(code)
    assert error.code == "dead"
    assert OneTimeCode.objects.get().used_at is None


def test_a_wrong_try_is_counted_even_though_an_error_is_raised(clock, user):
    issue(user)
    code = last_code()
    with pytest.raises(ValidationError):
        verify(other_code(code))
    assert OneTimeCode.objects.get().attempts == 1


def test_an_expired_code_is_refused(clock, user):
    issue(user)
    code = last_code()
    clock.shift(datetime.timedelta(minutes=10))
    error = error_of(code)
    assert error.code == "expired" and "유효 시간(10분)이 지났습니다" in error.messages[0]


def test_a_code_works_until_just_before_ten_minutes(clock, user):
    issue(user)
    code = last_code()
    clock.shift(datetime.timedelta(minutes=9, seconds=59))
    assert verify(code).used_at is not None


def test_only_the_newest_code_counts(clock, user):
    issue(user)
    first = last_code()
    clock.shift(datetime.timedelta(seconds=61))
    issue(user)
    second = last_code()
    if first != second:
        assert error_of(first).code == "wrong"
    assert verify(second)


def test_a_code_is_bound_to_its_purpose_and_destination(clock, user):
    issue(user, purpose=CodePurpose.PASSWORD_RESET)
    code = last_code()
    assert error_of(code, purpose=CodePurpose.VERIFY_PHONE).code == "missing"
    assert error_of(code, purpose=CodePurpose.PASSWORD_RESET, destination="010-5555-6667").code == "missing"
    assert error_of(code, purpose=CodePurpose.PASSWORD_RESET, destination="not a number").code == "missing"
    assert verify(code, purpose=CodePurpose.PASSWORD_RESET)


def test_no_code_issued_reads_like_a_wrong_code(clock):
    error = error_of("123456")
    assert error.code == "missing" and "인증번호가 맞지 않습니다" in error.messages[0]


def test_sixty_seconds_between_two_codes(clock, user):
    issue(user)
    clock.shift(datetime.timedelta(seconds=30))
    with pytest.raises(ValidationError) as exc:
        issue(user, purpose=CodePurpose.PASSWORD_RESET)  # any purpose: the destination counts
    assert exc.value.code == "too_soon" and "30초 뒤에 다시 요청해 주세요" in exc.value.messages[0]
    clock.shift(datetime.timedelta(seconds=30))
    issue(user)
    assert OneTimeCode.objects.count() == 2


def test_at_most_five_codes_an_hour_per_destination(clock, user):
    for _ in range(5):
        issue(user)
        deliver_batch()  # each code goes out while it works (an expired code is not sent)
        clock.shift(datetime.timedelta(minutes=2))
    with pytest.raises(ValidationError) as exc:
        issue(user)
    assert exc.value.code == "too_many"
    assert "한 시간에 5번까지" in exc.value.messages[0] and "50분 뒤에" in exc.value.messages[0]
    # another number is not limited
    services.code_issue(purpose=CodePurpose.VERIFY_PHONE, destination="010-5555-7777", user=user)
    # an hour after the first code, one more may go
    clock.shift(datetime.timedelta(minutes=50))
    issue(user)
    deliver_batch()
    assert len([m for m in locmem.outbox if m.to == PHONE]) == 6


def test_a_rolled_back_issue_sends_nothing(clock, user):
    with pytest.raises(RuntimeError), transaction.atomic():
        issue(user)
        raise RuntimeError("the caller fails after issuing")
    assert deliver_batch() == 0 and not locmem.outbox
    assert not OneTimeCode.objects.exists()


def test_bad_arguments(clock, user):
    with pytest.raises(ValidationError):
        issue(user, destination="02-123-4567")
    with pytest.raises(ValueError):
        services.code_issue(purpose=CodePurpose.VERIFY_PHONE, destination=PHONE)
    with pytest.raises(ValueError):
        issue(user, purpose="nonsense")
    assert timezone.now() == START


def test_the_code_text_is_blanked_once_delivered(user):
    """A one-time code is a secret: once the SMS is sent, the message row keeps no copy of it."""
    issue(user)
    row = OutboundMessage.objects.get(kind=MessageKind.CODE)
    code = last_code()
    row.refresh_from_db()
    assert row.state == "sent" and code not in row.body and code not in row.html_body
    assert verify(code).used_at is not None  # the code still works: only its hash counted


# --- code messages: no code kept in a failed row, none sent after the code expired ---------


def test_code_verify_without_consuming_then_consume_once(clock, user):
    row = issue(user)
    code = last_code()
    checked = services.code_verify(purpose=CodePurpose.VERIFY_PHONE, destination=PHONE, code=code, consume=False)
    assert checked.pk == row.pk and OneTimeCode.objects.get().used_at is None
    assert services.code_consume(code=checked) is True
    assert services.code_consume(code=checked) is False  # a second request cannot use it again
    assert error_of(code).code == "used"


def test_a_replaced_or_expired_code_cannot_be_consumed(clock, user):
    issue(user)
    first = services.code_verify(purpose=CodePurpose.VERIFY_PHONE, destination=PHONE, code=last_code(), consume=False)
    clock.shift(datetime.timedelta(seconds=61))
    second_row = issue(user)
    assert services.code_consume(code=first) is False
    second = services.code_verify(purpose=CodePurpose.VERIFY_PHONE, destination=PHONE, code=last_code(), consume=False)
    assert second.pk == second_row.pk
    clock.shift(services.CODE_TTL)
    assert services.code_consume(code=second) is False


def test_a_stuck_code_message_marked_failed_keeps_no_code(clock, user, settings):
    issue(user)
    row = OutboundMessage.objects.get(kind=MessageKind.CODE)
    assert re.search(r"\b\d{6}\b", row.body)
    OutboundMessage.objects.filter(pk=row.pk).update(
        state="sending",
        claimed_at=START - settings.NJ_MESSAGE_SENDING_TIMEOUT * 2,
        attempts=settings.NJ_MESSAGE_MAX_ATTEMPTS,
    )
    deliver_batch()
    row.refresh_from_db()
    assert row.state == "failed" and row.body == CODE_BODY_REDACTED and row.html_body == ""
    assert not re.search(r"\b\d{6}\b", row.body) and not locmem.outbox


def test_a_code_message_is_not_sent_once_the_code_expired(clock, user):
    issue(user)
    clock.shift(services.CODE_TTL)
    deliver_batch()
    row = OutboundMessage.objects.get(kind=MessageKind.CODE)
    assert row.state == "suppressed" and row.body == CODE_BODY_REDACTED
    assert "유효 시간이 지나" in row.last_error and not locmem.outbox


def test_a_stuck_code_message_is_not_retried_after_the_code_expired(clock, user, settings):
    issue(user)
    row = OutboundMessage.objects.get(kind=MessageKind.CODE)
    OutboundMessage.objects.filter(pk=row.pk).update(state="sending", claimed_at=START, attempts=1)
    clock.shift(settings.NJ_MESSAGE_SENDING_TIMEOUT + datetime.timedelta(minutes=1))
    deliver_batch()
    row.refresh_from_db()
    assert row.state == "failed" and row.body == CODE_BODY_REDACTED and not locmem.outbox


def test_a_failed_code_message_is_not_retried_past_the_code_lifetime(clock, user, settings):
    issue(user)
    settings.SMS_BACKEND = "tests.accounts.test_messaging.BrokenSmsBackend"
    clock.shift(datetime.timedelta(minutes=9, seconds=30))  # the next try (1 minute on) would be too late
    deliver_batch()
    row = OutboundMessage.objects.get(kind=MessageKind.CODE)
    assert row.state == "failed" and row.attempts == 1 and row.body == CODE_BODY_REDACTED
    assert "gateway 503" in row.last_error
