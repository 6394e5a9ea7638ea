"""Employer-member sign-up at /employers/signup/ and the email verification link."""

import datetime
import re
import smtplib

import pytest
import time_machine
from django.contrib.auth import authenticate
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import timezone

from accounts import services
from accounts.models import User
from accounts.services import signup as signup_services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "namdong-jobs-2026!"


def signup_data(**overrides):
    data = {
        "email": "Kim.Employer@Example.kr",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "name": "김담당",
        "phone": "010-3333-4444",
        "consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def link_path(message) -> str:
    match = re.search(r"http://testserver(/accounts/verify-email/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def signup(client, path="/employers/signup/", **overrides):
    return client.post(path, signup_data(**overrides))


def test_signup_creates_an_unverified_account_and_sends_one_link(client):
    response = signup(client)
    assert response.status_code == 302 and response["Location"] == "/employers/signup/done/"
    user = User.objects.get(email="kim.employer@example.kr")
    assert user.name == "김담당" and user.phone == "+821033334444"
    assert user.email_verified_at is None and user.phone_verified_at is None
    assert user.check_password(PASSWORD)
    # an unverified account cannot log in, with either identifier
    request = RequestFactory().post("/accounts/login/")
    assert authenticate(request, username="kim.employer@example.kr", password=PASSWORD) is None
    assert authenticate(request, username="010-3333-4444", password=PASSWORD) is None

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kim.employer@example.kr"]
    assert "이메일 주소를 확인해 주세요" in message.subject
    assert "3일 동안" in message.body
    # no greeting by name: the name was typed by whoever signed up, the address is not yet proved
    assert message.body.startswith("안녕하세요.") and "김담당" not in message.body
    link_path(message)

    done = client.get(response["Location"]).content.decode()
    assert "확인 메일을 보냈습니다" in done and "kim.employer@example.kr" in done


def test_the_link_verifies_logs_in_and_leads_to_registration(client):
    signup(client)
    response = client.get(link_path(mail.outbox[0]), follow=True)
    user = User.objects.get(email="kim.employer@example.kr")
    assert user.email_verified_at is not None
    assert response.redirect_chain[0] == ("/employers/register/", 302)
    assert response.context["user"] == user
    assert "이메일 주소를 확인했습니다" in response.content.decode()
    # now the password works at the login page too
    client.logout()
    login = client.post("/accounts/login/", {"username": "KIM.employer@example.kr", "password": PASSWORD})
    assert login.status_code == 302


def test_the_link_keeps_a_safe_next_and_drops_an_unsafe_one(client):
    page = client.get("/employers/signup/?next=/jobs/%3Fq%3D%EC%9A%94%EC%96%91").content.decode()
    assert 'name="next" value="/jobs/?q=요양"' in page  # the hidden field carries it through the form
    signup(client, next="/jobs/?q=요양")
    response = client.get(link_path(mail.outbox[0]))
    assert response.status_code == 302 and response["Location"] == "/jobs/?q=%EC%9A%94%EC%96%91"

    client.logout()
    signup(client, path="/employers/signup/?next=https://evil.example/steal", email="lee@example.kr", phone=None)
    response = client.get(link_path(mail.outbox[1]))
    assert response["Location"] == "/employers/register/"


def test_signup_page_has_the_consent_text_and_requires_it(client):
    html = client.get("/employers/signup/").content.decode()
    for text in (
        "구인 업무 연락",
        "이름, 이메일, 휴대전화번호",
        "회원 탈퇴 시까지",
        "동의하지 않으면 가입할 수 없습니다",
    ):
        assert text in html
    assert "<legend>" in html and 'for="id_consent"' in html

    response = signup(client, consent=None)
    assert response.status_code == 200
    html = response.content.decode()
    assert "개인정보 수집·이용에 동의해야 가입할 수 있습니다" in html and 'role="alert"' in html
    assert not User.objects.exists() and not mail.outbox


def test_a_used_link_does_not_log_in_again(client):
    signup(client)
    path = link_path(mail.outbox[0])
    client.get(path)
    other = client.__class__()
    response = other.get(path)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in other.session


def test_tampered_token_is_a_clear_400(client):
    signup(client)
    path = link_path(mail.outbox[0])
    token = path.split("/")[-2]
    tampered = token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB")
    response = client.get(f"/accounts/verify-email/{tampered}/")
    assert response.status_code == 400
    html = response.content.decode()
    assert "이메일 확인 링크를 쓸 수 없습니다" in html and "/accounts/verify-email/resend/" in html
    assert User.objects.get().email_verified_at is None
    assert "_auth_user_id" not in client.session

    assert client.get("/accounts/verify-email/not-a-token/").status_code == 400


def test_expired_token_is_a_clear_400_with_a_way_to_a_new_link(client):
    signup(client, path="/employers/signup/?next=/jobs/")
    path = link_path(mail.outbox[0])
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3, minutes=1)):
        response = client.get(path)
    assert response.status_code == 400
    html = response.content.decode()
    assert "3일 동안만" in html and "기간이 지났습니다" in html
    assert "/accounts/verify-email/resend/?next=%2Fjobs%2F" in html
    assert User.objects.get().email_verified_at is None

    # just inside the three days it still works
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2, hours=23)):
        assert client.get(path)["Location"] == "/jobs/"


