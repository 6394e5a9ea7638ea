"""Applying and application tracking (issue 4 items 5–7), at the service level: the
provision consent, refusals (twice, closed, expired by date, external, not online), the
profile snapshot (declared priority groups only with the sensitive consent and the seeker's
"share"), withdrawal before a decision, the employer's status transitions with their history
rows, the messages they make (rows inside the transaction, delivery only after commit),
saved postings and "postings that fit"."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.choices import ConsentPurpose, MessageKind, NotifyChannel
from accounts.messaging.delivery import deliver_batch
from accounts.models import Consent, OutboundMessage
from accounts.services import consent_give, consent_withdraw
from employers.models import Employer
from jobs.choices import (
    ApplicationChannel,
    ApplicationStatus,
    ApplyMethod,
    EmploymentType,
    EntryChannel,
    PostingSource,
    PostingStatus,
    WageType,
)
from jobs.matching import postings_fitting
from jobs.models import Application, ApplicationStatusChange, JobPosting, SavedPosting
from jobs.services import (
    application_apply,
    application_mark_viewed,
    application_set_status,
    application_submit,
    application_withdraw,
    profile_snapshot,
    saved_posting_toggle,
)
from namdong_jobs.reference.models import Dong
from tests.factories import (
    ApplicationFactory,
    CareerEntryFactory,
    EmployerFactory,
    EmployerMemberFactory,
    JobPostingFactory,
    SeekerProfileFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("manage_clock")]

KST = ZoneInfo("Asia/Seoul")
S = ApplicationStatus
TOMORROW_2PM = datetime.datetime(2026, 6, 16, 14, 0, tzinfo=KST)


def online_posting(**fields) -> JobPosting:
    return JobPostingFactory(apply_methods=[ApplyMethod.ONLINE, ApplyMethod.PHONE], **fields)


def consenting_seeker(**fields):
    profile = SeekerProfileFactory(**fields)
    consent_give(person=profile, purpose=ConsentPurpose.PROVISION)
    return profile


def apply(profile, posting, **kwargs) -> Application:
    return application_apply(seeker=profile, posting=posting, by=profile.user, **kwargs)


def refused(call, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        call(**kwargs)
    return info.value


@pytest.fixture
def posting():
    return online_posting()


@pytest.fixture
def member(posting):
    """A member of the posting's employer."""
    return EmployerMemberFactory(employer=posting.employer).user


@pytest.fixture
def application(posting):
    return apply(consenting_seeker(), posting, message="성실히 일하겠습니다.")


# ---- the provision consent -------------------------------------------------------------------


def test_applying_online_needs_the_provision_consent(posting):
    seeker = SeekerProfileFactory()
    error = refused(application_apply, seeker=seeker, posting=posting, by=seeker.user)
    assert error.message_dict == {"provision_consent": ["지원하려면 기업에 개인정보를 제공하는 데 동의해 주세요."]}
    assert not Application.objects.exists()
    assert not Consent.objects.exists()


def test_the_ticked_checkbox_gives_the_consent_and_the_application_keeps_it(posting):
    seeker = SeekerProfileFactory()
    application = apply(seeker, posting, give_provision_consent=True)
    consent = Consent.objects.get(person=seeker, purpose=ConsentPurpose.PROVISION, withdrawn_at__isnull=True)
    assert application.provision_consent == consent
    assert application.profile_snapshot["name"] == seeker.name


def test_an_active_consent_is_used_and_none_is_added(posting):
    seeker = consenting_seeker()
    application = apply(seeker, posting, give_provision_consent=True)
    assert Consent.objects.filter(person=seeker).count() == 1
    assert application.provision_consent.person == seeker


def test_a_refused_application_records_no_consent():
    closed = online_posting(status=PostingStatus.CLOSED)
    seeker = SeekerProfileFactory()
    error = refused(application_apply, seeker=seeker, posting=closed, by=seeker.user, give_provision_consent=True)
    assert error.messages == ["마감된 공고에는 지원할 수 없습니다."]
    assert not Consent.objects.exists()


