"""Shared fixtures of the desk tests (issue 5): two dong centres with a staff member each,
district staff, an online seeker, an employer member, and :func:`make_walk_in` for residents
registered at a centre without a login.

Centre A is 구월1동 행정복지센터 (``StaffMembershipFactory``'s default, so ``manage_centre_staff``
of tests/jobs/conftest.py works at centre A too); centre B is 만수1동 행정복지센터."""

import itertools

import pytest

from accounts.models import SeekerProfile
from namdong_jobs.reference.models import CommunityCentre
from tests.factories import EmployerMemberFactory, SeekerProfileFactory, StaffMembershipFactory, UserFactory

CENTRE_A_NAME = "구월1동 행정복지센터"
CENTRE_B_NAME = "만수1동 행정복지센터"

_phones = itertools.count(1)


def make_walk_in(centre: CommunityCentre, **fields) -> SeekerProfile:
    """A walk-in resident of ``centre``: a seeker profile without a login (``user=None``).

    Defaults: a numbered name (``주민N``), birth year 1962, a distinct mobile number in E.164
    (``+8210…``), home dong = the centre's dong. ``fields`` override any model field, e.g.
    ``registered_by=staff``, ``phone=""`` (no phone), ``email=…``."""
    n = next(_phones)
    values = {
        "user": None,
        "registered_centre": centre,
        "name": f"주민{n}",
        "birth_year": 1962,
        "phone": f"+82109{n:07d}",
        "home_dong": centre.dong,
    }
    values.update(fields)
    return SeekerProfile.objects.create(**values)


@pytest.fixture
def centre_a(db) -> CommunityCentre:
    """구월1동 행정복지센터."""
    return CommunityCentre.objects.get(name=CENTRE_A_NAME)


@pytest.fixture
def centre_b(db) -> CommunityCentre:
    """만수1동 행정복지센터."""
    return CommunityCentre.objects.get(name=CENTRE_B_NAME)


@pytest.fixture
def staff_a(centre_a):
    """A staff member (user) of centre A."""
    return StaffMembershipFactory(centre=centre_a, user__name="김상담").user


@pytest.fixture
def staff_b(centre_b):
    """A staff member (user) of centre B."""
    return StaffMembershipFactory(centre=centre_b, user__name="이상담").user


@pytest.fixture
def district_staff(db):
    """A staff member (user) of the district job centre (sees every centre's residents)."""
    centre = CommunityCentre.objects.get(kind=CommunityCentre.Kind.DISTRICT)
    return StaffMembershipFactory(centre=centre, user__name="박구청").user


@pytest.fixture
def seeker_user(db):
    """A job seeker with an online account and profile (not staff)."""
    return SeekerProfileFactory(user=UserFactory()).user


@pytest.fixture
def employer_member(db):
    """An employer member (of a verified employer; not staff)."""
    return EmployerMemberFactory().user
