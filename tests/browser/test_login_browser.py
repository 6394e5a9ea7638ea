"""Login, logout and error pages in the browser, with axe-core on each page."""

import pytest

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_by_phone_and_logout(site, page):
    from django.utils import timezone

    from accounts.models import User

    User.objects.create_user(
        phone="010-3333-4444", password="long-password-1", name="김남동", phone_verified_at=timezone.now()
    )
    page.goto(site + "/accounts/login/")
    assert_accessible(page)
    page.get_by_role("button", name="로그인").click()
    assert page.get_by_text("이메일 또는 휴대전화번호를 입력해 주세요.").is_visible()
    assert_accessible(page)

    page.get_by_label("이메일 또는 휴대전화번호").fill("010 3333 4444")
    page.get_by_label("비밀번호").fill("long-password-1")
    page.get_by_role("button", name="로그인").click()
    page.wait_for_url(site + "/")
    assert page.get_by_text("로그인했습니다.").is_visible()
    assert page.get_by_text("김남동").is_visible()
    assert_accessible(page)

    page.get_by_role("button", name="로그아웃").click()
    assert page.get_by_text("로그아웃했습니다.").is_visible()


def test_lockout_and_not_found_pages_are_accessible(site, page):
    page.goto(site + "/jobs/987654321/")
    assert page.get_by_role("heading", name="페이지를 찾을 수 없습니다").is_visible()
    assert_accessible(page)
    page.goto(site + "/accounts/login/")
    for _ in range(5):
        page.get_by_label("이메일 또는 휴대전화번호").fill("nobody@example.kr")
        page.get_by_label("비밀번호").fill("wrong-password")
        page.get_by_role("button", name="로그인").click()
        if page.get_by_role("heading", name="잠시 로그인할 수 없습니다").count():
            break
    assert page.get_by_role("heading", name="잠시 로그인할 수 없습니다").is_visible()
    assert_accessible(page)
