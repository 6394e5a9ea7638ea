"""A resident searches /jobs/ with a keyword and a filter by keyboard, sees a notice for a bad
value, widens an empty search, opens a posting and its printable sheet; axe-core checks every
page visited."""

import pytest

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def make_postings():
    from namdong_jobs.reference.models import Dong
    from tests.factories import JobPostingFactory

    guwol = Dong.objects.get(name="구월1동")
    care = JobPostingFactory(
        title="재가 방문 요양보호사",
        description="어르신 댁을 방문해 돌봄 서비스를 제공합니다.",
        dong=guwol,
        employment_type="part_time",
        wage_type="HOUR",
        wage_min=11_000,
        wage_max=None,
        priority_groups=["older", "career_break"],
        apply_methods=["online", "phone"],
        contact_phone="032-453-1234",
        contact_name="김담당",
    )
    JobPostingFactory(title="요양원 조리원", description="요양원 식사 준비", employment_type="regular")
    JobPostingFactory(title="남동인더스파크 지게차 운전원", description="물류 창고 상하차")
    return care


def test_search_with_keyword_and_filter_then_detail_and_print(site, page):
    care = make_postings()

    page.goto(site + "/jobs/")
    assert page.get_by_role("heading", name="검색 결과 3건").is_visible()
    assert_accessible(page)

    page.get_by_label("검색어", exact=True).fill("요양")
    page.get_by_text("직종·고용형태·임금 등 조건 더 고르기").click()
    part_time = page.get_by_label("시간제", exact=True)
    part_time.focus()
    page.keyboard.press("Space")
    assert part_time.is_checked()
    page.get_by_role("button", name="검색").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/jobs/?*employment_type=part_time*")
    assert "q=%EC%9A%94%EC%96%91" in page.url
    assert page.get_by_role("heading", name="검색 결과 1건").is_visible()
    assert page.get_by_role("link", name="재가 방문 요양보호사").is_visible()
    # the state survives in the form
    assert page.get_by_label("검색어", exact=True).input_value() == "요양"
    assert page.get_by_label("시간제", exact=True).is_checked()
    assert_accessible(page)

    page.get_by_role("link", name="재가 방문 요양보호사").click()
    page.wait_for_url(f"**/jobs/{care.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "재가 방문 요양보호사"
    assert page.get_by_text(f"공고번호 {care.pk}").is_visible()
    assert page.get_by_text("이 사이트에서 온라인으로 지원할 수 있습니다 (로그인 필요)").is_visible()
    assert page.get_by_role("link", name="032-453-1234").first.get_attribute("href") == "tel:032-453-1234"
    assert page.locator('script[type="application/ld+json"]').count() == 1
    assert_accessible(page)

    page.get_by_role("link", name="게시판용으로 크게 인쇄하기").click()
    page.wait_for_url(f"**/jobs/{care.pk}/print/")
    assert page.get_by_role("heading", level=1).inner_text() == "재가 방문 요양보호사"
    print_button = page.get_by_role("button", name="인쇄하기")
    assert print_button.is_visible()
    assert page.get_by_text("032-453-1234").is_visible()
    assert_accessible(page)
    page.emulate_media(media="print")
    assert not print_button.is_visible()
    assert page.get_by_role("heading", level=1).is_visible()


def test_bad_value_notice_and_widening_an_empty_search(site, page):
    make_postings()

    page.goto(site + "/jobs/?q=요양&wage=abc&dong=9999999999&employment_type=intern")
    notice = page.get_by_role("status")
    assert "'최소 시급' 값이 숫자가 아니어서 무시했습니다." in notice.inner_text()
    assert "알 수 없는 행정동 코드는 빼고 검색했습니다." in notice.inner_text()
    assert page.get_by_text("조건에 맞는 일자리가 없습니다.").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="고용형태: 인턴 조건 빼기").click()
    page.wait_for_url("**/jobs/?q=*")
    assert "employment_type" not in page.url and "wage" not in page.url
    assert page.get_by_role("heading", name="검색 결과 2건").is_visible()
    assert page.get_by_role("status").count() == 0
    assert_accessible(page)
