"""The manage and moderation pages beyond the happy path, in the browser: district staff reject
a posting (a reason is required), the employer reads the reason, fixes the posting and asks
again; an employer closes a published posting through the confirmation page using the
keyboard only. axe-core checks every page visited."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_employer_journey_browser import PASSWORD, log_in, main_menu, new_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "남동인더스파크 경비원 모집"


def tab_to(page, locator, limit: int = 80) -> None:
    """Press Tab until ``locator`` has the focus (fails if it is not reached in ``limit``
    presses): the element is reachable by keyboard, in the page's order."""
    for _ in range(limit):
        if locator.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"{locator} not reached with Tab")


def make_posting(**kwargs):
    from tests.factories import EmployerMemberFactory, JobPostingFactory

    member = EmployerMemberFactory(employer__name="(주)남동경비")
    posting = JobPostingFactory(
        employer=member.employer,
        title=TITLE,
        description="남동인더스파크 공장 출입을 관리하고 순찰합니다.",
        apply_methods=["phone"],
        contact_phone="032-811-2222",
        **kwargs,
    )
    return member.user, posting


def test_staff_reject_with_reason_then_employer_fixes_and_asks_again(site, browser, page):
    from django.utils import timezone

    from jobs.choices import PostingStatus
    from namdong_jobs.reference.models import CommunityCentre
    from tests.factories import StaffMembershipFactory

    employer_user, posting = make_posting(
        status=PostingStatus.SUBMITTED, submitted_at=timezone.now(), published_at=None
    )
    district = CommunityCentre.objects.get(kind=CommunityCentre.Kind.DISTRICT)
    staff = StaffMembershipFactory(centre=district).user

    staff_page = new_page(browser)
    try:
        log_in(staff_page, site, staff.email, PASSWORD)
        main_menu(staff_page).get_by_role("link", name=re.compile(r"^검토")).click()
        staff_page.wait_for_url("**/moderation/")
        assert_accessible(staff_page)
        staff_page.get_by_role("link", name=TITLE).click()
        staff_page.wait_for_url(f"**/moderation/postings/{posting.pk}/")
        assert_accessible(staff_page)

        # a rejection needs a reason: refused, said at the top and next to the field
        staff_page.get_by_role("button", name="반려하기").click()
        expect(staff_page.get_by_role("alert")).to_contain_text("처리하지 못했습니다. 아무것도 바뀌지 않았습니다.")
        expect(staff_page.locator("#id_reason_error")).to_have_text("반려 사유를 적어 주세요.")
        assert_accessible(staff_page)
        staff_page.get_by_role("alert").get_by_role("link").click()
        reason = staff_page.get_by_label("반려 사유")
        expect(reason).to_be_focused()
        staff_page.keyboard.type("근무 시간(출근·퇴근 시각)을 적어 주세요.")
        staff_page.get_by_role("button", name="반려하기").click()
        staff_page.wait_for_url("**/moderation/")
        expect(staff_page.get_by_text(f"‘{TITLE}’ 공고를 반려했습니다.")).to_be_visible()
        assert_accessible(staff_page)
    finally:
        staff_page.context.close()
    posting.refresh_from_db()
    assert posting.status == PostingStatus.REJECTED

    log_in(page, site, employer_user.email, PASSWORD)
    main_menu(page).get_by_role("link", name="공고 관리").click()
    page.wait_for_url("**/manage/")
    rejected = page.get_by_role("region", name="반려")
    expect(rejected).to_contain_text("반려 사유: 근무 시간(출근·퇴근 시각)을 적어 주세요.")
    assert_accessible(page)

    edit = rejected.get_by_role("link", name=f"고치기 ({TITLE})")
    tab_to(page, edit)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/manage/postings/{posting.pk}/edit/")
    expect(page.get_by_role("note")).to_contain_text("반려 사유: 근무 시간(출근·퇴근 시각)을 적어 주세요.")
    assert_accessible(page)

    # only one of the two times: refused next to the field, the other value kept
    page.get_by_label("출근 시각").fill("09:00")
    page.get_by_label("공고 제목").press("Enter")
    expect(page.locator("#id_end_time_error")).to_have_text("출근 시각과 퇴근 시각을 함께 적어 주세요.")
    expect(page.get_by_label("출근 시각")).to_have_value("09:00")
    assert_accessible(page)
    page.get_by_role("alert").get_by_role("link").click()
    expect(page.get_by_label("퇴근 시각")).to_be_focused()
    page.get_by_label("퇴근 시각").fill("18:00")
    page.get_by_label("공고 제목").press("Enter")  # Enter in a text box submits the form
    page.wait_for_url(re.compile(rf".*/manage/postings/{posting.pk}/(#.*)?$"))
    expect(page.get_by_text("저장했습니다.", exact=True)).to_be_visible()
    expect(page.locator("#status-title")).to_contain_text("반려")
    assert_accessible(page)

    submit = page.get_by_role("button", name="검토 요청", exact=True)
    tab_to(page, submit)
    page.keyboard.press("Enter")
    expect(page.get_by_text("검토를 요청했습니다.")).to_be_visible()
    expect(page.locator("#status-title")).to_contain_text("검토 중")
    assert_accessible(page)
    posting.refresh_from_db()
    assert posting.status == PostingStatus.SUBMITTED
    assert posting.start_time.strftime("%H:%M") == "09:00"
    assert posting.end_time.strftime("%H:%M") == "18:00"


def test_employer_closes_a_published_posting_by_keyboard(site, page):
    from jobs.choices import PostingStatus

    employer_user, posting = make_posting()

    log_in(page, site, employer_user.email, PASSWORD)
    page.goto(site + "/jobs/")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()

    menu_link = main_menu(page).get_by_role("link", name="공고 관리")
    tab_to(page, menu_link)
    page.keyboard.press("Enter")
    page.wait_for_url("**/manage/")
    expect(page.get_by_role("region", name="게시 중")).to_contain_text(TITLE)
    assert_accessible(page)

    close = page.get_by_role("button", name=f"마감하기… ({TITLE})")
    tab_to(page, close)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("이 공고를 마감할까요?")
    expect(page.get_by_text("마감은 되돌릴 수 없습니다.", exact=False)).to_be_visible()
    assert_accessible(page)
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PUBLISHED  # nothing happens before confirming

    confirm = page.get_by_role("button", name="네, 지금 마감합니다")
    tab_to(page, confirm)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/manage/postings/{posting.pk}/")
    expect(page.get_by_text("공고를 마감했습니다.")).to_be_visible()
    expect(page.locator("#status-title")).to_contain_text("마감")
    assert_accessible(page)
    posting.refresh_from_db()
    assert posting.status == PostingStatus.CLOSED

    page.goto(site + "/jobs/")
    expect(page.get_by_role("link", name=TITLE)).to_have_count(0)
    page.goto(site + f"/jobs/{posting.pk}/")
    expect(page.get_by_text("마감된 공고입니다.")).to_be_visible()
    assert_accessible(page)
