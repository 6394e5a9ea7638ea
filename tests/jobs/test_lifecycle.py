"""The posting lifecycle services (DESIGN.md "Lifecycles"): draft → submitted → published →
closed | filled | expired; rejected (with a reason) is editable again. Every transition is
tried by the people allowed to and refused for the others. The clock is pinned (KST)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import User
from employers.models import Employer
from jobs.choices import (
    ApplyMethod,
    EmploymentType,
    EntryChannel,
    PostingEventKind,
    PostingStatus,
    RevisionStatus,
    WageType,
)
from jobs.models import JobPosting, JobPostingRevision, PostingEvent
from jobs.services import (
    posting_approve,
    posting_close,
    posting_create,
    posting_duplicate,
    posting_mark_filled,
    posting_publish_direct,
    posting_reject,
    posting_submit,
    posting_update,
    posting_withdraw,
    postings_expire,
    publication_errors,
)
from jobs.services.revisions import EDITABLE_FIELDS, snapshot
from namdong_jobs.reference.models import CommunityCentre, Dong, Occupation
from tests.factories import (
    EmployerFactory,
    EmployerMemberFactory,
    JobPostingFactory,
    SeekerProfileFactory,
    StaffMembershipFactory,
)

pytestmark = pytest.mark.django_db

KST = ZoneInfo("Asia/Seoul")
TODAY = datetime.date(2026, 11, 2)
NOW = datetime.datetime(2026, 11, 2, 10, 0, tzinfo=KST)

MSG_NOT_MANAGER = "이 공고를 관리할 권한이 없습니다."
MSG_DISTRICT_ONLY = "구청 일자리센터 직원만 할 수 있습니다."
MSG_UNVERIFIED = "기업 확인이 끝나지 않아 게시할 수 없습니다. 구청 일자리센터가 사업자 정보를 확인한 뒤 게시됩니다."


# ---- fixtures -----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def at(day: datetime.date, hour=10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=KST)


def fields(**overrides) -> dict:
    data = {
        "title": "CNC 선반 가공원 모집",
        "occupation": Occupation.objects.get(code="890"),
        "description": "남동인더스파크 공장에서 CNC 선반으로 자동차 부품을 가공합니다.",
        "openings": 2,
        "employment_type": EmploymentType.REGULAR,
        "wage_type": WageType.MONTH,
        "wage_min": 2_500_000,
        "wage_max": 3_000_000,
        "dong": Dong.objects.get(name="논현고잔동"),
        "address": "인천광역시 남동구 남동서로 200",
        "apply_methods": [ApplyMethod.ONLINE],
        "deadline": TODAY + datetime.timedelta(days=30),
        "preferred_qualifications": "컴퓨터응용선반기능사 소지자 우대",
    }
    data.update(overrides)
    return data


@pytest.fixture
def employer():
    return EmployerFactory()


@pytest.fixture
def member(employer) -> User:
    return EmployerMemberFactory(employer=employer).user


@pytest.fixture
def other_member() -> User:
    """A member of another employer."""
    return EmployerMemberFactory().user


@pytest.fixture
def district_centre():
    return CommunityCentre.objects.get(kind=CommunityCentre.Kind.DISTRICT)


@pytest.fixture
def district(district_centre) -> User:
    return StaffMembershipFactory(centre=district_centre).user


@pytest.fixture
def centre_staff() -> User:
    """Staff of 구월1동 행정복지센터."""
    return StaffMembershipFactory().user


@pytest.fixture
def other_centre_staff() -> User:
    return StaffMembershipFactory(centre=CommunityCentre.objects.get(name="논현고잔동 행정복지센터")).user


@pytest.fixture
def seeker() -> User:
    return SeekerProfileFactory().user


@pytest.fixture
def superuser() -> User:
    return User.objects.create_superuser(email="root@example.kr", password="x-very-long-password")


@pytest.fixture
def draft(employer, member) -> JobPosting:
    return posting_create(employer=employer, by=member, fields=fields())


@pytest.fixture
def submitted(draft, member) -> JobPosting:
    return posting_submit(posting=draft, by=member)


@pytest.fixture
def published(submitted, district) -> JobPosting:
    return posting_approve(posting=submitted, by=district)


@pytest.fixture
def phone_draft(employer, centre_staff) -> JobPosting:
    return posting_create(employer=employer, by=centre_staff, fields=fields(), entry_channel=EntryChannel.PHONE)


def reload(posting: JobPosting) -> JobPosting:
    return JobPosting.objects.get(pk=posting.pk)


def events(posting: JobPosting) -> list[str]:
    return list(PostingEvent.objects.filter(posting=posting).order_by("id").values_list("kind", flat=True))


def last_event(posting: JobPosting) -> PostingEvent:
    return PostingEvent.objects.filter(posting=posting).order_by("id").last()


# ---- create -------------------------------------------------------------------------------


def test_an_employer_member_creates_a_draft(employer, member):
    posting = posting_create(employer=employer, by=member, fields=fields())
    posting = reload(posting)
    assert posting.status == PostingStatus.DRAFT
    assert posting.employer == employer
    assert posting.created_by == member
    assert posting.entry_channel == EntryChannel.EMPLOYER
    assert posting.centre is None
    assert posting.date_posted == TODAY
    assert posting.published_at is None and posting.current_revision is None
    assert posting.law_flags == []
    assert posting.wage_hourly == 2_500_000 // 209
    event = last_event(posting)
    assert (event.kind, event.actor, event.to_status, event.at) == (
        PostingEventKind.CREATED,
        member,
        PostingStatus.DRAFT,
        timezone.now(),
    )


def test_a_non_member_cannot_create_for_an_employer(employer, other_member):
    with pytest.raises(PermissionDenied, match="이 기업의 담당자가 아닙니다."):
        posting_create(employer=employer, by=other_member, fields=fields())
    assert not JobPosting.objects.exists()


@pytest.mark.parametrize("channel", [EntryChannel.PHONE, EntryChannel.PAPER])
def test_centre_staff_entry_is_tied_to_their_centre(employer, centre_staff, channel):
    posting = reload(posting_create(employer=employer, by=centre_staff, fields=fields(), entry_channel=channel))
    assert posting.status == PostingStatus.DRAFT
    assert posting.entry_channel == channel
    assert posting.centre == CommunityCentre.objects.get(name="구월1동 행정복지센터")
    assert posting.created_by == centre_staff
    assert posting in JobPosting.objects.manageable_by(centre_staff)


def test_centre_staff_may_enter_for_an_unverified_employer(centre_staff):
    pending = EmployerFactory(verification_status=Employer.Verification.PENDING)
    posting = posting_create(employer=pending, by=centre_staff, fields=fields(), entry_channel=EntryChannel.PAPER)
    assert reload(posting).status == PostingStatus.DRAFT


def test_centre_staff_cannot_enter_as_the_employer(employer, centre_staff):
    with pytest.raises(PermissionDenied):
        posting_create(employer=employer, by=centre_staff, fields=fields())
    assert not JobPosting.objects.exists()


def test_centre_staff_cannot_enter_for_an_imported_employer(centre_staff):
    external = EmployerFactory(verification_status=Employer.Verification.EXTERNAL, brn=None)
    with pytest.raises(ValidationError, match="외부에서 가져온 기업"):
        posting_create(employer=external, by=centre_staff, fields=fields(), entry_channel=EntryChannel.PHONE)
    assert not JobPosting.objects.exists()


@pytest.mark.parametrize("channel", [EntryChannel.EMPLOYER, EntryChannel.PHONE, EntryChannel.PAPER])
def test_a_seeker_cannot_create(employer, seeker, channel):
    with pytest.raises(PermissionDenied):
        posting_create(employer=employer, by=seeker, fields=fields(), entry_channel=channel)
    assert not JobPosting.objects.exists()


@pytest.mark.parametrize("channel", [EntryChannel.EMPLOYER, EntryChannel.PHONE])
def test_an_anonymous_user_cannot_create(employer, channel):
    with pytest.raises(PermissionDenied):
        posting_create(employer=employer, by=AnonymousUser(), fields=fields(), entry_channel=channel)
    assert not JobPosting.objects.exists()


def test_import_is_not_an_entry_channel_for_services(employer, member):
    with pytest.raises(ValidationError, match="알 수 없는 접수 경로입니다."):
        posting_create(employer=employer, by=member, fields=fields(), entry_channel=EntryChannel.IMPORT)


def test_only_editable_fields_are_accepted(employer, member):
    with pytest.raises(ValueError, match="status"):
        posting_create(employer=employer, by=member, fields=fields(status=PostingStatus.PUBLISHED))
    assert not JobPosting.objects.exists()


def test_create_validates_the_fields_by_name(employer, member):
    with pytest.raises(ValidationError) as info:
        posting_create(
            employer=employer,
            by=member,
            fields=fields(wage_min=3_000_000, wage_max=2_500_000, deadline=TODAY - datetime.timedelta(days=1)),
        )
    errors = info.value.message_dict
    assert "최소 임금이 최대 임금보다 클 수 없습니다." in str(errors)
    assert "마감일은 등록일보다 빠를 수 없습니다." in str(errors)
    assert not JobPosting.objects.exists()


# ---- submit and withdraw ------------------------------------------------------------------


def test_submit_a_draft(draft, member):
    posting = reload(posting_submit(posting=draft, by=member))
    assert posting.status == PostingStatus.SUBMITTED
    assert posting.submitted_at == timezone.now()
    event = last_event(posting)
    assert (event.kind, event.actor, event.from_status, event.to_status) == (
        PostingEventKind.SUBMITTED,
        member,
        PostingStatus.DRAFT,
        PostingStatus.SUBMITTED,
    )
    assert posting not in JobPosting.objects.public()


def test_submit_a_rejected_posting_again(submitted, member, district, clock):
    posting_reject(posting=submitted, by=district, reason="근무 시간을 적어 주세요.")
    clock.move_to(NOW + datetime.timedelta(hours=2))
    posting = reload(posting_submit(posting=submitted, by=member))
    assert posting.status == PostingStatus.SUBMITTED
    assert posting.submitted_at == NOW + datetime.timedelta(hours=2)
    event = last_event(posting)
    assert (event.kind, event.from_status) == (PostingEventKind.SUBMITTED, PostingStatus.REJECTED)


MSG_SUBMIT_STATUS = "작성 중이거나 반려된 공고만 검토를 요청할 수 있습니다."


def test_submit_is_refused_when_already_submitted(submitted, member):
    with pytest.raises(ValidationError, match=MSG_SUBMIT_STATUS):
        posting_submit(posting=submitted, by=member)
    assert events(submitted) == [PostingEventKind.CREATED, PostingEventKind.SUBMITTED]


def test_submit_is_refused_when_published(published, member):
    with pytest.raises(ValidationError, match=MSG_SUBMIT_STATUS):
        posting_submit(posting=published, by=member)
    assert reload(published).status == PostingStatus.PUBLISHED


def test_submit_is_refused_when_closed(published, member):
    posting_close(posting=published, by=member)
    with pytest.raises(ValidationError, match=MSG_SUBMIT_STATUS):
        posting_submit(posting=published, by=member)
    assert reload(published).status == PostingStatus.CLOSED


def test_submit_lists_every_missing_field(employer, member):
    employer.phone = ""
    employer.save()
    posting = posting_create(
        employer=employer,
        by=member,
        fields={"title": "직원 모집", "apply_methods": [ApplyMethod.PHONE, ApplyMethod.EMAIL]},
    )
    with pytest.raises(ValidationError) as info:
        posting_submit(posting=posting, by=member)
    errors = info.value.message_dict
    assert set(errors) == {
        "occupation",
        "description",
        "openings",
        "employment_type",
        "wage_min",
        "address",
        "contact_phone",
        "contact_email",
    }
    assert errors["occupation"] == ["직종(KECO 소분류)을 골라 주세요."]
    assert errors["wage_min"] == ["임금형태와 금액을 적어 주세요."]
    assert errors["contact_phone"] == ["전화 접수를 하려면 문의 전화를 적어 주세요."]
    posting = reload(posting)
    assert posting.status == PostingStatus.DRAFT and posting.submitted_at is None
    assert events(posting) == [PostingEventKind.CREATED]


def test_submit_needs_a_way_to_apply(employer, member):
    posting = posting_create(employer=employer, by=member, fields=fields(apply_methods=[]))
    with pytest.raises(ValidationError) as info:
        posting_submit(posting=posting, by=member)
    assert info.value.message_dict == {"apply_methods": ["접수 방법을 하나 이상 골라 주세요."]}


def test_publication_errors_is_empty_for_a_complete_posting(draft):
    assert publication_errors(draft) == {}


def test_submit_is_refused_after_the_deadline(employer, member, clock):
    posting = posting_create(employer=employer, by=member, fields=fields(deadline=TODAY))
    clock.move_to(at(TODAY + datetime.timedelta(days=1), hour=0))
    with pytest.raises(ValidationError) as info:
        posting_submit(posting=posting, by=member)
    assert list(info.value.message_dict) == ["deadline"]
    assert "마감일이 이미 지났습니다" in info.value.message_dict["deadline"][0]
    assert reload(posting).status == PostingStatus.DRAFT


def test_submit_on_the_deadline_day_is_fine(employer, member, clock):
    posting = posting_create(employer=employer, by=member, fields=fields(deadline=TODAY))
    clock.move_to(datetime.datetime.combine(TODAY, datetime.time(23, 59, 59), tzinfo=KST))
    assert posting_submit(posting=posting, by=member).status == PostingStatus.SUBMITTED


def test_withdraw_a_review_request(submitted, member):
    posting = reload(posting_withdraw(posting=submitted, by=member))
    assert posting.status == PostingStatus.DRAFT
    event = last_event(posting)
    assert (event.kind, event.from_status, event.to_status, event.actor) == (
        PostingEventKind.WITHDRAWN,
        PostingStatus.SUBMITTED,
        PostingStatus.DRAFT,
        member,
    )
    # editable again, then submitted again
    posting_update(posting=posting, by=member, fields={"openings": 3})
    assert reload(posting_submit(posting=posting, by=member)).openings == 3


@pytest.mark.parametrize("fixture", ["draft", "published"])
def test_withdraw_is_refused_unless_submitted(request, fixture, member):
    posting = request.getfixturevalue(fixture)
    before = reload(posting).status
    with pytest.raises(ValidationError, match="검토 중인 공고만 요청을 취소할 수 있습니다."):
        posting_withdraw(posting=posting, by=member)
    assert reload(posting).status == before


# ---- approve ------------------------------------------------------------------------------


def test_district_staff_approve(employer, member, district, clock):
    posting = posting_create(employer=employer, by=member, fields=fields())
    posting_submit(posting=posting, by=member)
    approved_at = at(TODAY + datetime.timedelta(days=3), hour=14)
    clock.move_to(approved_at)
    posting_approve(posting=posting, by=district)

    posting = reload(posting)
    assert posting.status == PostingStatus.PUBLISHED
    assert posting.published_at == approved_at
    assert posting.published_by == district
    assert posting.date_posted == TODAY + datetime.timedelta(days=3)
    assert posting in JobPosting.objects.open()

    revision = posting.current_revision
    assert revision is not None
    assert (revision.number, revision.status, revision.decided_by, revision.decided_at) == (
        1,
        RevisionStatus.APPROVED,
        district,
        approved_at,
    )
    assert revision.data == snapshot(posting)
    assert set(revision.data) == set(EDITABLE_FIELDS)
    assert revision.data["title"] == "CNC 선반 가공원 모집"
    assert revision.data["occupation"] == "890"
    assert revision.data["deadline"] == (TODAY + datetime.timedelta(days=30)).isoformat()

    event = last_event(posting)
    assert (event.kind, event.actor, event.at, event.revision, event.from_status, event.to_status) == (
        PostingEventKind.APPROVED,
        district,
        approved_at,
        revision,
        PostingStatus.SUBMITTED,
        PostingStatus.PUBLISHED,
    )


@pytest.mark.parametrize("who", ["centre_staff", "member", "superuser", "other_member", "seeker"])
def test_only_district_staff_approve(request, submitted, who):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied, match=MSG_DISTRICT_ONLY):
        posting_approve(posting=submitted, by=user)
    posting = reload(submitted)
    assert posting.status == PostingStatus.SUBMITTED and posting.published_at is None
    assert not JobPostingRevision.objects.exists()


def test_anonymous_cannot_approve(submitted):
    with pytest.raises(PermissionDenied):
        posting_approve(posting=submitted, by=AnonymousUser())


def test_inactive_district_membership_cannot_approve(submitted, district):
    district.staff_membership.is_active = False
    district.staff_membership.save()
    district = User.objects.get(pk=district.pk)
    with pytest.raises(PermissionDenied):
        posting_approve(posting=submitted, by=district)


@pytest.mark.parametrize(
    "verification", [Employer.Verification.PENDING, Employer.Verification.REJECTED, Employer.Verification.EXTERNAL]
)
def test_approve_waits_for_employer_verification(employer, submitted, district, verification):
    Employer.objects.filter(pk=employer.pk).update(verification_status=verification)
    with pytest.raises(ValidationError) as info:
        posting_approve(posting=submitted, by=district)
    assert info.value.messages == [MSG_UNVERIFIED]
    posting = reload(submitted)
    assert posting.status == PostingStatus.SUBMITTED
    assert posting.published_at is None and posting.current_revision is None
    assert PostingEventKind.APPROVED not in events(posting)


def test_an_unverified_employer_may_submit_and_is_approved_once_verified(district):
    pending = EmployerFactory(verification_status=Employer.Verification.PENDING)
    user = EmployerMemberFactory(employer=pending).user
    posting = posting_submit(posting=posting_create(employer=pending, by=user, fields=fields()), by=user)
    with pytest.raises(ValidationError):
        posting_approve(posting=posting, by=district)
    Employer.objects.filter(pk=pending.pk).update(verification_status=Employer.Verification.VERIFIED)
    assert reload(posting_approve(posting=posting, by=district)).status == PostingStatus.PUBLISHED


@pytest.mark.parametrize("fixture", ["draft", "published"])
def test_approve_only_submitted_postings(request, fixture, district):
    posting = request.getfixturevalue(fixture)
    before = reload(posting).status
    with pytest.raises(ValidationError, match="검토 중인 공고만 승인할 수 있습니다."):
        posting_approve(posting=posting, by=district)
    assert reload(posting).status == before


def test_approve_is_refused_once_the_deadline_passed(employer, member, district, clock):
    posting = posting_submit(
        posting=posting_create(employer=employer, by=member, fields=fields(deadline=TODAY)), by=member
    )
    clock.move_to(at(TODAY + datetime.timedelta(days=1)))
    with pytest.raises(ValidationError) as info:
        posting_approve(posting=posting, by=district)
    assert "deadline" in info.value.message_dict
    assert reload(posting).status == PostingStatus.SUBMITTED


# ---- reject -------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_reject_needs_a_reason(submitted, district, reason):
    with pytest.raises(ValidationError) as info:
        posting_reject(posting=submitted, by=district, reason=reason)
    assert info.value.message_dict == {"reason": ["반려 사유를 적어 주세요."]}
    posting = reload(submitted)
    assert posting.status == PostingStatus.SUBMITTED and posting.rejection_reason == ""


def test_reject_stores_the_reason_and_the_posting_is_editable_again(submitted, member, district):
    posting_reject(posting=submitted, by=district, reason="  근무 시간과 휴게 시간을 적어 주세요. ")
    posting = reload(submitted)
    assert posting.status == PostingStatus.REJECTED
    assert posting.rejection_reason == "근무 시간과 휴게 시간을 적어 주세요."
    event = last_event(posting)
    assert (event.kind, event.actor, event.reason, event.from_status, event.to_status) == (
        PostingEventKind.REJECTED,
        district,
        "근무 시간과 휴게 시간을 적어 주세요.",
        PostingStatus.SUBMITTED,
        PostingStatus.REJECTED,
    )
    assert posting not in JobPosting.objects.public()
    # the refused text is kept as a rejected revision, and the decision points to it
    refused = JobPostingRevision.objects.get(posting=posting)
    assert (refused.status, refused.reason, refused.decided_by) == (
        RevisionStatus.REJECTED,
        posting.rejection_reason,
        district,
    )
    assert event.revision == refused and refused.data["description"] == posting.description

    # edited in place: still rejected until resubmitted; the refused revision stays as it was
    posting_update(posting=posting, by=member, fields={"description": "08:30~17:30 근무, 휴게 1시간. CNC 가공."})
    posting = reload(posting)
    assert posting.status == PostingStatus.REJECTED
    assert posting.description.startswith("08:30~17:30")
    assert JobPostingRevision.objects.filter(posting=posting).count() == 1
    refused.refresh_from_db()
    assert not refused.data["description"].startswith("08:30~17:30")

    posting_submit(posting=posting, by=member)
    posting_approve(posting=posting, by=district)
    posting = reload(posting)
    assert posting.status == PostingStatus.PUBLISHED
    assert posting.rejection_reason == ""
    assert posting.current_revision.data["description"].startswith("08:30~17:30")
    assert events(posting) == [
        PostingEventKind.CREATED,
        PostingEventKind.SUBMITTED,
        PostingEventKind.REJECTED,
        PostingEventKind.SUBMITTED,
        PostingEventKind.APPROVED,
    ]


@pytest.mark.parametrize("who", ["centre_staff", "member", "superuser"])
def test_only_district_staff_reject(request, submitted, who):
    with pytest.raises(PermissionDenied):
        posting_reject(posting=submitted, by=request.getfixturevalue(who), reason="사유")
    assert reload(submitted).status == PostingStatus.SUBMITTED


def test_reject_only_submitted_postings(published, district):
    with pytest.raises(ValidationError, match="검토 중인 공고만 반려할 수 있습니다."):
        posting_reject(posting=published, by=district, reason="사유")
    assert reload(published).status == PostingStatus.PUBLISHED


# ---- direct publication by centre staff -----------------------------------------------------


@pytest.mark.parametrize("channel", [EntryChannel.PHONE, EntryChannel.PAPER])
def test_centre_staff_publish_their_phone_or_paper_entry(employer, centre_staff, channel):
    posting = posting_create(employer=employer, by=centre_staff, fields=fields(), entry_channel=channel)
    posting_publish_direct(posting=posting, by=centre_staff)
    posting = reload(posting)
    assert posting.status == PostingStatus.PUBLISHED
    assert posting.published_by == centre_staff and posting.published_at == timezone.now()
    assert posting.date_posted == TODAY
    assert posting.current_revision.status == RevisionStatus.APPROVED
    assert posting.current_revision.data == snapshot(posting)
    event = last_event(posting)
    assert (event.kind, event.actor, event.revision, event.from_status) == (
        PostingEventKind.PUBLISHED_DIRECT,
        centre_staff,
        posting.current_revision,
        PostingStatus.DRAFT,
    )
    assert posting in JobPosting.objects.open()


def test_district_staff_may_publish_a_centre_entry_directly(phone_draft, district):
    assert reload(posting_publish_direct(posting=phone_draft, by=district)).status == PostingStatus.PUBLISHED


def test_direct_publication_is_refused_for_an_employer_entered_posting(draft, district, centre_staff):
    with pytest.raises(ValidationError, match="기업이 직접 작성한 공고는 검토를 거쳐 게시됩니다."):
        posting_publish_direct(posting=draft, by=district)
    with pytest.raises(PermissionDenied):  # not their centre's posting at all
        posting_publish_direct(posting=draft, by=centre_staff)
    assert reload(draft).status == PostingStatus.DRAFT


def test_direct_publication_is_refused_for_an_unverified_employer(centre_staff):
    pending = EmployerFactory(verification_status=Employer.Verification.PENDING)
    posting = posting_create(employer=pending, by=centre_staff, fields=fields(), entry_channel=EntryChannel.PHONE)
    with pytest.raises(ValidationError) as info:
        posting_publish_direct(posting=posting, by=centre_staff)
    assert info.value.messages == [MSG_UNVERIFIED]
    posting = reload(posting)
    assert posting.status == PostingStatus.DRAFT and posting.current_revision is None


def test_direct_publication_is_refused_for_flagged_text(employer, centre_staff):
    posting = posting_create(
        employer=employer,
        by=centre_staff,
        fields=fields(preferred_qualifications="30대 남성 우대"),
        entry_channel=EntryChannel.PHONE,
    )
    with pytest.raises(ValidationError, match="채용 관련 법령에 어긋날 수 있는 표현"):
        posting_publish_direct(posting=posting, by=centre_staff)
    assert reload(posting).status == PostingStatus.DRAFT
    # it may still go through review instead
    assert reload(posting_submit(posting=posting, by=centre_staff)).status == PostingStatus.SUBMITTED


def test_direct_publication_needs_the_required_fields(employer, centre_staff):
    posting = posting_create(
        employer=employer, by=centre_staff, fields=fields(openings=None), entry_channel=EntryChannel.PAPER
    )
    with pytest.raises(ValidationError) as info:
        posting_publish_direct(posting=posting, by=centre_staff)
    assert list(info.value.message_dict) == ["openings"]
    assert reload(posting).status == PostingStatus.DRAFT


def test_an_employer_member_cannot_publish_directly(employer, member, phone_draft):
    with pytest.raises(PermissionDenied, match="센터 직원만 바로 게시할 수 있습니다."):
        posting_publish_direct(posting=phone_draft, by=member)
    assert reload(phone_draft).status == PostingStatus.DRAFT


def test_staff_of_another_centre_cannot_publish_directly(phone_draft, other_centre_staff):
    with pytest.raises(PermissionDenied, match=MSG_NOT_MANAGER):
        posting_publish_direct(posting=phone_draft, by=other_centre_staff)
    assert reload(phone_draft).status == PostingStatus.DRAFT


def test_direct_publication_only_from_draft(phone_draft, centre_staff):
    posting_submit(posting=phone_draft, by=centre_staff)
    with pytest.raises(ValidationError, match="작성 중인 공고만 바로 게시할 수 있습니다."):
        posting_publish_direct(posting=phone_draft, by=centre_staff)
    assert reload(phone_draft).status == PostingStatus.SUBMITTED


def test_a_rejected_staff_entry_goes_back_through_review(phone_draft, centre_staff, district):
    """District staff's rejection cannot be bypassed by publishing directly."""
    posting_submit(posting=phone_draft, by=centre_staff)
    posting_reject(posting=phone_draft, by=district, reason="연락처를 확인해 주세요.")
    with pytest.raises(ValidationError, match="반려된 공고는 고친 뒤 검토를 다시 요청해 주세요."):
        posting_publish_direct(posting=phone_draft, by=centre_staff)
    assert reload(phone_draft).status == PostingStatus.REJECTED
    posting_submit(posting=phone_draft, by=centre_staff)
    assert reload(phone_draft).status == PostingStatus.SUBMITTED


