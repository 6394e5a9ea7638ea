"""The seeker journey in the browser (issue "Job seekers"): a resident signs up with an email
address and the consents, follows the emailed link, fills the profile, applies to a posting
from its page, and sees the status change on "my page" and in the inbox after the employer
opens the application. Everything goes through the real pages with clicks and typing, and
axe-core checks every page visited (error states included)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.helpers import main_menu, new_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMPLOYER_PASSWORD = "correct-horse-battery"  # the password of UserFactory users
SEEKER_EMAIL = "kim.minji@example.kr"
SEEKER_PASSWORD = "namdong-seeker-2026!"
TITLE = "남동인더스파크 포장 사원 모집"
MESSAGE = "주간 근무를 희망합니다. 바로 출근할 수 있습니다."


def employer_with_posting():
    from jobs.choices import ApplyMethod, EmploymentType, WageType
    from tests.factories import EmployerMemberFactory, JobPostingFactory

    member = EmployerMemberFactory(user__email="owner@packing.example.kr", user__name="박대표")
    posting = JobPostingFactory(
        employer=member.employer,
        title=TITLE,
        employment_type=EmploymentType.PART_TIME,
        wage_type=WageType.HOUR,
        wage_min=11_000,
        wage_max=None,
        apply_methods=[ApplyMethod.ONLINE, ApplyMethod.PHONE],
    )
    return member, posting


def sign_up(site, page):
    """Sign up from the header link, first with a weak password and no required consent."""
    from django.core import mail

    page.goto(site + "/")
    assert_accessible(page)
    main_menu(page).get_by_role("link", name="회원가입", exact=True).click()
    page.wait_for_url("**/accounts/signup/")
    expect(page.get_by_role("heading", level=1)).to_have_text("구직자 회원 가입")
    assert_accessible(page)

    page.get_by_label("이름 (필수)", exact=True).fill("김민지")
    page.get_by_label("출생 연도").fill("1994")
    page.get_by_label("사는 곳 (행정동)").select_option(label="구월1동")
    page.get_by_label("이메일", exact=True).fill(SEEKER_EMAIL)
    page.get_by_label("휴대전화번호").fill("02-123-4567")  # a landline: refused
    page.get_by_label("비밀번호 (필수)", exact=True).fill("1234")
    page.get_by_label("비밀번호 확인").fill("1234")
    page.get_by_role("button", name="가입하기").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("휴대전화")
    expect(summary).to_contain_text("개인정보 수집·이용")
    assert_accessible(page)

    page.get_by_label("휴대전화번호").fill("")
    page.get_by_label("비밀번호 (필수)", exact=True).fill(SEEKER_PASSWORD)
    page.get_by_label("비밀번호 확인").fill(SEEKER_PASSWORD)
    page.get_by_label("개인정보 수집·이용에 동의합니다. (필수)").check()
    page.get_by_label("지원·알선 기업에 개인정보를 제공하는 데 동의합니다. (선택)").check()
    page.get_by_role("button", name="가입하기").click()
    page.wait_for_url("**/accounts/signup/done/**")
    assert_accessible(page)

    (message,) = [m for m in mail.outbox if SEEKER_EMAIL in m.to]
    link = re.search(r"https?://\S+/accounts/verify-email/\S+/", message.body).group(0)
    page.goto(link)
    expect(page.get_by_text("이메일 주소를 확인했습니다.")).to_be_visible()
    assert_accessible(page)


def fill_profile(site, page):
    page.goto(site + "/accounts/profile/edit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("프로필 고치기")
    assert_accessible(page)
    page.locator("summary", has_text="제조 단순직").click()
    page.get_by_label("제조 단순 종사자").check()
    page.get_by_role("group", name="희망 근무 지역 (행정동)").get_by_label("논현고잔동").check()
    page.get_by_role("group", name="희망 고용형태").get_by_label("시간제").check()
    page.get_by_label("희망 최저 임금").fill("10000")  # below the minimum is allowed as a wish
    page.get_by_label("최종 학력").select_option(label="고졸")
    page.get_by_role("group", name="자격·면허").get_by_label("지게차운전기능사").check()
    page.get_by_label("자기소개").fill("물류 창고에서 3년 일했습니다.")
    page.get_by_role("button", name="저장하기").click()
    page.wait_for_url("**/accounts/profile/")
    expect(page.get_by_text("지게차운전기능사").first).to_be_visible()
    assert_accessible(page)


def apply(site, page, posting):
    page.goto(f"{site}/jobs/{posting.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="지원하기").click()
    page.wait_for_url(f"**/jobs/{posting.pk}/apply/")
    expect(page.get_by_role("heading", name="기업에 보내는 내 정보")).to_be_visible()
    expect(page.get_by_text("김민지").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("기업에 전할 말 (선택)").fill(MESSAGE)
    page.get_by_role("button", name="이 내용으로 지원하기").click()
    page.wait_for_url("**/my/**")
    assert_accessible(page)

    # applying twice is refused with a clear message
    page.goto(f"{site}/jobs/{posting.pk}/")
    expect(page.get_by_text("이미 지원함")).to_be_visible()
    page.goto(f"{site}/jobs/{posting.pk}/apply/")
    expect(page.get_by_text("이미 지원한 공고입니다").first).to_be_visible()
    assert_accessible(page)


def employer_opens_the_application(site, browser, member, posting):
    page = new_page(browser)
    page.goto(site + "/accounts/login/")
    page.get_by_label("이메일 또는 휴대전화번호").fill(member.user.email)
    page.get_by_label("비밀번호").fill(EMPLOYER_PASSWORD)
    page.get_by_role("button", name="로그인").click()
    expect(page.get_by_text("로그인했습니다.")).to_be_visible()
    page.goto(f"{site}/manage/postings/{posting.pk}/applicants/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("지원자")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("김민지")).first.click()
    expect(page.get_by_text(MESSAGE)).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("상태:"))).to_contain_text("열람")
    assert_accessible(page)
    page.context.close()


def test_seeker_signs_up_fills_the_profile_applies_and_sees_the_status_change(site, browser):
    from jobs.models import Application

    member, posting = employer_with_posting()
    page = new_page(browser)
    sign_up(site, page)
    fill_profile(site, page)
    apply(site, page, posting)

    page.goto(site + "/my/")
    applications = page.get_by_role("region", name="지원 현황")
    expect(applications).to_contain_text(TITLE)
    expect(applications).to_contain_text("지원 완료")
    assert_accessible(page)

    employer_opens_the_application(site, browser, member, posting)

    page.reload()
    applications = page.get_by_role("region", name="지원 현황")
    expect(applications).to_contain_text("열람")
    assert_accessible(page)
    page.get_by_role("link", name=TITLE).first.click()
    expect(page.get_by_text(MESSAGE)).to_be_visible()
    assert_accessible(page)

    # the change also reached the inbox (on-site channel), shown with the unread count
    expect(main_menu(page).get_by_role("link", name=re.compile("알림함"))).to_contain_text("1")
    main_menu(page).get_by_role("link", name=re.compile("알림함")).click()
    expect(page.get_by_role("main")).to_contain_text(TITLE)
    assert_accessible(page)

    application = Application.objects.get()
    assert application.status == "viewed"
    assert application.profile_snapshot["name"] == "김민지"
    assert list(application.status_changes.values_list("to_status", flat=True)) == ["submitted", "viewed"]
