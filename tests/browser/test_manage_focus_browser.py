"""The posting form in the browser: after a refused save the keyboard focus is on the error
summary (``autofocus`` on the focusable ``tabindex="-1"`` summary), so a keyboard or screen
reader user starts from the list of what to fix; Tab then reaches its links, and a link puts
the focus on its field. A form shown without errors takes no focus. axe-core checks every
page."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_employer_journey_browser import PASSWORD, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def active_element_id(page) -> str:
    return page.evaluate("() => document.activeElement ? document.activeElement.id : ''")


def test_focus_lands_on_the_error_summary_after_a_refused_save(site, page):
    from tests.factories import EmployerMemberFactory

    member = EmployerMemberFactory(employer__phone="032-453-5000")
    log_in(page, site, member.user.email, PASSWORD)

    page.goto(site + "/manage/postings/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("새 공고 쓰기")
    assert page.evaluate("() => document.activeElement === document.body")  # nothing stolen
    assert_accessible(page)

    page.get_by_label("공고 제목").fill("부품 조립 생산직")
    page.get_by_label("임금 (원)").fill("2,500,000")
    page.get_by_role("button", name="작성 중으로 저장하기").click()  # no wage type, no deadline

    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert active_element_id(page) == "error-summary"
    expect(page.get_by_label("공고 제목")).to_have_value("부품 조립 생산직")  # kept
    assert_accessible(page)

    # Tab goes into the summary's links; a link puts the focus on its field
    page.keyboard.press("Tab")
    first_link = summary.get_by_role("link").first
    expect(first_link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#id_wage_type_0")).to_be_focused()
