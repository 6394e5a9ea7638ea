"""Fixes from the review of issue 6: how to stop in each SMS, the channel re-check at send
time, the daily SMS cap by the day messages go out, walk-in digests, repeated reason texts,
demo matching without notices, and the deploy checks."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.checks import run_checks
from django.utils import timezone

from accounts.choices import MessageKind, MessageState, NotifyChannel, NotifyFrequency
from accounts.messaging.delivery import deliver_batch, deliver_pending, message_retry
from accounts.messaging.sms import locmem
from accounts.models import OutboundMessage
from jobs.matching import explain, match_posting
from jobs.matching.digest import digest_send
from jobs.models import JobPosting, Match

from .helpers import NONHYEON_GOJAN, dong, posting, seeker

pytestmark = pytest.mark.django_db

KST = ZoneInfo("Asia/Seoul")
PHONE = "+821077003456"


def at(hour, minute=0, day=16):
    return datetime.datetime(2026, 6, day, hour, minute, tzinfo=KST)


def sms_seeker(**fields):
    fields.setdefault("notify_channels", ["sms"])
    fields.setdefault("user__phone", PHONE)
    fields.setdefault("user__phone_verified_at", timezone.now())
    return seeker(**fields)


@pytest.mark.parametrize("inbound_key", ["", "gateway-secret"])
def test_each_match_sms_says_how_to_stop(settings, inbound_key):
    settings.SMS_INBOUND_KEY = inbound_key
    person = sms_seeker()
    match_posting(posting().pk)
    deliver_batch()
    (sms,) = locmem.outbox
    if inbound_key:
        assert sms.body.endswith("알림 그만 받기: '중지' 회신")
    else:
        assert "알림 그만 받기: http" in sms.body and "/accounts/notifications/stop/" in sms.body
    assert OutboundMessage.objects.get(profile=person, channel="sms").body in sms.body


def test_a_channel_taken_off_while_the_message_waited_is_not_used():
    person = seeker(notify_channels=["email", "sms"], user__phone=PHONE, user__phone_verified_at=timezone.now())
    match_posting(posting().pk)
    person.notify_channels = ["email"]
    person.save()
    deliver_batch()
    assert OutboundMessage.objects.get(profile=person, channel="sms").state == MessageState.SUPPRESSED
    assert OutboundMessage.objects.get(profile=person, channel="email").state == MessageState.SENT


def test_the_daily_cap_counts_sms_by_the_morning_they_go_out(settings):
    settings.NJ_SMS_QUIET_HOURS = (datetime.time(21, 0), datetime.time(8, 0))
    with time_machine.travel(at(22, 0), tick=False) as clock:
        person = sms_seeker()
        for _ in range(3):  # made at night, all go out tomorrow at 08:00
            match_posting(posting().pk)
        assert OutboundMessage.objects.filter(profile=person, channel="sms").count() == 3
        clock.move_to(at(12, 0, day=17))
        late = posting()
        match_posting(late.pk)  # tomorrow already has three
        assert not OutboundMessage.objects.filter(profile=person, channel="sms", subject=f"posting:{late.pk}").exists()
        assert Match.objects.get(posting=late).digest == "sms"
    with time_machine.travel(at(12, 0), tick=False):
        other = sms_seeker(user__phone="+821077009876", user__email="daytime@example.kr")
        match_posting(posting().pk)  # the same afternoon, before the night: its own day
        assert OutboundMessage.objects.filter(profile=other, channel="sms").count() == 1


def test_a_walk_in_digest_links_to_a_search_of_their_conditions_not_to_my_page():
    walk_in = seeker(
        user=None,
        registered_centre=dong(NONHYEON_GOJAN).centre,
        phone="+821077001111",
        notify_channels=["sms"],
        notify_frequency=NotifyFrequency.DAILY,
    )
    job = posting()
    match_posting(job.pk)
    digest_send([walk_in.pk])
    (sms,) = OutboundMessage.objects.filter(profile=walk_in, kind=MessageKind.DIGEST)
    assert "/jobs/?occupation=890" in sms.body and "/my/" not in sms.body
    assert job.title in sms.body


def test_two_declared_groups_read_once_in_messages():
    from accounts.choices import ConsentPurpose

    person = seeker(
        consents=(ConsentPurpose.NOTIFICATIONS, ConsentPurpose.SENSITIVE),
        declared_groups=["disabled", "career_break"],
    )
    match_posting(posting(priority_groups=["disabled", "career_break"]).pk)
    email = OutboundMessage.objects.get(profile=person, channel="email")
    assert email.body.count("우대 대상에 해당") == 1
    assert explain(["group:disabled", "group:career_break"], discreet=True) == "우대 대상에 해당"


def test_demo_style_matching_records_matches_without_notices():
    person = seeker()
    job = posting()
    run = match_posting(job.pk, notify=False)
    assert (run.matches, run.messages) == (1, 0)
    assert Match.objects.get(posting=job, profile=person).notified_at is not None
    assert not OutboundMessage.objects.exists()


def test_a_message_to_an_erased_recipient_is_not_retried():
    from namdong_jobs.reference.models import CommunityCentre
    from tests.factories import StaffMembershipFactory

    person = sms_seeker()
    match_posting(posting().pk)
    message = OutboundMessage.objects.get(profile=person, channel="sms")
    OutboundMessage.objects.filter(pk=message.pk).update(state=MessageState.FAILED, address="")
    district = StaffMembershipFactory(centre=CommunityCentre.objects.get(kind=CommunityCentre.Kind.DISTRICT)).user
    assert message_retry(message=message, by=district) is False
    assert deliver_pending() == 0


def test_deploy_checks_warn_about_development_messaging(settings):
    settings.NJ_SITE_URL = "http://127.0.0.1:8000"
    settings.SMS_BACKEND = "accounts.messaging.sms.console.SmsBackend"
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    settings.SMS_INBOUND_KEY = ""
    ids = {m.id for m in run_checks(include_deployment_checks=True)}
    assert {"accounts.W001", "accounts.W002", "accounts.W003", "accounts.W004"} <= ids
    settings.NJ_SITE_URL = "https://jobs.namdong.go.kr"
    settings.SMS_BACKEND = "accounts.messaging.sms.http.SmsBackend"
    settings.SMS_GATEWAY_URL, settings.SMS_GATEWAY_KEY = "", ""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.SMS_INBOUND_KEY = "k"
    ids = {m.id for m in run_checks(include_deployment_checks=True)}
    assert "accounts.E001" in ids and not {"accounts.W001", "accounts.W002", "accounts.W003", "accounts.W004"} & ids
    assert NotifyChannel.SMS  # the channel enum stays importable for the checks


# ---- second review ----------------------------------------------------------------------


def test_an_edit_drops_matches_that_no_longer_fit_and_rescores_the_rest():
    from jobs.choices import WageType
    from jobs.matching.checks import NO_LONGER_FITS

    wants_more = sms_seeker(wanted_min_hourly_krw=11_000)
    daily = seeker(wanted_min_hourly_krw=11_000, notify_frequency=NotifyFrequency.DAILY)
    stays = seeker(user__email="stays@example.kr")
    job = posting(wage_type=WageType.MONTH, wage_min=2_500_000, wage_max=None)  # 11,961 KRW/h
    match_posting(job.pk)
    scores = dict(Match.objects.filter(posting=job).values_list("profile_id", "score"))
    assert set(scores) == {wants_more.pk, daily.pk, stays.pk}

    job.wage_min = 2_200_000  # 10,526 KRW/h: below the two minimums
    job.matched_at = None  # as schedule_match does when the edit goes live
    job.save()
    match_posting(job.pk)
    assert set(Match.objects.filter(posting=job).values_list("profile_id", flat=True)) == {stays.pk}
    assert Match.objects.get(posting=job, profile=stays).score == scores[stays.pk]  # re-scored the same

    deliver_batch()  # the SMS made before the edit is not sent
    sms = OutboundMessage.objects.get(profile=wants_more, channel="sms")
    assert sms.state == MessageState.SUPPRESSED and sms.last_error == NO_LONGER_FITS
    assert digest_send([daily.pk]) == 0  # nor is the digest entry


def test_rescoring_gives_the_scores_of_the_first_run():
    """score_of_sql (re-scoring after an edit) and FitSql.score (first run) agree."""
    from accounts.choices import ConsentPurpose
    from namdong_jobs.reference.codes import Licence

    people = [
        seeker(
            home_dong=dong(NONHYEON_GOJAN), wanted_min_hourly_krw=10_320, birth_year=1960, licences=[Licence.FORKLIFT]
        ),
        seeker(birth_year=2001),
        seeker(
            consents=(ConsentPurpose.NOTIFICATIONS, ConsentPurpose.SENSITIVE),
            declared_groups=["disabled", "career_break"],
        ),
    ]
    job = posting(priority_groups=["older", "disabled", "career_break"], description="지게차 면허 우대")
    match_posting(job.pk)
    first = dict(Match.objects.filter(posting=job).values_list("profile_id", "score"))
    assert len(first) == len(people) and max(first.values()) == 100
    Match.objects.filter(posting=job).update(score=0)
    JobPosting.objects.filter(pk=job.pk).update(matched_at=None)  # as an edit going live does
    match_posting(job.pk)
    assert dict(Match.objects.filter(posting=job).values_list("profile_id", "score")) == first


def test_suppressed_sms_do_not_count_toward_the_daily_cap():
    from jobs.choices import PostingStatus

    person = sms_seeker()
    closed = [posting() for _ in range(3)]
    for job in closed:
        match_posting(job.pk)
    for job in closed:
        job.status = PostingStatus.CLOSED
        job.save()
    deliver_batch()
    assert set(OutboundMessage.objects.filter(profile=person, channel="sms").values_list("state", flat=True)) == {
        MessageState.SUPPRESSED
    }
    fourth = posting()
    match_posting(fourth.pk)
    assert OutboundMessage.objects.filter(profile=person, channel="sms", subject=f"posting:{fourth.pk}").exists()


def test_the_staff_summary_counts_seekers_and_hides_small_declared_counts():
    from accounts.choices import ConsentPurpose
    from jobs.matching.summary import match_summary

    seeker(
        consents=(ConsentPurpose.NOTIFICATIONS, ConsentPurpose.SENSITIVE),
        declared_groups=["disabled", "career_break"],
    )
    job = posting(priority_groups=["disabled", "career_break"])
    match_posting(job.pk)
    job.refresh_from_db()
    reasons = dict(match_summary(job).reasons)
    assert reasons["우대 대상 (본인 신고)"] == "3명 미만"
    assert reasons["희망 직종 일치"] == 1
