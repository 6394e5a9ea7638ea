"""The community-centre desk in the browser (issue 5): a staff member of 구월1동 행정복지센터
logs in, registers a walk-in resident with a signed paper consent, finds a posting that fits
on the resident's record, prints the large-type job sheet and refers the resident with an
accompanied interview (동행면접); the employer sees the application marked as the centre's
referral; staff find the resident again (masked phone in the list), record the outcome
"hired", and, the posting's one opening now filled, the referral page says the employer will
be offered to mark it filled while the employer's applicant page offers the button. Everything
goes through the real pages with clicks and typing, and axe-core checks every page visited.

Afterwards the database is checked: the application (channel ``referral``), the referral
(method, centre, staff, interview date, outcome), the paper consents (taken by the staff
member) and the access-log rows of every view, search, edit and print.

The clock is not pinned: dates are today's (KST)."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.helpers import main_menu, new_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"  # the password of UserFactory users
CENTRE = "구월1동 행정복지센터"
STAFF_NAME = "김상담"
STAFF_EMAIL = "counsellor@guwol1.example.kr"
EMPLOYER_EMAIL = "hr@guwol-logistics.example.kr"
COMPANY = "(주)구월물류"
TITLE = "구월동 물류센터 포장 단순직 (주간)"
RESIDENT = "박순자"
BIRTH_YEAR = "1962"
PHONE = "010-4567-8901"
MASKED_PHONE = "010-****-8901"
FORM_VERSION = "2026-11-v1"
INTERVIEW_TIME = "14:00"


def desk_menu(page):
    return page.get_by_role("navigation", name="센터 업무 메뉴")


def log_in(page, site, email):
    """Log in through the header link and the login form (axe on each page on the way)."""
    page.goto(site + "/")
    assert_accessible(page)
    main_menu(page).get_by_role("link", name="로그인").click()
    page.wait_for_url("**/accounts/login/**")
    assert_accessible(page)
    page.get_by_label("이메일 또는 휴대전화번호").fill(email)
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    expect(page.get_by_text("로그인했습니다.")).to_be_visible()
    assert_accessible(page)


def log_out(page):
    main_menu(page).get_by_role("button", name="로그아웃").click()
    expect(page.get_by_text("로그아웃했습니다.")).to_be_visible()
    assert_accessible(page)


def open_desk_home(page):
    main_menu(page).get_by_role("link", name="센터 업무").click()
    page.wait_for_url(re.compile(r".*/desk/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("오늘 할 일")
    expect(page.get_by_text(CENTRE).first).to_be_visible()
    assert_accessible(page)


def register_resident(page, today: datetime.date) -> int:
    """Fill in the walk-in registration form (refused once without the collection consent)
    and land on the new record; returns its id."""
    from accounts.models import SeekerProfile

    desk_menu(page).get_by_role("link", name="방문 주민 등록").click()
    page.wait_for_url("**/desk/residents/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("방문 주민 등록")
    assert_accessible(page)

    page.get_by_label(re.compile("^이름")).fill(RESIDENT)
    page.get_by_label(re.compile("^출생 연도")).fill(BIRTH_YEAR)
    page.get_by_label(re.compile("^휴대전화번호")).fill(PHONE)
    # the home dong starts at the centre's own dong
    expect(page.get_by_label(re.compile(r"^사는 곳")).locator("option:checked")).to_have_text("구월1동")

    occupations = page.get_by_role("group", name=re.compile("^희망 직종"))
    occupations.locator("summary", has_text="제조 단순직").click()
    occupations.get_by_label("제조 단순 종사자").check()
    page.get_by_role("group", name=re.compile("^희망 고용형태")).get_by_label("정규직").check()
    page.get_by_role("textbox", name=re.compile("^희망 최저 임금")).fill("11,000")
    page.get_by_role("group", name=re.compile("^임금 단위")).get_by_label("시급").check()
    page.get_by_role("group", name=re.compile("^희망 근무 시간대")).get_by_label("주간").check()

    consents = page.get_by_role("group", name=re.compile("^서면 동의서에서 동의한 항목"))
    consents.get_by_label("지원·알선 기업에 개인정보 제공 동의 (선택)").check()
    page.get_by_label(re.compile("^동의서 판")).fill(FORM_VERSION)
    page.get_by_label(re.compile("^서명한 날짜")).fill(today.isoformat())
    page.get_by_role("button", name="등록하기").click()

    # refused without the collection consent: the Korean message, nothing typed lost
    page.wait_for_url("**/desk/residents/new/")
    message = "개인정보 수집·이용 동의(필수)에 서명한 경우에만 등록할 수 있습니다."
    expect(page.get_by_role("alert")).to_contain_text(message)
    consents = page.get_by_role("group", name=re.compile("^서면 동의서에서 동의한 항목"))
    expect(consents.locator(".field-error")).to_have_text(message)
    expect(page.get_by_label(re.compile("^이름"))).to_have_value(RESIDENT)
    expect(page.get_by_label(re.compile("^휴대전화번호"))).to_have_value(PHONE)
    expect(page.get_by_label("제조 단순 종사자")).to_be_checked()
    expect(page.get_by_role("textbox", name=re.compile("^희망 최저 임금"))).to_have_value("11,000")
    expect(consents.get_by_label("지원·알선 기업에 개인정보 제공 동의 (선택)")).to_be_checked()
    expect(page.get_by_label(re.compile("^동의서 판"))).to_have_value(FORM_VERSION)
    expect(page.get_by_label(re.compile("^서명한 날짜"))).to_have_value(today.isoformat())
    assert_accessible(page)
    assert not SeekerProfile.objects.exists()

    consents.get_by_label("개인정보 수집·이용 동의 (필수)").check()
    expect(consents.get_by_label("민감정보 처리 동의 (선택)")).not_to_be_checked()
    page.get_by_role("button", name="등록하기").click()

    page.wait_for_url(re.compile(r".*/desk/residents/\d+/$"))
    resident_pk = int(re.search(r"/desk/residents/(\d+)/$", page.url).group(1))
    expect(page.get_by_text(f"{RESIDENT} 님을 등록했습니다. 서면 동의를 기록했습니다.")).to_be_visible()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text(RESIDENT)
    expect(heading).to_contain_text(f"{BIRTH_YEAR}년생")
    # the record shows the full number (the lists mask it)
    expect(page.get_by_role("link", name=PHONE)).to_be_visible()
    expect(page.get_by_text(f"{CENTRE} (등록한 직원: ")).to_be_visible()

    consents_table = page.get_by_role("region", name="개인정보 동의").get_by_role("table")
    for purpose in ("개인정보 수집·이용 (필수)", "지원·알선 기업에 개인정보 제공 (선택)"):
        row = consents_table.get_by_role("row", name=re.compile("^" + re.escape(purpose)))
        expect(row).to_contain_text("서면")
        expect(row).to_contain_text(STAFF_NAME)
        expect(row).to_contain_text(FORM_VERSION)
        expect(row).to_contain_text(today.isoformat())
    expect(consents_table.get_by_role("row")).to_have_count(3)  # the header and two consents
    expect(page.get_by_text("기업 제공 동의가 없어 알선할 수 없습니다.", exact=False)).to_have_count(0)
    assert_accessible(page)
    return resident_pk


def print_job_sheet(page, resident_pk: int):
    page.get_by_role("link", name="맞춤 일자리 안내문 인쇄").click()
    page.wait_for_url(f"**/desk/residents/{resident_pk}/print/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{RESIDENT} 님께 맞는 일자리")
    expect(page.get_by_role("heading", level=2, name=TITLE)).to_be_visible()
    expect(page.get_by_text(COMPANY)).to_be_visible()
    expect(page.get_by_text(CENTRE)).to_be_visible()
    expect(page.get_by_role("button", name="인쇄하기")).to_be_visible()
    # the sheet handed over carries no personal data but the name
    assert PHONE not in page.content()
    assert_accessible(page)
    page.get_by_role("link", name="← 주민 기록으로 돌아가기").click()
    page.wait_for_url(f"**/desk/residents/{resident_pk}/")
    assert_accessible(page)


def refer_from_fitting_list(page, resident_pk: int, posting_pk: int, interview_day: datetime.date) -> int:
    """Try a wrong posting number first (the number form says so), then refer from the
    "postings that fit" list with 동행면접 and an interview date; returns the referral id."""
    fitting = page.get_by_role("region", name=re.compile("^지금 맞는 일자리"))
    expect(fitting.get_by_role("heading", level=3, name=TITLE)).to_be_visible()
    expect(fitting).to_contain_text("희망 직종 일치")

    referrals = page.get_by_role("region", name="지원·알선")
    expect(referrals.get_by_text("아직 지원하거나 알선한 공고가 없습니다.")).to_be_visible()
    by_number = referrals.get_by_role("form", name="공고 번호로 알선하기")
    by_number.get_by_role("textbox", name="공고 번호").fill(str(posting_pk + 1000))
    by_number.get_by_role("button", name="알선 화면으로").click()
    page.wait_for_url(re.compile(rf".*/desk/residents/{resident_pk}/refer/\?posting=\d+$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("공고 번호로 알선")
    expect(page.get_by_role("alert")).to_contain_text(f"{posting_pk + 1000}번 공고를 찾을 수 없습니다.")
    assert_accessible(page)
    page.get_by_role("link", name="← 주민 기록으로 돌아가기").click()
    page.wait_for_url(f"**/desk/residents/{resident_pk}/")
    assert_accessible(page)

    fitting = page.get_by_role("region", name=re.compile("^지금 맞는 일자리"))
    fitting.get_by_role("link", name=re.compile(rf"^알선하기\s*:\s*{re.escape(TITLE)}$")).click()
    page.wait_for_url(f"**/desk/residents/{resident_pk}/refer/{posting_pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"취업알선: {TITLE}")
    who = page.get_by_role("region", name="알선할 주민")
    expect(who).to_contain_text(RESIDENT)
    expect(who).to_contain_text(MASKED_PHONE)
    assert PHONE not in page.content()
    expect(page.get_by_role("region", name="알선할 공고")).to_contain_text(COMPANY)
    assert_accessible(page)

    page.get_by_role("group", name=re.compile("^알선 방법")).get_by_label("동행면접").check()
    page.get_by_label(re.compile(r"^면접 날짜")).fill(interview_day.isoformat())
    page.get_by_label(re.compile(r"^면접 시각")).fill(INTERVIEW_TIME)
    page.get_by_role("button", name="이 공고에 알선하기").click()

    page.wait_for_url(re.compile(r".*/desk/referrals/\d+/$"))
    referral_pk = int(re.search(r"/desk/referrals/(\d+)/$", page.url).group(1))
    expect(page.get_by_text(f"{RESIDENT} 님을 '{TITLE}' 공고에 알선했습니다.", exact=False)).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"알선 기록: {RESIDENT} → {TITLE}")
    status = page.get_by_role("region", name=re.compile("^결과:"))
    expect(status).to_contain_text("아직 없음")
    expect(status).to_contain_text(f"{STAFF_NAME} ({CENTRE})")
    expect(status).to_contain_text("동행면접")
    expect(status).to_contain_text(f"{interview_day.year}년 {interview_day.month}월 {interview_day.day}일")
    expect(status).to_contain_text(INTERVIEW_TIME)
    expect(page.get_by_role("region", name="알선 결과 기록")).to_be_visible()
    assert_accessible(page)
    return referral_pk


def employer_sees_the_referral(page, site, posting_pk: int, interview_day: datetime.date):
    log_in(page, site, EMPLOYER_EMAIL)
    main_menu(page).get_by_role("link", name="공고 관리").click()
    page.wait_for_url("**/manage/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(rf"^1명\s*\(지원자 보기: {re.escape(TITLE)}\)$")).click()
    page.wait_for_url(f"**/manage/postings/{posting_pk}/applicants/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"지원자: {TITLE}")
    row = page.get_by_role("row", name=re.compile(RESIDENT))
    mark = row.locator(".referral-mark")
    expect(mark).to_contain_text(f"취업알선 · {CENTRE} (동행면접, 면접 {interview_day.month}월 {interview_day.day}일")
    expect(mark).to_contain_text(INTERVIEW_TIME)
    # the list masks the phone number
    expect(row).to_contain_text(MASKED_PHONE)
    # nobody hired yet: no offer to mark the posting filled
    expect(page.get_by_role("heading", name="모집인원을 모두 채용했습니다")).to_have_count(0)
    assert_accessible(page)

    row.get_by_role("link", name=re.compile(RESIDENT)).click()
    page.wait_for_url(re.compile(r".*/manage/applications/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(RESIDENT)
    status = page.get_by_role("region", name=re.compile("^상태:"))
    expect(status.locator(".referral-mark")).to_contain_text(f"취업알선 · {CENTRE} (동행면접")
    assert_accessible(page)
    log_out(page)


def search_resident(page, resident_pk: int):
    """Find the resident by name: the list masks the phone, then open the record."""
    desk_menu(page).get_by_role("link", name="주민 찾기").click()
    page.wait_for_url("**/desk/residents/")
    expect(page.get_by_role("heading", level=1)).to_have_text("주민 찾기")
    assert_accessible(page)
    search = page.get_by_role("search", name="주민 찾기")
    search.get_by_label(re.compile("^이름")).fill(RESIDENT[:2])
    search.get_by_role("button", name="찾기").click()
    page.wait_for_url(re.compile(r".*/desk/residents/\?.*name="))
    results = page.get_by_role("region", name=re.compile("^찾은 주민"))
    expect(results.get_by_role("heading", level=2)).to_contain_text("1명")
    row = results.get_by_role("row", name=re.compile(RESIDENT))
    expect(row).to_contain_text(MASKED_PHONE)
    expect(row).to_contain_text(BIRTH_YEAR)
    assert PHONE not in page.content()
    assert PHONE.replace("-", "") not in page.content()
    assert_accessible(page)
    row.get_by_role("link", name=RESIDENT).click()
    page.wait_for_url(f"**/desk/residents/{resident_pk}/")
    assert_accessible(page)


def record_hired(page, resident_pk: int, referral_pk: int, today: datetime.date):
    referrals = page.get_by_role("region", name="지원·알선")
    row = referrals.get_by_role("row", name=re.compile(re.escape(TITLE)))
    expect(row).to_contain_text(f"취업알선 · {CENTRE} (동행면접)")
    # the employer opened the application
    expect(row).to_contain_text("열람")
    row.get_by_role("link", name=re.compile(rf"^보기\s*:\s*{re.escape(TITLE)}$")).click()
    page.wait_for_url(f"**/desk/referrals/{referral_pk}/")
    expect(page.get_by_role("heading", name="모집인원을 모두 채용했습니다")).to_have_count(0)
    assert_accessible(page)

    outcome = page.get_by_role("region", name="알선 결과 기록")
    outcome.get_by_role("group", name=re.compile("^알선 결과")).get_by_label("채용", exact=True).check()
    expect(outcome.get_by_label(re.compile("^결과 날짜"))).to_have_value(today.isoformat())
    outcome.get_by_role("button", name="결과 기록하기").click()

    page.wait_for_url(f"**/desk/referrals/{referral_pk}/")
    expect(page.get_by_text("알선 결과를 '채용'(으)로 기록했습니다.")).to_be_visible()
    status = page.get_by_role("region", name=re.compile("^결과:"))
    expect(status.get_by_role("heading", level=2)).to_have_text("결과: 채용")
    expect(status).to_contain_text(f"{today.year}년 {today.month}월 {today.day}일 (센터 직원 기록 · {STAFF_NAME} 님)")
    # one opening, one hire: a centre that does not manage the posting is told the
    # employer will be offered to mark it filled (no button here)
    offer = page.get_by_role("region", name="모집인원을 모두 채용했습니다")
    expect(offer).to_contain_text("채용 인원이 1명으로 모집인원 1명에 이르렀습니다")
    expect(offer).to_contain_text("공고를 관리하는 기업 담당자에게 채용 완료로 표시하도록 안내됩니다.")
    expect(offer.get_by_role("button")).to_have_count(0)
    # the outcome is recorded once
    expect(page.get_by_role("region", name="알선 결과 기록")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="← 주민 기록으로 돌아가기").click()
    page.wait_for_url(f"**/desk/residents/{resident_pk}/")
    row = page.get_by_role("region", name="지원·알선").get_by_role("row", name=re.compile(re.escape(TITLE)))
    expect(row).to_contain_text("채용")
    assert_accessible(page)


def employer_is_offered_to_mark_filled(page, site, posting_pk: int):
    log_in(page, site, EMPLOYER_EMAIL)
    page.goto(f"{site}/manage/postings/{posting_pk}/applicants/")
    offer = page.get_by_role("note").filter(has=page.get_by_role("heading", name="모집인원을 모두 채용했습니다"))
    expect(offer).to_contain_text("채용한 사람이 1명으로 모집인원 1명에 이르렀습니다")
    expect(offer.get_by_role("button", name="채용 완료로 표시…")).to_be_visible()
    assert_accessible(page)
    log_out(page)


def test_staff_register_a_walk_in_resident_refer_them_and_the_employer_sees_the_referral(site, browser, page):
    from accounts.choices import ConsentMethod, ConsentPurpose
    from accounts.models import AccessAction, AccessLogEntry, Consent, SeekerProfile
    from jobs.choices import ApplicationChannel, ApplicationStatus
    from jobs.models import Application, Referral, ReferralMethod, today_kst
    from namdong_jobs.reference.models import Dong
    from tests.factories import EmployerMemberFactory, JobPostingFactory, StaffMembershipFactory

    today = today_kst()
    interview_day = today + datetime.timedelta(days=7)
    staff = StaffMembershipFactory(user__name=STAFF_NAME, user__email=STAFF_EMAIL).user
    assert staff.staff_centre.name == CENTRE
    member = EmployerMemberFactory(employer__name=COMPANY, user__email=EMPLOYER_EMAIL)
    posting = JobPostingFactory(
        employer=member.employer,
        title=TITLE,
        openings=1,
        dong=Dong.objects.get(name="구월1동"),
        address="인천광역시 남동구 구월로 200",
        apply_methods=["online", "phone"],
        contact_phone="032-469-1234",
        shifts=["day"],
    )

    # 1. staff log in, open the desk, register the resident, print the sheet and refer them
    log_in(page, site, STAFF_EMAIL)
    open_desk_home(page)
    resident_pk = register_resident(page, today)
    print_job_sheet(page, resident_pk)
    referral_pk = refer_from_fitting_list(page, resident_pk, posting.pk, interview_day)
    log_out(page)

    # 2. the employer, in a browser of their own, sees the referral and opens it
    employer_page = new_page(browser)
    try:
        employer_sees_the_referral(employer_page, site, posting.pk, interview_day)
    finally:
        employer_page.context.close()

    # 3. staff find the resident again and record the outcome: hired
    log_in(page, site, STAFF_EMAIL)
    open_desk_home(page)
    search_resident(page, resident_pk)
    record_hired(page, resident_pk, referral_pk, today)
    log_out(page)

    # 4. the employer is offered to mark the posting filled
    employer_page = new_page(browser)
    try:
        employer_is_offered_to_mark_filled(employer_page, site, posting.pk)
    finally:
        employer_page.context.close()

    # the database
    resident = SeekerProfile.objects.get(pk=resident_pk)
    assert resident.user_id is None
    assert resident.name == RESIDENT
    assert resident.birth_year == int(BIRTH_YEAR)
    assert resident.phone == "+821045678901"
    assert resident.registered_centre == staff.staff_centre
    assert resident.registered_by == staff
    assert resident.wanted_occupations == ["890"]
    assert resident.wanted_min_hourly_krw == 11_000

    application = Application.objects.get(seeker=resident)
    assert application.posting == posting
    assert application.channel == ApplicationChannel.REFERRAL
    assert application.status == ApplicationStatus.HIRED

    referral = Referral.objects.get()
    assert referral.pk == referral_pk
    assert referral.application == application
    assert referral.method == ReferralMethod.ACCOMPANY
    assert referral.staff == staff
    assert referral.centre == staff.staff_centre
    assert referral.centre.name == CENTRE
    interview_at = referral.interview_at.astimezone(datetime.timezone(datetime.timedelta(hours=9)))
    assert (interview_at.date(), interview_at.strftime("%H:%M")) == (interview_day, INTERVIEW_TIME)
    assert referral.outcome_on == today
    assert referral.outcome_by == staff

    consents = Consent.objects.filter(person=resident)
    assert {c.purpose for c in consents} == {ConsentPurpose.COLLECTION, ConsentPurpose.PROVISION}
    for consent in consents:
        assert consent.method == ConsentMethod.PAPER
        assert consent.taken_by == staff
        assert consent.paper_form_version == FORM_VERSION
        assert consent.paper_signed_on == today
        assert consent.withdrawn_at is None

    log = AccessLogEntry.objects.filter(staff=staff)
    mine = log.filter(person=resident)
    edits = sorted(mine.filter(action=AccessAction.EDIT).values_list("detail", flat=True))
    assert edits == ["outcome", "referral", "register"]
    assert list(mine.filter(action=AccessAction.PRINT).values_list("detail", flat=True)) == ["job_sheet"]
    # one row a page shown: the record (after registration, after the print, after the wrong
    # number, after the referral form, from the search, after the outcome), the number form,
    # the referral form and the referral (after it was made, from the record, after the outcome)
    views = mine.filter(action=AccessAction.VIEW)
    assert views.count() == 10
    assert set(views.values_list("detail", flat=True)) == {"record"}
    # the searches: the desk home listing the resident (second visit), and the name search
    searches = log.filter(action=AccessAction.SEARCH).order_by("at", "id")
    assert [(e.detail, e.query, e.listed_ids, e.person_id) for e in searches] == [
        ("home", "", [resident_pk], None),
        ("", f"name={RESIDENT[:1]}○", [resident_pk], None),
    ]
    assert log.count() == 3 + 1 + 10 + 2
    assert all(entry.ip for entry in log)
    # the employer's pages write no staff access rows
    assert not AccessLogEntry.objects.exclude(staff=staff).exists()


def test_staff_record_declared_groups_and_withdraw_a_consent_after_confirming(site, page):
    """A resident with the sensitive-data consent: staff tick a declared priority group on the
    record edit, then withdraw that consent at the resident's phone call: the confirmation
    page says the groups will be deleted and asks how the resident asked (refused without an
    answer); afterwards the groups are gone and the edit says the consent is needed."""
    from accounts.models import AccessLogEntry, SeekerProfile
    from accounts.services import consent_give
    from namdong_jobs.reference.models import Dong
    from tests.factories import StaffMembershipFactory

    staff = StaffMembershipFactory(user__name=STAFF_NAME, user__email=STAFF_EMAIL).user
    resident = SeekerProfile.objects.create(
        name=RESIDENT,
        birth_year=int(BIRTH_YEAR),
        phone="+821045678901",
        home_dong=Dong.objects.get(name="구월1동"),
        registered_centre=staff.staff_centre,
        registered_by=staff,
        declared_groups=["disabled"],
    )
    for purpose in ("collection", "sensitive"):
        consent_give(person=resident, purpose=purpose, method="paper", taken_by=staff, paper_form_version=FORM_VERSION)

    log_in(page, site, STAFF_EMAIL)
    page.goto(f"{site}/desk/residents/{resident.pk}/edit/")
    groups = page.get_by_role("group", name=re.compile(r"^우대 대상 \(본인 신고\)"))
    expect(groups.get_by_label("장애인")).to_be_checked()
    groups.get_by_label("다문화가족").check()
    assert_accessible(page)
    page.get_by_role("button", name="저장하기").click()
    page.wait_for_url(f"**/desk/residents/{resident.pk}/")
    expect(page.get_by_text("장애인, 다문화가족")).to_be_visible()

    page.goto(f"{site}/desk/residents/{resident.pk}/consents/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"^철회하기….*민감정보")).click()
    page.wait_for_url(f"**/desk/residents/{resident.pk}/consents/sensitive/withdraw/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{RESIDENT} 님 동의 철회")
    stops = page.get_by_role("region", name="철회하면 멈추는 일")
    expect(stops).to_contain_text("기록한 우대 대상(장애인, 경력단절여성, 다문화가족, 북한이탈주민)을 바로 지우고")
    expect(stops).to_contain_text("지금 기록된 우대 대상: 장애인, 다문화가족")
    assert_accessible(page)

    page.get_by_role("button", name="동의 철회하기").click()  # how the resident asked: not chosen
    expect(page.get_by_role("alert")).to_contain_text("주민이 철회를 어떻게 요청했는지 골라 주세요.")
    assert_accessible(page)
    assert SeekerProfile.objects.get(pk=resident.pk).declared_groups == ["disabled", "multicultural"]

    page.get_by_role("group", name=re.compile("^주민이 철회를 요청한 방법")).get_by_label("전화").check()
    page.get_by_role("button", name="동의 철회하기").click()
    page.wait_for_url(f"**/desk/residents/{resident.pk}/consents/")
    done = "'민감정보 처리 동의 (선택)'을(를) 철회했습니다. 기록한 우대 대상을 지웠습니다."
    expect(page.get_by_text(done)).to_be_visible()
    assert_accessible(page)

    page.goto(f"{site}/desk/residents/{resident.pk}/edit/")
    expect(page.get_by_text("이 주민은 지금 동의하지 않은 상태입니다.", exact=False)).to_be_visible()
    expect(page.get_by_role("group", name=re.compile(r"^우대 대상 \(본인 신고\)"))).to_have_count(0)

    assert SeekerProfile.objects.get(pk=resident.pk).declared_groups == []
    edits = AccessLogEntry.objects.filter(person=resident, action="edit").order_by("id")
    assert list(edits.values_list("detail", flat=True)) == ["profile", "consent:withdraw:phone"]
