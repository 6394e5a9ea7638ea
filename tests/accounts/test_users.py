import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import RequestFactory
from django.utils import timezone

from accounts.identifiers import mask_mobile, normalize_mobile
from accounts.models import SeekerProfile, User
from namdong_jobs.reference.models import CommunityCentre
from tests.factories import StaffMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _request():
    """django-axes needs the request to rate-limit a login."""
    return RequestFactory().post("/accounts/login/")


@pytest.mark.parametrize("spelling", ["010-1234-5678", "01012345678", "+82 10 1234 5678", "010 1234 5678"])
def test_mobile_numbers_normalise_to_e164(spelling):
    assert normalize_mobile(spelling) == "+821012345678"


@pytest.mark.parametrize("bad", ["02-123-4567", "12345", "010-12", "abc", "+1 650 253 0000", ""])
def test_bad_mobile_numbers_give_a_korean_error(bad):
    with pytest.raises(ValidationError) as exc:
        normalize_mobile(bad)
    assert "휴대전화번호" in exc.value.messages[0]


def test_masking_for_lists():
    assert mask_mobile("+821012345678") == "010-****-5678"


def test_create_user_normalises_and_needs_one_identifier():
    user = User.objects.create_user(email=" Kim@Example.KR ", phone="010-2222-3333", password="x" * 12)
    assert user.email == "kim@example.kr"
    assert user.phone == "+821022223333"
    with pytest.raises(ValidationError):
        User.objects.create_user(password="x" * 12)


def test_email_and_phone_are_each_unique_when_present():
    User.objects.create_user(email="a@example.kr", password="x" * 12)
    User.objects.create_user(phone="010-5555-6666", password="x" * 12)
    User.objects.create_user(email="b@example.kr", password="x" * 12)  # many accounts without phone
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(email="A@example.kr", password="x" * 12)
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(phone="01055556666", password="x" * 12)


def test_database_refuses_an_account_without_identifier():
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email=None, phone=None)


def test_login_with_verified_email_or_phone_in_any_spelling():
    user = User.objects.create_user(
        email="seeker@example.kr",
        phone="010-7777-8888",
        password="long-password-1",
        email_verified_at=timezone.now(),
        phone_verified_at=timezone.now(),
    )
    assert authenticate(_request(), username="SEEKER@example.kr", password="long-password-1") == user
    assert authenticate(_request(), username="010-7777-8888", password="long-password-1") == user
    assert authenticate(_request(), username="+821077778888", password="long-password-1") == user
    assert authenticate(_request(), username="01077778888", password="wrong") is None
    assert authenticate(_request(), username="not a phone", password="long-password-1") is None


def test_unverified_identifier_cannot_log_in():
    User.objects.create_user(
        email="new@example.kr",
        phone="010-1111-2222",
        password="long-password-1",
        email_verified_at=timezone.now(),  # phone not verified
    )
    assert authenticate(_request(), username="new@example.kr", password="long-password-1") is not None
    assert authenticate(_request(), username="010-1111-2222", password="long-password-1") is None


def test_roles_one_person_can_hold_several():
    from tests.factories import EmployerMemberFactory, SeekerProfileFactory

    user = UserFactory()
    SeekerProfileFactory(user=user)
    EmployerMemberFactory(user=user)
    EmployerMemberFactory(user=user)
    StaffMembershipFactory(user=user)
    assert user.seeker_profile and user.employer_memberships.count() == 2
    assert user.is_centre_staff and not user.is_district_staff


def test_district_staff_are_staff_of_the_district_job_centre():
    membership = StaffMembershipFactory(centre=CommunityCentre.objects.get(kind="district"))
    assert membership.user.is_district_staff
    membership.is_active = False
    membership.save()
    membership.user.refresh_from_db()
    assert not membership.user.is_district_staff


def test_walk_in_resident_has_no_login_but_belongs_to_a_centre():
    centre = CommunityCentre.objects.get(name="만수1동 행정복지센터")
    resident = SeekerProfile.objects.create(name="김민수", birth_year=1958, registered_centre=centre)
    assert resident.user is None
    with pytest.raises(IntegrityError), transaction.atomic():
        SeekerProfile.objects.create(name="소속 없음", birth_year=1990)


def test_people_are_protected_from_deletion_tombstones_instead():
    from django.db.models import ProtectedError

    from tests.factories import SeekerProfileFactory

    profile = SeekerProfileFactory()
    with pytest.raises(ProtectedError):
        profile.user.delete()
