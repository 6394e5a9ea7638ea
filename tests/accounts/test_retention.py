"""Retention (DESIGN.md "Privacy"): a login counts as activity, and the daily task erases
only the records idle for two years (the clock is pinned)."""

import datetime

import pytest
import time_machine

from accounts import tasks
from accounts.models import SeekerProfile, User
from accounts.services import ErasureReason, erase_idle_seekers, person_erase, retention_cutoff
from namdong_jobs.reference.models import CommunityCentre
from tests.factories import SeekerProfileFactory, StaffMembershipFactory

from .privacy_people import NOON_KST, PASSWORD, make_seeker

pytestmark = pytest.mark.django_db


def test_logging_in_counts_as_activity(client):
    profile = make_seeker()
    SeekerProfile.objects.filter(pk=profile.pk).update(last_activity_at=NOON_KST - datetime.timedelta(days=700))
    with time_machine.travel(NOON_KST, tick=False):
        response = client.post("/accounts/login/", {"username": "boram.kim@example.kr", "password": PASSWORD})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.last_activity_at == NOON_KST


def test_retention_cutoff_is_two_years_before():
    assert retention_cutoff(NOON_KST) == NOON_KST.replace(year=2024)
    leap = datetime.datetime(2028, 2, 29, 3, tzinfo=datetime.UTC)
    assert retention_cutoff(leap) == datetime.datetime(2026, 2, 28, 3, tzinfo=datetime.UTC)


def test_only_people_idle_past_the_retention_period_are_erased(django_capture_on_commit_callbacks):
    idle = make_seeker(name="오래쉼", email="idle@example.kr", phone="+821055550001")
    recent = make_seeker(name="요즘씀", email="recent@example.kr", phone="+821055550002")
    centre = CommunityCentre.objects.get(name="구월1동 행정복지센터")
    walk_in = SeekerProfile.objects.create(name="방문자", registered_centre=centre)
    already = SeekerProfileFactory()
    person_erase(profile=already, reason=ErasureReason.REQUEST, now=NOON_KST - datetime.timedelta(days=900))
    cutoff = retention_cutoff(NOON_KST)
    SeekerProfile.objects.filter(pk__in=[idle.pk, walk_in.pk, already.pk]).update(
        last_activity_at=cutoff - datetime.timedelta(seconds=1)
    )
    SeekerProfile.objects.filter(pk=recent.pk).update(last_activity_at=cutoff + datetime.timedelta(seconds=1))

    with time_machine.travel(NOON_KST, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert tasks.erase_idle_seekers() == 2

    erased = dict(SeekerProfile.objects.values_list("pk", "erased_at"))
    assert erased[idle.pk] == NOON_KST and erased[walk_in.pk] == NOON_KST
    assert erased[recent.pk] is None
    assert erased[already.pk] == NOON_KST - datetime.timedelta(days=900)  # untouched
    assert User.objects.get(pk=idle.user_id).email is None
    assert User.objects.get(pk=recent.user_id).email == "recent@example.kr"
    with time_machine.travel(NOON_KST, tick=False):
        assert erase_idle_seekers() == 0  # nothing left to do


def test_idle_staff_are_skipped_not_failed():
    profile = make_seeker()
    StaffMembershipFactory(user=profile.user)
    SeekerProfile.objects.filter(pk=profile.pk).update(last_activity_at=NOON_KST - datetime.timedelta(days=3 * 365))
    assert erase_idle_seekers(now=NOON_KST) == 0
    profile.refresh_from_db()
    assert profile.erased_at is None