def test_an_employer_copy_of_a_staff_entry_is_an_employer_posting(phone_draft, member, centre_staff):
    """A member's copy of a phone entry must not inherit the staff channel (and so direct
    publication without review); the centre's own staff keep it."""
    member_copy = posting_duplicate(posting=phone_draft, by=member)
    assert (member_copy.entry_channel, member_copy.centre) == (EntryChannel.EMPLOYER, None)
    with pytest.raises(PermissionDenied):  # no longer the centre's entry
        posting_publish_direct(posting=member_copy, by=centre_staff)
    assert reload(member_copy).status == PostingStatus.DRAFT
    staff_copy = posting_duplicate(posting=phone_draft, by=centre_staff)
    assert (staff_copy.entry_channel, staff_copy.centre) == (EntryChannel.PHONE, centre_staff.staff_centre)


def test_withdrawing_a_request_clears_its_time(draft, member):
    posting_submit(posting=draft, by=member)
    assert reload(draft).submitted_at is not None
    posting_withdraw(posting=draft, by=member)
    assert reload(draft).submitted_at is None


def test_weekly_wages_are_for_imports_only(employer, member):
    with pytest.raises(ValidationError) as exc:
        posting_create(employer=employer, by=member, fields=fields(wage_type=WageType.WEEK, wage_min=600_000))
    assert "임금형태는 시급·일급·월급·연봉 중에서 골라 주세요." in exc.value.message_dict["wage_type"]


