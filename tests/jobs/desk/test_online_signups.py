"""Online sign-ups at the desk (issue 5 review): a person who signed up online (an account and
no registered centre) keeps their own record and applies themselves. District staff may open
the record and write counselling notes, but the desk does not edit or refer it: the services
refuse (code ``online_signup``) and the pages say why instead of the forms, with the buttons
hidden. A walk-in who claimed an account keeps its centre and stays editable and referable."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.choices import ConsentMethod, ConsentPurpose
from accounts.models import AccessLogEntry
from accounts.services import consent_give, resident_update
from accounts.services.residents import is_centre_record
from jobs.models import Application, CounsellingNote, Referral, ReferralMethod
from jobs.services.desk.notes import note_add
from jobs.services.desk.referrals import referral_create, referral_refusal
from tests.factories import JobPostingFactory, SeekerProfileFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("manage_clock")]

TODAY = datetime.date(2026, 6, 15)  # manage_clock
EDIT_REFUSAL = "온라인으로 가입한 구직자의 정보는 본인이 고칩니다"
REFER_REFUSAL = "본인이 직접 지원하도록 안내해 주세요"


@pytest.fixture
def online():
    """An online sign-up wanting 890 jobs, with the provision consent given online."""
    profile = SeekerProfileFactory(name="온라인가입", birth_year=1980, wanted_occupations=["890"])
    consent_give(person=profile, purpose=ConsentPurpose.COLLECTION)
    consent_give(person=profile, purpose=ConsentPurpose.PROVISION)
    return profile


@pytest.fixture
def claimed(centre_a, staff_a):
    """A walk-in of centre A who claimed an online account (it keeps the centre)."""
    profile = SeekerProfileFactory(
        user=UserFactory(), registered_centre=centre_a, registered_by=staff_a, name="센터등록", birth_year=1970
    )
    consent_give(
        person=profile,
        purpose=ConsentPurpose.PROVISION,
        method=ConsentMethod.PAPER,
        taken_by=staff_a,
        paper_form_version="2026-11-v1",
        paper_signed_on=TODAY,
    )
    return profile


@pytest.fixture
def posting():
    return JobPostingFactory(title="부품 조립")


def log_rows(person):
    return list(AccessLogEntry.objects.filter(person=person).order_by("id").values_list("action", "detail"))


# ---- services ----------------------------------------------------------------------------------


def test_only_a_record_with_a_centre_is_the_desks(online, claimed):
    assert not is_centre_record(online)
    assert is_centre_record(claimed)


def test_the_desk_does_not_edit_an_online_sign_up(district_staff, online):
    with pytest.raises(ValidationError) as caught:
        resident_update(profile=online, staff=district_staff, name="바꾼이름")
    assert caught.value.code == "online_signup" and EDIT_REFUSAL in caught.value.messages[0]
    online.refresh_from_db()
    assert online.name == "온라인가입"
    assert log_rows(online) == []


def test_the_desk_does_not_refer_an_online_sign_up(district_staff, online, posting):
    refusal = referral_refusal(seeker=online, posting=posting)
    assert refusal.code == "online_signup" and REFER_REFUSAL in refusal.messages[0]
    with pytest.raises(ValidationError) as caught:
        referral_create(staff=district_staff, seeker=online, posting=posting, method=ReferralMethod.LETTER)
    assert caught.value.code == "online_signup" and REFER_REFUSAL in caught.value.messages[0]
    assert not Application.objects.exists() and log_rows(online) == []


def test_a_claimed_walk_in_is_edited_and_referred(staff_a, claimed, posting):
    resident_update(profile=claimed, staff=staff_a, name="고친이름")
    referral = referral_create(staff=staff_a, seeker=claimed, posting=posting, method=ReferralMethod.PHONE)
    assert referral.application.seeker == claimed
    assert [detail for _action, detail in log_rows(claimed)] == ["profile", "referral"]


def test_notes_on_an_online_sign_up_are_still_the_desks(district_staff, online):
    note = note_add(seeker=online, staff=district_staff, content="전화 상담")
    assert CounsellingNote.objects.get() == note


# ---- pages -------------------------------------------------------------------------------------


def test_the_record_page_is_viewable_without_edit_or_refer_buttons(client, district_staff, online, posting):
    client.force_login(district_staff)
    response = client.get(reverse("desk:resident_detail", args=[online.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert posting.pk in {p.pk for p in response.context["fitting"]}  # fits, but no button to refer
    assert reverse("desk:resident_edit", args=[online.pk]) not in page
    assert reverse("desk:referral_start", args=[online.pk]) not in page
    assert reverse("desk:referral_create", args=[online.pk, posting.pk]) not in page
    assert reverse("desk:note_create", args=[online.pk]) in page
    assert 'id="online-signup-note"' in page and REFER_REFUSAL in page


def test_a_walk_ins_record_page_keeps_the_buttons(client, staff_a, claimed, posting):
    client.force_login(staff_a)
    page = client.get(reverse("desk:resident_detail", args=[claimed.pk])).content.decode()
    assert reverse("desk:resident_edit", args=[claimed.pk]) in page
    assert reverse("desk:referral_start", args=[claimed.pk]) in page
    assert 'id="online-signup-note"' not in page


def test_the_edit_page_says_why_instead_of_the_form(client, district_staff, online):
    client.force_login(district_staff)
    url = reverse("desk:resident_edit", args=[online.pk])
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200 and EDIT_REFUSAL in page
    assert 'name="name"' not in page and 'name="birth_year"' not in page
    assert f'action="{url}"' not in page  # no edit form
    response = client.post(url, {"name": "바꾼이름", "birth_year": "1980", "home_dong": "2820051000"})
    assert response.status_code == 200 and EDIT_REFUSAL in response.content.decode()
    online.refresh_from_db()
    assert online.name == "온라인가입"
    assert log_rows(online) == [("view", "record"), ("view", "record")]


def test_the_referral_pages_say_why_instead_of_the_forms(client, district_staff, online, posting):
    client.force_login(district_staff)
    start = reverse("desk:referral_start", args=[online.pk])
    for url in (start, f"{start}?posting={posting.pk}"):
        response = client.get(url)
        assert response.status_code == 200, url  # no redirect to the referral page
        page = response.content.decode()
        assert 'id="referral-refused"' in page and REFER_REFUSAL in page and 'name="posting"' not in page
    url = reverse("desk:referral_create", args=[online.pk, posting.pk])
    page = client.get(url).content.decode()
    assert 'id="referral-refused"' in page and REFER_REFUSAL in page and 'name="method"' not in page
    response = client.post(url, {"method": "letter"})
    assert response.status_code == 200 and REFER_REFUSAL in response.content.decode()
    assert not Referral.objects.exists()
    assert log_rows(online) == [("view", "record")] * 4
