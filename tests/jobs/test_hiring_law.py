"""Hiring-law screening of posting text (DESIGN.md "Lifecycles", hiring law): age limits
(고령자고용법 제4조의4), sex limits (남녀고용평등법 제7조) and questions about appearance, body,
birthplace, marital status, property and family (채용절차법 제4조의3) are flagged with the
article cited; harmless phrases are not."""

import datetime
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from accounts.models import StaffMembership
from jobs.choices import ApplyMethod, EmploymentType, EntryChannel, PostingStatus, WageType
from jobs.models import JobPosting
from jobs.rules import hiring_law_flags
from jobs.rules.hiring_law import AGE_LAW, PRIVACY_LAW, SEX_LAW, screen_text
from jobs.services import posting_approve, posting_create, posting_publish_direct, posting_submit, posting_update
from namdong_jobs.reference.models import CommunityCentre, Dong, Occupation
from tests.factories import EmployerFactory, EmployerMemberFactory, StaffMembershipFactory

KST = ZoneInfo("Asia/Seoul")

AGE = ("연령 제한", "고용상 연령차별금지 및 고령자고용촉진에 관한 법률", "제4조의4")
SEX = ("성별 제한", "남녀고용평등과 일·가정 양립 지원에 관한 법률", "제7조")
BODY = ("용모·신체 조건", "채용절차의 공정화에 관한 법률", "제4조의3")
BIRTHPLACE = ("출신지역", "채용절차의 공정화에 관한 법률", "제4조의3")
MARRIAGE = ("혼인 여부", "채용절차의 공정화에 관한 법률", "제4조의3")
PROPERTY = ("재산", "채용절차의 공정화에 관한 법률", "제4조의3")
FAMILY = ("가족의 학력·직업·재산", "채용절차의 공정화에 관한 법률", "제4조의3")

FLAGGED = [
    # age
    ("35세 이하", AGE),
    ("만 35세 이하", AGE),
    ("20~35세", AGE),
    ("연령: 25~40세", AGE),
    ("1990년생 이후", AGE),
    ("2000년 이후 출생자", AGE),
    ("나이제한 45세", AGE),
    ("연령 35세 이하", AGE),
    ("20대 여성", AGE),
    ("30대 중반까지", AGE),
    ("40대 이상", AGE),
    ("30대 우대", AGE),
    ("20대 환영", AGE),
    ("만 40세 미만", AGE),
    ("20세 이상", AGE),
    ("만 18세~35세", AGE),
    ("14세 이상", AGE),
    ("젊은 분", AGE),
    # sex
    ("남성만", SEX),
    ("여성 우대", SEX),
    ("여성 채용", SEX),
    ("남성 구합니다", SEX),
    ("남 2명", SEX),
    ("남1명 여1명", SEX),
    ("남녀 각 1명", SEX),
    ("이모님", SEX),
    ("성별: 남", SEX),
    ("성별 여", SEX),
    ("여자 직원 구함", SEX),
    ("여직원 모집", SEX),
    ("남직원 구합니다", SEX),
    ("20대 남성", SEX),
    # appearance, body
    ("용모 단정", BODY),
    ("외모 중요", BODY),
    ("키 170cm 이상", BODY),
    ("키170 이상", BODY),
    ("신장 165 이상", BODY),
    ("몸무게", BODY),
    ("체중 60kg 이하", BODY),
    # birthplace
    ("출신지역", BIRTHPLACE),
    ("고향", BIRTHPLACE),
    ("본적지 기재", BIRTHPLACE),
    # marital status
    ("미혼", MARRIAGE),
    ("기혼자", MARRIAGE),
    ("결혼 여부", MARRIAGE),
    # property
    ("재산", PROPERTY),
    ("자가 소유", PROPERTY),
    # family background
    ("부모님 직업", FAMILY),
    ("가족관계", FAMILY),
    ("형제 직업", FAMILY),
    # found by the review of the first version
    ("20~30대 직원 모집", AGE),
    ("50대 불가", AGE),
    ("85년생 이후", AGE),
    ("청년만 지원 가능", AGE),
    ("만35세↓", AGE),
    ("삼십오세 이하", AGE),
    ("Under 35 only", AGE),
    ("젊은 여성", AGE),
    ("경리 아가씨 구함", SEX),
    ("미스 김", SEX),
    ("군필 남성", SEX),
    ("Male only", SEX),
    ("결혼하지 않은 분", MARRIAGE),
    ("독신자", MARRIAGE),
    # found by the second review
    ("35살 이하", AGE),
    ("40살 미만", AGE),
    ("서른 살 이하", AGE),
    ("고졸 이상 20대", AGE),
    ("20代", AGE),
    ("젊고 활기찬 분", AGE),
    ("인천 출신만", BIRTHPLACE),
    ("호남 출신", BIRTHPLACE),
    ("지방 출신 불가", BIRTHPLACE),
    ("체격 좋은 남성", BODY),
    ("女 우대", SEX),
]