def test_anonymous_cannot_publish_directly(phone_draft):
    with pytest.raises(PermissionDenied):
        posting_publish_direct(posting=phone_draft, by=AnonymousUser())


# ---- close, filled ------------------------------------------------------------------------


def test_close_a_published_posting(published, member):
    assert published in JobPosting.objects.open()
    posting_close(posting=published, by=member)
    posting = reload(published)
    assert posting.status == PostingStatus.CLOSED
    assert posting.closed_at == timezone.now()
    assert posting not in JobPosting.objects.open()
    assert posting in JobPosting.objects.public()  # the page stays, as 마감
    event = last_event(posting)
    assert (event.kind, event.actor, event.from_status, event.to_status, event.revision) == (
        PostingEventKind.CLOSED,
        member,
        PostingStatus.PUBLISHED,
        PostingStatus.CLOSED,
        posting.current_revision,
    )


@pytest.mark.parametrize("fixture", ["draft", "submitted"])
def test_close_only_published_postings(request, fixture, member):
    posting = request.getfixturevalue(fixture)
    before = reload(posting).status
    with pytest.raises(ValidationError, match="게시 중인 공고만 마감할 수 있습니다."):
        posting_close(posting=posting, by=member)
    assert reload(posting).status == before


def test_close_twice_is_refused(published, member):
    posting_close(posting=published, by=member)
    with pytest.raises(ValidationError):
        posting_close(posting=published, by=member)
    assert events(published).count(PostingEventKind.CLOSED) == 1


