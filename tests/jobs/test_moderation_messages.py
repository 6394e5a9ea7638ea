"""``/moderation/messages/``: failed email/SMS messages for district staff, addresses masked,
with a retry button (``accounts.messaging.delivery.message_retry``) and the state counts of
the last 7 days. Other roles get 403 (anonymous visitors the login page), as on the other
moderation pages."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.choices import MessageKind, MessageState, NotifyChannel
from accounts.messaging import message_send
from accounts.messaging.delivery import deliver_batch
from accounts.models import OutboundMessage
from jobs.views.moderation.messages import MESSAGES_PAGE_SIZE, mask_address
from tests.factories import EmployerMemberFactory, SeekerProfileFactory, StaffMembershipFactory, UserFactory
from tests.jobs.test_moderation_postings import make_district_staff

pytestmark = pytest.mark.django_db

PHONE = "+821098765432"
EMAIL = "kim.minsu@example.kr"
LIST = "/moderation/messages/"


def person():
    """The recipient of the failed messages (its email is EMAIL, its number PHONE)."""
    return UserFactory(email=EMAIL, phone=PHONE, phone_verified_at=timezone.now(), email_verified_at=timezone.now())


def failed(*, user, kind=MessageKind.APPLICATION_STATUS, channel=NotifyChannel.SMS, subject="application:1:viewed"):
    """A message to ``user`` that used up its attempts: state failed, 5 attempts, an error
    naming the address as providers do."""
    message = message_send(
        kind=kind,
        subject=subject,
        channel=channel,
        title="지원 상태가 바뀌었습니다",
        body="[남동구 일자리] 지원하신 공고의 담당자가 지원서를 확인했습니다.",
        user=user,
    )
    error = (
        "SMTPRecipientsRefused: {'kim.minsu@example.kr': (550, b'5.1.1 user unknown')}"
        if channel == NotifyChannel.EMAIL
        else "ConnectionError: gateway 503 for 01098765432 (010-9876-5432)"
    )
    OutboundMessage.objects.filter(pk=message.pk).update(
        state=MessageState.FAILED, attempts=5, last_error=error, claimed_at=timezone.now()
    )
    message.refresh_from_db()
    return message


@pytest.fixture
def rows():
    user = person()
    return {
        "sms": failed(user=user),
        "email": failed(user=user, channel=NotifyChannel.EMAIL),
        "code": failed(user=user, kind=MessageKind.CODE, subject="code:1"),
    }


@pytest.fixture
def staff_client(client):
    client.force_login(make_district_staff())
    return client


def retry_url(message) -> str:
    return reverse("moderation:message_retry", args=[message.pk])


# ---- access ---------------------------------------------------------------------------------


def test_urls_and_nav_link(staff_client):
    assert reverse("moderation:messages") == LIST
    html = staff_client.get(reverse("moderation:queue")).content.decode()
    assert f'href="{LIST}"' in html


def test_anonymous_visitors_are_sent_to_login_and_change_nothing(client, rows):
    login = reverse("accounts:login")
    for response in (client.get(LIST), client.post(retry_url(rows["sms"])), client.get(retry_url(rows["sms"]))):
        assert response.status_code == 302 and response.url.startswith(login)
    rows["sms"].refresh_from_db()
    assert rows["sms"].state == MessageState.FAILED


@pytest.mark.parametrize(
    "make_user",
    [
        lambda: SeekerProfileFactory().user,
        lambda: EmployerMemberFactory().user,
        lambda: StaffMembershipFactory().user,  # 구월1동 행정복지센터
        lambda: UserFactory(is_staff=True, is_superuser=True),
    ],
    ids=["seeker", "employer_member", "dong_centre_staff", "django_superuser"],
)
def test_other_roles_get_403_and_change_nothing(client, rows, make_user):
    user = make_user()
    assert not user.is_district_staff
    client.force_login(user)
    assert client.get(LIST).status_code == 403
    assert client.get(retry_url(rows["sms"])).status_code == 403
    assert client.post(retry_url(rows["sms"])).status_code == 403
    rows["sms"].refresh_from_db()
    assert rows["sms"].state == MessageState.FAILED and rows["sms"].attempts == 5


# ---- the list -------------------------------------------------------------------------------


def test_district_staff_see_failed_rows_masked(staff_client, rows):
    sent = message_send(
        kind=MessageKind.NOTICE,
        subject="notice:1",
        channel=NotifyChannel.EMAIL,
        title="안내",
        body="안내",
        user=UserFactory(email="someone.else@example.kr"),
    )
    OutboundMessage.objects.filter(pk=sent.pk).update(state=MessageState.SENT, sent_at=timezone.now())
    response = staff_client.get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    for message in rows.values():
        assert f'id="message-{message.pk}"' in html
    assert f'id="message-{sent.pk}"' not in html  # only failed rows
    # masked addresses, also inside the errors
    assert "010-****-5432" in html and "k***@example.kr" in html
    for full in (PHONE, "01098765432", "010-9876-5432", EMAIL, "kim.minsu"):
        assert full not in html, full
    # labels, attempts, the last error
    assert "지원 상태 변경" in html and "문자(SMS)" in html and "이메일" in html and "인증번호" in html
    assert "5번" in html and "gateway 503" in html and "5.1.1 user unknown" in html
    # a retry button for each but the one-time code
    assert f'action="{retry_url(rows["sms"])}"' in html and f'action="{retry_url(rows["email"])}"' in html
    assert f'action="{retry_url(rows["code"])}"' not in html
    assert 'aria-current="page">발송 실패 메시지' in html


def test_newest_first(staff_client, rows):
    OutboundMessage.objects.filter(pk=rows["sms"].pk).update(created_at=timezone.now() - datetime.timedelta(days=1))
    ids = [row.pk for row in staff_client.get(LIST).context["rows"]]
    assert ids == [rows["code"].pk, rows["email"].pk, rows["sms"].pk]


def test_state_counts_of_the_last_7_days(staff_client, rows):
    old = failed(user=rows["sms"].user, subject="application:2:viewed")
    OutboundMessage.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    pending = failed(user=rows["sms"].user, subject="application:3:viewed")
    OutboundMessage.objects.filter(pk=pending.pk).update(state=MessageState.PENDING)
    counts = {state: n for state, _label, n in staff_client.get(LIST).context["state_counts"]}
    assert counts == {"pending": 1, "sending": 0, "sent": 0, "failed": 3, "suppressed": 0}
    html = staff_client.get(LIST).content.decode()
    assert "최근 7일 발송 현황" in html and "발송 안 함" in html


def test_filters_by_kind_and_channel(staff_client, rows):
    def shown(query):
        response = staff_client.get(LIST + query)
        assert response.status_code == 200, query
        return {row.pk for row in response.context["rows"]}

    assert shown("?channel=email") == {rows["email"].pk}
    assert shown("?kind=code") == {rows["code"].pk}
    assert shown("?kind=application_status&channel=sms") == {rows["sms"].pk}
    assert shown("?kind=match") == set()


@pytest.mark.parametrize(
    "query",
    [
        "?kind=nonsense",
        "?channel=onsite",
        "?channel=pigeon&kind=%00",
        "?kind=code&kind=bad",
        "?page=abc",
        "?page=-3",
        "?page=0",
        "?page=99999999999999999999",
        "?page=",
        "?kind=" + "x" * 3000,
    ],
)
def test_bad_filter_values_are_ignored(staff_client, rows, query):
    response = staff_client.get(LIST + query)
    assert response.status_code == 200
    assert len(response.context["rows"]) >= 1


def test_pages_of_50_keep_the_filters(staff_client):
    first = failed(user=person(), channel=NotifyChannel.EMAIL)
    OutboundMessage.objects.bulk_create(
        OutboundMessage(
            kind=MessageKind.NOTICE,
            channel=NotifyChannel.EMAIL,
            subject=f"notice:{n}",
            dedupe_key=f"notice:{n}:u{first.user_id}:email",
            user_id=first.user_id,
            address=EMAIL,
            title="안내",
            body="안내",
            state=MessageState.FAILED,
            attempts=5,
        )
        for n in range(MESSAGES_PAGE_SIZE)
    )
    response = staff_client.get(LIST + "?channel=email")
    assert len(response.context["rows"]) == MESSAGES_PAGE_SIZE
    assert 'href="?channel=email&amp;page=2"' in response.content.decode()
    page2 = staff_client.get(LIST + "?channel=email&page=2")
    assert [row.pk for row in page2.context["rows"]] == [first.pk]


def test_mask_address():
    assert mask_address(PHONE) == "010-****-5432"
    assert mask_address(EMAIL) == "k***@example.kr"
    assert mask_address("") == ""
    assert mask_address("+82") == "***"
    assert EMAIL not in mask_address(EMAIL)


# ---- retry ----------------------------------------------------------------------------------


def test_retry_moves_the_row_to_pending_and_delivery_sends_it(staff_client, rows, sms_outbox):
    response = staff_client.post(retry_url(rows["sms"]), {"back": "channel=sms&kind=bad&page=1"})
    assert response.status_code == 302 and response.url == LIST + "?channel=sms"
    message = OutboundMessage.objects.get(pk=rows["sms"].pk)
    assert message.state == MessageState.PENDING and message.attempts == 0
    html = staff_client.get(response.url).content.decode()
    assert f"메시지 {message.pk}번을 다시 보내도록 했습니다" in html
    assert f'id="message-{message.pk}"' not in html  # no longer failed

    assert deliver_batch() == 1
    assert [(sms.to, sms.idempotency_key) for sms in sms_outbox] == [(PHONE, str(message.pk))]
    message.refresh_from_db()
    assert message.state == MessageState.SENT and message.attempts == 1 and message.last_error == ""


def test_retry_of_a_code_or_a_sent_message_changes_nothing_and_says_so(staff_client, rows, sms_outbox):
    code = rows["code"]
    response = staff_client.post(retry_url(code), follow=True)
    assert response.status_code == 200
    assert "인증번호라 다시 보내지 않습니다" in response.content.decode()
    code.refresh_from_db()
    assert code.state == MessageState.FAILED and code.attempts == 5

    sent = rows["email"]
    OutboundMessage.objects.filter(pk=sent.pk).update(state=MessageState.SENT, sent_at=timezone.now())
    response = staff_client.post(retry_url(sent), follow=True)
    assert "다시 보낼 수 없습니다" in response.content.decode()
    sent.refresh_from_db()
    assert sent.state == MessageState.SENT and sent.attempts == 5
    assert deliver_batch() == 0 and sms_outbox == []


def test_retry_by_get_is_405_and_unknown_is_404(staff_client, rows):
    response = staff_client.get(retry_url(rows["sms"]))
    assert response.status_code == 405
    assert "이 주소는 화면의 버튼을 눌러서 쓰는 기능입니다." in response.content.decode()
    rows["sms"].refresh_from_db()
    assert rows["sms"].state == MessageState.FAILED
    assert staff_client.post("/moderation/messages/999999/retry/").status_code == 404


def test_retry_back_cannot_redirect_elsewhere(staff_client, rows):
    response = staff_client.post(retry_url(rows["sms"]), {"back": "https://evil.example/?kind=code"})
    assert response.status_code == 302 and response.url == LIST
