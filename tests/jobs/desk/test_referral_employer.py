"""The employer's side of referrals (issue 5 item 6): a referred application is marked with the
centre, the method and the interview date on the applicant list and page (the list's query
count does not grow with its rows), and a posting whose hires (online and referred, once
each) reach its openings is offered to be marked filled."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.choices import ConsentMethod, ConsentPurpose
from accounts.services import consent_give
from jobs.choices import ApplicationStatus, ApplyMethod, PostingStatus
from jobs.models import ReferralMethod
from jobs.services import application_apply, application_mark_viewed, application_set_status
from jobs.services.desk.referrals import referral_create, referral_outcome_record
from tests.factories import EmployerMemberFactory, JobPostingFactory, SeekerProfileFactory

from .conftest import make_walk_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("manage_clock")]

S = ApplicationStatus
TODAY = datetime.date(2026, 6, 15)  # manage_clock


@pytest.fixture
def posting():
    return JobPostingFactory(title="아파트 경비원", openings=2, apply_methods=[ApplyMethod.ONLINE])


@pytest.fixture
def member(posting):
    return EmployerMemberFactory(employer=posting.employer).user


def refer(staff, centre, posting, **kwargs):
    resident = make_walk_in(centre)
    consent_give(
        person=resident,
        purpose=ConsentPurpose.PROVISION,
        method=ConsentMethod.PAPER,
        taken_by=staff,
        paper_form_version="남동구-2026-1",
        paper_signed_on=TODAY,
    )
    kwargs.setdefault("method", ReferralMethod.ACCOMPANY)
    return referral_create(staff=staff, seeker=resident, posting=posting, **kwargs)


def apply_online(posting):
    seeker = SeekerProfileFactory(name="온라인지원자")
    consent_give(person=seeker, purpose=ConsentPurpose.PROVISION)
    return application_apply(seeker=seeker, posting=posting, by=seeker.user)


def test_the_employer_sees_the_referral_mark_on_the_list_and_the_application(
    client, member, posting, staff_a, centre_a
):
    interview = timezone.make_aware(datetime.datetime(2026, 6, 20, 14, 0))
    referral = refer(staff_a, centre_a, posting, interview_at=interview)
    online = apply_online(posting)
    client.force_login(member)

    page = client.get(reverse("manage:posting_applicants", args=[posting.pk])).content.decode()
    assert "취업알선" in page and "구월1동 행정복지센터" in page
    assert "동행면접" in page and "면접 6월 20일 (토요일) 14:00" in page
    assert page.count("referral-mark") == 1  # the online application is not marked

    page = client.get(reverse("manage:application_detail", args=[referral.application_id])).content.decode()
    assert "취업알선" in page and "구월1동 행정복지센터" in page and "동행면접" in page
    page = client.get(reverse("manage:application_detail", args=[online.pk])).content.decode()
    assert "referral-mark" not in page and "온라인 지원" in page


def test_the_referral_message_is_labelled_as_the_centre_staffs_note(client, member, posting, staff_a, centre_a):
    referral = refer(staff_a, centre_a, posting, message="성실하고 오전 근무를 원합니다.")
    online = apply_online(posting)
    client.force_login(member)

    page = client.get(reverse("manage:application_detail", args=[referral.application_id])).content.decode()
    assert "센터 직원의 알선 메모" in page
    assert "구월1동 행정복지센터 직원이 알선하며 적은 메모입니다. 구직자 본인이 쓴 글이 아닙니다." in page
    assert "성실하고 오전 근무를 원합니다." in page
    assert "센터가 알선하며 보낸 구직자 정보" in page
    assert "지원 메시지" not in page and "구직자가 보낸 정보" not in page

    page = client.get(reverse("manage:application_detail", args=[online.pk])).content.decode()
    assert "지원 메시지" in page and "구직자가 보낸 정보" in page
    assert "센터 직원의 알선 메모" not in page


def test_the_applicant_list_query_count_does_not_grow_with_referrals(client, member, posting, staff_a, centre_a):
    refer(staff_a, centre_a, posting)
    apply_online(posting)
    client.force_login(member)
    url = reverse("manage:posting_applicants", args=[posting.pk])
    client.get(url)  # warm caches (sessions, content types)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for method in (ReferralMethod.LETTER, ReferralMethod.PHONE, ReferralMethod.ACCOMPANY):
        refer(staff_a, centre_a, posting, method=method)
        apply_online(posting)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.content.decode().count("referral-mark") == 4
    assert len(many) == len(few)


def test_reaching_the_openings_offers_the_employer_to_mark_the_posting_filled(
    client, member, posting, staff_a, centre_a
):
    referral = refer(staff_a, centre_a, posting)
    online = apply_online(posting)
    client.force_login(member)
    fill = reverse("manage:posting_fill", args=[posting.pk])
    detail = reverse("manage:posting_detail", args=[posting.pk])
    applicants = reverse("manage:posting_applicants", args=[posting.pk])
    assert "모집인원을 모두 채용했습니다" not in client.get(detail).content.decode()

    application_mark_viewed(application=online, by=member)
    application_set_status(application=online, status=S.HIRED, by=member)
    assert "모집인원을 모두 채용했습니다" not in client.get(detail).content.decode()  # 1 of 2

    referral_outcome_record(referral=referral, outcome=S.HIRED, outcome_on=TODAY, staff=staff_a)
    for url in (detail, applicants):
        page = client.get(url).content.decode()
        assert "모집인원을 모두 채용했습니다" in page and "2명으로 모집인원 2명" in page, url
        assert f'action="{fill}"' in page

    # the offer leads to the existing confirmation, then the posting is filled and not offered again
    response = client.post(fill, {"confirm": "yes"})
    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.status == PostingStatus.FILLED
    assert "모집인원을 모두 채용했습니다" not in client.get(detail).content.decode()


def test_a_closed_posting_is_still_offered(client, member, posting, staff_a, centre_a):
    referral = refer(staff_a, centre_a, posting)
    referral2 = refer(staff_a, centre_a, posting)
    for r in (referral, referral2):
        referral_outcome_record(referral=r, outcome=S.HIRED, outcome_on=TODAY, staff=staff_a)
    posting.status = PostingStatus.CLOSED
    posting.save()
    client.force_login(member)
    assert (
        "모집인원을 모두 채용했습니다"
        in client.get(reverse("manage:posting_detail", args=[posting.pk])).content.decode()
    )
