"""What counts as a seeker's activity (review of issue 4): applying, withdrawing an
application, giving or withdrawing a consent, uploading or deleting a résumé, editing the
profile restart the two-year retention period, so the daily erasure never takes a person who
just did one of them."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.choices import ConsentMethod, ConsentPurpose
from accounts.models import SeekerProfile
from accounts.services import (
    consent_give,
    consent_withdraw,
    erase_idle_seekers,
    profile_update,
    resume_delete,
    resume_set,
    retention_cutoff,
)
from jobs.choices import ApplyMethod
from jobs.services import application_apply, application_withdraw
from tests.accounts import document_files as files
from tests.factories import JobPostingFactory, StaffMembershipFactory

from .privacy_people import NOON_KST, make_seeker

pytestmark = pytest.mark.django_db

IDLE = retention_cutoff(NOON_KST) - datetime.timedelta(days=1)


def make_idle(**kwargs) -> SeekerProfile:
    profile = make_seeker(**kwargs)
    SeekerProfile.objects.filter(pk=profile.pk).update(last_activity_at=IDLE)
    profile.refresh_from_db()
    return profile


def last_activity(profile) -> datetime.datetime:
    return SeekerProfile.objects.get(pk=profile.pk).last_activity_at


def test_an_idle_person_who_just_applied_is_not_erased():
    profile = make_idle()
    other = make_idle(name="쉬는사람", email="rest@example.kr", phone="+821055550003")
    with time_machine.travel(NOON_KST, tick=False):
        posting = JobPostingFactory(apply_methods=[ApplyMethod.ONLINE])
        application_apply(seeker=profile, posting=posting, by=profile.user)
        assert last_activity(profile) == NOON_KST
        assert erase_idle_seekers() == 1
    assert SeekerProfile.objects.get(pk=profile.pk).erased_at is None
    assert SeekerProfile.objects.get(pk=other.pk).erased_at == NOON_KST


def test_withdrawing_an_application_is_activity():
    profile = make_seeker()
    with time_machine.travel(NOON_KST, tick=False):
        posting = JobPostingFactory(apply_methods=[ApplyMethod.ONLINE])
        application = application_apply(seeker=profile, posting=posting, by=profile.user)
    SeekerProfile.objects.filter(pk=profile.pk).update(last_activity_at=IDLE)
    later = NOON_KST + datetime.timedelta(days=1)
    with time_machine.travel(later, tick=False):
        application_withdraw(application=application, by=profile.user)
    assert last_activity(profile) == later


def test_giving_and_withdrawing_a_consent_are_activity():
    profile = make_idle()
    consent_withdraw(person=profile, purpose=ConsentPurpose.SENSITIVE, now=NOON_KST)
    assert last_activity(profile) == NOON_KST
    later = NOON_KST + datetime.timedelta(hours=1)
    consent_give(person=profile, purpose=ConsentPurpose.NOTIFICATIONS, now=later)
    assert last_activity(profile) == later
    assert consent_withdraw(person=profile, purpose=ConsentPurpose.NOTIFICATIONS, now=later) is True
    # withdrawing a consent that is not active changes nothing
    assert consent_withdraw(person=profile, purpose=ConsentPurpose.NOTIFICATIONS, now=later) is False
    # a paper consent recorded with an earlier date never moves the activity back
    staff = StaffMembershipFactory().user
    consent_give(
        person=profile, purpose=ConsentPurpose.NOTIFICATIONS, method=ConsentMethod.PAPER, taken_by=staff, now=IDLE
    )
    assert last_activity(profile) == later
    SeekerProfile.objects.filter(pk=profile.pk).update(last_activity_at=IDLE)
    assert consent_withdraw(person=profile, purpose=ConsentPurpose.NOTIFICATIONS, now=later) is True
    assert last_activity(profile) == later


def test_resume_changes_and_profile_edits_are_activity():
    profile = make_idle()
    with time_machine.travel(NOON_KST, tick=False):
        assert resume_delete(profile=profile) is True
    assert last_activity(profile) == NOON_KST
    later = NOON_KST + datetime.timedelta(days=1)
    with time_machine.travel(later, tick=False):
        resume_set(profile=profile, upload=SimpleUploadedFile("a.pdf", files.PDF))
    assert last_activity(profile) == later
    latest = later + datetime.timedelta(days=1)
    with time_machine.travel(latest, tick=False):
        profile_update(profile=profile, self_introduction="새 소개")
    assert last_activity(profile) == latest