def test_a_withdrawn_consent_is_asked_again(posting):
    seeker = consenting_seeker()
    consent_withdraw(person=seeker, purpose=ConsentPurpose.PROVISION)
    error = refused(application_apply, seeker=seeker, posting=posting, by=seeker.user)
    assert "provision_consent" in error.message_dict


def test_only_the_seeker_applies(posting):
    seeker = consenting_seeker()
    with pytest.raises(PermissionDenied):
        application_apply(seeker=seeker, posting=posting, by=SeekerProfileFactory().user)
    assert not Application.objects.exists()


def test_without_the_consent_the_core_service_provides_nothing_personal(posting):
    # a path that did not ask for the consent (the desk records its own first)
    application = application_submit(seeker=SeekerProfileFactory(), posting=posting)
    assert application.profile_snapshot == {}
    assert application.provision_consent is None


# ---- refusals --------------------------------------------------------------------------------


def test_applying_twice_is_refused_and_so_is_applying_again_after_withdrawing(posting):
    seeker = consenting_seeker()
    first = apply(seeker, posting)
    assert refused(apply, profile=seeker, posting=posting).messages == ["이미 지원한 공고입니다."]
    application_withdraw(application=first, by=seeker.user)
    assert refused(apply, profile=seeker, posting=posting).messages == [
        "지원을 취소한 공고에는 다시 지원할 수 없습니다."
    ]
    assert list(Application.objects.all()) == [first]


@pytest.mark.parametrize("status", [PostingStatus.CLOSED, PostingStatus.FILLED, PostingStatus.EXPIRED])
def test_closed_postings_are_refused(status):
    posting = online_posting(status=status)
    assert refused(apply, profile=consenting_seeker(), posting=posting).messages == [
        "마감된 공고에는 지원할 수 없습니다."
    ]


def test_a_posting_past_its_deadline_is_refused_before_the_expiry_task_runs(posting):
    seeker = consenting_seeker()
    after = datetime.datetime.combine(posting.deadline + datetime.timedelta(days=1), datetime.time(0, 0, 1), KST)
    with time_machine.travel(after, tick=False):
        error = refused(apply, profile=seeker, posting=posting)
    assert error.code == "posting_closed"
    assert JobPosting.objects.get(pk=posting.pk).status == PostingStatus.PUBLISHED
    assert not Application.objects.exists()


def test_imported_postings_are_refused():
    external = EmployerFactory(verification_status=Employer.Verification.EXTERNAL, brn=None)
    imported = online_posting(
        employer=external, source=PostingSource.WORK24, external_id="K1", entry_channel=EntryChannel.IMPORT
    )
    error = refused(apply, profile=consenting_seeker(), posting=imported)
    assert error.messages == ["외부 공고는 원문 사이트에서 지원해 주세요."]


def test_postings_without_online_applying_are_refused_online():
    phone_only = JobPostingFactory(apply_methods=[ApplyMethod.PHONE])
    error = refused(apply, profile=consenting_seeker(), posting=phone_only)
    assert error.code == "not_online"
    assert "온라인 지원을 받지 않습니다" in error.messages[0]


def test_the_message_is_at_most_1000_characters(posting):
    error = refused(apply, profile=consenting_seeker(), posting=posting, message="가" * 1001)
    assert error.message_dict == {"message": ["지원 메시지는 1000자 이내로 적어 주세요."]}
    assert apply(consenting_seeker(), posting, message="가" * 1000).message == "가" * 1000


# ---- what an application records --------------------------------------------------------------


def test_an_application_records_revision_message_status_and_first_history_row(application, posting):
    assert application.revision == posting.current_revision
    assert application.channel == ApplicationChannel.ONLINE
    assert application.status == S.SUBMITTED
    assert application.message == "성실히 일하겠습니다."
    assert application.status_changed_at == timezone.now()
    change = application.status_changes.get()
    assert (change.from_status, change.to_status, change.changed_by) == ("", S.SUBMITTED, application.seeker.user)


