"""Rate limits of the pages that send an email or an SMS (review of issue 4): the counter in
``accounts.ratelimit`` (Redis), the per-IP caps of sign-up, code, reset and resend pages, the
per-address caps of reset and verification links, the daily cap of SMS codes, and the same
answer whether or not an address or number is registered. Also: the sign-up name no longer
travels in the verification email."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from accounts import ratelimit, services
from accounts.messaging.delivery import deliver_batch
from accounts.messaging.sms import locmem
from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
START = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=datetime.UTC)
PHONE = "+821098765432"
PASSWORD = "rate-limit-password-2026"
TOO_MANY = "이 인터넷 주소에서 요청이 너무 많았습니다"


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=True) as traveller:
        yield traveller


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --- the counter ------------------------------------------------------------------------------


def test_hit_allows_up_to_the_limit_per_window(clock):
    assert [ratelimit.hit("test:a", 3, datetime.timedelta(hours=1)) for _ in range(5)] == [
        True,
        True,
        True,
        False,
        False,
    ]
    assert ratelimit.hit("test:b", 3, 3600)  # another key has its own count
    clock.shift(datetime.timedelta(hours=1))
    assert ratelimit.hit("test:a", 3, datetime.timedelta(hours=1))  # a new window


def test_hit_keeps_no_readable_key_and_refuses_a_zero_period(clock):
    ratelimit.hit("verify-resend:address:someone@example.kr", 5, 60)
    window = int(timezone.now().timestamp()) // 60
    assert cache.get(f"{ratelimit.KEY_PREFIX}:verify-resend:address:someone@example.kr:60:{window}") is None
    with pytest.raises(ValueError):
        ratelimit.hit("test:x", 1, 0)


def test_hit_lets_requests_through_when_the_cache_is_down(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(cache, "add", broken)
    assert all(ratelimit.hit("test:down", 1, 60) for _ in range(3))
    assert "cache unavailable" in caplog.text


# --- per IP address ---------------------------------------------------------------------------


def test_the_resend_page_caps_each_ip_and_answers_alike_for_any_address(clock):
    UserFactory(email="waiting@example.kr", email_verified_at=None)
    client = Client(REMOTE_ADDR="203.0.113.9")
    for i in range(ratelimit.IP_VERIFY_RESEND.count):
        response = client.post("/accounts/verify-email/resend/", {"email": f"someone{i}@example.kr"})
        assert response.status_code == 302
    answers = []
    for email in ("waiting@example.kr", "nobody@example.kr"):
        response = client.post("/accounts/verify-email/resend/", {"email": email})
        html = response.content.decode()
        assert response.status_code == 429 and TOO_MANY in html and 'role="alert"' in html
        answers.append(response.context["form"].non_field_errors())
    assert answers[0] == answers[1]
    assert not mail.outbox
    # another address is not held back
    other = Client(REMOTE_ADDR="198.51.100.9")
    assert other.post("/accounts/verify-email/resend/", {"email": "waiting@example.kr"}).status_code == 302
    assert [m.to for m in mail.outbox] == [["waiting@example.kr"]]


def test_the_email_reset_page_caps_each_ip(clock):
    UserFactory(email="reset@example.kr")
    client = Client(REMOTE_ADDR="203.0.113.10")
    for i in range(ratelimit.IP_EMAIL_RESET.count):
        assert client.post("/accounts/password-reset/", {"email": f"x{i}@example.kr"}).status_code == 302
    for email in ("reset@example.kr", "nobody@example.kr"):
        response = client.post("/accounts/password-reset/", {"email": email})
        assert response.status_code == 429 and TOO_MANY in response.content.decode()
    assert not mail.outbox


def test_the_sms_reset_pages_cap_each_ip(clock):
    UserFactory(email=None, phone=PHONE, email_verified_at=None, phone_verified_at=timezone.now())
    client = Client(REMOTE_ADDR="203.0.113.11")
    for i in range(ratelimit.IP_CODE.count):
        response = client.post("/accounts/password-reset/phone/", {"phone": f"010-1111-{i:04d}"})
        assert response.status_code == 302
    for phone in ("010-9876-5432", "010-2222-3333"):
        response = client.post("/accounts/password-reset/phone/", {"phone": phone})
        assert response.status_code == 429 and TOO_MANY in response.content.decode()
    response = client.post("/accounts/password-reset/phone/code/", {"resend": "1"}, follow=True)
    assert "인증번호를 너무 많이 요청했습니다" in messages_of(response)[0]
    deliver_batch()
    assert not locmem.outbox


def test_the_verify_phone_page_caps_each_ip(client, clock, monkeypatch):
    monkeypatch.setattr(ratelimit, "IP_CODE", ratelimit.Limit("code", 1, datetime.timedelta(hours=1)))
    user = UserFactory(phone=PHONE, phone_verified_at=None)
    client.force_login(user)
    response = client.post("/accounts/verify-phone/", {"resend": "1"}, follow=True)
    assert "인증번호를 새로 보냈습니다" in response.content.decode()
    clock.shift(datetime.timedelta(minutes=2))
    response = client.post("/accounts/verify-phone/", {"resend": "1"}, follow=True)
    assert "인증번호를 너무 많이 요청했습니다" in response.content.decode()
    deliver_batch()
    assert len(locmem.outbox) == 1


def test_the_signup_page_caps_each_ip(client, clock, monkeypatch):
    monkeypatch.setattr(ratelimit, "IP_SIGNUP", ratelimit.Limit("signup", 2, datetime.timedelta(hours=1)))
    data = {
        "name": "박구직",
        "birth_year": "1968",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "home_dong": "outside",
        "consent_collection": "on",
    }
    for i in range(2):
        assert client.post("/accounts/signup/", {**data, "email": f"s{i}@example.kr"}).status_code == 302
    response = client.post("/accounts/signup/", {**data, "email": "s3@example.kr"})
    assert response.status_code == 429 and TOO_MANY in response.content.decode()
    assert User.objects.count() == 2 and len(mail.outbox) == 2


# --- per address ------------------------------------------------------------------------------


def test_one_address_gets_at_most_five_verification_links_a_day(clock):
    UserFactory(email="waiting@example.kr", email_verified_at=None)
    answers = set()
    for i in range(services.VERIFY_RESEND_DAILY_LIMIT + 2):
        client = Client(REMOTE_ADDR=f"198.51.100.{i + 1}")  # many addresses: the IP cap is not what stops it
        response = client.post("/accounts/verify-email/resend/", {"email": "waiting@example.kr"}, follow=True)
        answers.add(tuple(messages_of(response)))
    assert len(answers) == 1
    assert len(mail.outbox) == services.VERIFY_RESEND_DAILY_LIMIT
    clock.shift(datetime.timedelta(days=1))
    Client(REMOTE_ADDR="198.51.100.99").post("/accounts/verify-email/resend/", {"email": "waiting@example.kr"})
    assert len(mail.outbox) == services.VERIFY_RESEND_DAILY_LIMIT + 1


def test_one_address_gets_at_most_five_reset_links_a_day(clock):
    UserFactory(email="reset@example.kr")
    chains = set()
    for i in range(services.RESET_EMAIL_DAILY_LIMIT + 2):
        client = Client(REMOTE_ADDR=f"198.51.100.{i + 1}")
        response = client.post("/accounts/password-reset/", {"email": "reset@example.kr"}, follow=True)
        chains.add(tuple(response.redirect_chain))
    assert len(chains) == 1
    assert len(mail.outbox) == services.RESET_EMAIL_DAILY_LIMIT


# --- SMS codes: a daily cap per number --------------------------------------------------------


def test_at_most_ten_codes_a_day_per_number():
    user = UserFactory(phone=PHONE, phone_verified_at=None)
    with time_machine.travel(START, tick=False) as clock:
        for _hour in range(2):
            for _ in range(5):
                services.code_issue(purpose="verify_phone", destination=PHONE, user=user)
                clock.shift(datetime.timedelta(minutes=2))
            clock.shift(datetime.timedelta(hours=1))
        with pytest.raises(Exception) as exc:
            services.code_issue(purpose="verify_phone", destination=PHONE, user=user)
        assert exc.value.code == "too_many_today"
        assert "하루에 10번까지" in exc.value.messages[0] and "22시간 뒤에" in exc.value.messages[0]
        clock.shift(datetime.timedelta(hours=21, minutes=40))  # a day after the first code
        services.code_issue(purpose="verify_phone", destination=PHONE, user=user)


def test_the_sms_reset_answers_alike_when_a_known_number_reached_its_daily_cap(clock):
    user = UserFactory(email=None, phone=PHONE, email_verified_at=None, phone_verified_at=timezone.now())
    for i in range(services.CODE_DAILY_LIMIT):
        services.code_issue(purpose="password_reset", destination=PHONE, user=user)
        clock.shift(datetime.timedelta(minutes=61) if i % 5 == 4 else datetime.timedelta(minutes=2))
    known = Client(REMOTE_ADDR="198.51.100.30").post(
        "/accounts/password-reset/phone/", {"phone": "010-9876-5432"}, follow=True
    )
    unknown = Client(REMOTE_ADDR="198.51.100.31").post(
        "/accounts/password-reset/phone/", {"phone": "010-1212-3434"}, follow=True
    )
    assert known.redirect_chain == unknown.redirect_chain
    assert messages_of(known) == messages_of(unknown)


# --- the verification email carries no typed name ---------------------------------------------


def test_the_verification_email_does_not_carry_the_typed_name(client, clock):
    spam = "무료 상품권 받기 http://spam.example/win"
    client.post(
        "/accounts/signup/",
        {
            "name": spam,
            "birth_year": "1968",
            "email": "stranger@example.kr",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "home_dong": "outside",
            "consent_collection": "on",
        },
    )
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert body.startswith("안녕하세요.") and "spam.example" not in body and "상품권" not in body
    assert "spam.example" not in mail.outbox[0].subject
    # the reset link for an address nobody has verified greets no one by name either
    Client(REMOTE_ADDR="198.51.100.40").post("/accounts/password-reset/", {"email": "stranger@example.kr"})
    assert "spam.example" not in mail.outbox[-1].body and mail.outbox[-1].body.startswith("안녕하세요.")


def test_the_employer_signup_shares_the_ip_cap_of_the_seeker_signup(clock):
    """Second review: /employers/signup/ sent unlimited verification mails and answered
    "이미 가입된 …" without limit."""
    UserFactory(email="taken@example.kr")
    client = Client(REMOTE_ADDR="203.0.113.20")
    data = {
        "password1": "namdong-care-2026!",
        "password2": "namdong-care-2026!",
        "name": "홍길순",
        "phone": "",
        "consent": "on",
    }
    for i in range(ratelimit.IP_SIGNUP.count):
        client.post("/employers/signup/", {**data, "email": f"owner{i}@example.kr"})
    sent = len(mail.outbox)
    for email in ("taken@example.kr", "new@example.kr"):
        response = client.post("/employers/signup/", {**data, "email": email})
        html = response.content.decode()
        assert response.status_code == 429 and TOO_MANY in html and "이미 가입된" not in html
    assert len(mail.outbox) == sent
