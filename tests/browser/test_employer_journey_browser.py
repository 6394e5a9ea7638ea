"""The employer journey in the browser (issue "Employers and job postings"): a new employer
member signs up, verifies the email, registers a business, writes a posting and asks for
review; district staff verify the employer and approve the posting; an anonymous visitor
finds it by keyword. Everything goes through the real pages with clicks and typing, and
axe-core checks every page visited.

The clock is not pinned: the minimum wage compared is read from the table for today's date."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.helpers import main_menu, new_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"  # the password of UserFactory users
EMPLOYER_EMAIL = "hong@namdong-care.example.kr"
EMPLOYER_PASSWORD = "namdong-care-2026!"
TITLE = "아파트 단지 요양보호사 모집"
DESCRIPTION = "요양보호사를 모집합니다. 어르신의 목욕과 식사를 돕고 말벗이 되어 드립니다."
# a two-syllable word found only in the description (not the title or the employer's name)
DESCRIPTION_WORD = "목욕"
COMPANY = "(주)남동돌봄나눔"


def log_in(page, site, email, password):
    """Log in from the home page's header link (axe on each page on the way)."""
    page.goto(site + "/")
    assert_accessible(page)
    main_menu(page).get_by_role("link", name="로그인").click()
    page.wait_for_url("**/accounts/login/**")
    assert_accessible(page)
    page.get_by_label("이메일 또는 휴대전화번호").fill(email)
    page.get_by_label("비밀번호").fill(password)
    page.get_by_role("button", name="로그인").click()
    expect(page.get_by_text("로그인했습니다.")).to_be_visible()
    assert_accessible(page)


def valid_brn() -> tuple[str, str]:
    """A brn with a right check digit (dashed) and the same number with a wrong one."""
    from employers.brn import brn_check_digit

    first9 = "617811234"
    right = brn_check_digit(first9)
    wrong = str((int(right) + 1) % 10)
    dashed = f"{first9[:3]}-{first9[3:5]}-{first9[5:]}"
    return dashed + right, dashed + wrong


