"""The contacts an employer receives in an application's profile snapshot (review of issue
4): for a seeker with a login account only the identifiers the account verified, never the
sign-up copies on the profile (whoever signed up may have typed a stranger's number); for a
walk-in registered at a centre, the profile's own."""

import pytest
from django.utils import timezone

from accounts import services
from jobs.services.application_snapshot import profile_snapshot
from namdong_jobs.reference.models import CommunityCentre
from tests.factories import SeekerProfileFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "snapshot-password-2026"


def contacts(profile) -> tuple[str, str]:
    snapshot = profile_snapshot(profile)
    return snapshot["phone"], snapshot["email"]


def test_an_online_seeker_gives_no_unverified_number_or_address():
    profile = services.seeker_signup(
        name="박구직",
        birth_year=1970,
        password=PASSWORD,
        email="seeker@example.kr",
        phone="010-2345-6789",
        consents=["collection"],
    )
    assert profile.phone == "+821023456789" and profile.email == "seeker@example.kr"  # copied at sign-up
    assert contacts(profile) == ("", "")
    user = profile.user
    user.phone_verified_at = timezone.now()
    user.save()
    assert contacts(profile) == ("+821023456789", "")
    user.email_verified_at = timezone.now()
    user.save()
    assert contacts(profile) == ("+821023456789", "seeker@example.kr")


def test_an_online_seekers_profile_copies_are_not_what_the_employer_gets():
    user = UserFactory(email="verified@example.kr", phone="+821011112222", phone_verified_at=None)
    profile = SeekerProfileFactory(user=user, phone="+821099998888", email="other@example.kr")
    assert contacts(profile) == ("", "verified@example.kr")


def test_a_walk_in_gives_the_profiles_own_contacts():
    centre = CommunityCentre.objects.get(name="구월1동 행정복지센터")
    profile = SeekerProfileFactory(
        user=None, registered_centre=centre, phone="+821055556666", email="walkin@example.kr"
    )
    assert contacts(profile) == ("+821055556666", "walkin@example.kr")
