"""Referrals the desk refuses (issue 5 review): a resident aged 15–17 and a posting beyond the
minors' working time (근로기준법 제69조·제70조; the rule of ``jobs.rules.minors`` shared with the
record's fitting list), and a closed posting worded for staff ("…알선할 수 없습니다") while the
seeker's own application keeps "…지원할 수 없습니다". Online sign-ups: test_online_signups.py."""

import datetime
import decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.choices import ConsentMethod, ConsentPurpose
from accounts.models import AccessLogEntry
from accounts.services import consent_give
from jobs.choices import PostingStatus
from jobs.models import Application, JobPosting, Referral, ReferralMethod, today_kst
from jobs.rules.minors import minor_refusal, postings_open_to_minors
from jobs.services.applications import application_submit
from jobs.services.desk.referrals import referral_create, referral_refusal
from tests.factories import JobPostingFactory, SeekerProfileFactory

from .conftest import make_walk_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("manage_clock")]

TODAY = datetime.date(2026, 6, 15)  # manage_clock


def resident_aged(centre, staff, age: int):
    """A walk-in of ``centre`` turning ``age`` this year, with the provision consent on paper."""
    resident = make_walk_in(centre, birth_year=TODAY.year - age, registered_by=staff)
    consent_give(
        person=resident,
        purpose=ConsentPurpose.PROVISION,
        method=ConsentMethod.PAPER,
        taken_by=staff,
        paper_form_version="2026-11-v1",
        paper_signed_on=TODAY,
    )
    return resident


def refer(staff, resident, posting):
    return referral_create(staff=staff, seeker=resident, posting=posting, method=ReferralMethod.LETTER, ip="10.0.0.9")


#: Postings by what they state, and whether a worker aged 15–17 may take them.
POSTINGS = {
    "7h a day": ({"daily_hours": decimal.Decimal("7.00")}, True),
    "7.5h a day": ({"daily_hours": decimal.Decimal("7.50")}, False),
    "8h a day": ({"daily_hours": 8}, False),
    "35h a week": ({"hours_per_week": 35}, True),
    "36h a week": ({"hours_per_week": 36}, False),
    "day shift": ({"shifts": ["day"]}, True),
    "night shift": ({"shifts": ["night"]}, False),
    "rotating shift": ({"shifts": ["rotating"]}, False),
    "day and night": ({"shifts": ["day", "night"]}, False),
    "short and day": ({"daily_hours": 4, "hours_per_week": 20, "shifts": ["day"]}, True),
    "nothing stated": ({}, True),
}


# ---- the rule, in one place --------------------------------------------------------------------


def test_the_refusal_and_the_fitting_lists_filter_agree_on_the_same_postings():
    made = {name: JobPostingFactory(title=name, **fields) for name, (fields, _open) in POSTINGS.items()}
    open_ids = set(
        postings_open_to_minors(JobPosting.objects.filter(pk__in=[p.pk for p in made.values()])).values_list(
            "pk", flat=True
        )
    )
    for name, posting in made.items():
        may_take = POSTINGS[name][1]
        assert (posting.pk in open_ids) is may_take, name
        assert (minor_refusal(posting) is None) is may_take, name


def test_the_refusal_names_what_the_posting_states_and_the_law():
    posting = JobPostingFactory(daily_hours=decimal.Decimal("7.50"), hours_per_week=40, shifts=["day", "rotating"])
    reason = minor_refusal(posting)
    assert "근로기준법 제69조·제70조" in reason
    assert "하루 7.5시간" in reason and "주 40시간" in reason and "교대 근무" in reason
    assert "만 18세 미만" in reason


# ---- referring a minor -------------------------------------------------------------------------


