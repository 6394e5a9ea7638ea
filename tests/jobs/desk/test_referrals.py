"""Referral services (취업알선, issue 5 item 6): a referral needs the resident's provision
consent and the staff member's scope, goes through ``application_submit`` (so a closed or
imported posting and a second application are refused), and records the Referral and an
access-log row; an outcome becomes the application's status with a history row, once; hires
count once from applications whatever the channel, and reaching the openings is reported."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.choices import ConsentMethod, ConsentPurpose, MessageKind
from accounts.models import AccessLogEntry, OutboundMessage
from accounts.services import consent_give, consent_withdraw
from jobs.choices import ApplicationChannel, ApplicationStatus, ApplyMethod, PostingSource, PostingStatus
from jobs.models import Application, ApplicationStatusChange, Referral, ReferralMethod
from jobs.services import application_apply, application_mark_viewed, application_set_status, application_withdraw
from jobs.services.desk.referrals import (
    REFERRAL_OUTCOMES,
    openings_reached,
    posting_hires,
    referral_create,
    referral_outcome_record,
)
from tests.factories import EmployerMemberFactory, JobPostingFactory, SeekerProfileFactory

from .conftest import make_walk_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("manage_clock")]

S = ApplicationStatus
TODAY = datetime.date(2026, 6, 15)  # manage_clock


def give_provision(resident, staff):
    """The resident's provision consent, on the centre's signed paper form taken by ``staff``."""
    return consent_give(
        person=resident,
        purpose=ConsentPurpose.PROVISION,
        method=ConsentMethod.PAPER,
        taken_by=staff,
        paper_form_version="남동구-2026-1",
        paper_signed_on=TODAY,
    )


def in_days(days: int, hour: int = 14) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(TODAY + datetime.timedelta(days=days), datetime.time(hour)))


@pytest.fixture
def posting():
    return JobPostingFactory(title="경비원 모집", openings=2, apply_methods=[ApplyMethod.PHONE])


@pytest.fixture
def resident(centre_a, staff_a):
    resident = make_walk_in(centre_a, name="김민수", registered_by=staff_a)
    give_provision(resident, staff_a)
    return resident


def refer(staff, resident, posting, **kwargs):
    kwargs.setdefault("method", ReferralMethod.ACCOMPANY)
    return referral_create(staff=staff, seeker=resident, posting=posting, ip="10.0.0.7", **kwargs)


def log_rows(resident, **filters):
    return list(
        AccessLogEntry.objects.filter(person=resident, **filters).order_by("id").values_list("action", "detail")
    )


# ---- creating a referral -----------------------------------------------------------------------


def test_referral_is_refused_without_the_provision_consent(centre_a, staff_a, posting):
    resident = make_walk_in(centre_a)
    consent_give(person=resident, purpose=ConsentPurpose.COLLECTION, method=ConsentMethod.PAPER, taken_by=staff_a)
    with pytest.raises(ValidationError) as exc:
        refer(staff_a, resident, posting)
    assert "consent" in exc.value.message_dict
    assert "동의" in exc.value.message_dict["consent"][0]
    assert not Application.objects.exists() and not Referral.objects.exists()
    assert log_rows(resident) == []


def test_a_withdrawn_provision_consent_refuses_it_too(staff_a, resident, posting):
    consent_withdraw(person=resident, purpose=ConsentPurpose.PROVISION)
    with pytest.raises(ValidationError) as exc:
        refer(staff_a, resident, posting)
    assert "consent" in exc.value.message_dict


def test_referral_with_the_paper_consent_creates_the_application_and_the_referral(staff_a, centre_a, resident, posting):
    member = EmployerMemberFactory(employer=posting.employer).user
    referral = refer(staff_a, resident, posting, interview_at=in_days(3), message="성실한 분입니다.")

    application = referral.application
    assert (application.seeker, application.posting) == (resident, posting)
    assert application.channel == ApplicationChannel.REFERRAL
    assert application.status == S.SUBMITTED
    assert application.message == "성실한 분입니다."
    assert application.provision_consent.method == ConsentMethod.PAPER
    assert application.profile_snapshot["name"] == "김민수"  # sent with the consent
    assert (referral.staff, referral.centre, referral.method) == (staff_a, centre_a, ReferralMethod.ACCOMPANY)
    assert referral.interview_at == in_days(3)
    assert referral.outcome_on is None
    first = ApplicationStatusChange.objects.get(application=application)
    assert (first.from_status, first.to_status, first.changed_by) == ("", S.SUBMITTED, staff_a)
    # a posting taking only phone applications can still be referred to; the employer is told
    assert OutboundMessage.objects.filter(kind=MessageKind.APPLICATION_RECEIVED, user=member).exists()
    row = AccessLogEntry.objects.get(person=resident)
    assert (row.action, row.detail, row.staff, row.ip) == ("edit", "referral", staff_a, "10.0.0.7")


def test_district_staff_may_refer_any_centres_resident(district_staff, resident, posting):
    referral = refer(district_staff, resident, posting, method=ReferralMethod.LETTER)
    assert referral.centre == district_staff.staff_centre
    assert log_rows(resident) == [("edit", "referral")]


def test_another_centres_staff_may_not_refer(staff_b, resident, posting):
    with pytest.raises(PermissionDenied):
        refer(staff_b, resident, posting)
    assert not Application.objects.exists()
    assert log_rows(resident) == []


@pytest.mark.parametrize(
    "posting_fields",
    [
        {"status": PostingStatus.CLOSED},
        {"status": PostingStatus.FILLED},
        {"deadline": TODAY - datetime.timedelta(days=1)},  # expired, even before the expiry task ran
        {"status": PostingStatus.SUBMITTED},
    ],
)
def test_a_closed_posting_is_refused(staff_a, resident, posting_fields):
    posting = JobPostingFactory(**posting_fields)
    with pytest.raises(ValidationError) as exc:
        refer(staff_a, resident, posting)
    assert exc.value.code == "posting_closed"
    assert not Referral.objects.exists() and log_rows(resident) == []


def test_an_imported_listing_is_refused(staff_a, resident):
    posting = JobPostingFactory(source=PostingSource.WORK24, external_id="W-1")
    with pytest.raises(ValidationError) as exc:
        refer(staff_a, resident, posting)
    assert exc.value.code == "external"


def test_a_second_referral_or_an_earlier_online_application_is_refused(staff_a, resident, posting, centre_a):
    refer(staff_a, resident, posting)
    with pytest.raises(ValidationError) as exc:
        refer(staff_a, resident, posting, method=ReferralMethod.PHONE)
    assert exc.value.code == "duplicate"
    assert Referral.objects.count() == 1

    online = SeekerProfileFactory(registered_centre=centre_a)
    consent_give(person=online, purpose=ConsentPurpose.PROVISION)
    open_posting = JobPostingFactory(apply_methods=[ApplyMethod.ONLINE])
    application_apply(seeker=online, posting=open_posting, by=online.user)
    with pytest.raises(ValidationError) as exc:
        refer(staff_a, online, open_posting)
    assert exc.value.code == "duplicate"


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"method": "email"}, "method"),
        ({"interview_at": in_days(-1)}, "interview_at"),
        ({"interview_at": in_days(400)}, "interview_at"),
        ({"message": "가" * 1001}, "message"),
    ],
)
def test_bad_input_is_refused_by_field(staff_a, resident, posting, fields, key):
    with pytest.raises(ValidationError) as exc:
        refer(staff_a, resident, posting, **fields)
    assert key in exc.value.message_dict
    assert not Application.objects.exists() and log_rows(resident) == []


# ---- outcomes ----------------------------------------------------------------------------------


@pytest.mark.parametrize("outcome", list(REFERRAL_OUTCOMES))
def test_each_outcome_sets_the_application_status_with_a_history_row(staff_a, resident, posting, outcome):
    referral = refer(staff_a, resident, posting)
    referral_outcome_record(referral=referral, outcome=outcome, outcome_on=TODAY, staff=staff_a, ip="10.0.0.8")

    referral.refresh_from_db()
    application = Application.objects.get(pk=referral.application_id)
    assert application.status == outcome
    assert (referral.outcome_on, referral.outcome_by) == (TODAY, staff_a)
    last = application.status_changes.last()
    assert (last.from_status, last.to_status, last.changed_by) == (S.SUBMITTED, outcome, staff_a)
    assert log_rows(resident) == [("edit", "referral"), ("edit", "outcome")]
    # the resident is not sent a status notice: staff recorded what they heard
    assert not OutboundMessage.objects.filter(kind=MessageKind.APPLICATION_STATUS).exists()


def test_an_outcome_cannot_change(staff_a, district_staff, resident, posting):
    referral = refer(staff_a, resident, posting)
    referral_outcome_record(referral=referral, outcome=S.NO_SHOW, outcome_on=TODAY, staff=staff_a)
    with pytest.raises(ValidationError) as exc:
        referral_outcome_record(referral=referral, outcome=S.HIRED, outcome_on=TODAY, staff=district_staff)
    assert exc.value.code == "final"
    assert Application.objects.get().status == S.NO_SHOW
    assert ApplicationStatusChange.objects.count() == 2
    assert log_rows(resident, detail="outcome") == [("edit", "outcome")]


def test_an_employers_decision_is_the_outcome_and_is_not_overwritten(staff_a, resident, posting):
    referral = refer(staff_a, resident, posting)
    member = EmployerMemberFactory(employer=posting.employer).user
    application_mark_viewed(application=referral.application, by=member)
    application_set_status(application=referral.application, status=S.REJECTED, by=member)
    with pytest.raises(ValidationError):
        referral_outcome_record(referral=referral, outcome=S.HIRED, outcome_on=TODAY, staff=staff_a)
    assert Application.objects.get().status == S.REJECTED


def test_a_withdrawn_application_takes_no_outcome(staff_a, centre_a, posting):
    online = SeekerProfileFactory(registered_centre=centre_a)
    give_provision(online, staff_a)
    referral = refer(staff_a, online, posting)
    application_withdraw(application=referral.application, by=online.user)
    with pytest.raises(ValidationError) as exc:
        referral_outcome_record(referral=referral, outcome=S.DECLINED, outcome_on=TODAY, staff=staff_a)
    assert exc.value.code == "withdrawn"


@pytest.mark.parametrize(
    ("outcome", "outcome_on", "key"),
    [
        ("interview", TODAY, "outcome"),
        ("withdrawn", TODAY, "outcome"),
        (S.HIRED, TODAY + datetime.timedelta(days=1), "outcome_on"),
        (S.HIRED, TODAY - datetime.timedelta(days=1), "outcome_on"),  # before the referral
        (S.HIRED, None, "outcome_on"),
    ],
)
def test_bad_outcomes_are_refused_by_field(staff_a, resident, posting, outcome, outcome_on, key):
    referral = refer(staff_a, resident, posting)
    with pytest.raises(ValidationError) as exc:
        referral_outcome_record(referral=referral, outcome=outcome, outcome_on=outcome_on, staff=staff_a)
    assert key in exc.value.message_dict
    assert Application.objects.get().status == S.SUBMITTED
    assert log_rows(resident, detail="outcome") == []


def test_another_centres_staff_may_not_record_the_outcome(staff_a, staff_b, resident, posting):
    referral = refer(staff_a, resident, posting)
    with pytest.raises(PermissionDenied):
        referral_outcome_record(referral=referral, outcome=S.HIRED, outcome_on=TODAY, staff=staff_b)
    assert Application.objects.get().status == S.SUBMITTED


# ---- hires and openings ------------------------------------------------------------------------


def hire_online(posting):
    """An online applicant the employer hires (employer's status change)."""
    seeker = SeekerProfileFactory()
    consent_give(person=seeker, purpose=ConsentPurpose.PROVISION)
    posting.apply_methods = [ApplyMethod.ONLINE]
    posting.save()
    application = application_apply(seeker=seeker, posting=posting, by=seeker.user)
    member = EmployerMemberFactory(employer=posting.employer).user
    application_mark_viewed(application=application, by=member)
    return application_set_status(application=application, status=S.HIRED, by=member)


def test_hires_count_once_from_applications_whatever_the_channel(staff_a, resident, posting, centre_a):
    referral = refer(staff_a, resident, posting)
    assert (posting_hires(posting), openings_reached(posting)) == (0, False)

    hire_online(posting)
    assert (posting_hires(posting), openings_reached(posting)) == (1, False)

    referral_outcome_record(referral=referral, outcome=S.HIRED, outcome_on=TODAY, staff=staff_a)
    assert (posting_hires(posting), openings_reached(posting)) == (2, True)  # openings = 2

    other = make_walk_in(centre_a)
    give_provision(other, staff_a)
    second = refer(staff_a, other, posting)
    referral_outcome_record(referral=second, outcome=S.REJECTED, outcome_on=TODAY, staff=staff_a)
    assert posting_hires(posting) == 2  # "not hired" is not a hire


def test_a_posting_without_openings_never_reaches_them(staff_a, resident):
    posting = JobPostingFactory(openings=None)
    referral = refer(staff_a, resident, posting)
    referral_outcome_record(referral=referral, outcome=S.HIRED, outcome_on=TODAY, staff=staff_a)
    assert (posting_hires(posting), openings_reached(posting)) == (1, False)
