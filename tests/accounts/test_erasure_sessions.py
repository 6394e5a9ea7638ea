"""Erasure ends the stored sessions that identify the person (review of issue 4): those
logged in as them and anonymous ones whose data holds their phone number or email address
(the SMS password reset keeps the number), in one pass over the sessions per run — one
erasure, or every record the daily retention task erases — after the erasure commits."""

import datetime
from importlib import import_module

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from accounts.models import SeekerProfile
from accounts.services import ErasureReason, erase_idle_seekers, person_erase, retention_cutoff
from accounts.services.session_sweep import SessionSweep

from .privacy_people import NOON_KST, make_seeker

pytestmark = pytest.mark.django_db

SessionStore = import_module(settings.SESSION_ENGINE).SessionStore
Session = SessionStore.get_model_class()


def session(**data) -> str:
    store = SessionStore()
    store.update(data)
    store.create()
    return store.session_key


def logged_in(user) -> str:
    return session(_auth_user_id=str(user.pk), _auth_user_backend="accounts.backends.EmailOrPhoneBackend")


def keys() -> set[str]:
    return set(Session.objects.values_list("session_key", flat=True))


@pytest.fixture
def decodes(monkeypatch):
    """Counts the sessions decoded."""
    calls = []
    original = SessionStore.decode

    def counting(self, session_data):
        calls.append(session_data)
        return original(self, session_data)

    monkeypatch.setattr(SessionStore, "decode", counting)
    return calls


def test_erasure_ends_the_persons_sessions_and_reset_sessions_naming_them(django_capture_on_commit_callbacks):
    profile = make_seeker()
    other = make_seeker(name="남은사람", email="stay@example.kr", phone="+821055550009")
    theirs = logged_in(profile.user)
    reset = session(**{"accounts:reset_phone": "+821073912468"})
    typed_national = session(note="010-7391-2468 로 재설정")
    typed_email = session(email="Boram.Kim@Example.kr")
    kept = {logged_in(other.user), session(**{"accounts:reset_phone": "+821055550009"}), session(cart=[1, 2])}
    with django_capture_on_commit_callbacks() as callbacks:
        person_erase(profile=profile, reason=ErasureReason.REQUEST)
    assert {theirs, reset, typed_national, typed_email} <= keys()  # nothing before the commit
    for callback in callbacks:
        callback()
    assert keys() == kept


def test_a_rolled_back_erasure_ends_no_session(django_capture_on_commit_callbacks):
    profile = make_seeker()
    reset = session(**{"accounts:reset_phone": "+821073912468"})
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        from django.db import transaction

        with transaction.atomic():
            person_erase(profile=profile, reason=ErasureReason.REQUEST)
            raise RuntimeError("rolled back")
    assert reset in keys()


def test_expired_sessions_are_deleted_without_decoding(decodes):
    stale = session(**{"accounts:reset_phone": "+821073912468"})
    Session.objects.filter(session_key=stale).update(expire_date=timezone.now() - datetime.timedelta(days=1))
    live = session(cart=[1])
    sweep = SessionSweep()
    sweep.add(user_id=None, phones=["+821099990000"])
    assert sweep.run() == 0
    assert keys() == {live} and len(decodes) == 1
    assert SessionSweep().run() == 0  # nobody to look for: not even a pass
    assert len(decodes) == 1


def test_the_retention_task_decodes_the_sessions_once_for_everyone(decodes, django_capture_on_commit_callbacks):
    people = [make_seeker(name=f"쉼{i}", email=f"idle{i}@example.kr", phone=f"+82105555000{i}") for i in range(3)]
    doomed = set()
    for person in people:
        doomed |= {logged_in(person.user), session(**{"accounts:reset_phone": person.phone})}
    bystanders = {session(cart=[i]) for i in range(4)}
    SeekerProfile.objects.update(last_activity_at=retention_cutoff(NOON_KST) - datetime.timedelta(days=1))
    decodes.clear()
    with time_machine.travel(NOON_KST, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert erase_idle_seekers() == 3
    assert keys() == bystanders
    assert len(decodes) == len(doomed) + len(bystanders)  # one pass, not one per person
