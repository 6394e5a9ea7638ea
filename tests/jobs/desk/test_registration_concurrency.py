"""Parallel submissions at the desk (review finding: a double click made 3 identical records).
Registrations, and record edits that change a phone, name or birth year, take one PostgreSQL
advisory lock before their duplicate check (``accounts.services.resident_duplicates.
registration_lock``), so the second waits for the first to commit and then sees its record.

These tests use real transactions on two database connections (threads), so they run on
flushed tables and load the reference data (dongs, centres) themselves."""

import threading
import time

import pytest
from django.db import connection
from django.utils import timezone

from accounts.models import SeekerProfile
from accounts.services import DuplicateResident, resident_register, resident_update, residents
from namdong_jobs.reference.models import CommunityCentre
from tests.factories import StaffMembershipFactory

from .conftest import CENTRE_A_NAME, make_walk_in

pytestmark = pytest.mark.django_db(transaction=True)

#: How long each duplicate check holds on after its query: both submissions are then in flight
#: together, as with a double click (without the lock both would find nothing).
HOLD_SECONDS = 0.5


@pytest.fixture
def staff(transactional_db):
    from namdong_jobs.reference.loader import load_reference

    load_reference()  # transactional tests start from flushed tables
    return StaffMembershipFactory(centre=CommunityCentre.objects.get(name=CENTRE_A_NAME)).user


@pytest.fixture
def slow_duplicate_check(monkeypatch):
    checked = []

    def slow(**kwargs):
        hints = original(**kwargs)
        checked.append(len(hints))
        time.sleep(HOLD_SECONDS)
        return hints

    original = residents.resident_duplicates
    monkeypatch.setattr(residents, "resident_duplicates", slow)
    return checked


def together(*calls) -> list:
    """Run each call in its own thread (its own database connection), started together;
    their outcomes (a result or the exception raised), in order."""
    start = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(n, call):
        try:
            start.wait(30)
            outcomes[n] = call()
        except Exception as exc:  # the outcome
            outcomes[n] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n, call)) for n, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return outcomes


def test_the_same_registration_submitted_twice_at_once_makes_one_record(staff, slow_duplicate_check):
    def submit():
        return resident_register(
            staff=staff,
            name="홍길동",
            birth_year=1960,
            phone="010-2222-3333",
            consents=["collection"],
            paper_form_version="2026-1",
            paper_signed_on=timezone.localdate(),
        )

    outcomes = together(submit, submit, submit)
    made = [o for o in outcomes if isinstance(o, SeekerProfile)]
    refused = [o for o in outcomes if isinstance(o, DuplicateResident)]
    assert (len(made), len(refused)) == (1, 2), outcomes
    assert all([h.profile_id for h in exc.hints] == [made[0].pk] for exc in refused)
    assert SeekerProfile.objects.filter(name="홍길동").count() == 1
    assert sorted(slow_duplicate_check) == [0, 1, 1]


def test_two_records_edited_to_one_phone_at_once_are_not_both_saved(staff, slow_duplicate_check):
    centre = staff.staff_centre
    first = make_walk_in(centre, name="김철수", phone="")
    second = make_walk_in(centre, name="이영희", phone="")

    def edit(profile):
        return lambda: resident_update(profile=profile, staff=staff, phone="010-7777-8888")

    outcomes = together(edit(first), edit(second))
    assert sorted(type(o).__name__ for o in outcomes) == ["DuplicateResident", "SeekerProfile"], outcomes
    assert SeekerProfile.objects.filter(phone="+821077778888").count() == 1