def test_mark_filled_from_published(published, member):
    posting_mark_filled(posting=published, by=member)
    posting = reload(published)
    assert posting.status == PostingStatus.FILLED
    assert posting.closed_at == timezone.now()
    assert posting not in JobPosting.objects.open()
    event = last_event(posting)
    assert (event.kind, event.from_status, event.actor) == (
        PostingEventKind.FILLED,
        PostingStatus.PUBLISHED,
        member,
    )


def test_mark_filled_from_closed_keeps_the_closing_time(published, member, clock):
    posting_close(posting=published, by=member)
    closed_at = reload(published).closed_at
    clock.move_to(NOW + datetime.timedelta(days=2))
    posting_mark_filled(posting=published, by=member)
    posting = reload(published)
    assert posting.status == PostingStatus.FILLED and posting.closed_at == closed_at
    assert last_event(posting).from_status == PostingStatus.CLOSED


def test_mark_filled_from_expired(employer, member, district, clock):
    posting = posting_create(employer=employer, by=member, fields=fields(deadline=TODAY + datetime.timedelta(days=1)))
    posting_approve(posting=posting_submit(posting=posting, by=member), by=district)
    clock.move_to(at(TODAY + datetime.timedelta(days=2)))
    assert postings_expire() == 1
    assert reload(posting).status == PostingStatus.EXPIRED
    posting_mark_filled(posting=posting, by=member)
    posting = reload(posting)
    assert posting.status == PostingStatus.FILLED
    assert last_event(posting).from_status == PostingStatus.EXPIRED


