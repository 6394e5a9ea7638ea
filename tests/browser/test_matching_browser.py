"""Matching in the browser: the seeker sees a match in the inbox and on my page with its
reasons, stops notifications from the email's link, and district staff retry a failed
message. axe-core runs on every page."""

import re

import pytest
from django.core import mail
from django.utils import timezone

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"


def login(page, site, email):
    page.goto(site + "/accounts/login/")
    page.get_by_label("이메일 또는 휴대전화번호").fill(email)
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    page.wait_for_url(re.compile(r"^(?!.*/accounts/login/).*$"))


def test_a_seeker_sees_the_match_and_stops_notifications_from_the_email(site, page, monkeypatch):
    from accounts.choices import ConsentPurpose
    from accounts.messaging.delivery import deliver_batch
    from accounts.models import Consent
    from jobs.matching import match_posting
    from namdong_jobs.reference.models import Dong
    from tests.jobs.matching.helpers import posting, seeker

    person = seeker(
        wanted_occupations=["890"],
        home_dong=Dong.objects.get(name="논현고잔동"),
        wanted_min_hourly_krw=11_000,
        notify_channels=["email"],
        user__email="matching-seeker@example.kr",
    )
    job = posting(title="남동공단 조립 생산직 (주간)", published_at=timezone.now())
    match_posting(job.pk)  # as the worker does after the posting goes live
    deliver_batch()

    login(page, site, "matching-seeker@example.kr")
    page.goto(site + "/my/")
    fits = page.get_by_role("region", name="지금 내 희망 조건에 맞는 공고")
    assert fits.get_by_text("남동공단 조립 생산직 (주간)").is_visible()
    assert fits.get_by_text("희망 직종 일치, 거주 동에서 근무, 희망 임금 이상").is_visible()
    assert_accessible(page)
    page.goto(site + "/accounts/inbox/")
    assert page.get_by_text("맞춤 일자리: 남동공단 조립 생산직 (주간)").first.is_visible()
    assert_accessible(page)

    (email,) = mail.outbox
    link = re.search(r"http://\S+/accounts/notifications/stop/\S+/", email.body).group(0)
    page.goto(site + link[link.index("/accounts/") :])
    assert_accessible(page)
    assert Consent.objects.active().filter(person=person, purpose=ConsentPurpose.NOTIFICATIONS).exists()
    page.get_by_role("button", name="알림 그만 받기").click()
    assert page.get_by_text("앞으로 일자리 알림을 보내지 않습니다.").is_visible()
    assert_accessible(page)
    assert not Consent.objects.active().filter(person=person, purpose=ConsentPurpose.NOTIFICATIONS).exists()


def test_district_staff_retry_a_failed_message(site, page):
    from accounts.choices import MessageKind, MessageState, NotifyChannel
    from accounts.messaging import message_send
    from accounts.models import OutboundMessage
    from namdong_jobs.reference.models import CommunityCentre
    from tests.factories import SeekerProfileFactory, StaffMembershipFactory

    staff = StaffMembershipFactory(
        centre=CommunityCentre.objects.get(kind=CommunityCentre.Kind.DISTRICT), user__email="district@example.kr"
    ).user
    assert staff.is_district_staff
    person = SeekerProfileFactory(user__phone="+821098765432", user__phone_verified_at=timezone.now())
    message = message_send(
        kind=MessageKind.APPLICATION_STATUS,
        subject="application:1:viewed",
        channel=NotifyChannel.SMS,
        title="지원 상태",
        body="지원서를 열람했습니다.",
        user=person.user,
        profile=person,
    )
    OutboundMessage.objects.filter(pk=message.pk).update(
        state=MessageState.FAILED, attempts=5, last_error="SmsGatewayError: 게이트웨이 응답 500"
    )

    login(page, site, "district@example.kr")
    page.goto(site + "/moderation/messages/")
    assert page.get_by_text("SmsGatewayError: 게이트웨이 응답 500").is_visible()
    assert "010-9876-5432" not in page.content()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("다시 보내기")).first.click()
    page.wait_for_load_state()
    assert_accessible(page)
    message.refresh_from_db()
    assert message.state in (MessageState.PENDING, MessageState.SENDING, MessageState.SENT)
