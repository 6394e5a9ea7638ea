"""Editing a published posting (DESIGN.md "Lifecycles"): an employer's edit becomes a pending
revision while the approved one stays live; district staff edits go live at once;
applications point to the revision that was shown."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from jobs.choices import (
    ApplyMethod,
    EmploymentType,
    EntryChannel,
    PostingEventKind,
    PostingStatus,
    RevisionStatus,
    WageType,
)
from jobs.models import Application, JobPosting, JobPostingRevision, PostingEvent
from jobs.services import (
    application_submit,
    posting_approve,
    posting_close,
    posting_create,
    posting_publish_direct,
    posting_submit,
    posting_update,
    revision_approve,
    revision_reject,
)
from jobs.services.revisions import snapshot
from namdong_jobs.reference.models import CommunityCentre, Dong, Occupation
from tests.factories import EmployerFactory, EmployerMemberFactory, SeekerProfileFactory, StaffMembershipFactory

pytestmark = pytest.mark.django_db

KST = ZoneInfo("Asia/Seoul")
TODAY = datetime.date(2026, 11, 2)
NOW = datetime.datetime(2026, 11, 2, 10, 0, tzinfo=KST)

OLD_TITLE = "CNC 선반 가공원 모집"
OLD_DESCRIPTION = "남동인더스파크 공장에서 CNC 선반으로 자동차 부품을 가공합니다."
NEW_TITLE = "용접 기능공 모집"
NEW_DESCRIPTION = "남동인더스파크 공장에서 알곤 용접으로 배관 부품을 제작합니다."


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def fields(**overrides) -> dict:
    data = {
        "title": OLD_TITLE,
        "occupation": Occupation.objects.get(code="890"),
        "description": OLD_DESCRIPTION,
        "openings": 2,
        "employment_type": EmploymentType.REGULAR,
        "wage_type": WageType.MONTH,
        "wage_min": 2_500_000,
        "wage_max": 3_000_000,
        "dong": Dong.objects.get(name="논현고잔동"),
        "address": "인천광역시 남동구 남동서로 200",
        "apply_methods": [ApplyMethod.ONLINE],
        "deadline": TODAY + datetime.timedelta(days=30),
    }
    data.update(overrides)
    return data


@pytest.fixture
def employer():
    return EmployerFactory()


@pytest.fixture
def member(employer):
    return EmployerMemberFactory(employer=employer).user


@pytest.fixture
def district():
    return StaffMembershipFactory(centre=CommunityCentre.objects.get(kind=CommunityCentre.Kind.DISTRICT)).user


@pytest.fixture
def centre_staff():
    return StaffMembershipFactory().user


@pytest.fixture
def published(employer, member, district) -> JobPosting:
    posting = posting_create(employer=employer, by=member, fields=fields())
    posting_submit(posting=posting, by=member)
    return posting_approve(posting=posting, by=district)


def reload(posting: JobPosting) -> JobPosting:
    return JobPosting.objects.get(pk=posting.pk)


def pending(posting: JobPosting):
    return JobPostingRevision.objects.filter(posting=posting, status=RevisionStatus.PENDING)


def found(query: str) -> list[JobPosting]:
    return list(JobPosting.objects.open().keyword(query))


# ---- an employer's edit waits for review ------------------------------------------------------


def test_an_employer_edit_creates_a_pending_revision_and_the_live_posting_stays(published, member):
    live = reload(published)
    first = live.current_revision
    revision = posting_update(posting=published, by=member, fields={"title": NEW_TITLE, "description": NEW_DESCRIPTION})

    assert isinstance(revision, JobPostingRevision)
    assert list(pending(published)) == [revision]
    assert revision.number == 2 and revision.created_by == member
    assert revision.data["title"] == NEW_TITLE and revision.data["description"] == NEW_DESCRIPTION
    assert revision.data["openings"] == 2  # the rest as live

    after = reload(published)
    assert (after.title, after.description) == (OLD_TITLE, OLD_DESCRIPTION)
    assert after.current_revision == first
    assert after.status == PostingStatus.PUBLISHED
    assert snapshot(after) == snapshot(live)
    assert found("용접") == []
    assert found("선반") == [after]

    event = PostingEvent.objects.filter(posting=published).last()
    assert (event.kind, event.actor, event.revision, event.to_status) == (
        PostingEventKind.REVISION_SUBMITTED,
        member,
        revision,
        PostingStatus.PUBLISHED,
    )


def test_a_second_edit_withdraws_the_first_pending_revision(published, member, district):
    """A pending revision is never changed in place: a reviewer may have it open. The second
    edit withdraws it and waits as a new one; approving the withdrawn one is refused."""
    first = posting_update(posting=published, by=member, fields={"title": "첫 수정 제목", "openings": 3})
    second = posting_update(posting=published, by=member, fields={"title": NEW_TITLE, "openings": 4})
    assert second.pk != first.pk
    first.refresh_from_db()
    assert (first.status, first.data["title"]) == (RevisionStatus.WITHDRAWN, "첫 수정 제목")
    assert pending(published).count() == 1
    data = pending(published).get().data
    assert (data["title"], data["openings"]) == (NEW_TITLE, 4)
    assert JobPostingRevision.objects.filter(posting=published).count() == 3  # live, withdrawn, pending
    assert reload(published).title == OLD_TITLE
    with pytest.raises(ValidationError, match="기업이 이 수정본을 다시 고쳐 새 수정본이 올라왔습니다."):
        revision_approve(revision=first, by=district)
    assert reload(published).title == OLD_TITLE


def test_the_pending_revision_carries_its_own_flags(published, member):
    revision = posting_update(posting=published, by=member, fields={"description": "용모 단정한 20대 환영"})
    assert {f["topic"] for f in revision.law_flags} == {"용모·신체 조건", "연령 제한"}
    assert reload(published).law_flags == []


def test_an_edit_below_the_minimum_wage_is_refused(published, member):
    with pytest.raises(ValidationError) as info:
        posting_update(posting=published, by=member, fields={"wage_min": 2_000_000})
    assert "9,569" in info.value.message_dict["wage_min"][0]
    assert not pending(published).exists()


def test_an_edit_that_removes_a_required_field_is_refused(published, member):
    with pytest.raises(ValidationError) as info:
        posting_update(posting=published, by=member, fields={"description": "  "})
    assert list(info.value.message_dict) == ["description"]
    assert not pending(published).exists()


def test_centre_staff_edits_of_their_published_entry_also_wait_for_review(employer, centre_staff):
    posting = posting_create(employer=employer, by=centre_staff, fields=fields(), entry_channel=EntryChannel.PHONE)
    posting_publish_direct(posting=posting, by=centre_staff)
    revision = posting_update(posting=posting, by=centre_staff, fields={"title": NEW_TITLE})
    assert revision.status == RevisionStatus.PENDING
    assert reload(posting).title == OLD_TITLE


# ---- moderation of revisions ------------------------------------------------------------------


def test_revision_approve_applies_it(published, member, district, clock):
    revision = posting_update(posting=published, by=member, fields={"title": NEW_TITLE, "description": NEW_DESCRIPTION})
    clock.move_to(NOW + datetime.timedelta(hours=3))
    revision_approve(revision=revision, by=district)

    live = reload(published)
    assert (live.title, live.description) == (NEW_TITLE, NEW_DESCRIPTION)
    assert live.current_revision_id == revision.pk
    assert live.status == PostingStatus.PUBLISHED
    assert found("용접") == [live]
    assert found("선반") == []

    revision.refresh_from_db()
    assert (revision.status, revision.decided_by, revision.decided_at) == (
        RevisionStatus.APPROVED,
        district,
        NOW + datetime.timedelta(hours=3),
    )
    assert snapshot(live) == revision.data
    assert not pending(published).exists()
    event = PostingEvent.objects.filter(posting=published).last()
    assert (event.kind, event.actor, event.revision, event.at) == (
        PostingEventKind.REVISION_APPROVED,
        district,
        revision,
        timezone.now(),
    )


def test_revision_approve_stores_every_field_type(published, member, district):
    changes = {
        "daily_hours": "7.50",
        "start_time": datetime.time(8, 30),
        "end_time": datetime.time(17, 0),
        "work_days": ["MON", "TUE", "WED", "THU", "FRI"],
        "dong": Dong.objects.get(name="구월1동"),
        "deadline": TODAY + datetime.timedelta(days=10),
        "wage_type": WageType.HOUR,
        "wage_min": 11_000,
        "wage_max": None,
    }
    revision = posting_update(posting=published, by=member, fields=changes)
    revision_approve(revision=revision, by=district)
    live = reload(published)
    assert str(live.daily_hours) == "7.50"
    assert (live.start_time, live.end_time) == (datetime.time(8, 30), datetime.time(17, 0))
    assert live.work_days == ["MON", "TUE", "WED", "THU", "FRI"]
    assert live.dong.name == "구월1동"
    assert live.deadline == TODAY + datetime.timedelta(days=10)
    assert (live.wage_type, live.wage_min, live.wage_max, live.wage_hourly) == (WageType.HOUR, 11_000, None, 11_000)


def test_revision_reject_keeps_the_live_text_and_records_the_reason(published, member, district):
    revision = posting_update(posting=published, by=member, fields={"title": NEW_TITLE})
    with pytest.raises(ValidationError):
        revision_reject(revision=revision, by=district, reason=" ")
    assert pending(published).get() == revision

    revision_reject(revision=revision, by=district, reason="제목에 업무 내용을 정확히 적어 주세요.")
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.REJECTED
    assert revision.reason == "제목에 업무 내용을 정확히 적어 주세요."
    assert revision.decided_by == district and revision.decided_at == timezone.now()
    live = reload(published)
    assert live.title == OLD_TITLE and live.current_revision.number == 1
    event = PostingEvent.objects.filter(posting=published).last()
    assert (event.kind, event.reason, event.revision) == (
        PostingEventKind.REVISION_REJECTED,
        "제목에 업무 내용을 정확히 적어 주세요.",
        revision,
    )
    # a new edit may follow
    again = posting_update(posting=published, by=member, fields={"title": "용접공 모집 (알곤)"})
    assert again.pk != revision.pk and again.number == 3


def test_only_district_staff_decide_revisions(published, member, centre_staff):
    revision = posting_update(posting=published, by=member, fields={"title": NEW_TITLE})
    for user in (member, centre_staff):
        with pytest.raises(PermissionDenied):
            revision_approve(revision=revision, by=user)
        with pytest.raises(PermissionDenied):
            revision_reject(revision=revision, by=user, reason="사유")
    assert pending(published).get() == revision
    assert reload(published).title == OLD_TITLE


def test_a_decided_revision_cannot_be_decided_again(published, member, district):
    revision = posting_update(posting=published, by=member, fields={"title": NEW_TITLE})
    revision_approve(revision=revision, by=district)
    with pytest.raises(ValidationError, match="검토 중인 수정본만 승인할 수 있습니다."):
        revision_approve(revision=revision, by=district)
    with pytest.raises(ValidationError, match="검토 중인 수정본만 반려할 수 있습니다."):
        revision_reject(revision=revision, by=district, reason="사유")
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.APPROVED


def test_a_revision_of_a_closed_posting_cannot_be_approved(published, member, district):
    revision = posting_update(posting=published, by=member, fields={"title": NEW_TITLE})
    posting_close(posting=published, by=member)
    with pytest.raises(ValidationError, match="공고가 이미 마감되어 수정본을 반영할 수 없습니다."):
        revision_approve(revision=revision, by=district)
    live = reload(published)
    assert live.title == OLD_TITLE and live.status == PostingStatus.CLOSED
    # closing withdrew it: it left the queue without a rejection to read
    assert not pending(published).exists()
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.WITHDRAWN


def test_closing_after_the_deadline_is_refused(published, member, clock):
    """A posting past its deadline has expired (the task will record it); closing it would
    rewrite its history as closed by the employer."""
    clock.move_to(
        datetime.datetime.combine(published.deadline + datetime.timedelta(days=1), datetime.time(9), tzinfo=KST)
    )
    with pytest.raises(ValidationError, match="마감일이 지나 이미 마감된 공고입니다."):
        posting_close(posting=published, by=member)
    assert reload(published).status == PostingStatus.PUBLISHED


def test_revision_approve_checks_the_minimum_wage_of_the_day(employer, member, district, clock):
    clock.move_to(datetime.datetime(2025, 12, 20, 10, 0, tzinfo=KST))
    posting = posting_create(
        employer=employer, by=member, fields=fields(deadline=datetime.date(2026, 2, 28), wage_min=2_200_000)
    )
    posting_approve(posting=posting_submit(posting=posting, by=member), by=district)
    revision = posting_update(
        posting=posting, by=member, fields={"wage_type": WageType.HOUR, "wage_min": 10_030, "wage_max": None}
    )
    clock.move_to(datetime.datetime(2026, 1, 2, 10, 0, tzinfo=KST))
    with pytest.raises(ValidationError) as info:
        revision_approve(revision=revision, by=district)
    assert "10,320" in info.value.message_dict["wage_min"][0]
    assert reload(posting).wage_type == WageType.MONTH
    assert pending(posting).get() == revision


# ---- district staff edits go live at once -------------------------------------------------------


def test_a_district_staff_edit_goes_live_and_withdraws_the_pending_one(published, member, district):
    waiting = posting_update(posting=published, by=member, fields={"title": "직원이 고치기 전 수정본"})
    result = posting_update(posting=published, by=district, fields={"title": NEW_TITLE, "description": NEW_DESCRIPTION})

    live = reload(published)
    assert isinstance(result, JobPosting)
    assert (live.title, live.description) == (NEW_TITLE, NEW_DESCRIPTION)
    assert found("용접") == [live]
    revision = live.current_revision
    assert (revision.number, revision.status, revision.created_by, revision.decided_by) == (
        3,
        RevisionStatus.APPROVED,
        district,
        district,
    )
    assert revision.data == snapshot(live)
    waiting.refresh_from_db()
    assert waiting.status == RevisionStatus.WITHDRAWN
    assert not pending(published).exists()
    event = PostingEvent.objects.filter(posting=published).last()
    assert (event.kind, event.actor, event.revision) == (PostingEventKind.STAFF_EDIT, district, revision)


def test_a_district_staff_edit_without_a_pending_revision(published, district):
    posting_update(posting=published, by=district, fields={"openings": 5})
    live = reload(published)
    assert live.openings == 5 and live.current_revision.number == 2
    assert JobPostingRevision.objects.filter(posting=published, status=RevisionStatus.WITHDRAWN).count() == 0


# ---- what cannot be edited ----------------------------------------------------------------------


def test_editing_a_submitted_posting_is_refused(employer, member):
    posting = posting_submit(posting=posting_create(employer=employer, by=member, fields=fields()), by=member)
    with pytest.raises(ValidationError, match="검토 중인 공고는 고칠 수 없습니다"):
        posting_update(posting=posting, by=member, fields={"title": NEW_TITLE})
    assert reload(posting).title == OLD_TITLE
    assert not JobPostingRevision.objects.exists()


@pytest.mark.parametrize("by", ["member", "district"])
def test_editing_a_closed_posting_is_refused(request, published, member, by):
    posting_close(posting=published, by=member)
    with pytest.raises(ValidationError, match="마감된 공고는 고칠 수 없습니다"):
        posting_update(posting=published, by=request.getfixturevalue(by), fields={"title": NEW_TITLE})
    assert reload(published).title == OLD_TITLE
    assert not pending(published).exists()


def test_editing_a_published_posting_past_its_deadline_is_refused(published, member, clock):
    clock.move_to(datetime.datetime.combine(TODAY + datetime.timedelta(days=31), datetime.time(0, 0, 1), tzinfo=KST))
    with pytest.raises(ValidationError, match="마감된 공고는 고칠 수 없습니다"):
        posting_update(posting=published, by=member, fields={"deadline": TODAY + datetime.timedelta(days=60)})
    assert not pending(published).exists()


# ---- applications point to the revision that was shown -------------------------------------------


def test_applications_record_the_revision_shown(published, member, district):
    first = reload(published).current_revision
    early = application_submit(seeker=SeekerProfileFactory(), posting=published)
    assert early.revision == first

    revision = posting_update(posting=published, by=member, fields={"title": NEW_TITLE})
    during = application_submit(seeker=SeekerProfileFactory(), posting=published)
    assert during.revision == first  # the pending edit was not shown

    revision_approve(revision=revision, by=district)
    late = application_submit(seeker=SeekerProfileFactory(), posting=published)
    assert late.revision == revision

    assert Application.objects.get(pk=early.pk).revision_id == first.pk
    assert Application.objects.get(pk=during.pk).revision_id == first.pk
    assert first.data["title"] == OLD_TITLE and revision.data["title"] == NEW_TITLE