@pytest.mark.parametrize("fixture", ["draft", "submitted"])
def test_mark_filled_is_refused_before_publication(request, fixture, member):
    posting = request.getfixturevalue(fixture)
    before = reload(posting).status
    with pytest.raises(ValidationError, match="게시했던 공고만 채용 완료로 표시할 수 있습니다."):
        posting_mark_filled(posting=posting, by=member)
    assert reload(posting).status == before


def test_a_filled_posting_cannot_be_closed_or_filled_again(published, member):
    posting_mark_filled(posting=published, by=member)
    with pytest.raises(ValidationError):
        posting_close(posting=published, by=member)
    with pytest.raises(ValidationError):
        posting_mark_filled(posting=published, by=member)
    assert reload(published).status == PostingStatus.FILLED


# ---- duplicate ----------------------------------------------------------------------------


def test_duplicate_a_posting_whose_deadline_passed(published, member, clock):
    original = reload(published)
    before = snapshot(original)
    clock.move_to(at(TODAY + datetime.timedelta(days=40)))
    copy = reload(posting_duplicate(posting=original, by=member))

    assert copy.pk != original.pk
    assert copy.status == PostingStatus.DRAFT
    assert copy.employer == original.employer and copy.created_by == member
    assert copy.entry_channel == EntryChannel.EMPLOYER and copy.centre is None
    assert copy.deadline is None  # past deadline cleared
    assert copy.date_posted == TODAY + datetime.timedelta(days=40)
    assert copy.published_at is None and copy.published_by is None and copy.current_revision is None
    expected = dict(before, deadline=None)
    assert snapshot(copy) == expected
    event = last_event(copy)
    assert event.kind == PostingEventKind.CREATED and event.actor == member
    assert event.reason == f"공고 {original.pk}번을 복사"

    # the original is unchanged
    after = reload(original)
    assert snapshot(after) == before
    assert after.status == PostingStatus.PUBLISHED and after.updated_at == original.updated_at
    assert events(after) == [PostingEventKind.CREATED, PostingEventKind.SUBMITTED, PostingEventKind.APPROVED]