def test_the_employer_members_are_told_on_site(posting):
    first = EmployerMemberFactory(employer=posting.employer).user
    second = EmployerMemberFactory(employer=posting.employer).user
    outsider = EmployerMemberFactory().user
    application = apply(consenting_seeker(name="김지원"), posting)
    rows = OutboundMessage.objects.filter(kind=MessageKind.APPLICATION_RECEIVED)
    assert {m.user for m in rows} == {first, second}
    assert outsider not in {m.user for m in rows}
    for row in rows:
        assert row.channel == NotifyChannel.ONSITE
        assert row.subject == f"application:{application.pk}"
        assert row.link == f"/manage/applications/{application.pk}/"
        assert posting.title in row.title
        assert "김지원" not in row.title + row.body  # no personal data in the notice


def full_profile(**fields):
    # the employer gets an online seeker's verified identifiers (not the profile's sign-up copies)
    user = UserFactory(email="minji@example.kr", phone="+821012345678", phone_verified_at=timezone.now())
    profile = consenting_seeker(
        user=user,
        name="박민지",
        birth_year=1995,
        phone="+821012345678",
        email="minji@example.kr",
        home_dong=Dong.objects.get(name="구월1동"),
        education="high",
        licences=["forklift", "driving_2"],
        licences_other=["컴퓨터활용능력 2급"],
        languages=["ko", "vi"],
        self_introduction="성실하게 일하겠습니다.",
        declared_groups=["multicultural"],
        resume_format="pdf",
        **fields,
    )
    profile.resume.name = "resumes/abc.pdf"
    profile.save()
    CareerEntryFactory(
        profile=profile, company="남동정밀", role="조립", ended_on=None, started_on=datetime.date(2020, 3, 1)
    )
    CareerEntryFactory(profile=profile, company="구월식품", role="포장")
    return profile


def test_the_snapshot_holds_the_profile_as_sent(posting):
    profile = full_profile()
    snapshot = apply(profile, posting).profile_snapshot
    assert snapshot == {
        "version": 1,
        "taken_on": "2026-06-15",
        "name": "박민지",
        "birth_year": 1995,
        "age": 31,
        "age_groups": ["youth"],
        "phone": "+821012345678",
        "email": "minji@example.kr",
        "home_dong_code": "2820051000",
        "home_dong_name": "구월1동",
        "education": "high",
        "careers": [
            {"company": "남동정밀", "role": "조립", "started": "2020-03", "ended": None, "duties": ""},
            {"company": "구월식품", "role": "포장", "started": "2015-03", "ended": "2019-06", "duties": ""},
        ],
        "licences": ["forklift", "driving_2"],
        "licences_other": ["컴퓨터활용능력 2급"],
        "languages": ["ko", "vi"],
        "self_introduction": "성실하게 일하겠습니다.",
        "resume": {"present": True, "format": "pdf"},
        "declared_groups_shared": False,
    }
    # a later profile edit does not change what was sent
    profile.name = "박민지2"
    profile.save()
    assert Application.objects.get().profile_snapshot["name"] == "박민지"


def test_declared_groups_need_the_sensitive_consent_and_the_seekers_share(posting):
    profile = full_profile()
    # ticked "share" but no sensitive consent: absent
    assert "declared_groups" not in profile_snapshot(profile, share_declared_groups=True)
    consent_give(person=profile, purpose=ConsentPurpose.SENSITIVE)
    # consent but not ticked: absent
    assert "declared_groups" not in profile_snapshot(profile)
    snapshot = apply(profile, posting, share_declared_groups=True).profile_snapshot
    assert snapshot["declared_groups"] == ["multicultural"]
    assert snapshot["declared_groups_shared"] is True


