"""Match notices: message rows per (match, channel), the daily SMS cap, quiet hours, send-time
suppression, idempotency and the digest (jobs.matching.notices / digest)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from accounts.choices import ConsentPurpose, MessageKind, MessageState, NotifyChannel, NotifyFrequency
from accounts.messaging import notice_channels
from accounts.messaging.delivery import deliver_batch, deliver_pending
from accounts.messaging.sms import locmem
from accounts.models import OutboundMessage
from accounts.services import consent_withdraw
from jobs.choices import PostingStatus
from jobs.matching import match_posting
from jobs.matching.digest import digest_due_profiles, digest_send
from jobs.models import Match
from tests.factories import UserFactory

from .helpers import NONHYEON_GOJAN, dong, posting, seeker

pytestmark = pytest.mark.django_db

KST = ZoneInfo("Asia/Seoul")
PHONE = "+821077001234"


def at(hour, minute=0, day=16):
    return datetime.datetime(2026, 6, day, hour, minute, tzinfo=KST)


@pytest.fixture
def noon():
    with time_machine.travel(at(12), tick=False) as traveller:
        yield traveller


@pytest.fixture
def quiet_hours(settings):
    settings.NJ_SMS_QUIET_HOURS = (datetime.time(21, 0), datetime.time(8, 0))


def all_channels_seeker(**fields):
    fields.setdefault("notify_channels", ["email", "sms"])
    fields.setdefault("user__phone", PHONE)
    fields.setdefault("user__phone_verified_at", timezone.now())
    return seeker(**fields)


def messages(profile, **filters):
    return OutboundMessage.objects.filter(profile=profile, **filters).order_by("id")


def test_each_channel_gets_one_message_with_the_reasons_and_the_link(noon):
    person = all_channels_seeker(home_dong=dong(NONHYEON_GOJAN))
    job = posting(title="사출 성형 생산직")
    run = match_posting(job.pk)
    assert (run.matches, run.messages) == (1, 3)
    rows = {m.channel: m for m in messages(person)}
    assert set(rows) == {"onsite", "email", "sms"}
    match = Match.objects.get(profile=person)
    for channel, row in rows.items():
        assert row.kind == MessageKind.MATCH and row.subject == f"posting:{job.pk}"
        assert row.dedupe_key == f"match:posting:{job.pk}:p{person.pk}:{channel}"
        assert "희망 직종 일치, 거주 동에서 근무" in row.body
        assert "사출 성형 생산직" in row.title
    assert rows["onsite"].state == MessageState.SENT and rows["onsite"].user == person.user
    assert rows["email"].address == person.user.email and "희망 직종 일치" in rows["email"].html_body
    assert rows["sms"].address == PHONE and rows["sms"].send_after is None
    assert f"/jobs/{job.pk}/" in rows["sms"].body
    assert match.notified_at is not None and match.digest == ""


def test_the_channels_written_in_bulk_are_those_notice_channels_would_choose(noon):
    """The SQL of accounts.messaging.bulk and the Python of notice_channels agree."""
    people = [
        seeker(notify_channels=[]),  # on site only
        seeker(notify_channels=["email"], user__email_verified_at=None),  # unverified email: none
        seeker(notify_channels=["sms"]),  # no phone
        seeker(notify_channels=["sms"], user__phone=PHONE, user__phone_verified_at=None),  # unverified
        all_channels_seeker(user__phone="+821077005678"),
        seeker(
            user=None,
            registered_centre=dong(NONHYEON_GOJAN).centre,
            phone="+821077009999",
            email="walkin@example.kr",
            notify_channels=["sms", "email"],
        ),
        seeker(user=None, registered_centre=dong(NONHYEON_GOJAN).centre, notify_channels=["sms"]),  # no phone
    ]
    job = posting()
    match_posting(job.pk)
    for person in people:
        expected = notice_channels(user=person.user, profile=person)
        written = [(m.channel, m.address) for m in messages(person)]
        assert sorted(written) == sorted(expected), person


def test_running_the_match_and_the_delivery_twice_sends_nothing_new(noon):
    person = all_channels_seeker()
    job = posting()
    first = match_posting(job.pk)
    second = match_posting(job.pk)
    assert (first.matches, first.messages) == (1, 3)
    assert (second.matches, second.messages) == (0, 0)
    assert deliver_pending() == 2
    assert deliver_pending() == 0
    assert len(locmem.outbox) == 1 and len(mail.outbox) == 1
    assert messages(person, state=MessageState.SENT).count() == 3


def test_at_most_three_immediate_sms_a_day_the_rest_wait_for_the_digest(noon):
    person = all_channels_seeker()
    jobs = [posting() for _ in range(5)]
    for job in jobs:
        match_posting(job.pk)
    assert messages(person, channel="sms").count() == 3
    assert messages(person, channel="email").count() == 5  # the cap is for SMS only
    assert messages(person, channel="onsite").count() == 5
    over = Match.objects.filter(profile=person, digest="sms")
    assert sorted(over.values_list("posting_id", flat=True)) == [jobs[3].pk, jobs[4].pk]

    # the next morning's digest sends one SMS listing the two (email and on site told them)
    noon.move_to(at(9, day=17))
    assert digest_due_profiles() == [person.pk]
    assert digest_send([person.pk]) == 1
    digest = messages(person, kind=MessageKind.DIGEST).get()
    assert digest.channel == "sms" and "맞춤 일자리 2건" in digest.body
    assert jobs[4].title in digest.body or jobs[3].title in digest.body
    assert digest_send([person.pk]) == 0  # twice the same day: nothing new
    # a new day starts a new count
    later = posting()
    match_posting(later.pk)
    assert messages(person, channel="sms", kind=MessageKind.MATCH, subject=f"posting:{later.pk}").exists()


def test_daily_digest_seekers_get_one_message_per_channel_at_nine(noon):
    person = all_channels_seeker(notify_frequency=NotifyFrequency.DAILY)
    first, second = posting(title="오전 생산직"), posting(title="오후 포장직")
    closed = posting(title="마감될 공고")
    for job in (first, second, closed):
        assert match_posting(job.pk).messages == 0
    assert set(Match.objects.filter(profile=person).values_list("digest", flat=True)) == {"all"}
    closed.status = PostingStatus.CLOSED
    closed.save()

    noon.move_to(at(9, day=17))
    assert digest_send(digest_due_profiles()) == 3
    rows = {m.channel: m for m in messages(person, kind=MessageKind.DIGEST)}
    assert set(rows) == {"onsite", "email", "sms"}
    assert rows["email"].subject == "digest:2026-06-17"
    assert "오전 생산직" in rows["email"].body and "오후 포장직" in rows["email"].body
    assert "마감될 공고" not in rows["email"].body  # closed postings are left out
    assert "희망 직종 일치" in rows["email"].body and "오전 생산직" in rows["email"].html_body
    assert "맞춤 일자리 2건" in rows["sms"].body
    assert not Match.objects.filter(profile=person, digested_at__isnull=True).exists()
    assert digest_due_profiles() == []


def test_no_digest_when_every_posting_closed_or_the_seeker_withdrew(noon):
    person = all_channels_seeker(notify_frequency=NotifyFrequency.DAILY)
    job = posting()
    match_posting(job.pk)
    consent_withdraw(person=person, purpose=ConsentPurpose.NOTIFICATIONS)
    noon.move_to(at(9, day=17))
    assert digest_send([person.pk]) == 0
    assert digest_due_profiles() == []


def test_sms_made_in_quiet_hours_waits_until_eight(quiet_hours):
    with time_machine.travel(at(22, 30), tick=False) as clock:
        person = all_channels_seeker()
        job = posting()
        match_posting(job.pk)
        sms = messages(person, channel="sms").get()
        assert sms.send_after == at(8, day=17)
        assert deliver_pending() == 1  # the email goes; the SMS waits
        assert locmem.outbox == [] and len(mail.outbox) == 1
        clock.move_to(at(7, 59, day=17))
        assert deliver_pending() == 0
        clock.move_to(at(8, 0, day=17))
        assert deliver_pending() == 1
        assert [m.to for m in locmem.outbox] == [PHONE]


def test_no_text_message_is_claimed_in_quiet_hours_even_when_due(quiet_hours):
    """A retry (or any row due) that falls in the night waits; one-time codes still go."""
    from accounts.messaging import message_send

    with time_machine.travel(at(20, 0), tick=False) as clock:
        person = all_channels_seeker()
        status = message_send(
            kind=MessageKind.APPLICATION_STATUS,
            subject="application:1:viewed",
            channel=NotifyChannel.SMS,
            title="t",
            body="지원서를 열람했습니다.",
            profile=person,
            user=person.user,
        )
        assert status.send_after is None
        clock.move_to(at(21, 0))
        code = message_send(
            kind=MessageKind.CODE,
            subject="verify_phone:1",
            channel=NotifyChannel.SMS,
            title="인증번호",
            body="인증번호 123456",
            profile=person,
            user=person.user,
        )
        assert code.send_after is None  # codes are awaited: never held
        assert deliver_pending() == 1
        assert [m.body for m in locmem.outbox] == ["인증번호 123456"]
        clock.move_to(at(8, 0, day=17))
        assert deliver_pending() == 1


def test_quiet_until_boundaries(quiet_hours):
    from accounts.messaging.quiet import quiet_until

    assert quiet_until(at(20, 59)) is None
    assert quiet_until(at(21, 0)) == at(8, day=17)
    assert quiet_until(at(0, 30, day=17)) == at(8, day=17)
    assert quiet_until(at(7, 59, day=17)) == at(8, day=17)
    assert quiet_until(at(8, 0, day=17)) is None


def test_a_notice_of_a_posting_closed_before_sending_is_suppressed(noon):
    person = all_channels_seeker()
    job = posting()
    match_posting(job.pk)
    job.status = PostingStatus.CLOSED
    job.save()
    assert deliver_batch() == 2
    for row in messages(person).exclude(channel="onsite"):
        assert row.state == MessageState.SUPPRESSED
        assert row.last_error == "공고가 마감되어 보내지 않았습니다."
    assert locmem.outbox == [] and mail.outbox == []


def test_a_posting_past_its_deadline_is_suppressed_too(noon):
    person = all_channels_seeker()
    job = posting(deadline=timezone.localdate())
    match_posting(job.pk)
    noon.move_to(at(0, 1, day=17))  # expired from 00:00 KST, before the expiry task ran
    deliver_batch()
    assert set(messages(person).exclude(channel="onsite").values_list("state", flat=True)) == {"suppressed"}


def test_a_notice_to_a_seeker_who_withdrew_consent_or_turned_notices_off_is_suppressed(noon):
    withdrew = all_channels_seeker()
    turned_off = seeker(notify_channels=["email"])
    job = posting()
    match_posting(job.pk)
    consent_withdraw(person=withdrew, purpose=ConsentPurpose.NOTIFICATIONS)
    turned_off.notify_frequency = NotifyFrequency.OFF
    turned_off.save()
    deliver_batch()
    pending_or_sent = OutboundMessage.objects.exclude(channel="onsite").exclude(state=MessageState.SUPPRESSED)
    assert not pending_or_sent.exists()
    assert mail.outbox == [] and locmem.outbox == []


def test_an_application_notice_is_not_held_back_by_the_notifications_consent(noon):
    """The consent concerns match alerts and digests only."""
    from accounts.messaging import notify_person

    person = seeker(notify_channels=["email"], consents=())
    notify_person(
        kind=MessageKind.APPLICATION_STATUS,
        subject="application:9:viewed",
        title="열람",
        body="지원서를 열람했습니다.",
        profile=person,
    )
    deliver_batch()
    assert len(mail.outbox) == 1


def test_withdrawing_the_sensitive_consent_removes_declared_group_reasons(noon):
    from accounts.services import consent_withdraw as withdraw
    from jobs.matching.rules import POINTS

    person = seeker(
        consents=(ConsentPurpose.NOTIFICATIONS, ConsentPurpose.SENSITIVE), declared_groups=["disabled"], birth_year=1960
    )
    job = posting(priority_groups=["disabled", "older"])
    only_declared = posting(priority_groups=["disabled"])
    match_posting(job.pk)
    match_posting(only_declared.pk)
    both = Match.objects.get(posting=job)
    declared = Match.objects.get(posting=only_declared)
    assert {"group:disabled", "group:older"} <= set(both.reasons)
    before_declared = declared.score
    withdraw(person=person, purpose=ConsentPurpose.SENSITIVE)
    both.refresh_from_db()
    declared.refresh_from_db()
    assert "group:disabled" not in both.reasons and "group:older" in both.reasons
    assert "group:disabled" not in declared.reasons
    assert declared.score == before_declared - POINTS["group"]


def test_message_texts_never_name_a_declared_group(noon):
    person = seeker(
        consents=(ConsentPurpose.NOTIFICATIONS, ConsentPurpose.SENSITIVE),
        declared_groups=["disabled"],
        notify_channels=["email"],
    )
    match_posting(posting(priority_groups=["disabled"]).pk)
    email = messages(person, channel="email").get()
    assert "우대 대상에 해당" in email.body
    assert "장애" not in email.body + email.html_body + email.title


def test_erasure_deletes_the_matches(noon):
    from accounts.services import person_erase

    person = seeker()
    match_posting(posting().pk)
    person_erase(profile=person, reason="request")
    assert not Match.objects.filter(profile=person).exists()


def test_employer_members_without_a_profile_are_not_matched(noon):
    UserFactory()
    job = posting()
    assert match_posting(job.pk).matches == 0
