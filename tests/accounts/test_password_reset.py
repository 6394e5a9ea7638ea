"""Password reset by email link and by SMS code under /accounts/password-reset/ (issue 4):
Korean pages, the same answer whether or not an address or number is registered, and no
take-over through an unverified identifier."""

import datetime
import re

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import authenticate
from django.core import mail
from django.test import Client, RequestFactory
from django.utils import timezone

from accounts.messaging.delivery import deliver_batch
from accounts.messaging.sms import locmem
from accounts.models import OneTimeCode, User

pytestmark = pytest.mark.django_db
OLD = "old-password-2026!"
NEW = "brand-new-password-77"
PHONE = "+821098765432"


@pytest.fixture
def clock():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 10, 0, tzinfo=datetime.UTC), tick=True) as traveller:
        yield traveller


def make_user(**fields) -> User:
    defaults = {"email": "reset@example.kr", "password": OLD, "email_verified_at": timezone.now(), "name": "이재설"}
    defaults.update(fields)
    return User.objects.create_user(**defaults)


def can_log_in(username: str, password: str) -> bool:
    return authenticate(RequestFactory().post("/accounts/login/"), username=username, password=password) is not None


def reset_link(message) -> str:
    match = re.search(r"http://testserver(/accounts/password-reset/email/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def sms_code(to: str = PHONE) -> str:
    deliver_batch()
    bodies = [m.body for m in locmem.outbox if m.to == to]
    assert bodies
    return re.search(r"\b(\d{6})\b", bodies[-1]).group(1)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def ask_code(client, phone="010-9876-5432"):
    return client.post("/accounts/password-reset/phone/", {"phone": phone}, follow=True)


def send_code_form(client, code, password=NEW, password2=None):
    return client.post(
        "/accounts/password-reset/phone/code/",
        {"code": code, "new_password1": password, "new_password2": password2 or password},
    )


# --- by email -------------------------------------------------------------------------------


def test_reset_by_email_link(client):
    user = make_user()
    page = client.get("/accounts/password-reset/").content.decode()
    assert "비밀번호 찾기" in page and "/accounts/password-reset/phone/" in page
    response = client.post("/accounts/password-reset/", {"email": "RESET@example.kr"})
    assert response.status_code == 302 and response["Location"] == "/accounts/password-reset/sent/"
    sent = client.get(response["Location"]).content.decode()
    assert "가입한 계정이 있으면" in sent and "3일이 지나면" in sent

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["reset@example.kr"] and "비밀번호를 새로 정해 주세요" in message.subject
    assert "이재설님" in message.body and "3일 동안" in message.body

    link = reset_link(message)
    form_page = client.get(link, follow=True)
    assert form_page.redirect_chain[0][0].endswith("/set-password/")
    html = form_page.content.decode()
    assert "새 비밀번호 정하기" in html and 'for="id_new_password1"' in html

    set_url = form_page.redirect_chain[0][0]
    weak = client.post(set_url, {"new_password1": "short1", "new_password2": "short1"}).content.decode()
    assert "너무 짧습니다" in weak
    mismatch = client.post(set_url, {"new_password1": NEW, "new_password2": NEW + "x"}).content.decode()
    assert "두 비밀번호가 서로 다릅니다" in mismatch

    done = client.post(set_url, {"new_password1": NEW, "new_password2": NEW}, follow=True)
    assert done.redirect_chain[-1][0] == "/accounts/password-reset/done/"
    assert "비밀번호를 바꿨습니다" in done.content.decode()
    assert can_log_in("reset@example.kr", NEW) and not can_log_in("reset@example.kr", OLD)

    # the link is used up
    again = Client().get(link, follow=True).content.decode()
    assert "비밀번호 재설정 링크를 쓸 수 없습니다" in again
    assert user.pk


def test_email_reset_gives_the_same_answer_for_unknown_addresses(client):
    make_user()
    known = client.post("/accounts/password-reset/", {"email": "reset@example.kr"}, follow=True)
    unknown = client.post("/accounts/password-reset/", {"email": "nobody@example.kr"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    strip = lambda html: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)  # noqa: E731
    assert strip(known.content.decode()) == strip(unknown.content.decode())
    assert [m.to for m in mail.outbox] == [["reset@example.kr"]]


def test_email_reset_form_errors_are_korean(client):
    html = client.post("/accounts/password-reset/", {"email": "not-an-address"}).content.decode()
    assert "올바른 이메일 주소를 입력해 주세요" in html and 'id="id_email_error"' in html
    html = client.post("/accounts/password-reset/", {"email": ""}).content.decode()
    assert "이메일을 입력해 주세요" in html


def test_an_unverified_email_beside_a_verified_phone_gets_no_link(client):
    make_user(email_verified_at=None, phone=PHONE, phone_verified_at=timezone.now())
    client.post("/accounts/password-reset/", {"email": "reset@example.kr"})
    assert not mail.outbox


def test_a_never_verified_email_account_is_verified_by_the_reset(client):
    user = make_user(email_verified_at=None)
    client.post("/accounts/password-reset/", {"email": "reset@example.kr"})
    form_page = client.get(reset_link(mail.outbox[0]), follow=True)
    client.post(form_page.redirect_chain[0][0], {"new_password1": NEW, "new_password2": NEW})
    user.refresh_from_db()
    assert user.email_verified_at is not None and can_log_in("reset@example.kr", NEW)


def test_inactive_accounts_get_no_link(client):
    make_user(is_active=False)
    client.post("/accounts/password-reset/", {"email": "reset@example.kr"})
    assert not mail.outbox


def test_a_tampered_link_is_refused(client):
    make_user()
    html = client.get("/accounts/password-reset/email/MQ/bad-token/").content.decode()
    assert "비밀번호 재설정 링크를 쓸 수 없습니다" in html
    assert client.get("/accounts/password-reset/email/%ZZ/x/").status_code == 200


# --- by SMS code ----------------------------------------------------------------------------


def test_reset_by_sms_code(client, clock):
    user = make_user(email=None, phone=PHONE, email_verified_at=None, phone_verified_at=timezone.now())
    page = client.get("/accounts/password-reset/phone/").content.decode()
    assert "문자로 비밀번호 찾기" in page
    response = ask_code(client, "010 9876 5432")
    assert response.redirect_chain == [("/accounts/password-reset/phone/code/", 302)]
    assert "가입한 계정이 있으면 인증번호 6자리를 문자로 보냈습니다" in messages_of(response)[0]
    assert "010-9876-5432" in response.content.decode()
    code = sms_code()
    assert "비밀번호 재설정 인증번호" in locmem.outbox[0].body

    wrong = send_code_form(client, f"{(int(code) + 1) % 1_000_000:06d}").content.decode()
    assert "인증번호가 맞지 않거나 더는 쓸 수 없습니다" in wrong and 'id="id_code_error"' in wrong
    mismatch = send_code_form(client, code, NEW, NEW + "x").content.decode()
    assert "두 비밀번호가 서로 다릅니다" in mismatch

    response = send_code_form(client, code)
    assert response.status_code == 302 and response["Location"] == "/accounts/password-reset/done/"
    assert can_log_in("010-9876-5432", NEW) and not can_log_in("010-9876-5432", OLD)
    assert user.pk
    # the code page is done with
    assert client.get("/accounts/password-reset/phone/code/")["Location"] == "/accounts/password-reset/phone/"


def test_a_weak_password_does_not_use_up_the_code(client, clock):
    make_user(email=None, phone=PHONE, email_verified_at=None, phone_verified_at=timezone.now())
    ask_code(client)
    code = sms_code()
    html = send_code_form(client, code, "1234567890").content.decode()
    assert "전부 숫자로 되어 있습니다" in html and 'id="id_new_password1_error"' in html
    assert OneTimeCode.objects.get().used_at is None
    assert send_code_form(client, code).status_code == 302


def test_sms_reset_gives_the_same_answers_for_unknown_numbers(clock):
    make_user(email=None, phone=PHONE, email_verified_at=None, phone_verified_at=timezone.now())
    known, unknown = Client(), Client()
    known_response = ask_code(known, "010-9876-5432")
    unknown_response = ask_code(unknown, "010-1111-0000")
    assert known_response.redirect_chain == unknown_response.redirect_chain
    assert messages_of(known_response) == messages_of(unknown_response)
    deliver_batch()
    assert [m.to for m in locmem.outbox] == [PHONE]
    code = sms_code()
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    known_error = send_code_form(known, wrong).context["form"].errors
    unknown_error = send_code_form(unknown, wrong).context["form"].errors
    assert known_error == unknown_error
    # asking again within a minute: the known number is rate-limited, the answer is the same
    again = ask_code(known, "010-9876-5432")
    assert messages_of(again) == messages_of(unknown_response)
    deliver_batch()
    assert len(locmem.outbox) == 1


def test_an_unverified_phone_beside_a_verified_email_gets_no_code(clock, client):
    make_user(phone=PHONE, phone_verified_at=None)
    ask_code(client)
    deliver_batch()
    assert not locmem.outbox


def test_a_never_verified_phone_account_is_verified_by_the_reset(client, clock):
    user = make_user(email=None, phone=PHONE, email_verified_at=None)
    assert not can_log_in("010-9876-5432", OLD)
    ask_code(client)
    send_code_form(client, sms_code())
    user.refresh_from_db()
    assert user.phone_verified_at is not None and can_log_in("010-9876-5432", NEW)


def test_bad_numbers_get_korean_errors(client):
    html = client.post("/accounts/password-reset/phone/", {"phone": "032-453-5000"}).content.decode()
    assert "유선 전화) 번호는 쓸 수 없습니다" in html and 'id="id_phone_error"' in html
    html = client.post("/accounts/password-reset/phone/", {"phone": ""}).content.decode()
    assert "휴대전화번호를 입력해 주세요" in html


def test_the_code_page_needs_a_number_first(client):
    response = client.get("/accounts/password-reset/phone/code/")
    assert response.status_code == 302 and response["Location"] == "/accounts/password-reset/phone/"


def test_resending_from_the_code_page(client, clock):
    make_user(email=None, phone=PHONE, email_verified_at=None, phone_verified_at=timezone.now())
    ask_code(client)
    clock.shift(datetime.timedelta(seconds=61))
    response = client.post("/accounts/password-reset/phone/code/", {"resend": "1"}, follow=True)
    assert "인증번호 6자리를 문자로 보냈습니다" in messages_of(response)[0]
    deliver_batch()
    assert len(locmem.outbox) == 2


def test_a_reset_lifts_the_login_lock(client, clock):
    make_user(email=None, phone=PHONE, email_verified_at=None, phone_verified_at=timezone.now())
    attacker = Client(REMOTE_ADDR="203.0.113.77")
    for _ in range(5):
        attacker.post("/accounts/login/", {"username": "010-9876-5432", "password": "wrong"})
    assert AccessAttempt.objects.exists()
    ask_code(client)
    send_code_form(client, sms_code())
    assert not AccessAttempt.objects.exists()
    response = attacker.post("/accounts/login/", {"username": "010-9876-5432", "password": NEW})
    assert response.status_code == 302


def test_the_code_is_checked_before_the_password_is_compared_with_the_account(clock):
    """Comparing the new password with the account (similar to its email) before the code
    would tell anyone with a number which account it belongs to: the code comes first."""
    make_user(phone=PHONE, phone_verified_at=timezone.now())
    similar = "reset@example.kr"  # long enough, not common, but too close to the account's email
    known, unknown = Client(), Client()
    ask_code(known, "010-9876-5432")
    ask_code(unknown, "010-1111-0000")
    code = sms_code()
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    known_response = send_code_form(known, wrong, similar)
    unknown_response = send_code_form(unknown, wrong, similar)
    assert known_response.context["form"].errors == unknown_response.context["form"].errors
    assert set(known_response.context["form"].errors) == {"code"}
    assert "너무 비슷합니다" not in known_response.content.decode()
    # after the right code the account's rules apply, and the code is not used up by them
    html = send_code_form(known, code, similar).content.decode()
    assert "비밀번호가 이메일 항목과 너무 비슷합니다" in html and 'id="id_new_password1_error"' in html
    assert OneTimeCode.objects.get(destination=PHONE).used_at is None
    assert send_code_form(known, code).status_code == 302
    assert OneTimeCode.objects.get(destination=PHONE).used_at is not None
    assert can_log_in("010-9876-5432", NEW)


def test_account_independent_password_rules_are_checked_for_any_number(clock):
    make_user(phone=PHONE, phone_verified_at=timezone.now())
    known, unknown = Client(), Client()
    ask_code(known, "010-9876-5432")
    ask_code(unknown, "010-1111-0000")
    known_errors = send_code_form(known, "123456", "short1").context["form"].errors
    unknown_errors = send_code_form(unknown, "123456", "short1").context["form"].errors
    assert known_errors == unknown_errors and set(known_errors) == {"new_password1"}
    assert OneTimeCode.objects.get().attempts == 0  # no try counted for a refused password
