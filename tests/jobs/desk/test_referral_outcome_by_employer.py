"""An employer's decision on a referred application is the referral's outcome (issue 5
review): ``application_set_status`` to hired or rejected sets the referral's ``outcome_on``
(KST date) and ``outcome_by`` (the member), and the desk shows the date and that the employer
recorded it — by the employer's name, never the member's — where staff's own record shows
"센터 직원 기록"."""

import datetime

import pytest
from django.urls import reverse

from accounts.choices import ConsentMethod, ConsentPurpose
from accounts.services import consent_give
from jobs.choices import ApplicationStatus, ApplyMethod
from jobs.models import Referral, ReferralMethod
from jobs.services import application_apply, application_mark_viewed, application_set_status
from jobs.services.desk.referrals import referral_create
from tests.factories import EmployerMemberFactory, JobPostingFactory, SeekerProfileFactory

from .conftest import make_walk_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("manage_clock")]

S = ApplicationStatus
TODAY = datetime.date(2026, 6, 15)  # manage_clock


@pytest.fixture
def posting():
    return JobPostingFactory(title="아파트 경비원", employer__name="(주)남동경비", apply_methods=[ApplyMethod.ONLINE])


@pytest.fixture
def member(posting):
    return EmployerMemberFactory(employer=posting.employer, user__name="최담당").user


@pytest.fixture
def referral(centre_a, staff_a, posting):
    resident = make_walk_in(centre_a, name="김민수", registered_by=staff_a)
    consent_give(
        person=resident,
        purpose=ConsentPurpose.PROVISION,
        method=ConsentMethod.PAPER,
        taken_by=staff_a,
        paper_form_version="2026-11-v1",
        paper_signed_on=TODAY,
    )
    return referral_create(staff=staff_a, seeker=resident, posting=posting, method=ReferralMethod.LETTER)


@pytest.mark.parametrize("status", [S.HIRED, S.REJECTED])
def test_the_employers_decision_sets_the_outcome_date_and_who(referral, member, status):
    application_mark_viewed(application=referral.application, by=member)
    referral.refresh_from_db()
    assert (referral.outcome_on, referral.outcome_by) == (None, None)  # not decided yet
    application_set_status(application=referral.application, status=status, by=member)
    referral.refresh_from_db()
    assert (referral.outcome_on, referral.outcome_by) == (TODAY, member)


def test_an_interview_is_not_an_outcome(referral, member):
    application_mark_viewed(application=referral.application, by=member)
    interview_at = datetime.datetime(2026, 6, 20, 14, tzinfo=datetime.timezone(datetime.timedelta(hours=9)))
    application_set_status(
        application=referral.application,
        status=S.INTERVIEW,
        by=member,
        interview_at=interview_at,
        interview_place="본사",
    )
    referral.refresh_from_db()
    assert referral.outcome_on is None and referral.outcome_by is None


def test_an_online_application_has_no_referral_to_update(posting, member):
    seeker = SeekerProfileFactory()
    consent_give(person=seeker, purpose=ConsentPurpose.PROVISION)
    application = application_apply(seeker=seeker, posting=posting, by=seeker.user)
    application_mark_viewed(application=application, by=member)
    assert application_set_status(application=application, status=S.HIRED, by=member).status == S.HIRED
    assert not Referral.objects.exists()


def test_the_desk_shows_the_employer_not_its_member(client, staff_a, referral, member):
    application_mark_viewed(application=referral.application, by=member)
    application_set_status(application=referral.application, status=S.HIRED, by=member)
    client.force_login(staff_a)
    page = client.get(reverse("desk:referral_detail", args=[referral.pk])).content.decode()
    assert "2026년 6월 15일 (기업이 기록 · (주)남동경비)" in page  # the outcome date and who
    assert "기업: (주)남동경비" in page  # the history rows
    assert "최담당" not in page and "센터 직원 기록" not in page
    assert "김상담" in page  # the referring staff member is still named
    record = client.get(reverse("desk:resident_detail", args=[referral.application.seeker_id])).content.decode()
    assert "</span><br>2026년 6월 15일" in record and "최담당" not in record  # the outcome date