def test_duplicate_keeps_a_future_deadline(draft, member):
    copy = posting_duplicate(posting=draft, by=member)
    assert copy.deadline == draft.deadline
    assert reload(copy).status == PostingStatus.DRAFT


def test_duplicate_of_a_centre_entry_stays_with_the_centre(phone_draft, centre_staff):
    copy = reload(posting_duplicate(posting=phone_draft, by=centre_staff))
    assert copy.entry_channel == EntryChannel.PHONE
    assert copy.centre == phone_draft.centre
    assert copy in JobPosting.objects.manageable_by(centre_staff)


# ---- someone else's posting -----------------------------------------------------------------

ACTIONS = {
    "update": lambda p, u: posting_update(posting=p, by=u, fields={"title": "남의 공고 수정"}),
    "submit": lambda p, u: posting_submit(posting=p, by=u),
    "withdraw": lambda p, u: posting_withdraw(posting=p, by=u),
    "close": lambda p, u: posting_close(posting=p, by=u),
    "mark_filled": lambda p, u: posting_mark_filled(posting=p, by=u),
    "duplicate": lambda p, u: posting_duplicate(posting=p, by=u),
    "approve": lambda p, u: posting_approve(posting=p, by=u),
    "reject": lambda p, u: posting_reject(posting=p, by=u, reason="사유"),
    "publish_direct": lambda p, u: posting_publish_direct(posting=p, by=u),
}
STATE_FOR = {
    "update": "draft",
    "submit": "draft",
    "withdraw": "submitted",
    "close": "published",
    "mark_filled": "published",
    "duplicate": "published",
    "approve": "submitted",
    "reject": "submitted",
    "publish_direct": "draft",
}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_another_employers_member_is_refused_every_action(request, action, other_member):
    posting = request.getfixturevalue(STATE_FOR[action])
    before = snapshot(reload(posting)), reload(posting).status, events(posting)
    count = JobPosting.objects.count()
    with pytest.raises(PermissionDenied):
        ACTIONS[action](posting, other_member)
    after = reload(posting)
    assert (snapshot(after), after.status, events(after)) == before
    assert JobPosting.objects.count() == count