@pytest.mark.parametrize("name", [name for name, (_fields, may) in POSTINGS.items() if not may])
def test_a_minor_is_not_referred_beyond_the_working_time(centre_a, staff_a, name):
    resident = resident_aged(centre_a, staff_a, 16)
    posting = JobPostingFactory(**POSTINGS[name][0])
    with pytest.raises(ValidationError) as caught:
        refer(staff_a, resident, posting)
    assert list(caught.value.message_dict) == ["posting"]
    assert "제69조·제70조" in caught.value.message_dict["posting"][0]
    assert not Application.objects.exists() and not Referral.objects.exists()
    assert not AccessLogEntry.objects.filter(person=resident).exists()
    assert "제69조·제70조" in " ".join(referral_refusal(seeker=resident, posting=posting).messages)


@pytest.mark.parametrize(
    ("age", "fields"),
    [(16, {"daily_hours": 4, "shifts": ["day"]}), (16, {}), (18, {"shifts": ["night"]}), (40, {"daily_hours": 9})],
)
def test_a_posting_within_the_limits_or_an_adult_is_referred(centre_a, staff_a, age, fields):
    resident = resident_aged(centre_a, staff_a, age)
    posting = JobPostingFactory(**fields)
    assert referral_refusal(seeker=resident, posting=posting) is None
    assert refer(staff_a, resident, posting).application.seeker == resident


def test_the_referral_page_gives_the_reason_instead_of_the_form(client, centre_a, staff_a):
    resident = resident_aged(centre_a, staff_a, 16)
    night = JobPostingFactory(title="야간 포장", shifts=["night"])
    client.force_login(staff_a)
    url = reverse("desk:referral_create", args=[resident.pk, night.pk])
    page = client.get(url).content.decode()
    assert 'id="referral-refused"' in page and "근로기준법 제69조·제70조" in page and "야간 근무" in page
    assert 'name="method"' not in page
    response = client.post(url, {"method": "letter"})
    assert response.status_code == 200 and "제69조·제70조" in response.content.decode()
    assert not Referral.objects.exists()
    assert list(AccessLogEntry.objects.filter(person=resident).values_list("action", flat=True)) == ["view", "view"]


def test_a_minor_referred_to_a_posting_within_the_limits_is_reminded_of_them(client, centre_a, staff_a):
    resident = resident_aged(centre_a, staff_a, 16)
    posting = JobPostingFactory(title="시간 미정 포장")
    client.force_login(staff_a)
    page = client.get(reverse("desk:referral_create", args=[resident.pk, posting.pk])).content.decode()
    assert 'name="method"' in page and 'id="minor-hours"' in page and "만 18세 미만" in page
    adult = resident_aged(centre_a, staff_a, 40)
    page = client.get(reverse("desk:referral_create", args=[adult.pk, posting.pk])).content.decode()
    assert 'id="minor-hours"' not in page


# ---- a closed posting, in the desk's words -----------------------------------------------------


def test_a_closed_posting_is_refused_in_the_desks_words_and_the_seeker_keeps_theirs(centre_a, staff_a):
    resident = resident_aged(centre_a, staff_a, 40)
    closed = JobPostingFactory(status=PostingStatus.CLOSED, closed_at=timezone.now())
    with pytest.raises(ValidationError) as caught:
        refer(staff_a, resident, closed)
    assert caught.value.code == "posting_closed"
    assert caught.value.messages == ["마감된 공고에는 알선할 수 없습니다."]
    assert referral_refusal(seeker=resident, posting=closed).messages == ["마감된 공고에는 알선할 수 없습니다."]
    past_deadline = JobPostingFactory(deadline=today_kst() - datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as caught:
        refer(staff_a, resident, past_deadline)
    assert caught.value.messages == ["마감된 공고에는 알선할 수 없습니다."]
    assert not Referral.objects.exists()

    seeker = SeekerProfileFactory()
    consent_give(person=seeker, purpose=ConsentPurpose.PROVISION)
    with pytest.raises(ValidationError) as caught:
        application_submit(seeker=seeker, posting=closed)
    assert caught.value.messages == ["마감된 공고에는 지원할 수 없습니다."]
