"""Data rights (issue 4 item 8), the pages: /accounts/my-data/ (explanation and JSON
download) and /accounts/delete/ (password and tick, logout, confirmation), and who may use
them: anonymous → login, no seeker profile → 403 with an explanation."""

import json

import pytest
from django.contrib.auth import SESSION_KEY

from tests.factories import EmployerMemberFactory, StaffMembershipFactory

from .privacy_people import PASSWORD, make_seeker

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/accounts/my-data/", "/accounts/my-data/download/", "/accounts/delete/"])
def test_anonymous_visitors_are_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")


def test_anonymous_delete_post_erases_nothing(client):
    profile = make_seeker()
    response = client.post("/accounts/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    profile.refresh_from_db()
    assert profile.erased_at is None


@pytest.mark.parametrize("url", ["/accounts/my-data/", "/accounts/my-data/download/", "/accounts/delete/"])
def test_users_without_a_seeker_profile_get_403_with_an_explanation(client, url):
    client.force_login(EmployerMemberFactory().user)
    response = client.get(url)
    assert response.status_code == 403
    assert "구직자 회원만 이용할 수 있습니다" in response.content.decode()
    assert client.post("/accounts/delete/", {"password": PASSWORD, "confirm": "on"}).status_code == 403


def test_my_data_page_explains_and_offers_the_download(client):
    profile = make_seeker()
    client.force_login(profile.user)
    html = client.get("/accounts/my-data/").content.decode()
    assert "가지고 있는 정보" in html and "지원 내역" in html and "관심 공고" in html
    assert 'href="/accounts/my-data/download/"' in html and "내이력서.pdf" in html


def test_download_is_a_json_attachment_of_the_export(client):
    profile = make_seeker()
    client.force_login(profile.user)
    response = client.get("/accounts/my-data/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content.decode("utf-8"))
    assert data["profile"]["name"] == "김보람" and "김보람" in response.content.decode("utf-8")  # not \\u-escaped
    assert data["applications"][0]["posting"]["title"] == "포장원 모집"


def test_delete_page_explains_what_goes_and_what_stays(client):
    profile = make_seeker()
    client.force_login(profile.user)
    html = client.get("/accounts/delete/").content.decode()
    assert "바로 지워지는 정보" in html and "이름 없이 남는 정보" in html and "탈퇴한 구직자" in html
    assert 'autocomplete="current-password"' in html and 'type="checkbox"' in html


def test_delete_page_warns_an_employer_member_that_the_login_goes_too(client):
    profile = make_seeker()
    EmployerMemberFactory(user=profile.user)
    client.force_login(profile.user)
    assert "기업 회원으로도 로그인할 수 없으니" in client.get("/accounts/delete/").content.decode()


def test_wrong_password_erases_nothing_and_says_so(client):
    profile = make_seeker()
    client.force_login(profile.user)
    response = client.post("/accounts/delete/", {"password": "not-my-password", "confirm": "on"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_password_error"' in html and "비밀번호가 맞지 않습니다" in html and "error-summary" in html
    profile.refresh_from_db()
    assert profile.erased_at is None and profile.name == "김보람"
    assert client.session.get(SESSION_KEY) == str(profile.user.pk)


def test_missing_confirmation_erases_nothing(client):
    profile = make_seeker()
    client.force_login(profile.user)
    html = client.post("/accounts/delete/", {"password": PASSWORD}).content.decode()
    assert 'id="id_confirm_error"' in html and "확인했다는 칸에 표시해 주세요" in html
    profile.refresh_from_db()
    assert profile.erased_at is None


def test_delete_erases_logs_out_and_confirms_once(client, django_capture_on_commit_callbacks):
    profile = make_seeker()
    client.force_login(profile.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302 and response["Location"] == "/accounts/deleted/"
    profile.refresh_from_db()
    assert profile.erased_at is not None
    assert SESSION_KEY not in client.session
    page = client.get("/accounts/deleted/")
    assert page.status_code == 200 and "회원 탈퇴가 끝났습니다" in page.content.decode()
    assert client.get("/accounts/deleted/")["Location"] == "/"  # shown once


def test_delete_page_shows_the_staff_refusal(client):
    profile = make_seeker()
    StaffMembershipFactory(user=profile.user)
    client.force_login(profile.user)
    response = client.post("/accounts/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 200 and "센터 직원 계정은 여기서 탈퇴할 수 없습니다" in response.content.decode()
    profile.refresh_from_db()
    assert profile.erased_at is None


def test_an_employer_member_must_tick_that_the_employer_login_goes_too(client, django_capture_on_commit_callbacks):
    profile = make_seeker()
    EmployerMemberFactory(user=profile.user)
    client.force_login(profile.user)
    html = client.get("/accounts/delete/").content.decode()
    assert "기업 회원 로그인도 함께 사라집니다" in html
    assert 'name="confirm_employer"' in html and 'type="checkbox"' in html
    response = client.post("/accounts/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_confirm_employer_error"' in html and "error-summary" in html
    assert "기업 회원 로그인도 함께 사라진다는 것을 확인했다는 칸에 표시해 주세요" in html
    profile.refresh_from_db()
    assert profile.erased_at is None and profile.user.is_active
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/delete/", {"password": PASSWORD, "confirm": "on", "confirm_employer": "on"})
    assert response.status_code == 302 and response["Location"] == "/accounts/deleted/"
    profile.refresh_from_db()
    assert profile.erased_at is not None


def test_a_seeker_only_account_has_no_employer_tick(client):
    profile = make_seeker()
    client.force_login(profile.user)
    html = client.get("/accounts/delete/").content.decode()
    assert "기업 회원 로그인도 함께 사라집니다" not in html and 'name="confirm_employer"' not in html
