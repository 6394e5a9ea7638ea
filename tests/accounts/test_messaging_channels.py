"""SMS backends (console, file, locmem gateway) and notify_person's choice of channels and
verified addresses."""

import io

import pytest
from django.utils import timezone

from accounts.choices import MessageKind
from accounts.messaging import notify_person
from accounts.messaging.sms import get_backend, locmem, sms_kind
from accounts.models import OutboundMessage, SeekerProfile
from namdong_jobs.reference.models import CommunityCentre
from tests.factories import SeekerProfileFactory, UserFactory

pytestmark = pytest.mark.django_db
PHONE = "+821055551234"


# --- SMS backends --------------------------------------------------------------------------


def test_locmem_gateway_deduplicates_by_idempotency_key():
    backend = get_backend()
    first = backend.send(to=PHONE, body="안녕하세요", idempotency_key="41")
    again = backend.send(to=PHONE, body="안녕하세요", idempotency_key="41")
    other = backend.send(to=PHONE, body="안녕하세요", idempotency_key="42")
    assert first == again != other
    assert [sms.idempotency_key for sms in locmem.outbox] == ["41", "42"]


def test_console_and_file_backends(settings, tmp_path):
    stream = io.StringIO()
    get_backend("accounts.messaging.sms.console.SmsBackend", stream=stream).send(
        to=PHONE, body="인증번호 123456", idempotency_key="7"
    )
    assert PHONE in stream.getvalue() and "인증번호 123456" in stream.getvalue()
    settings.SMS_FILE_PATH = tmp_path / "sms"
    provider_id = get_backend("accounts.messaging.sms.filebased.SmsBackend").send(
        to=PHONE, body="인증번호 654321", idempotency_key="8"
    )
    [written] = list((tmp_path / "sms").iterdir())
    assert provider_id == f"file-{written.name}" and "-8-" in written.name
    assert "인증번호 654321" in written.read_text(encoding="utf-8")


def test_sms_and_lms_by_euc_kr_bytes():
    assert sms_kind("가" * 45) == "SMS"  # 90 bytes
    assert sms_kind("가" * 46) == "LMS"
    assert sms_kind("a" * 90) == "SMS"


# --- notify_person -------------------------------------------------------------------------


def notify(**kwargs):
    return notify_person(
        kind=MessageKind.APPLICATION_STATUS, subject="application:1:viewed", title="t", body="b", **kwargs
    )


def test_notify_person_uses_the_chosen_channels_and_verified_addresses():
    profile = SeekerProfileFactory(
        user__phone=PHONE, user__phone_verified_at=timezone.now(), notify_channels=["email", "sms"]
    )
    messages = notify(profile=profile, html_body="<p>b</p>", link="/my/")
    assert [(m.channel, m.address) for m in messages] == [
        ("onsite", ""),
        ("email", profile.user.email),
        ("sms", PHONE),
    ]
    assert {m.dedupe_key for m in messages} == {
        # the recipient is the profile when there is one (review of issue 4; was u<user id>)
        f"application_status:application:1:viewed:p{profile.pk}:{c}"
        for c in ("onsite", "email", "sms")
    }
    assert messages[1].html_body == "<p>b</p>" and messages[2].html_body == ""
    assert notify(profile=profile) == []  # already told


def test_notify_person_skips_unverified_addresses_and_unchosen_channels():
    profile = SeekerProfileFactory(user__phone=PHONE, user__email_verified_at=None, notify_channels=["email", "sms"])
    assert [m.channel for m in notify(user=profile.user)] == ["onsite"]  # neither address verified
    profile = SeekerProfileFactory(user__phone=PHONE.replace("1234", "9999"), user__phone_verified_at=timezone.now())
    assert profile.notify_channels == []
    assert [m.channel for m in notify(profile=profile)] == ["onsite"]
    assert [m.channel for m in notify(profile=profile, channels=["sms"])] == ["sms"]  # onsite exists already


def test_notify_person_walk_in_without_account_and_user_without_profile():
    walk_in = SeekerProfile.objects.create(
        user=None,
        registered_centre=CommunityCentre.objects.get(name="구월1동 행정복지센터"),
        name="방문 구직자",
        phone=PHONE,
        email="walkin@example.kr",
        notify_channels=["sms", "email", "onsite"],
    )
    messages = notify(profile=walk_in)
    assert [(m.channel, m.address) for m in messages] == [("email", "walkin@example.kr"), ("sms", PHONE)]
    assert messages[0].dedupe_key.endswith(f":p{walk_in.pk}:email")
    member = UserFactory()  # an employer member: no seeker profile
    assert [m.channel for m in notify(user=member)] == ["onsite", "email"]


def test_notify_person_skips_erased_people():
    profile = SeekerProfileFactory(notify_channels=["email"])
    SeekerProfile.objects.filter(pk=profile.pk).update(erased_at=timezone.now())
    profile.refresh_from_db()
    assert notify(profile=profile) == []
    user = UserFactory(erased_at=timezone.now())
    assert notify(user=user) == []
    assert not OutboundMessage.objects.exists()


def test_a_walk_in_who_gets_an_account_is_not_told_the_same_thing_twice():
    """The dedupe key names the profile, whether or not it has a login yet (review of issue 4:
    the key used to change from p<id> to u<id> when a walk-in record got an account)."""
    walk_in = SeekerProfile.objects.create(
        user=None,
        registered_centre=CommunityCentre.objects.get(name="구월1동 행정복지센터"),
        name="방문 구직자",
        phone=PHONE,
        notify_channels=["sms"],
    )
    assert [m.channel for m in notify(profile=walk_in)] == ["sms"]
    walk_in.user = UserFactory(phone=PHONE, phone_verified_at=timezone.now())
    walk_in.save()
    again = notify(profile=walk_in)
    assert [m.channel for m in again] == ["onsite"]  # the inbox is new; the SMS was sent already
    assert notify(user=walk_in.user) == []  # named by the account only: the same key
    assert OutboundMessage.objects.filter(channel="sms").count() == 1
    assert {m.dedupe_key.split(":")[-2] for m in OutboundMessage.objects.all()} == {f"p{walk_in.pk}"}


def test_people_without_a_profile_are_keyed_by_their_account():
    member = UserFactory()
    [message] = notify(user=member, channels=[])
    assert message.dedupe_key == f"application_status:application:1:viewed:u{member.pk}:onsite"