@pytest.mark.parametrize("action", ["update", "submit", "close", "duplicate"])
def test_a_seeker_and_other_centre_staff_are_refused(request, action, seeker, centre_staff):
    posting = request.getfixturevalue(STATE_FOR[action])
    for user in (seeker, centre_staff):
        with pytest.raises(PermissionDenied):
            ACTIONS[action](posting, user)
    assert reload(posting).status == STATE_FOR[action]


@pytest.mark.parametrize("action", ["update", "submit", "duplicate"])
def test_staff_of_another_centre_are_refused_a_centre_entry(action, phone_draft, other_centre_staff):
    with pytest.raises(PermissionDenied, match=MSG_NOT_MANAGER):
        ACTIONS[action](phone_draft, other_centre_staff)
    assert reload(phone_draft).status == PostingStatus.DRAFT


def test_the_employers_member_manages_a_centre_entry(phone_draft, member):
    posting_submit(posting=phone_draft, by=member)
    assert reload(phone_draft).status == PostingStatus.SUBMITTED


def test_imported_postings_are_managed_by_nobody(district, member, employer):
    imported = JobPostingFactory(employer=employer, source="work24", external_id="K1", entry_channel="import")
    for action in ("close", "mark_filled", "duplicate"):
        for user in (district, member):
            with pytest.raises(PermissionDenied):
                ACTIONS[action](imported, user)
    assert reload(imported).status == PostingStatus.PUBLISHED


def test_allowed_actions_follow_the_services(employer, published, phone_draft, member, centre_staff):
    """The manage pages offer exactly what the services would accept."""
    from jobs.services.lifecycle import allowed_actions

    draft = posting_create(employer=employer, by=member, fields=fields())
    assert allowed_actions(draft, member) == {"edit", "submit"}
    assert allowed_actions(phone_draft, centre_staff) == {"edit", "submit", "publish"}
    assert allowed_actions(phone_draft, member) == {"edit", "submit"}
    assert allowed_actions(published, member) == {"edit", "close", "fill"}
    # past the deadline, before the expiry task: no longer editable or closable, still fillable
    after = published.deadline + datetime.timedelta(days=1)
    assert allowed_actions(published, member, today=after) == {"fill"}
    posting_submit(posting=draft, by=member)
    assert allowed_actions(reload(draft), member) == {"withdraw"}
