"""``/accounts/notifications/stop/<token>/``: the one-click unsubscribe link of match emails
(RFC 8058). GET asks and changes nothing; POST (also the mail provider's, without a CSRF
cookie) withdraws the notifications consent; bad, altered or old tokens are 400, a gone
profile 404; after stopping, matching and delivery leave the seeker alone."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.choices import ConsentMethod, ConsentPurpose, MessageKind, MessageState, NotifyChannel
from accounts.messaging import message_send
from accounts.messaging.delivery import deliver_batch
from accounts.messaging.unsubscribe import MAX_AGE, unsubscribe_profile_id, unsubscribe_token, unsubscribe_url
from accounts.models import Consent, OutboundMessage, SeekerProfile
from accounts.services import ErasureReason, consent_active, consent_give, person_erase
from accounts.services.notification_stop import notifications_stop
from jobs.matching import match_posting
from jobs.models import Match
from namdong_jobs.reference.models import CommunityCentre
from tests.factories import JobPostingFactory, StaffMembershipFactory
from tests.jobs.matching.helpers import seeker

pytestmark = pytest.mark.django_db

ONE_CLICK = {"List-Unsubscribe": "One-Click"}


def stop_path(profile) -> str:
    return urlsplit(unsubscribe_url(profile.pk)).path


def notifications_rows(profile):
    return list(Consent.objects.filter(person=profile, purpose=ConsentPurpose.NOTIFICATIONS).order_by("id"))


@pytest.fixture
def profile():
    return seeker()


@pytest.fixture
def walk_in():
    staff = StaffMembershipFactory().user
    person = SeekerProfile.objects.create(
        user=None,
        registered_centre=CommunityCentre.objects.get(name="구월1동 행정복지센터"),
        name="방문 구직자",
        phone="+821055550000",
        email="walkin@example.kr",
        notify_channels=["email"],
        wanted_occupations=["890"],
    )
    for purpose in (ConsentPurpose.COLLECTION, ConsentPurpose.NOTIFICATIONS):
        consent_give(
            person=person,
            purpose=purpose,
            method=ConsentMethod.PAPER,
            taken_by=staff,
            paper_form_version="2026-1",
            paper_signed_on=timezone.localdate(),
        )
    return person


def test_get_asks_and_changes_nothing(client, profile):
    before = notifications_rows(profile)
    path = stop_path(profile)
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ko">' in html and '<meta name="robots" content="noindex, nofollow">' in html
    assert "<h1" in html and "일자리 알림 그만 받기" in html
    assert "지원한 공고의 진행 상황" in html  # what keeps coming
    assert f'<form method="post" action="{path}"' in html
    assert "알림 그만 받기</button>" in html
    assert profile.name not in html and profile.user.email not in html  # nothing personal
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    client.head(path)
    assert notifications_rows(profile) == before
    assert all(row.withdrawn_at is None for row in before) and len(before) == 1


def test_post_withdraws_the_consent_and_says_how_to_turn_it_back_on(client, profile):
    response = client.post(stop_path(profile))
    assert response.status_code == 200
    html = response.content.decode()
    assert "앞으로 일자리 알림을 보내지 않습니다." in html
    assert 'href="/accounts/consents/"' in html and "행정복지센터" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    rows = notifications_rows(profile)
    assert len(rows) == 1 and rows[0].withdrawn_at is not None
    # the other consents stay
    assert consent_active(person=profile, purpose=ConsentPurpose.COLLECTION) is not None


def test_rfc8058_one_click_post_without_csrf_cookie_works(profile):
    provider = Client(enforce_csrf_checks=True)
    response = provider.post(stop_path(profile), ONE_CLICK)
    assert response.status_code == 200
    assert consent_active(person=profile, purpose=ConsentPurpose.NOTIFICATIONS) is None


def test_a_second_post_is_harmless(client, profile):
    client.post(stop_path(profile))
    response = client.post(stop_path(profile), ONE_CLICK)
    assert response.status_code == 200
    assert "앞으로 일자리 알림을 보내지 않습니다." in response.content.decode()
    assert "이미 그만 받기로 한 상태였습니다." in response.content.decode()
    rows = notifications_rows(profile)
    assert len(rows) == 1 and rows[0].withdrawn_at is not None
    # the page then says it is stopped already
    assert "지금은 일자리 알림을 받지 않는 상태입니다" in client.get(stop_path(profile)).content.decode()


def test_walk_in_without_an_account_can_stop(client, walk_in):
    response = client.post(stop_path(walk_in), ONE_CLICK)
    assert response.status_code == 200
    html = response.content.decode()
    assert "앞으로 일자리 알림을 보내지 않습니다." in html
    assert 'href="/accounts/consents/"' not in html  # no account to sign in to: the centre
    assert "행정복지센터" in html
    assert consent_active(person=walk_in, purpose=ConsentPurpose.NOTIFICATIONS) is None


@pytest.mark.parametrize(
    "token",
    ["nonsense", "", "a:b:c", "eyJwIjoxfQ:1vYbJc:" + "x" * 43, "가나다", "%00", "." * 300],
    ids=["nonsense", "blank-ish", "colons", "forged", "hangul", "nul", "long"],
)
def test_bad_tokens_are_400_with_a_korean_page(client, profile, token):
    path = f"/accounts/notifications/stop/{token or '-'}/"
    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code == 400, token
        assert "알림 그만 받기 링크를 쓸 수 없습니다" in response.content.decode()
    assert consent_active(person=profile, purpose=ConsentPurpose.NOTIFICATIONS) is not None


def test_a_tampered_token_is_400_and_stops_nobody(client, profile):
    other = seeker()
    token = unsubscribe_token(profile.pk)
    payload, rest = token.split(":", 1)
    # another profile's id in the payload, the original signature
    forged = unsubscribe_token(other.pk).split(":", 1)[0] + ":" + rest
    changed = token[:-1] + ("A" if token[-1] != "A" else "B")
    for bad in (forged, changed, payload):
        response = client.post(f"/accounts/notifications/stop/{bad}/", ONE_CLICK)
        assert response.status_code == 400, bad
    for person in (profile, other):
        assert consent_active(person=person, purpose=ConsentPurpose.NOTIFICATIONS) is not None


def test_an_expired_token_is_400(client, profile):
    with time_machine.travel(timezone.now() - datetime.timedelta(seconds=MAX_AGE + 3600), tick=False):
        path = stop_path(profile)
    response = client.post(path, ONE_CLICK)
    assert response.status_code == 400
    assert "사용 기간이 지났습니다" in response.content.decode()
    assert consent_active(person=profile, purpose=ConsentPurpose.NOTIFICATIONS) is not None


def test_an_erased_or_unknown_profile_is_404(client, profile):
    path = stop_path(profile)
    person_erase(profile=profile, reason=ErasureReason.REQUEST)
    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code == 404
        html = response.content.decode()
        assert "알림 그만 받기 링크를 쓸 수 없습니다" in html and "앞으로 일자리 알림을" not in html
    unknown = f"/accounts/notifications/stop/{unsubscribe_token(profile.pk + 10_000)}/"
    assert client.post(unknown, ONE_CLICK).status_code == 404
    assert notifications_stop(SeekerProfile.objects.get(pk=profile.pk)) is False


def test_other_methods_are_405(client, profile):
    assert client.put(stop_path(profile)).status_code == 405
    assert client.delete("/accounts/notifications/stop/nonsense/").status_code == 405
    assert consent_active(person=profile, purpose=ConsentPurpose.NOTIFICATIONS) is not None


def test_after_stopping_matching_leaves_the_seeker_out(client, profile):
    stays = seeker()
    client.post(stop_path(profile), ONE_CLICK)
    job = JobPostingFactory()
    match_posting(job.pk)
    matched = set(Match.objects.filter(posting=job).values_list("profile_id", flat=True))
    assert profile.pk not in matched and stays.pk in matched


def matched_posting(profile):
    """A posting with a match row for ``profile`` (a match message without one is suppressed:
    jobs.matching.checks)."""
    job = JobPostingFactory()
    Match.objects.create(posting=job, profile=profile, score=40, reasons=["occupation"])
    return job


def test_the_match_email_carries_the_one_click_headers_and_its_link_works(profile):
    job = matched_posting(profile)
    message_send(
        kind=MessageKind.MATCH,
        subject=f"posting:{job.pk}",
        channel=NotifyChannel.EMAIL,
        title="맞춤 일자리: 생산직 사원 모집",
        body="희망 직종에 맞는 새 공고가 있습니다.",
        user=profile.user,
        profile=profile,
    )
    assert deliver_batch() == 1
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    headers = email.extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = re.fullmatch(r"<(.+)>", headers["List-Unsubscribe"]).group(1)
    site = re.escape(settings.NJ_SITE_URL.rstrip("/"))
    token = re.fullmatch(site + r"/accounts/notifications/stop/([^/]+)/", url).group(1)
    assert unsubscribe_profile_id(token) == profile.pk
    assert url in email.body
    raw = email.message()
    assert raw["List-Unsubscribe"] == f"<{url}>" and raw["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # what the mail provider does: POST the body of RFC 8058 without any cookie
    provider = Client(enforce_csrf_checks=True)
    assert provider.post(urlsplit(url).path, ONE_CLICK).status_code == 200
    assert consent_active(person=profile, purpose=ConsentPurpose.NOTIFICATIONS) is None

    # the next match email of this seeker is not sent
    later = matched_posting(profile)
    message = message_send(
        kind=MessageKind.MATCH,
        subject=f"posting:{later.pk}",
        channel=NotifyChannel.EMAIL,
        title="맞춤 일자리",
        body="새 공고",
        user=profile.user,
        profile=profile,
    )
    deliver_batch()
    assert len(mail.outbox) == 1
    assert OutboundMessage.objects.get(pk=message.pk).state == MessageState.SUPPRESSED


def test_status_notices_are_not_headed_with_unsubscribe(profile):
    message_send(
        kind=MessageKind.APPLICATION_STATUS,
        subject="application:1:viewed",
        channel=NotifyChannel.EMAIL,
        title="지원 상태",
        body="확인했습니다.",
        user=profile.user,
        profile=profile,
    )
    deliver_batch()
    assert "List-Unsubscribe" not in mail.outbox[0].extra_headers