HARMLESS = [
    "연령 무관",
    "나이 무관",
    "나이 상관없음",
    "남녀 무관",
    "남녀 모두 가능",
    "성별 무관",
    "성별: 남녀 무관",
    "성별 : 무관",
    "나이 제한 없음",
    "연령 제한 없음",
    "경력단절여성 우대",
    "경력 단절 여성 우대",
    "경력보유여성 우대",
    "고령자 우대",
    "청년 우대",
    "장애인 우대",
    "결혼이민자 우대",
    "다문화가족 우대",
    "여성 고객 응대",
    "여성 의류 판매",
    "남성 화장품 브랜드",
    "요양보호사 자격증 소지자 우대",
    "학력 무관",
    "외모 무관",
    "만 18세 이상",
    "만 19세 이상 지원 가능",
    "18세 미만 불가",
    "8세 이하 자녀 육아휴가",
    "만 12세 미만 자녀 학원비 지원",
    "평균나이 29세",
    "평균 연령 32세",
    "기본적인 업무",
    "일해본적 있는 분",
    "쿠키 100개 포장",
    "키오스크 운영",
    "신장내과 간호사",
    "지적재산권 관리",
    "재산세 업무 보조",
    "가족 같은 분위기",
    "가족친화인증기업",
    "아파트 1200세대 이상 관리",
    "차량 10대 보유",
    "정년 60세",
    "09:00~18:00",
    "1~2년 경력",
    "3교대",
    "포장 3명",
    "남동구 거주자 우대",
    "2026년 12월 31일까지",
]

LONG_DESCRIPTION = """\
■ 담당 업무
- 남동인더스파크 내 자동차 부품 공장에서 CNC 선반·밀링 가공 및 품질 검사
- 작업지시서에 따른 기본적인 장비 세팅, 공구 교환, 일상 점검
- 완제품 포장 및 출하 준비 (지게차 자격증 소지자는 지게차 운전 병행)

■ 자격 요건
- 학력 무관, 경력 무관 (신입 가능, 입사 후 1~2개월 현장 교육)
- 연령 무관, 남녀 무관
- 주간 근무 가능한 분 (08:30~17:30, 주 5일, 주 40시간)

■ 우대 사항
- 기계가공기능사, 컴퓨터응용선반기능사 자격증 소지자
- 경력단절여성, 고령자, 장애인, 청년 우대
- 남동구 거주자 우대 (통근버스 구월동·논현동 경유)

■ 복리후생
- 4대보험, 퇴직금, 중식 제공, 기숙사 (2인 1실)
- 만 8세 이하 자녀가 있는 직원 육아기 근로시간 단축
- 가족친화인증기업, 장기근속 포상 (5년·10년)
- 여성 고객 응대가 많은 품질 상담 창구 근무자는 별도 수당
"""


def _flags(text, field="description"):
    return hiring_law_flags({field: text})


# ---- the rules ----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), FLAGGED, ids=[t for t, _ in FLAGGED])
def test_limits_are_flagged_with_the_law_and_article(text, expected):
    topic, law, article = expected
    flags = _flags(f"생산직 사원 모집. {text}. 주 5일 근무")
    assert flags, f"{text!r} was not flagged"
    matching = [f for f in flags if f["topic"] == topic]
    assert matching, (text, flags)
    flag = matching[0]
    assert flag["law"] == law
    assert flag["article"] == article
    assert flag["field"] == "description"
    assert article in flag["citation"] and law in flag["citation"]
    assert flag["match"] and flag["match"] in text


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_phrases_are_not_flagged(text):
    assert _flags(f"생산직 사원 모집. {text}. 주 5일 근무") == []


