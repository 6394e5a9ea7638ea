"""A resident opens the home page, searches, opens a posting and reads its Korean title."""

import datetime

import pytest

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_from_home_and_open_a_posting(site, page):
    from tests.factories import JobPostingFactory

    JobPostingFactory(title="재가 방문 요양보호사 모집", description="어르신 댁을 방문해 돌봄 서비스를 제공합니다.")
    JobPostingFactory(title="남동인더스파크 지게차 운전원", description="물류 창고 상하차")
    JobPostingFactory(title="지난달 경비원 모집", deadline=datetime.date(2026, 1, 10))

    page.goto(site + "/")
    assert page.locator("html").get_attribute("lang") == "ko"
    assert_accessible(page)

    page.get_by_label("어떤 일을 찾으세요?").fill("요양보호사")
    page.keyboard.press("Enter")
    page.wait_for_url("**/jobs/?q=*")
    assert page.get_by_role("heading", name="검색 결과 1건").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="재가 방문 요양보호사 모집").click()
    page.wait_for_url("**/jobs/*/")
    assert page.get_by_role("heading", level=1).inner_text() == "재가 방문 요양보호사 모집"
    assert page.get_by_text("모집 중").first.is_visible()
    assert_accessible(page)


def test_closed_postings_only_under_include_closed(site, page):
    from tests.factories import JobPostingFactory

    JobPostingFactory(title="지난달 경비원 모집", deadline=datetime.date(2026, 1, 10))
    page.goto(site + "/jobs/")
    assert page.get_by_text("조건에 맞는 일자리가 없습니다").is_visible()
    assert_accessible(page)
    page.get_by_label("마감 포함 (마감된 공고도 보기)").check()
    page.get_by_role("button", name="검색").click()
    page.get_by_role("link", name="지난달 경비원 모집").click()
    assert page.get_by_text("지원할 수 없습니다").is_visible()
    assert_accessible(page)


def test_keyboard_user_reaches_main_content_by_skip_link(site, page):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "본문 바로가기"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