def test_withdrawing_the_sensitive_consent_removes_the_groups_already_sent(posting):
    """Review finding: the employer still saw 장애인 after the seeker withdrew the consent."""
    from accounts.services import consent_withdraw

    profile = full_profile()
    consent_give(person=profile, purpose=ConsentPurpose.SENSITIVE)
    application = apply(profile, posting, share_declared_groups=True)
    assert application.profile_snapshot["declared_groups"] == ["multicultural"]
    consent_withdraw(person=profile, purpose=ConsentPurpose.NOTIFICATIONS)  # another consent: no change
    application.refresh_from_db()
    assert application.profile_snapshot["declared_groups"] == ["multicultural"]
    consent_withdraw(person=profile, purpose=ConsentPurpose.SENSITIVE)
    application.refresh_from_db()
    assert "declared_groups" not in application.profile_snapshot
    assert application.profile_snapshot["declared_groups_shared"] is False
    assert application.profile_snapshot["name"] == profile.name  # the rest stays as sent


def test_the_snapshot_falls_back_to_the_accounts_verified_identifiers(posting):
    profile = consenting_seeker(phone="", email="")
    profile.user.phone = "+821098765432"
    profile.user.phone_verified_at = timezone.now()
    profile.user.save()
    snapshot = apply(profile, posting).profile_snapshot
    assert snapshot["phone"] == "+821098765432"
    assert snapshot["email"] == profile.user.email  # the factory's email is verified


# ---- withdrawing ------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [S.SUBMITTED, S.VIEWED, S.INTERVIEW])
def test_the_seeker_withdraws_before_a_decision(status, posting):
    application = ApplicationFactory(posting=posting, status=status)
    application_withdraw(application=application, by=application.seeker.user)
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN
    change = application.status_changes.get()
    assert (change.from_status, change.to_status, change.changed_by) == (status, S.WITHDRAWN, application.seeker.user)


@pytest.mark.parametrize("status", [S.HIRED, S.REJECTED])
def test_no_withdrawing_after_a_decision(status, posting):
    application = ApplicationFactory(posting=posting, status=status)
    error = refused(application_withdraw, application=application, by=application.seeker.user)
    assert error.messages == ["결과가 이미 나온 지원은 취소할 수 없습니다."]
    assert Application.objects.get(pk=application.pk).status == status
    assert not ApplicationStatusChange.objects.exists()


def test_withdrawing_twice_and_by_someone_else(application, member):
    with pytest.raises(PermissionDenied):
        application_withdraw(application=application, by=member)
    application_withdraw(application=application, by=application.seeker.user)
    assert refused(application_withdraw, application=application, by=application.seeker.user).messages == [
        "이미 취소한 지원입니다."
    ]


# ---- the employer's status changes -------------------------------------------------------------


def test_the_whole_path_writes_one_history_row_per_change(application, member):
    assert application_mark_viewed(application=application, by=member) is True
    assert application_mark_viewed(application=application, by=member) is False  # only the first time
    application_set_status(
        application=application, status=S.INTERVIEW, by=member, interview_at=TOMORROW_2PM, interview_place="본사 2층"
    )
    application_set_status(application=application, status=S.HIRED, by=member, note="축하합니다")
    application.refresh_from_db()
    assert application.status == S.HIRED
    assert (application.interview_at, application.interview_place) == (TOMORROW_2PM, "본사 2층")
    rows = list(application.status_changes.values_list("from_status", "to_status", "changed_by", "note"))
    assert rows == [
        ("", S.SUBMITTED, application.seeker.user_id, ""),
        (S.SUBMITTED, S.VIEWED, member.pk, ""),
        (S.VIEWED, S.INTERVIEW, member.pk, ""),
        (S.INTERVIEW, S.HIRED, member.pk, "축하합니다"),
    ]


