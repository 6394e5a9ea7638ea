"""The desk in the browser (issue 5 review): after the duplicate warning on /desk/residents/new/
the keyboard focus is on the warning (as on an error summary), so Tab goes on to its links;
and a walk-in resident's personal data is erased at their request from the record's
"개인정보 삭제 (주민 요청)" button: the confirmation refused without the tick (focus on the
error summary), then done, back on the desk home. axe-core checks every page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_desk_browser import CENTRE, FORM_VERSION, PASSWORD, STAFF_EMAIL

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in_at_the_desk(page, site):
    page.goto(site + "/accounts/login/")
    page.get_by_label("이메일 또는 휴대전화번호").fill(STAFF_EMAIL)
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    expect(page.get_by_text("로그인했습니다.")).to_be_visible()


def staff_and_a_walk_in():
    from accounts.models import SeekerProfile
    from jobs.models import today_kst
    from tests.factories import StaffMembershipFactory

    staff = StaffMembershipFactory(user__name="김상담", user__email=STAFF_EMAIL).user
    assert staff.staff_centre.name == CENTRE
    resident = SeekerProfile.objects.create(
        name="윤정희", birth_year=1958, phone="+821077778888", registered_centre=staff.staff_centre
    )
    return staff, resident, today_kst()


def test_the_duplicate_warning_takes_the_focus(site, page):
    _, resident, today = staff_and_a_walk_in()
    log_in_at_the_desk(page, site)
    page.goto(site + "/desk/residents/new/")
    page.get_by_label(re.compile("^이름")).fill("윤정수")
    page.get_by_label(re.compile("^출생 연도")).fill("1961")
    page.get_by_label(re.compile("^휴대전화번호")).fill("010-7777-8888")
    consents = page.get_by_role("group", name=re.compile("^서면 동의서에서 동의한 항목"))
    consents.get_by_label("개인정보 수집·이용 동의 (필수)").check()
    page.get_by_label(re.compile("^동의서 판")).fill(FORM_VERSION)
    page.get_by_label(re.compile("^서명한 날짜")).fill(today.isoformat())
    page.get_by_role("button", name="등록하기").click()

    warning = page.locator("#duplicates")
    expect(warning).to_be_visible()
    expect(warning).to_be_focused()
    assert_accessible(page)
    page.keyboard.press("Tab")  # on to the warning's link to the record
    expect(warning.get_by_role("link").first).to_be_focused()
    expect(warning.get_by_role("link").first).to_have_attribute("href", f"/desk/residents/{resident.pk}/")


def test_a_walk_in_residents_data_is_erased_at_their_request(site, page):
    from accounts.models import AccessLogEntry, SeekerProfile

    staff, resident, _ = staff_and_a_walk_in()
    log_in_at_the_desk(page, site)
    page.goto(site + f"/desk/residents/{resident.pk}/")
    page.get_by_role("link", name="개인정보 삭제 (주민 요청)").click()
    page.wait_for_url(f"**/desk/residents/{resident.pk}/erase/")
    expect(page.get_by_role("heading", level=1)).to_have_text("윤정희 님 개인정보 삭제 (주민 요청)")
    assert_accessible(page)

    page.get_by_role("group", name=re.compile("^주민이 삭제를 요청한 방법")).get_by_label("전화").check()
    page.get_by_role("button", name="개인정보 지우기").click()  # no tick
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("확인했다는 칸에 표시해 주세요")
    assert_accessible(page)
    assert SeekerProfile.objects.get(pk=resident.pk).erased_at is None

    page.get_by_label(re.compile("^주민 본인의 요청임을 확인했고")).check()
    page.get_by_role("button", name="개인정보 지우기").click()
    page.wait_for_url(re.compile(r".*/desk/$"))
    expect(page.get_by_text(f"주민 기록 {resident.pk}번의 개인정보를 지웠습니다.")).to_be_visible()
    assert_accessible(page)

    erased = SeekerProfile.objects.get(pk=resident.pk)
    assert erased.erased_at is not None and erased.name == "" and erased.phone == ""
    assert AccessLogEntry.objects.filter(staff=staff, person=erased, action="edit", detail="erase:phone").count() == 1