def sign_up_and_verify(site, page):
    from django.core import mail

    page.goto(site + "/")
    assert_accessible(page)
    main_menu(page).get_by_role("link", name="기업 회원가입").click()
    page.wait_for_url("**/employers/signup/")
    expect(page.get_by_role("heading", level=1)).to_have_text("구인기업 회원 가입")
    assert_accessible(page)

    page.get_by_label("이메일", exact=True).fill(EMPLOYER_EMAIL)
    page.get_by_label("비밀번호", exact=True).fill(EMPLOYER_PASSWORD)
    page.get_by_label("비밀번호 확인").fill(EMPLOYER_PASSWORD)
    page.get_by_label("이름", exact=True).fill("홍길순")
    page.get_by_label("휴대전화번호 (선택)").fill("010-2345-6789")
    page.get_by_label("위 내용을 읽었으며, 개인정보 수집·이용에 동의합니다. (필수)").check()
    page.get_by_role("button", name="가입하기").click()
    page.wait_for_url("**/employers/signup/done/")
    expect(page.get_by_role("heading", name="확인 메일을 보냈습니다")).to_be_visible()
    expect(page.get_by_text(EMPLOYER_EMAIL)).to_be_visible()
    assert_accessible(page)

    # the live server runs in this process: its locmem backend put the email in the outbox
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [EMPLOYER_EMAIL]
    match = re.search(r"https?://\S+/accounts/verify-email/[^/\s]+/", message.body)
    assert match, message.body
    link = match.group(0)
    assert link.startswith(site)

    page.goto(link)
    page.wait_for_url("**/employers/register/")
    expect(page.get_by_text("이메일 주소를 확인했습니다. 로그인되었습니다.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("기업(사업자) 등록")
    expect(main_menu(page).get_by_text("홍길순")).to_be_visible()
    assert_accessible(page)


def register_business(page):
    right_brn, wrong_brn = valid_brn()

    page.get_by_label("사업자등록번호").fill(wrong_brn)
    page.get_by_label("기업명 (상호)").fill(COMPANY)
    page.get_by_label("대표자 이름").fill("홍길순")
    page.get_by_label("사업장 주소").fill("인천광역시 남동구 구월로 100")
    page.get_by_label("사업장 행정동").select_option(label="구월1동")
    page.get_by_label("업종").fill("재가 요양 서비스")
    page.get_by_label("상시 근로자 수 (명)").fill("12")
    page.get_by_label("대표 전화번호").fill("032-461-1234")
    page.get_by_label("사회적기업", exact=True).check()
    page.get_by_label("사회적기업 인증·지정 번호", exact=True).fill("2026-071")
    page.get_by_role("button", name="등록하기").click()

    # refused: the Korean message next to the field (and in the summary), nothing typed lost
    brn = page.get_by_label("사업자등록번호")
    error = page.locator(".field", has=brn).locator(".field-error")
    expect(error).to_have_text(re.compile("^사업자등록번호가 올바르지 않습니다"))
    expect(error).to_have_attribute("id", "id_brn_error")
    assert "id_brn_error" in (brn.get_attribute("aria-describedby") or "")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("사업자등록번호: 사업자등록번호가 올바르지 않습니다")
    expect(brn).to_have_value(wrong_brn)
    expect(page.get_by_label("기업명 (상호)")).to_have_value(COMPANY)
    expect(page.get_by_label("대표자 이름")).to_have_value("홍길순")
    expect(page.get_by_label("사업장 주소")).to_have_value("인천광역시 남동구 구월로 100")
    expect(page.get_by_label("사업장 행정동").locator("option:checked")).to_have_text("구월1동")
    expect(page.get_by_label("업종")).to_have_value("재가 요양 서비스")
    expect(page.get_by_label("상시 근로자 수 (명)")).to_have_value("12")
    expect(page.get_by_label("대표 전화번호")).to_have_value("032-461-1234")
    expect(page.get_by_label("사회적기업", exact=True)).to_be_checked()
    expect(page.get_by_label("사회적기업 인증·지정 번호", exact=True)).to_have_value("2026-071")
    assert_accessible(page)

    # the summary's link leads to the field
    summary.get_by_role("link").first.click()
    expect(brn).to_be_focused()
    brn.fill(right_brn)
    page.get_by_role("button", name="등록하기").click()
    # (the form posts to the page's own URL, so the summary link's #id_brn does not follow the redirect)
    page.wait_for_url(re.compile(r".*/employers/\d+/(#.*)?$"))
    expect(page.get_by_text("기업을 등록했습니다.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text(COMPANY)
    expect(page.get_by_role("heading", level=1)).to_contain_text("확인 대기")
    expect(page.get_by_text(right_brn)).to_be_visible()
    expect(page.locator(".cert-list")).to_contain_text("사회적기업")
    assert_accessible(page)


def write_and_submit_posting(page):
    from jobs.models import today_kst
    from namdong_jobs.reference.models import MinimumWage

    minimum = MinimumWage.objects.for_date(today_kst())
    # 월급 2,000,000 is below it (9,569원 an hour) and 2,500,000 above it (11,961원)
    assert 2_000_000 / 209 < minimum.hourly_krw <= 2_500_000 / 209, minimum

    main_menu(page).get_by_role("link", name="공고 관리").click()
    page.wait_for_url("**/manage/")
    expect(page.get_by_role("heading", level=1)).to_have_text("내 공고 관리")
    # the employer is not verified yet, and the dashboard says what that means
    expect(page.get_by_role("note")).to_contain_text("아직 기업 확인 전입니다.")
    expect(page.get_by_text("아직 쓴 공고가 없습니다.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="새 공고 쓰기").click()
    page.wait_for_url("**/manage/postings/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("새 공고 쓰기")
    expect(page.get_by_role("note")).to_contain_text("아직 기업 확인 전입니다.")
    # the help text states the minimum wage in force today
    expect(page.get_by_text(f"{minimum.year}년 최저임금은 시급 {minimum.hourly_krw:,}원입니다.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("공고 제목").fill(TITLE)
    page.get_by_label("직종 (한국고용직업분류)").select_option(label="돌봄 서비스 종사자")
    page.get_by_role("textbox", name=re.compile("^하는 일")).fill(DESCRIPTION)
    page.get_by_label("모집인원 (명)").fill("2")
    page.get_by_label("정규직", exact=True).check()
    page.get_by_label("월급", exact=True).check()
    page.get_by_role("textbox", name=re.compile(r"^임금 \(원\)")).fill("2,000,000")
    page.get_by_label("근무지 행정동").select_option(label="구월1동")
    page.get_by_label("근무지 주소").fill("인천광역시 남동구 구월로 100")
    page.get_by_label("전화", exact=True).check()
    page.get_by_label("방문", exact=True).check()
    page.get_by_label("담당자 이름").fill("홍길순")
    page.get_by_label("문의 전화").fill("032-461-1234")
    page.get_by_label("채용 시까지 (마감일 없음)").check()
    page.get_by_role("button", name="작성 중으로 저장하기").click()

    # refused below the minimum wage, with the figures compared; nothing typed is lost
    page.wait_for_url("**/manage/postings/new/")
    wage = page.get_by_role("textbox", name=re.compile(r"^임금 \(원\)"))
    wage_error = page.locator(".field", has=wage).locator(".field-error")
    expect(wage_error).to_contain_text("월급 2,000,000원은 시간당 9,569원(÷ 209시간)")
    expect(wage_error).to_contain_text(f"{minimum.year}년 최저임금 시간당 {minimum.hourly_krw:,}원보다 적습니다")
    expect(page.get_by_role("alert")).to_contain_text("고쳐야 할 곳이 1군데 있습니다")
    expect(wage).to_have_value("2,000,000")
    expect(page.get_by_label("공고 제목")).to_have_value(TITLE)
    expect(page.get_by_role("textbox", name=re.compile("^하는 일"))).to_have_value(DESCRIPTION)
    expect(page.get_by_label("직종 (한국고용직업분류)").locator("option:checked")).to_have_text("돌봄 서비스 종사자")
    expect(page.get_by_label("월급", exact=True)).to_be_checked()
    expect(page.get_by_label("채용 시까지 (마감일 없음)")).to_be_checked()
    assert_accessible(page)

    page.get_by_role("alert").get_by_role("link").first.click()
    expect(wage).to_be_focused()
    wage.fill("2,500,000")
    page.get_by_role("button", name="작성 중으로 저장하기").click()
    page.wait_for_url(re.compile(r".*/manage/postings/\d+/(#.*)?$"))
    posting_pk = int(re.search(r"/manage/postings/(\d+)/", page.url).group(1))
    expect(page.get_by_text("작성 중으로 저장했습니다.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text("이 기업은 아직 기업 확인 전입니다.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="검토 요청", exact=True).click()
    expect(page.get_by_text("검토를 요청했습니다. 구청 일자리센터가 확인한 뒤 게시됩니다.")).to_be_visible()
    expect(page.locator("#status-title")).to_contain_text("검토 중")
    # the unverified-business notice is still shown while the posting waits
    expect(page.get_by_text("이 기업은 아직 기업 확인 전입니다.")).to_be_visible()
    assert_accessible(page)

    main_menu(page).get_by_role("link", name="공고 관리").click()
    page.wait_for_url("**/manage/")
    group = page.get_by_role("region", name="검토 중")
    expect(group.get_by_role("link", name=TITLE, exact=True)).to_be_visible()
    assert_accessible(page)
    return posting_pk


def staff_verify_and_approve(site, page):
    from namdong_jobs.reference.models import CommunityCentre
    from tests.factories import StaffMembershipFactory

    district = CommunityCentre.objects.get(kind=CommunityCentre.Kind.DISTRICT)
    staff = StaffMembershipFactory(centre=district, user__name="김구청").user

    log_in(page, site, staff.email, PASSWORD)
    main_menu(page).get_by_role("link", name=re.compile(r"^검토")).click()
    page.wait_for_url("**/moderation/")
    expect(page.get_by_role("heading", level=1)).to_have_text("검토 대기 목록")
    postings = page.get_by_role("region", name=re.compile("^검토 요청된 공고"))
    expect(postings.get_by_role("row", name=re.compile(TITLE))).to_contain_text("확인 대기")
    assert_accessible(page)

    page.get_by_role("region", name=re.compile("^확인을 기다리는 기업")).get_by_role("link", name=COMPANY).click()
    page.wait_for_url(re.compile(r".*/moderation/employers/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(COMPANY)
    expect(page.get_by_role("region", name="기업 인증·지정")).to_contain_text("사회적기업")
    expect(page.get_by_role("region", name=re.compile("^검토를 기다리는 공고"))).to_contain_text(TITLE)
    assert_accessible(page)
    page.get_by_role("button", name="기업 확인하기").click()
    page.wait_for_url("**/moderation/")
    expect(page.get_by_role("status")).to_be_visible()
    expect(page.get_by_text("확인을 기다리는 기업이 없습니다.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url(re.compile(r".*/moderation/postings/\d+/$"))
    expect(page.get_by_text("확인이 끝난 기업입니다.")).to_be_visible()
    expect(page.get_by_text("게시에 필요한 항목이 모두 있습니다.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="승인하고 게시하기").click()
    page.wait_for_url("**/moderation/")
    expect(page.get_by_text(f"‘{TITLE}’ 공고를 승인했습니다.")).to_be_visible()
    expect(page.get_by_text("검토할 공고가 없습니다.")).to_be_visible()
    assert_accessible(page)


def find_by_keywords(site, page, posting_pk):
    page.goto(site + "/")
    assert_accessible(page)
    main_menu(page).get_by_role("link", name="일자리 찾기").click()
    page.wait_for_url("**/jobs/")
    assert_accessible(page)

    for keyword in ("요양보호사", DESCRIPTION_WORD):
        page.get_by_label("검색어", exact=True).fill(keyword)
        page.get_by_role("button", name="검색").click()
        page.wait_for_url(re.compile(r".*/jobs/\?.*q="))
        expect(page.get_by_role("heading", name="검색 결과 1건")).to_be_visible()
        expect(page.get_by_role("link", name=TITLE)).to_be_visible()
        expect(page.get_by_label("검색어", exact=True)).to_have_value(keyword)
        assert_accessible(page)

    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url(f"**/jobs/{posting_pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    employer_line = page.locator(".posting-employer")
    expect(employer_line).to_contain_text(COMPANY)
    expect(employer_line.locator(".badge")).to_have_text("사회적기업")
    expect(page.get_by_text("모집 중").first).to_be_visible()
    jsonld = page.locator('script[type="application/ld+json"]')
    expect(jsonld).to_have_count(1)
    data = json.loads(jsonld.text_content())
    assert data["@type"] == "JobPosting"
    assert data["title"] == TITLE
    assert data["hiringOrganization"]["name"] == COMPANY
    assert_accessible(page)


def test_employer_registers_posts_staff_approve_and_visitor_finds_it(site, browser, page):
    from employers.models import Employer
    from jobs.choices import PostingStatus
    from jobs.models import JobPosting

    # 1. sign-up, email verification and business registration
    sign_up_and_verify(site, page)
    register_business(page)
    employer = Employer.objects.get(name=COMPANY)
    assert employer.verification_status == Employer.Verification.PENDING
    assert employer.certifications.get().type == "social"

    # 2. a posting, refused under the minimum wage, fixed, saved and submitted for review
    posting_pk = write_and_submit_posting(page)
    posting = JobPosting.objects.get(pk=posting_pk)
    assert posting.status == PostingStatus.SUBMITTED
    assert posting.employer == employer
    assert posting.wage_min == 2_500_000

    # 3. district staff, in a browser of their own, verify the employer and approve
    staff_page = new_page(browser)
    try:
        staff_verify_and_approve(site, staff_page)
    finally:
        staff_page.context.close()
    employer.refresh_from_db()
    posting.refresh_from_db()
    assert employer.verification_status == Employer.Verification.VERIFIED
    assert posting.status == PostingStatus.PUBLISHED

    # 4. an anonymous visitor finds the posting by keyword
    visitor_page = new_page(browser)
    try:
        find_by_keywords(site, visitor_page, posting_pk)
    finally:
        visitor_page.context.close()


def test_other_employers_draft_is_404_and_moderation_is_403_for_a_seeker(site, page):
    from jobs.choices import PostingStatus
    from tests.factories import EmployerMemberFactory, JobPostingFactory, SeekerProfileFactory

    mine = EmployerMemberFactory()
    theirs = EmployerMemberFactory()
    draft = JobPostingFactory(
        employer=theirs.employer, title="다른 기업의 작성 중 공고", status=PostingStatus.DRAFT, published_at=None
    )
    seeker = SeekerProfileFactory().user

    log_in(page, site, mine.user.email, PASSWORD)
    main_menu(page).get_by_role("link", name="공고 관리").click()
    page.wait_for_url("**/manage/")
    expect(page.get_by_role("link", name="다른 기업의 작성 중 공고")).to_have_count(0)
    assert_accessible(page)

    response = page.goto(f"{site}/manage/postings/{draft.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("페이지를 찾을 수 없습니다")
    expect(page.get_by_text("다른 기업의 작성 중 공고")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("button", name="로그아웃").click()
    expect(page.get_by_text("로그아웃했습니다.")).to_be_visible()
    assert_accessible(page)

    log_in(page, site, seeker.email, PASSWORD)
    expect(main_menu(page).get_by_role("link", name=re.compile(r"^검토"))).to_have_count(0)
    response = page.goto(f"{site}/moderation/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("볼 수 없는 페이지입니다")
    assert_accessible(page)