@pytest.mark.parametrize(
    ("start", "target", "allowed"),
    [
        (S.SUBMITTED, S.VIEWED, True),
        (S.SUBMITTED, S.INTERVIEW, False),
        (S.SUBMITTED, S.HIRED, False),
        (S.VIEWED, S.HIRED, True),
        (S.VIEWED, S.REJECTED, True),
        (S.VIEWED, S.SUBMITTED, False),
        (S.INTERVIEW, S.REJECTED, True),
        (S.INTERVIEW, S.VIEWED, False),
        (S.HIRED, S.REJECTED, False),
        (S.REJECTED, S.HIRED, False),
        (S.WITHDRAWN, S.VIEWED, False),
        (S.VIEWED, S.WITHDRAWN, False),
    ],
)
def test_transitions(start, target, allowed, posting, member):
    application = ApplicationFactory(posting=posting, status=start)
    if allowed:
        application_set_status(application=application, status=target, by=member)
        assert Application.objects.get(pk=application.pk).status == target
        assert ApplicationStatusChange.objects.get().to_status == target
    else:
        with pytest.raises(ValidationError):
            application_set_status(application=application, status=target, by=member)
        assert Application.objects.get(pk=application.pk).status == start
        assert not ApplicationStatusChange.objects.exists()


def test_refusal_messages_say_why(posting, member):
    withdrawn = ApplicationFactory(posting=posting, status=S.WITHDRAWN)
    assert refused(application_set_status, application=withdrawn, status=S.HIRED, by=member).messages == [
        "구직자가 지원을 취소했습니다. 상태를 바꿀 수 없습니다."
    ]
    viewed = ApplicationFactory(posting=posting, status=S.VIEWED)
    assert refused(application_set_status, application=viewed, status=S.WITHDRAWN, by=member).message_dict == {
        "status": ["지원 취소는 구직자만 할 수 있습니다."]
    }
    assert refused(application_set_status, application=viewed, status="nonsense", by=member).message_dict == {
        "status": ["알 수 없는 상태입니다."]
    }


def test_only_members_of_the_posting_employer_change_statuses(application, manage_centre_staff, manage_district_staff):
    others = (EmployerMemberFactory().user, manage_centre_staff, manage_district_staff, application.seeker.user)
    for outsider in others:
        with pytest.raises(PermissionDenied):
            application_set_status(application=application, status=S.VIEWED, by=outsider)
        with pytest.raises(PermissionDenied):
            application_mark_viewed(application=application, by=outsider)
    assert Application.objects.get(pk=application.pk).status == S.SUBMITTED


def test_an_interview_needs_a_future_date_and_a_place(posting, member):
    application = ApplicationFactory(posting=posting, status=S.VIEWED)
    error = refused(application_set_status, application=application, status=S.INTERVIEW, by=member)
    assert set(error.message_dict) == {"interview_at", "interview_place"}
    past = datetime.datetime(2026, 6, 14, 14, 0, tzinfo=KST)
    error = refused(
        application_set_status,
        application=application,
        status=S.INTERVIEW,
        by=member,
        interview_at=past,
        interview_place="본사",
    )
    assert error.message_dict == {"interview_at": ["면접 일시는 지금보다 뒤여야 합니다."]}
    assert Application.objects.get(pk=application.pk).status == S.VIEWED


def test_a_rescheduled_interview_is_recorded_and_told_again(application, member):
    application_mark_viewed(application=application, by=member)
    application_set_status(
        application=application, status=S.INTERVIEW, by=member, interview_at=TOMORROW_2PM, interview_place="본사"
    )
    error = refused(
        application_set_status,
        application=application,
        status=S.INTERVIEW,
        by=member,
        interview_at=TOMORROW_2PM,
        interview_place="본사",
    )
    assert error.code == "unchanged"
    later = TOMORROW_2PM + datetime.timedelta(days=1)
    application_set_status(
        application=application, status=S.INTERVIEW, by=member, interview_at=later, interview_place="공장 1동"
    )
    application.refresh_from_db()
    assert (application.interview_at, application.interview_place) == (later, "공장 1동")
    assert application.status_changes.filter(from_status=S.INTERVIEW, to_status=S.INTERVIEW).count() == 1
    subjects = set(
        OutboundMessage.objects.filter(kind=MessageKind.APPLICATION_STATUS, channel=NotifyChannel.ONSITE).values_list(
            "subject", flat=True
        )
    )
    reschedule = application.status_changes.get(from_status=S.INTERVIEW)
    assert subjects == {
        f"application:{application.pk}:viewed",
        f"application:{application.pk}:interview",
        f"application:{application.pk}:interview:{reschedule.pk}",
    }


