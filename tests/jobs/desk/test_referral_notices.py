"""What a referred resident is told when the employer changes the status of their application
(issue 5, review finding 1; ``jobs.services.application_notices``): a walk-in resident has no
account and did not apply themselves, so the notice names the referring centre and says to ask
it (with its phone when known) instead of pointing to 마이페이지, and carries no link; an
account holder's notice is unchanged."""

import datetime

import pytest
from django.core import mail

from accounts.choices import ConsentMethod, ConsentPurpose, MessageKind, NotifyChannel
from accounts.messaging.delivery import deliver_batch
from accounts.models import OutboundMessage
from accounts.services import consent_give
from jobs.choices import ApplicationChannel, ApplicationStatus
from jobs.models import ReferralMethod
from jobs.services import application_mark_viewed, application_set_status
from jobs.services.application_notices import seeker_notice_follow_up
from jobs.services.applications import application_submit
from jobs.services.desk.referrals import referral_create
from tests.factories import EmployerMemberFactory, JobPostingFactory, SeekerProfileFactory, UserFactory

from .conftest import CENTRE_A_NAME, make_walk_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("manage_clock")]

S = ApplicationStatus
TODAY = datetime.date(2026, 6, 15)  # manage_clock
MYPAGE = "자세한 내용은 마이페이지에서 확인해 주세요."


@pytest.fixture
def posting():
    return JobPostingFactory(title="아파트 경비원", openings=2)


@pytest.fixture
def member(posting):
    return EmployerMemberFactory(employer=posting.employer).user


def give_provision(resident, staff):
    consent_give(
        person=resident,
        purpose=ConsentPurpose.PROVISION,
        method=ConsentMethod.PAPER,
        taken_by=staff,
        paper_form_version="남동구-2026-1",
        paper_signed_on=TODAY,
    )


def walk_in(centre, staff, **fields):
    """A walk-in resident of ``centre`` who chose SMS and email (their numbers entered by staff)."""
    fields.setdefault("notify_channels", [NotifyChannel.SMS, NotifyChannel.EMAIL])
    fields.setdefault("email", "resident@example.com")
    resident = make_walk_in(centre, registered_by=staff, **fields)
    give_provision(resident, staff)
    return resident


def status_rows(application):
    return OutboundMessage.objects.filter(kind=MessageKind.APPLICATION_STATUS, profile=application.seeker)


def test_a_walk_in_is_told_to_ask_the_referring_centre_not_mypage(staff_a, centre_a, posting, member):
    centre_a.phone = "032-453-5000"
    centre_a.save()
    resident = walk_in(centre_a, staff_a)
    application = referral_create(
        staff=staff_a, seeker=resident, posting=posting, method=ReferralMethod.LETTER
    ).application

    application_mark_viewed(application=application, by=member)

    rows = list(status_rows(application))
    assert {r.channel for r in rows} == {NotifyChannel.SMS, NotifyChannel.EMAIL}  # no inbox without an account
    for row in rows:
        assert "마이페이지" not in row.body
        assert row.body.startswith(f"{CENTRE_A_NAME}에서 알선한 {posting.employer.name}의 '아파트 경비원' 공고")
        assert row.body.endswith(f"자세한 내용은 {CENTRE_A_NAME}(032-453-5000)에 문의해 주세요.")
        assert row.link == ""  # no login: no link to a page they cannot open
    # the email sent carries no "바로 가기" link to the seeker pages
    assert deliver_batch() >= 1
    (email,) = [m for m in mail.outbox if m.to == ["resident@example.com"]]
    assert "바로 가기" not in email.body and "/my/" not in email.body
    assert f"{CENTRE_A_NAME}(032-453-5000)에 문의해 주세요" in email.body


def test_an_interview_notice_to_a_walk_in_ends_with_the_centre_without_a_phone(staff_a, centre_a, posting, member):
    resident = walk_in(centre_a, staff_a)
    application = referral_create(
        staff=staff_a, seeker=resident, posting=posting, method=ReferralMethod.ACCOMPANY
    ).application
    application_mark_viewed(application=application, by=member)
    application_set_status(
        application=application,
        status=S.INTERVIEW,
        by=member,
        interview_at=datetime.datetime(2026, 6, 18, 14, 0, tzinfo=datetime.UTC),
        interview_place="관리사무소",
        note="신분증을 가져오세요",
    )
    row = status_rows(application).get(channel=NotifyChannel.SMS, subject__endswith=":interview")
    lines = row.body.splitlines()
    assert "면접 장소: 관리사무소" in lines and "기업이 전하는 말: 신분증을 가져오세요" in lines
    assert lines[-1] == f"자세한 내용은 {CENTRE_A_NAME}에 문의해 주세요."
    assert "마이페이지" not in row.body


def test_a_district_referral_names_the_district_centre(district_staff, staff_a, centre_a, posting, member):
    resident = walk_in(centre_a, staff_a)
    application = referral_create(
        staff=district_staff, seeker=resident, posting=posting, method=ReferralMethod.PHONE
    ).application
    application_mark_viewed(application=application, by=member)
    district = district_staff.staff_centre.name
    row = status_rows(application).get(channel=NotifyChannel.SMS)
    assert row.body.startswith(f"{district}에서 알선한")
    assert row.body.endswith(f"자세한 내용은 {district}에 문의해 주세요.")


def test_without_a_referral_row_a_walk_in_is_sent_to_the_registered_centre(staff_a, centre_a, posting):
    resident = walk_in(centre_a, staff_a)
    application = application_submit(
        seeker=resident, posting=posting, channel=ApplicationChannel.REFERRAL, message="", by=staff_a
    )
    referred_by, follow_up, link = seeker_notice_follow_up(application)
    assert (referred_by, follow_up, link) == ("", f"자세한 내용은 {CENTRE_A_NAME}에 문의해 주세요.", "")


def test_an_account_holders_notice_is_unchanged_even_when_referred(staff_a, centre_a, posting, member):
    user = UserFactory()
    seeker = SeekerProfileFactory(user=user, registered_centre=centre_a, notify_channels=[NotifyChannel.ONSITE])
    give_provision(seeker, staff_a)
    application = referral_create(
        staff=staff_a, seeker=seeker, posting=posting, method=ReferralMethod.LETTER
    ).application

    application_mark_viewed(application=application, by=member)

    row = status_rows(application).get(channel=NotifyChannel.ONSITE)
    assert (
        row.body == f"{posting.employer.name}의 '아파트 경비원' 공고에 낸 지원서가 '열람' 상태가 되었습니다.\n{MYPAGE}"
    )
    assert row.link == f"/my/applications/{application.pk}/"
