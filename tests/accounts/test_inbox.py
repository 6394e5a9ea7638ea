"""The on-site inbox (/accounts/inbox/) and the unread count in the header."""

import pytest
from django.utils import timezone

from accounts.choices import MessageKind, NotifyChannel
from accounts.messaging import message_send
from accounts.models import OutboundMessage
from tests.factories import SeekerProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


def onsite(user, n=1, link="", **kwargs):
    return message_send(
        kind=MessageKind.APPLICATION_STATUS,
        subject=f"application:{n}:viewed",
        channel=NotifyChannel.ONSITE,
        title=f"지원 상태 안내 {n}",
        body=f"지원하신 공고 {n}의 담당자가 지원서를 확인했습니다.",
        link=link,
        user=user,
        **kwargs,
    )


@pytest.fixture
def seeker():
    return SeekerProfileFactory().user


@pytest.fixture
def seeker_client(client, seeker):
    client.force_login(seeker)
    return client


@pytest.mark.parametrize("path", ["/accounts/inbox/", "/accounts/inbox/1/", "/accounts/inbox/1/open/"])
def test_anonymous_visitors_are_sent_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")


def test_anonymous_cannot_mark_all_read(client):
    response = client.post("/accounts/inbox/read-all/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_another_users_message_is_404_and_not_listed(seeker_client, seeker):
    other = UserFactory()
    theirs = onsite(other, n=9)
    for path in (f"/accounts/inbox/{theirs.pk}/", f"/accounts/inbox/{theirs.pk}/open/"):
        assert seeker_client.get(path).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert "지원 상태 안내 9" not in seeker_client.get("/accounts/inbox/").content.decode()
    seeker_client.post("/accounts/inbox/read-all/")
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_email_and_sms_rows_are_not_inbox_messages(seeker_client, seeker):
    email = message_send(
        kind=MessageKind.NOTICE, subject="s", channel=NotifyChannel.EMAIL, title="메일", body="b", user=seeker
    )
    assert seeker_client.get(f"/accounts/inbox/{email.pk}/").status_code == 404
    assert seeker_client.get("/accounts/inbox/99999999999999999999/").status_code == 404


def test_header_and_list_show_unread_messages_by_text(seeker_client, seeker):
    onsite(seeker, 1)
    onsite(seeker, 2)
    read = onsite(seeker, 3)
    OutboundMessage.objects.filter(pk=read.pk).update(read_at=timezone.now())
    html = seeker_client.get("/accounts/inbox/").content.decode()
    assert "알림함" in html and "(안 읽음 2건)" in html  # the header
    assert "읽지 않은 알림이 2건 있습니다" in html
    assert html.count(">안 읽음</span>") == 2  # a text label, not only a colour
    assert html.index("지원 상태 안내 3") < html.index("지원 상태 안내 1")  # newest first
    assert "모두 읽음으로 표시" in html


def test_header_shows_no_count_when_all_read(seeker_client, seeker):
    html = seeker_client.get("/jobs/").content.decode()
    assert 'href="/accounts/inbox/"' in html and "안 읽음" not in html


def test_detail_marks_read_and_shows_the_message(seeker_client, seeker):
    message = onsite(seeker, link="/my/applications/5/")
    html = seeker_client.get(f"/accounts/inbox/{message.pk}/").content.decode()
    assert "지원하신 공고 1의 담당자가 지원서를 확인했습니다." in html
    assert 'href="/my/applications/5/"' in html
    message.refresh_from_db()
    first_read = message.read_at
    assert first_read is not None
    seeker_client.get(f"/accounts/inbox/{message.pk}/")
    message.refresh_from_db()
    assert message.read_at == first_read  # the first reading counts
    assert "(안 읽음" not in seeker_client.get("/accounts/inbox/").content.decode()


def test_open_follows_a_local_link_and_marks_read(seeker_client, seeker):
    message = onsite(seeker, link="/my/applications/5/")
    response = seeker_client.get(f"/accounts/inbox/{message.pk}/open/")
    assert response.status_code == 302 and response["Location"] == "/my/applications/5/"
    message.refresh_from_db()
    assert message.read_at is not None


@pytest.mark.parametrize("link", ["", "https://evil.example/x", "//evil.example/x", "/\\evil.example", "javascript:x"])
def test_open_never_leaves_the_site(seeker_client, seeker, link):
    message = onsite(seeker, link=link)
    response = seeker_client.get(f"/accounts/inbox/{message.pk}/open/")
    assert response["Location"] == f"/accounts/inbox/{message.pk}/"
    html = seeker_client.get(response["Location"]).content.decode()
    assert "바로 가기" not in html


def test_mark_all_read(seeker_client, seeker):
    for n in range(3):
        onsite(seeker, n)
    response = seeker_client.post("/accounts/inbox/read-all/", follow=True)
    html = response.content.decode()
    assert "알림 3건을 모두 읽음으로 표시했습니다." in html
    assert not OutboundMessage.objects.inbox(seeker).unread().exists()
    assert "알림을 모두 읽었습니다" in html
    assert (
        "모두 읽음으로 표시했습니다"
        not in seeker_client.post("/accounts/inbox/read-all/", follow=True).content.decode()
    )
    assert seeker_client.get("/accounts/inbox/read-all/").status_code == 405


def test_pagination_twenty_a_page_and_bad_page_numbers(seeker_client, seeker):
    for n in range(25):
        onsite(seeker, n)
    first = seeker_client.get("/accounts/inbox/")
    assert len(first.context["inbox_messages"]) == 20 and "1 / 2 쪽" in first.content.decode()
    second = seeker_client.get("/accounts/inbox/?page=2")
    assert len(second.context["inbox_messages"]) == 5
    for bad in ("abc", "0", "-1", "999", "%00"):
        assert seeker_client.get(f"/accounts/inbox/?page={bad}").status_code == 200


def test_empty_inbox(seeker_client):
    html = seeker_client.get("/accounts/inbox/").content.decode()
    assert "아직 받은 알림이 없습니다." in html and "모두 읽음으로 표시" not in html


def test_employer_members_have_an_inbox_too(client):
    member = UserFactory()
    onsite(member, n=4)
    client.force_login(member)
    html = client.get("/accounts/inbox/").content.decode()
    assert "지원 상태 안내 4" in html and "(안 읽음 1건)" in html