# ---- what the seeker is told ----------------------------------------------------------------


@pytest.fixture
def reachable_seeker():
    """A seeker who chose email and SMS, with a verified email and phone."""
    profile = consenting_seeker(notify_channels=[NotifyChannel.EMAIL, NotifyChannel.SMS])
    profile.user.phone = "+821055556666"
    profile.user.phone_verified_at = timezone.now()
    profile.user.save()
    return profile


def test_each_change_is_told_on_the_seekers_channels(posting, member, reachable_seeker):
    application = apply(reachable_seeker, posting)
    application_mark_viewed(application=application, by=member)
    rows = OutboundMessage.objects.filter(kind=MessageKind.APPLICATION_STATUS)
    assert {r.channel for r in rows} == {NotifyChannel.ONSITE, NotifyChannel.EMAIL, NotifyChannel.SMS}
    for row in rows:
        assert row.subject == f"application:{application.pk}:viewed"
        assert row.link == f"/my/applications/{application.pk}/"
        assert "열람" in row.title
        assert posting.title in row.body
    application_set_status(
        application=application,
        status=S.INTERVIEW,
        by=member,
        interview_at=TOMORROW_2PM,
        interview_place="남동대로 100, 2층",
        note="신분증을 가져오세요",
    )
    interview = OutboundMessage.objects.get(
        kind=MessageKind.APPLICATION_STATUS, channel=NotifyChannel.ONSITE, subject__endswith=":interview"
    )
    assert "2026년 6월 16일" in interview.body and "14:00" in interview.body
    assert "남동대로 100, 2층" in interview.body
    assert "신분증을 가져오세요" in interview.body


def test_the_seekers_own_withdrawal_is_not_told_to_them(application):
    application_withdraw(application=application, by=application.seeker.user)
    assert not OutboundMessage.objects.filter(kind=MessageKind.APPLICATION_STATUS).exists()


def test_a_rolled_back_status_change_leaves_no_message_and_sends_nothing(
    posting, member, reachable_seeker, monkeypatch, django_capture_on_commit_callbacks
):
    enqueued = []
    monkeypatch.setattr("accounts.messaging.outbox.enqueue_delivery", lambda: enqueued.append(1))
    application = apply(reachable_seeker, posting)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        application_mark_viewed(application=application, by=member)
        assert OutboundMessage.objects.filter(kind=MessageKind.APPLICATION_STATUS).count() == 3
        raise RuntimeError("the request failed after the change")
    assert callbacks == []
    assert enqueued == []
    assert not OutboundMessage.objects.filter(kind=MessageKind.APPLICATION_STATUS).exists()
    assert Application.objects.get(pk=application.pk).status == S.SUBMITTED
    assert application.status_changes.count() == 1  # only "submitted"
    assert deliver_batch() == 0
    assert mail.outbox == []


def test_delivery_is_enqueued_only_after_commit_and_sends_once(
    posting, member, reachable_seeker, monkeypatch, django_capture_on_commit_callbacks, sms_outbox
):
    enqueued = []
    monkeypatch.setattr("accounts.messaging.outbox.enqueue_delivery", lambda: enqueued.append(1))
    application = apply(reachable_seeker, posting)
    with django_capture_on_commit_callbacks(execute=True):
        application_mark_viewed(application=application, by=member)
        assert enqueued == []  # not before the commit
        assert mail.outbox == []
    assert enqueued  # the commit enqueued delivery
    assert deliver_batch() == 2  # email and SMS
    assert deliver_batch() == 0  # run twice, sent once
    assert len(mail.outbox) == 1 and "열람" in mail.outbox[0].subject
    assert len(sms_outbox) == 1