def test_flags_quote_whole_words():
    """A flag quotes the phrase as written ("키 170cm"), not a cut-off match ("키 1")."""
    matches = {f["match"] for f in _flags("키 170cm 이상, 신장 165 이상인 분, 경상도 출신 우대")}
    assert {"키 170cm", "신장 165", "경상도 출신"} <= matches


def test_twenty_something_women_is_both_an_age_and_a_sex_limit():
    flags = _flags("20대 여성 모집")
    assert {f["topic"] for f in flags} == {"연령 제한", "성별 제한"}
    assert {f["article"] for f in flags} == {"제4조의4", "제7조"}


def test_a_long_real_description_has_no_flags():
    assert _flags(LONG_DESCRIPTION) == []


def test_each_flag_names_its_field():
    flags = hiring_law_flags(
        {
            "title": "주방 보조 (40대 이상)",
            "description": "설거지와 재료 손질. 용모 단정한 분",
            "preferred_qualifications": "미혼 우대",
            "contact_name": "남성만",  # not screened
        }
    )
    assert [(f["field"], f["topic"], f["article"]) for f in flags] == [
        ("title", "연령 제한", "제4조의4"),
        ("description", "용모·신체 조건", "제4조의3"),
        ("preferred_qualifications", "혼인 여부", "제4조의3"),
    ]
    assert set(flags[0]) == {"field", "match", "topic", "law", "article", "citation"}
    assert flags[0]["citation"] == f"{AGE_LAW.name} 제4조의4 (모집·채용에서 연령 차별 금지)"
    assert json.loads(json.dumps(flags, ensure_ascii=False)) == flags  # JSON-ready


def test_one_text_with_several_limits_gets_one_flag_each():
    found = screen_text("20~35세 남성만, 키 175 이상, 미혼, 부모님 직업 기재. 20~35세 재확인")
    assert [(topic, law) for topic, law, _ in found] == [
        ("연령 제한", AGE_LAW),
        ("성별 제한", SEX_LAW),
        ("용모·신체 조건", PRIVACY_LAW),
        ("혼인 여부", PRIVACY_LAW),
        ("가족의 학력·직업·재산", PRIVACY_LAW),
    ]


def test_empty_text_has_no_flags():
    assert hiring_law_flags({}) == []
    assert hiring_law_flags({"title": "", "description": None}) == []


@pytest.mark.shared_data
def test_real_postings_have_no_flags(shared_data):
    """The 32 real postings' long descriptions (duties, qualifications, preferences,
    benefits) say nothing that the rules should flag."""
    postings = json.loads((shared_data / "wanted_postings_food_commerce.json").read_text(encoding="utf-8"))
    assert len(postings) >= 30
    found = []
    for item in postings:
        flags = hiring_law_flags(
            {
                "title": item.get("TITLE") or "",
                "description": "\n".join(item.get(k) or "" for k in ("GROUP_INTRO", "MAINDUTIES", "BENEFITS")),
                "preferred_qualifications": "\n".join(item.get(k) or "" for k in ("QUALIFICATION", "PREFERENTIAL")),
            }
        )
        found += [(item.get("COMPANY"), f["match"]) for f in flags]
    assert found == []


# ---- through the services ----------------------------------------------------------------

TODAY = datetime.date(2026, 11, 2)


@pytest.fixture
def clock():
    with time_machine.travel(datetime.datetime(2026, 11, 2, 10, 0, tzinfo=KST), tick=False) as traveller:
        yield traveller


def _fields(**overrides):
    fields = {
        "title": "CNC 선반 가공원 모집",
        "occupation": Occupation.objects.get(code="890"),
        "description": "남동인더스파크 공장에서 CNC 선반으로 부품을 가공합니다.",
        "openings": 2,
        "employment_type": EmploymentType.REGULAR,
        "wage_type": WageType.MONTH,
        "wage_min": 2_500_000,
        "dong": Dong.objects.get(name="논현고잔동"),
        "address": "인천광역시 남동구 남동서로 200",
        "apply_methods": [ApplyMethod.ONLINE],
        "deadline": TODAY + datetime.timedelta(days=30),
    }
    fields.update(overrides)
    return fields


