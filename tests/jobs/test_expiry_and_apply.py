"""The deadline boundary in KST (DESIGN.md "Codes and units", "Lifecycles"): a posting is open
through the end of its deadline date and expired from 00:00 KST the next day, whether or not
the expiry task has run; applying follows the same rule."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from employers.models import Employer
from jobs.choices import (
    ApplicationChannel,
    ApplicationStatus,
    EntryChannel,
    PostingEventKind,
    PostingSource,
    PostingStatus,
)
from jobs.models import Application, JobPosting, PostingEvent
from jobs.services import application_submit, postings_expire
from namdong_jobs.reference.models import CommunityCentre
from tests.factories import EmployerFactory, JobPostingFactory, SeekerProfileFactory

pytestmark = pytest.mark.django_db

KST = ZoneInfo("Asia/Seoul")
D = datetime.date(2026, 12, 10)
LAST_SECOND = datetime.datetime(2026, 12, 10, 23, 59, 59, tzinfo=KST)
NEXT_DAY = datetime.datetime(2026, 12, 11, 0, 0, 1, tzinfo=KST)
MSG_CLOSED = "마감된 공고에는 지원할 수 없습니다."


def travel(moment):
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def posting():
    with travel(datetime.datetime(2026, 12, 1, 9, 0, tzinfo=KST)):
        return JobPostingFactory(deadline=D)


def expired_events(posting):
    return PostingEvent.objects.filter(posting=posting, kind=PostingEventKind.EXPIRED)


def refused_with(seeker, posting) -> list[str]:
    with pytest.raises(ValidationError) as info:
        application_submit(seeker=seeker, posting=posting)
    return info.value.messages


# ---- the boundary -------------------------------------------------------------------------


def test_open_and_applicable_until_the_last_second_of_the_deadline_day(posting):
    seeker = SeekerProfileFactory()
    with travel(LAST_SECOND):
        assert posting in JobPosting.objects.open()
        assert posting.is_open()
        assert postings_expire() == 0
        application = application_submit(seeker=seeker, posting=posting)
    application.refresh_from_db()
    assert application.posting == posting and application.seeker == seeker
    assert (application.status, application.channel) == (ApplicationStatus.SUBMITTED, ApplicationChannel.ONLINE)
    assert posting.__class__.objects.get(pk=posting.pk).status == PostingStatus.PUBLISHED


def test_closed_from_the_next_day_before_the_expiry_task_has_run(posting):
    seeker = SeekerProfileFactory()
    with travel(NEXT_DAY):
        assert posting not in JobPosting.objects.open()
        assert not posting.is_open()
        assert posting in JobPosting.objects.public()  # the page stays, saying 마감
        assert refused_with(seeker, posting) == [MSG_CLOSED]
    assert not Application.objects.exists()
    # the task has not run: the status is still published, and no event was written
    assert JobPosting.objects.get(pk=posting.pk).status == PostingStatus.PUBLISHED
    assert not expired_events(posting).exists()


def test_the_boundary_is_midnight_in_kst_not_utc(posting):
    # 2026-12-10 15:30 UTC is 2026-12-11 00:30 KST: closed
    with travel(datetime.datetime(2026, 12, 10, 15, 30, tzinfo=datetime.UTC)):
        assert posting not in JobPosting.objects.open()
        assert refused_with(SeekerProfileFactory(), posting) == [MSG_CLOSED]
    # 2026-12-10 14:59 UTC is 23:59 KST: still open
    with travel(datetime.datetime(2026, 12, 10, 14, 59, tzinfo=datetime.UTC)):
        assert posting in JobPosting.objects.open()


def test_postings_expire_records_expired_once(posting):
    other = JobPostingFactory(deadline=D + datetime.timedelta(days=1))
    with travel(NEXT_DAY):
        assert postings_expire() == 1
        posting.refresh_from_db()
        assert posting.status == PostingStatus.EXPIRED
        assert posting.closed_at == NEXT_DAY
        assert posting not in JobPosting.objects.open()
        assert posting in JobPosting.objects.public()
        events = list(expired_events(posting))
        assert len(events) == 1
        event = events[0]
        assert (event.from_status, event.to_status, event.actor, event.at) == (
            PostingStatus.PUBLISHED,
            PostingStatus.EXPIRED,
            None,
            NEXT_DAY,
        )
        assert event.revision_id == posting.current_revision_id
        assert refused_with(SeekerProfileFactory(), posting) == [MSG_CLOSED]

        # a second run changes nothing
        before = JobPosting.objects.get(pk=posting.pk).updated_at
        assert postings_expire() == 0
        assert expired_events(posting).count() == 1
        assert JobPosting.objects.get(pk=posting.pk).updated_at == before
    other.refresh_from_db()
    assert other.status == PostingStatus.PUBLISHED
    assert PostingEvent.objects.filter(kind=PostingEventKind.EXPIRED).count() == 1


def test_postings_expire_takes_today_as_an_argument(posting):
    with travel(LAST_SECOND):
        assert postings_expire(today=D) == 0
        assert postings_expire(today=D + datetime.timedelta(days=1)) == 1
    assert JobPosting.objects.get(pk=posting.pk).status == PostingStatus.EXPIRED


def test_postings_expire_leaves_everything_but_published_alone():
    with travel(datetime.datetime(2026, 12, 1, 9, 0, tzinfo=KST)):
        others = {
            status: JobPostingFactory(status=status, deadline=D)
            for status in (
                PostingStatus.DRAFT,
                PostingStatus.SUBMITTED,
                PostingStatus.REJECTED,
                PostingStatus.CLOSED,
                PostingStatus.FILLED,
            )
        }
    with travel(NEXT_DAY):
        assert postings_expire() == 0
    for status, posting in others.items():
        posting.refresh_from_db()
        assert posting.status == status
    assert not PostingEvent.objects.exists()


def test_until_filled_postings_never_expire():
    until_filled = JobPostingFactory(deadline=None)
    with travel(datetime.datetime(2031, 1, 1, 0, 0, 1, tzinfo=KST)):
        assert postings_expire() == 0
        assert until_filled in JobPosting.objects.open()
        application_submit(seeker=SeekerProfileFactory(), posting=until_filled)
    until_filled.refresh_from_db()
    assert until_filled.status == PostingStatus.PUBLISHED
    assert not expired_events(until_filled).exists()


# ---- what cannot be applied to ------------------------------------------------------------


@pytest.mark.parametrize(
    "status",
    [
        PostingStatus.DRAFT,
        PostingStatus.SUBMITTED,
        PostingStatus.REJECTED,
        PostingStatus.CLOSED,
        PostingStatus.FILLED,
        PostingStatus.EXPIRED,
    ],
)
def test_only_published_postings_take_applications(status):
    posting = JobPostingFactory(status=status)
    assert refused_with(SeekerProfileFactory(), posting) == [MSG_CLOSED]
    assert not Application.objects.exists()


def test_imported_postings_are_applied_to_at_their_source():
    external = EmployerFactory(verification_status=Employer.Verification.EXTERNAL, brn=None)
    imported = JobPostingFactory(
        employer=external,
        source=PostingSource.WORK24,
        external_id="K151612607080001",
        entry_channel=EntryChannel.IMPORT,
    )
    assert imported in JobPosting.objects.open()
    with pytest.raises(ValidationError) as info:
        application_submit(seeker=SeekerProfileFactory(), posting=imported)
    assert info.value.messages == ["외부 공고는 원문 사이트에서 지원해 주세요."]
    assert info.value.code == "external"
    assert not Application.objects.exists()


def test_a_seeker_applies_once():
    posting = JobPostingFactory()
    seeker = SeekerProfileFactory()
    first = application_submit(seeker=seeker, posting=posting)
    with pytest.raises(ValidationError) as info:
        application_submit(seeker=seeker, posting=posting)
    assert info.value.messages == ["이미 지원한 공고입니다."]
    assert list(Application.objects.all()) == [first]
    # the refusal left the transaction usable: another seeker may apply
    application_submit(seeker=SeekerProfileFactory(), posting=posting)
    assert Application.objects.count() == 2


def test_a_referral_is_an_application_with_its_channel():
    posting = JobPostingFactory()
    walk_in = SeekerProfileFactory(
        user=None, registered_centre=CommunityCentre.objects.get(name="구월1동 행정복지센터")
    )
    application = application_submit(seeker=walk_in, posting=posting, channel=ApplicationChannel.REFERRAL)
    assert Application.objects.get(pk=application.pk).channel == ApplicationChannel.REFERRAL


def test_an_erased_seeker_cannot_apply():
    from django.utils import timezone

    posting = JobPostingFactory()
    seeker = SeekerProfileFactory(erased_at=timezone.now())
    assert refused_with(seeker, posting) == ["삭제된 구직자 정보로는 지원할 수 없습니다."]