# ---- saved postings ---------------------------------------------------------------------------


def test_saving_toggles(posting):
    seeker = SeekerProfileFactory()
    assert saved_posting_toggle(seeker=seeker, posting=posting) is True
    assert SavedPosting.objects.filter(seeker=seeker, posting=posting).exists()
    assert saved_posting_toggle(seeker=seeker, posting=posting) is False
    assert not SavedPosting.objects.exists()


def test_a_draft_cannot_be_saved_but_a_saved_posting_can_always_be_removed(posting):
    seeker = SeekerProfileFactory()
    draft = JobPostingFactory(status=PostingStatus.DRAFT, published_at=None)
    assert refused(saved_posting_toggle, seeker=seeker, posting=draft).code == "not_public"
    saved_posting_toggle(seeker=seeker, posting=posting)
    JobPosting.objects.filter(pk=posting.pk).update(status=PostingStatus.CLOSED)
    assert saved_posting_toggle(seeker=seeker, posting=posting) is False


# ---- postings that fit ------------------------------------------------------------------------


def test_fitting_filters_by_each_wanted_condition_and_orders_best_then_newest_first():
    guwol = Dong.objects.get(name="구월1동")
    seeker = SeekerProfileFactory(
        wanted_occupations=["890"],
        wanted_dongs=[guwol.code],
        wanted_employment_types=[EmploymentType.REGULAR.value, EmploymentType.PART_TIME.value],
        wanted_min_hourly_krw=11_000,
    )
    today = timezone.localdate()
    older = JobPostingFactory(dong=guwol, date_posted=today - datetime.timedelta(days=3))
    newer = JobPostingFactory(dong=guwol, employment_type=EmploymentType.PART_TIME, date_posted=today)
    JobPostingFactory(dong=guwol, occupation_id="014")  # another occupation
    JobPostingFactory()  # another dong
    JobPostingFactory(dong=guwol, employment_type=EmploymentType.DAILY)
    JobPostingFactory(dong=guwol, wage_type=WageType.HOUR, wage_min=10_320, wage_max=None)  # below 11,000/h
    JobPostingFactory(dong=guwol, wage_type="", wage_min=None, wage_max=None)  # no wage
    JobPostingFactory(dong=guwol, status=PostingStatus.CLOSED)
    JobPostingFactory(dong=guwol, deadline=today - datetime.timedelta(days=1))  # expired, not yet swept
    external = EmployerFactory(verification_status=Employer.Verification.EXTERNAL, brn=None)
    JobPostingFactory(dong=guwol, employer=external, source=PostingSource.WORK24, external_id="X1")
    assert list(postings_fitting(seeker)) == [newer, older]


def test_without_wanted_conditions_every_open_direct_posting_fits():
    seeker = SeekerProfileFactory()
    postings = [JobPostingFactory(), JobPostingFactory(wage_type="", wage_min=None, wage_max=None)]
    JobPostingFactory(status=PostingStatus.DRAFT, published_at=None)
    assert set(postings_fitting(seeker)) == set(postings)


def test_a_member_of_the_employer_cannot_apply_to_its_postings(posting):
    """Final review: an employer member who started a seeker profile applied to their own
    company's posting and then decided on it."""
    from tests.factories import EmployerMemberFactory

    profile = consenting_seeker()
    EmployerMemberFactory(employer=posting.employer, user=profile.user)
    with pytest.raises(ValidationError) as exc:
        apply(profile, posting)
    assert exc.value.code == "own_employer" and "소속된 기업" in exc.value.messages[0]
    from jobs.services.applications import online_application_refusal

    assert online_application_refusal(seeker=profile, posting=posting).code == "own_employer"