@pytest.mark.django_db
def test_posting_create_stores_flags_without_refusing(clock):
    member = EmployerMemberFactory()
    posting = posting_create(
        employer=member.employer,
        by=member.user,
        fields=_fields(title="생산직 (35세 이하)", preferred_qualifications="남성 우대"),
    )
    posting.refresh_from_db()
    assert posting.status == PostingStatus.DRAFT
    assert [(f["field"], f["article"]) for f in posting.law_flags] == [
        ("title", "제4조의4"),
        ("preferred_qualifications", "제7조"),
    ]


@pytest.mark.django_db
def test_posting_update_and_submit_refresh_the_flags(clock):
    member = EmployerMemberFactory()
    posting = posting_create(employer=member.employer, by=member.user, fields=_fields())
    assert posting.law_flags == []
    posting_update(posting=posting, by=member.user, fields={"description": "용모 단정하고 미혼인 분"})
    posting.refresh_from_db()
    assert {f["topic"] for f in posting.law_flags} == {"용모·신체 조건", "혼인 여부"}
    posting_submit(posting=posting, by=member.user)
    posting.refresh_from_db()
    assert posting.status == PostingStatus.SUBMITTED
    assert {f["topic"] for f in posting.law_flags} == {"용모·신체 조건", "혼인 여부"}
    assert all(f["field"] == "description" for f in posting.law_flags)


@pytest.mark.django_db
def test_submit_screens_text_saved_without_the_service(clock):
    member = EmployerMemberFactory()
    posting = posting_create(employer=member.employer, by=member.user, fields=_fields())
    JobPosting.objects.filter(pk=posting.pk).update(description="20대 여성 환영, 고향 기재")
    posting_submit(posting=posting, by=member.user)
    posting.refresh_from_db()
    assert {f["article"] for f in posting.law_flags} == {"제4조의4", "제7조", "제4조의3"}


@pytest.mark.django_db
def test_flagged_postings_can_still_be_approved_by_a_moderator(clock):
    member = EmployerMemberFactory()
    posting = posting_create(
        employer=member.employer, by=member.user, fields=_fields(title="여성 고객 응대 (여성 우대)")
    )
    posting_submit(posting=posting, by=member.user)
    moderator = StaffMembershipFactory(centre=CommunityCentre.objects.get(kind=CommunityCentre.Kind.DISTRICT)).user
    with pytest.raises(ValidationError, match="확인했다고 표시해야 승인할 수 있습니다"):
        posting_approve(posting=posting, by=moderator)  # the moderator must say the flags were read
    assert JobPosting.objects.get(pk=posting.pk).status == PostingStatus.SUBMITTED
    posting_approve(posting=posting, by=moderator, flags_checked=True)
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PUBLISHED
    assert posting.law_flags[0]["article"] == "제7조"
    assert posting.current_revision.law_flags == posting.law_flags


@pytest.mark.django_db
def test_publish_direct_refuses_a_flagged_staff_entered_posting(clock):
    staff = StaffMembershipFactory(role=StaffMembership.Role.OFFICER).user
    employer = EmployerFactory()
    posting = posting_create(
        employer=employer,
        by=staff,
        entry_channel=EntryChannel.PHONE,
        fields=_fields(description="부품 조립. 나이제한 45세, 남성만"),
    )
    assert {f["article"] for f in posting.law_flags} == {"제4조의4", "제7조"}
    with pytest.raises(ValidationError) as info:
        posting_publish_direct(posting=posting, by=staff)
    assert info.value.messages == [
        "채용 관련 법령에 어긋날 수 있는 표현이 있어 바로 게시할 수 없습니다. 고치거나 검토를 요청해 주세요."
    ]
    posting.refresh_from_db()
    assert posting.status == PostingStatus.DRAFT
    assert posting.published_at is None and posting.current_revision is None
    # once the text is fixed it may go live directly
    posting_update(posting=posting, by=staff, fields={"description": "부품 조립. 연령 무관, 남녀 무관"})
    posting_publish_direct(posting=posting, by=staff)
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PUBLISHED and posting.law_flags == []
