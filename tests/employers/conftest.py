"""Fixtures for the employers tests: people in each role and valid business numbers."""

import itertools

import pytest

from employers.brn import brn_check_digit
from employers.models import EmployerMember
from namdong_jobs.reference.models import CommunityCentre
from tests.factories import EmployerFactory, EmployerMemberFactory, StaffMembershipFactory, UserFactory

_serial = itertools.count(1)


def make_brn(first9: str | None = None) -> str:
    """A 10-digit brn with a correct NTS check digit (a fresh one each call by default),
    shaped like a real corporate number (xxx-81-xxxxx)."""
    if first9 is None:
        first9 = f"21781{next(_serial):04d}"
    return first9 + brn_check_digit(first9)


def dashed(brn: str) -> str:
    return f"{brn[:3]}-{brn[3:5]}-{brn[5:]}"


def wrong_check_digit(brn: str) -> str:
    return brn[:9] + str((int(brn[9]) + 1) % 10)


@pytest.fixture
def district_staff():
    """A member of the district job centre (구청 일자리센터): may verify employers."""
    return StaffMembershipFactory(centre=CommunityCentre.objects.get(kind="district")).user


@pytest.fixture
def centre_staff():
    """Staff of one dong's community centre (not district staff)."""
    return StaffMembershipFactory().user


@pytest.fixture
def owner():
    return UserFactory()


@pytest.fixture
def pending_employer(owner):
    """An employer waiting for verification, with ``owner`` as its owner."""
    employer = EmployerFactory(verification_status="pending", brn=make_brn(), registered_by=owner)
    EmployerMemberFactory(employer=employer, user=owner, role=EmployerMember.Role.OWNER)
    return employer