def test_changing_the_email_invalidates_the_link(client):
    signup(client)
    path = link_path(mail.outbox[0])
    User.objects.update(email="new-address@example.kr")
    assert client.get(path).status_code == 400
    assert User.objects.get().email_verified_at is None


def test_duplicate_email_is_a_clear_form_error(client):
    UserFactory(email="kim.employer@example.kr")
    response = signup(client)
    assert response.status_code == 200
    html = response.content.decode()
    assert "이미 가입된 이메일입니다" in html and 'id="id_email_error"' in html
    assert User.objects.count() == 1 and not mail.outbox


def test_duplicate_phone_is_a_clear_form_error(client):
    UserFactory(phone="+821033334444")
    response = signup(client)
    assert response.status_code == 200
    assert "이미 가입된 휴대전화번호입니다" in response.content.decode()
    assert User.objects.count() == 1


def test_password_rules_speak_korean(client):
    html = signup(client, password1="short1", password2="short1").content.decode()
    assert "너무 짧습니다" in html
    html = signup(client, password2="something-else-2026").content.decode()
    assert "두 비밀번호가 서로 다릅니다" in html
    html = signup(client, phone="02-123-4567").content.decode()
    assert "휴대전화번호" in html and 'id="id_phone_error"' in html
    assert not User.objects.exists()


def test_account_create_turns_a_lost_race_into_a_validation_error(monkeypatch):
    UserFactory(email="race@example.kr")
    # the other sign-up commits between our checks and our insert
    real_check, calls = services._unique_error, []

    def check_before_the_other_commit(field, value):
        calls.append(field)
        return None if len(calls) <= 2 else real_check(field, value)  # the first two are the pre-checks

    monkeypatch.setattr(signup_services, "_unique_error", check_before_the_other_commit)
    monkeypatch.setattr(User, "validate_unique", lambda self, exclude=None: None)
    with pytest.raises(ValidationError) as exc:
        services.account_create(email="race@example.kr", password=PASSWORD, name="경쟁")
    assert "이미 가입된 이메일입니다" in exc.value.message_dict["email"][0]
    assert User.objects.filter(email="race@example.kr").count() == 1


def test_resend_does_not_reveal_whether_an_email_is_registered(client):
    UserFactory(email="waiting@example.kr", email_verified_at=None)
    UserFactory(email="done@example.kr")
    answers = []
    for email in ("waiting@example.kr", "nobody@example.kr", "done@example.kr"):
        response = client.post("/accounts/verify-email/resend/", {"email": email}, follow=True)
        assert response.status_code == 200
        answers.append([str(m) for m in response.context["messages"]])
    assert answers[0] == answers[1] == answers[2] and "새 확인 메일을 보냈습니다" in answers[0][0]
    assert [m.to for m in mail.outbox] == [["waiting@example.kr"]]
    # the new link works: this browser did not sign up, so the mailbox's owner sets a new
    # password, and that verifies the address (review: pre-hijacking)
    response = client.get(link_path(mail.outbox[0]))
    assert response.status_code == 302 and "/accounts/password-reset/email/" in response["Location"]
    assert User.objects.get(email="waiting@example.kr").email_verified_at is None
    form_url = client.get(response["Location"])["Location"]
    client.post(form_url, {"new_password1": "waiting-owner-2026!", "new_password2": "waiting-owner-2026!"})
    assert User.objects.get(email="waiting@example.kr").email_verified_at is not None


def test_resend_keeps_next_from_an_expired_link(client):
    signup(client, path="/employers/signup/?next=/jobs/")
    client.post("/accounts/verify-email/resend/?next=/jobs/", {"email": "kim.employer@example.kr", "next": "/jobs/"})
    assert len(mail.outbox) == 2
    assert client.get(link_path(mail.outbox[1]))["Location"] == "/jobs/"


def test_signed_in_users_are_sent_on_from_signup(client):
    client.force_login(UserFactory())
    response = client.get("/employers/signup/")
    assert response.status_code == 302 and response["Location"] == "/employers/"


def test_a_head_request_does_not_use_up_the_link(client):
    signup(client)
    path = link_path(mail.outbox[0])
    assert client.head(path).status_code == 405
    assert User.objects.get().email_verified_at is None


def test_a_mail_failure_keeps_the_account_and_points_to_resend(client, monkeypatch):
    def broken_send_mail(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr(signup_services, "send_mail", broken_send_mail)
    response = client.post("/employers/signup/", signup_data(), follow=True)
    assert response.redirect_chain == [("/employers/signup/done/", 302)]
    assert "확인 메일을 보내지 못했습니다" in response.content.decode()
    assert User.objects.get().email_verified_at is None


def test_the_employer_signup_says_what_is_wrong_with_a_number(client):
    """The employer sign-up uses the seeker sign-up's number rule (one function,
    ``accounts.identifiers.mobile_number_clean``): a landline is named as such."""
    html = signup(client, phone="02-123-4567").content.decode()
    assert "유선 전화" in html
    html = signup(client, phone="070-1234-5678").content.decode()
    assert "인터넷 전화" in html
    assert not User.objects.exists()
