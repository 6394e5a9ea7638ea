import datetime

import pytest
from django.test import Client
from django.utils import timezone

from accounts.identifiers import axes_username
from accounts.models import User
from accounts.services import login_attempts_purge

pytestmark = pytest.mark.django_db
PASSWORD = "long-password-1"


@pytest.fixture
def account():
    return User.objects.create_user(
        email="seeker@example.kr",
        phone="010-7777-8888",
        password=PASSWORD,
        email_verified_at=timezone.now(),
        phone_verified_at=timezone.now(),
    )


def test_login_by_phone_with_confirmation_message(client, account):
    response = client.post("/accounts/login/", {"username": "010 7777 8888", "password": PASSWORD}, follow=True)
    assert response.context["user"] == account
    assert "로그인했습니다" in response.content.decode()


def test_login_errors_are_korean_and_tied_to_their_fields(client):
    html = client.post("/accounts/login/", {"username": "", "password": ""}).content.decode()
    assert 'aria-describedby="id_username_error"' in html
    assert 'id="id_username_error"' in html and "이메일 또는 휴대전화번호를 입력해 주세요" in html
    assert 'id="id_password_error"' in html and "비밀번호를 입력해 주세요" in html


def test_five_failures_lock_the_account_for_that_ip(account):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(5):
        response = client.post("/accounts/login/", {"username": "seeker@example.kr", "password": "wrong"})
    assert response.status_code == 429
    # a different spelling of the same account is the same account
    response = client.post("/accounts/login/", {"username": "SEEKER@example.kr", "password": PASSWORD})
    assert response.status_code == 429
    assert "15분 동안 로그인할 수 없습니다" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # another IP is not locked out of the same account
    other = Client(REMOTE_ADDR="198.51.100.9")
    response = other.post("/accounts/login/", {"username": "seeker@example.kr", "password": PASSWORD})
    assert response.status_code == 302


def test_every_identifier_of_an_account_counts_as_that_account(account):
    key = f"account:{account.pk}"
    for spelling in ("010-7777-8888", "01077778888", "SEEKER@example.kr"):
        assert axes_username(None, {"username": spelling}) == key
    assert axes_username(None, {"username": " New@Example.kr"}) == "new@example.kr"
    assert axes_username(None, {"username": "not valid"}) == "not valid"


def test_failures_by_email_and_phone_lock_the_same_account(account):
    client = Client(REMOTE_ADDR="203.0.113.9")
    for username in ("seeker@example.kr", "010-7777-8888", "seeker@example.kr", "01077778888", "010 7777 8888"):
        response = client.post("/accounts/login/", {"username": username, "password": "wrong"})
    assert response.status_code == 429
    response = client.post("/accounts/login/", {"username": "010-7777-8888", "password": PASSWORD})
    assert response.status_code == 429


def test_old_login_attempts_are_purged_after_90_days(account):
    from axes.models import AccessAttempt

    client = Client(REMOTE_ADDR="203.0.113.8")
    client.post("/accounts/login/", {"username": "seeker@example.kr", "password": "wrong"})
    assert AccessAttempt.objects.count() == 1
    assert login_attempts_purge(now=timezone.now() + datetime.timedelta(days=89)) == 0
    assert login_attempts_purge(now=timezone.now() + datetime.timedelta(days=91)) >= 1
    assert AccessAttempt.objects.count() == 0


def test_logout_get_shows_a_button_and_post_confirms(client, account):
    client.force_login(account)
    response = client.get("/accounts/logout/")
    assert response.status_code == 200 and "로그아웃하시겠습니까?" in response.content.decode()
    response = client.post("/accounts/logout/", follow=True)
    assert "로그아웃했습니다" in response.content.decode()
    assert not response.context["user"].is_authenticated


def test_csrf_failure_page_is_korean_and_in_the_site_layout(account):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "seeker@example.kr", "password": PASSWORD})
    assert response.status_code == 403
    html = response.content.decode()
    assert "다시 시도해 주세요" in html and 'lang="ko"' in html and "본문 바로가기" in html


def test_too_many_query_fields_get_a_korean_400(client, settings):
    settings.DEBUG = False
    query = "&".join(f"f{i}=1" for i in range(1100))
    response = client.get("/jobs/?" + query)
    assert response.status_code == 400
    assert "잘못된 요청입니다" in response.content.decode()


def test_admin_login_speaks_plain_korean(client, account):
    response = client.post("/admin/login/", {"username": "seeker@example.kr", "password": PASSWORD})
    html = response.content.decode()
    assert "관리 권한이 있는 직원 계정만" in html
    assert "이메일 와" not in html
