"""Members join an employer only by accepting an owner's invitation sent to their address
(review: adding an account at once let any owner take in a stranger and learn their name from
the address, and the error for an unknown address told which addresses are registered); a
member may leave an employer."""

import datetime
import re
import smtplib

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from employers import services
from employers.models import Employer, EmployerInvitation, EmployerMember
from tests.factories import EmployerFactory, EmployerMemberFactory, UserFactory

from .conftest import make_brn

pytestmark = pytest.mark.django_db

SENT = "초대 메일을 보냈습니다. 받는 분이 메일의 링크로 수락하면 담당자가 됩니다."


def members_url(employer) -> str:
    return f"/employers/{employer.pk}/members/"


def invite(client, employer, email: str, role: str = "member"):
    return client.post(members_url(employer), {"email": email, "role": role}, follow=True)


def link_path(message) -> str:
    """The invitation link's path from an invitation email."""
    match = re.search(r"http://testserver(/employers/invitations/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def seeker():
    """A job seeker's verified account, unrelated to any employer."""
    return UserFactory(email="seeker2@example.kr", name="이정훈")


def test_known_and_unknown_addresses_get_the_same_answer_and_one_email_each(client, owner, pending_employer, seeker):
    client.force_login(owner)
    answers = []
    for email in ("seeker2@example.kr", "nobody@example.kr"):
        mail.outbox.clear()
        response = invite(client, pending_employer, email)
        assert response.redirect_chain == [(members_url(pending_employer), 302)]
        assert len(mail.outbox) == 1 and mail.outbox[0].to == [email]
        answers.append(messages_of(response))
        html = response.content.decode()
        assert "이정훈" not in html
    assert answers[0] == answers[1] == [SENT]
    # nobody became a member: no manage pages for the invitee
    assert pending_employer.memberships.count() == 1
    assert not Employer.objects.with_member(seeker).exists()
    client.force_login(seeker)
    assert client.get("/manage/").status_code == 403
    assert client.get(f"/employers/{pending_employer.pk}/").status_code == 404


def test_an_existing_member_gets_the_same_neutral_answer(client, owner, pending_employer):
    client.force_login(owner)
    response = invite(client, pending_employer, owner.email)
    assert messages_of(response) == [SENT] and len(mail.outbox) == 1
    assert pending_employer.memberships.count() == 1


def test_the_invitation_email_names_employer_inviter_link_and_sign_up_page(client, owner, pending_employer):
    Employer.objects.filter(pk=pending_employer.pk).update(name="(주)남동정밀")
    owner.name, owner.email = "박대표", "boss@example.kr"
    owner.save()
    client.force_login(owner)
    invite(client, pending_employer, "New@Example.kr", role="owner")
    message = mail.outbox[0]
    assert message.to == ["new@example.kr"]
    assert message.subject == "[남동구 일자리인력은행] (주)남동정밀 기업의 담당자로 초대되었습니다"
    assert "박대표(boss@example.kr) 님이" in message.body and "(주)남동정밀 기업의 대표 담당자로" in message.body
    path = link_path(message)
    assert "http://testserver/employers/signup/?next=" in message.body and "구인기업 회원 가입" in message.body
    assert "이 주소(new@example.kr)로 가입하고" in message.body
    assert "7일" in message.body
    assert services.invitation_from_token(path.split("/")[-2]) == EmployerInvitation.objects.get()


def test_the_members_page_shows_open_invitations_by_email_only(client, owner, pending_employer, seeker):
    client.force_login(owner)
    invite(client, pending_employer, seeker.email)
    html = client.get(members_url(pending_employer)).content.decode()
    assert "seeker2@example.kr" in html and "이정훈" not in html
    invitation = EmployerInvitation.objects.get()
    assert f"/employers/{pending_employer.pk}/invitations/{invitation.pk}/cancel/" in html
    # a plain member sees neither the invitations nor the form
    plain = EmployerMemberFactory(employer=pending_employer, role=EmployerMember.Role.MEMBER).user
    client.force_login(plain)
    html = client.get(members_url(pending_employer)).content.decode()
    assert "seeker2@example.kr" not in html and "초대 메일 보내기" not in html


def test_accepting_makes_a_member_once(client, owner, pending_employer, seeker):
    client.force_login(owner)
    invite(client, pending_employer, "SEEKER2@example.kr", role="member")
    path = link_path(mail.outbox[0])

    client.force_login(seeker)
    page = client.get(path)
    assert page.status_code == 200
    html = page.content.decode()
    assert pending_employer.name in html and "초대 수락" in html
    assert not Employer.objects.with_member(seeker).exists()  # a GET accepts nothing

    response = client.post(path, follow=True)
    assert response.redirect_chain == [(f"/employers/{pending_employer.pk}/", 302)]
    member = EmployerMember.objects.get(employer=pending_employer, user=seeker)
    assert member.role == EmployerMember.Role.MEMBER
    assert list(Employer.objects.with_member(seeker)) == [pending_employer]
    invitation = EmployerInvitation.objects.get()
    assert invitation.accepted_by == seeker and invitation.accepted_at is not None

    # the link works once
    again = client.post(path)
    assert again.status_code == 400 and "이미 사용한 초대 링크입니다" in again.content.decode()
    assert client.get(path).status_code == 400
    assert EmployerMember.objects.filter(employer=pending_employer, user=seeker).count() == 1

    # now accepted, the name shows to the employer's members
    client.force_login(owner)
    assert "이정훈" in client.get(members_url(pending_employer)).content.decode()


def test_accepting_with_another_account_is_refused_with_the_masked_address(client, owner, pending_employer):
    client.force_login(owner)
    invite(client, pending_employer, "minsu@example.kr")
    path = link_path(mail.outbox[0])
    stranger = UserFactory(email="stranger@example.kr")
    client.force_login(stranger)
    for response in (client.get(path), client.post(path)):
        html = response.content.decode()
        assert response.status_code == 400
        assert "초대받은 주소(m***@example.kr)로 로그인해 주세요" in html
        assert "minsu@example.kr" not in html
    assert not Employer.objects.with_member(stranger).exists()
    assert EmployerInvitation.objects.get().is_open


def test_an_unverified_account_of_the_address_cannot_accept(owner, pending_employer):
    unverified = UserFactory(email="late@example.kr", email_verified_at=None)
    invitation = services.member_invite(
        employer=pending_employer, by=owner, email="late@example.kr", base_url="http://testserver/"
    )
    token = services.members.invitation_token(invitation)
    with pytest.raises(ValidationError) as exc:
        services.invitation_accept(token=token, user=unverified)
    assert exc.value.code == "wrong_account"
    assert not Employer.objects.with_member(unverified).exists()


def test_anonymous_visitors_go_to_the_login_page_and_come_back(client, owner, pending_employer):
    client.force_login(owner)
    invite(client, pending_employer, "someone@example.kr")
    path = link_path(mail.outbox[0])
    client.logout()
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
    assert client.post(path).status_code == 302
    assert EmployerInvitation.objects.get().is_open


def test_an_expired_link_is_refused(client, owner, pending_employer, seeker):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        invitation = services.member_invite(
            employer=pending_employer, by=owner, email=seeker.email, base_url="http://testserver/"
        )
        token = services.members.invitation_token(invitation)
    client.force_login(seeker)
    with time_machine.travel(start + datetime.timedelta(days=7, minutes=1), tick=False):
        response = client.post(f"/employers/invitations/{token}/")
        assert response.status_code == 400 and "유효기간(7일)이 지났습니다" in response.content.decode()
        with pytest.raises(ValidationError):
            services.invitation_accept(token=token, user=seeker)
    with time_machine.travel(start + datetime.timedelta(days=6), tick=False):
        services.invitation_accept(token=token, user=seeker)
    assert Employer.objects.with_member(seeker).exists()


@pytest.mark.parametrize("token", ["garbage", "1:abc:def", "99999:1tQjkl:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"])
def test_a_tampered_link_gets_a_korean_400_page(client, seeker, token):
    client.force_login(seeker)
    for response in (client.get(f"/employers/invitations/{token}/"), client.post(f"/employers/invitations/{token}/")):
        assert response.status_code == 400 and "초대 링크가 올바르지 않습니다" in response.content.decode()


def test_a_cancelled_invitation_cannot_be_accepted(client, owner, pending_employer, seeker):
    client.force_login(owner)
    invite(client, pending_employer, seeker.email)
    path = link_path(mail.outbox[0])
    invitation = EmployerInvitation.objects.get()
    response = client.post(f"/employers/{pending_employer.pk}/invitations/{invitation.pk}/cancel/", follow=True)
    assert response.redirect_chain == [(members_url(pending_employer), 302)]
    invitation.refresh_from_db()
    assert invitation.cancelled_at is not None
    client.force_login(seeker)
    response = client.post(path)
    assert response.status_code == 400 and "취소한 초대입니다" in response.content.decode()
    assert not Employer.objects.with_member(seeker).exists()
    # a new invitation of the same address may follow
    services.member_invite(employer=pending_employer, by=owner, email=seeker.email, base_url="http://testserver/")
    assert EmployerInvitation.objects.open().count() == 1


def test_a_mail_failure_is_told_the_same_way_whatever_the_address(client, owner, pending_employer, seeker, monkeypatch):
    def broken(*args, **kwargs):
        raise smtplib.SMTPException("down")

    monkeypatch.setattr("employers.services.members.send_mail", broken)
    client.force_login(owner)
    answers = [messages_of(invite(client, pending_employer, email)) for email in (seeker.email, "nobody@example.kr")]
    assert answers[0] == answers[1] and "초대 메일을 보내지 못했습니다" in answers[0][0]
    assert pending_employer.memberships.count() == 1


def test_a_plain_member_cannot_invite(client, pending_employer):
    plain = EmployerMemberFactory(employer=pending_employer, role=EmployerMember.Role.MEMBER).user
    newcomer = UserFactory()
    client.force_login(plain)
    response = client.post(members_url(pending_employer), {"email": newcomer.email, "role": "owner"})
    assert response.status_code == 403
    assert not EmployerInvitation.objects.exists() and mail.outbox == []
    with pytest.raises(PermissionDenied):
        services.member_invite(employer=pending_employer, by=plain, email="x@example.kr", base_url="http://t/")


def test_a_plain_member_cannot_cancel_invitations(client, owner, pending_employer):
    invitation = services.member_invite(
        employer=pending_employer, by=owner, email="x@example.kr", base_url="http://testserver/"
    )
    plain = EmployerMemberFactory(employer=pending_employer, role=EmployerMember.Role.MEMBER).user
    client.force_login(plain)
    assert client.post(f"/employers/{pending_employer.pk}/invitations/{invitation.pk}/cancel/").status_code == 403
    with pytest.raises(PermissionDenied):
        services.invitation_cancel(invitation=invitation, by=plain)
    invitation.refresh_from_db()
    assert invitation.is_open


def test_another_employers_owner_gets_404_and_cannot_cancel_its_invitations(client, owner, pending_employer):
    other = EmployerFactory(brn=make_brn())
    other_owner = EmployerMemberFactory(employer=other, role=EmployerMember.Role.OWNER)
    invitation = services.member_invite(
        employer=other, by=other_owner.user, email="theirs@example.kr", base_url="http://testserver/"
    )
    mail.outbox.clear()
    client.force_login(owner)
    assert client.get(members_url(other)).status_code == 404
    assert client.post(members_url(other), {"email": owner.email, "role": "owner"}).status_code == 404
    assert client.post(f"/employers/{other.pk}/invitations/{invitation.pk}/cancel/").status_code == 404
    # nor through one's own employer's URL
    assert client.post(f"/employers/{pending_employer.pk}/invitations/{invitation.pk}/cancel/").status_code == 404
    with pytest.raises(PermissionDenied):
        services.invitation_cancel(invitation=invitation, by=owner)
    assert client.post(f"/employers/{other.pk}/leave/").status_code == 404
    assert client.post(f"/employers/{other.pk}/members/{other_owner.pk}/remove/").status_code == 404
    invitation.refresh_from_db()
    assert invitation.is_open and mail.outbox == []
    assert not EmployerMember.objects.filter(employer=other, user=owner).exists()


def test_an_invited_owner_becomes_an_owner(owner, pending_employer, seeker):
    invitation = services.member_invite(
        employer=pending_employer, by=owner, email=seeker.email, role="owner", base_url="http://testserver/"
    )
    member = services.invitation_accept(token=services.members.invitation_token(invitation), user=seeker)
    assert member.role == EmployerMember.Role.OWNER


def test_accepting_as_an_existing_member_keeps_the_membership(owner, pending_employer):
    plain = EmployerMemberFactory(employer=pending_employer, role=EmployerMember.Role.MEMBER)
    invitation = services.member_invite(
        employer=pending_employer, by=owner, email=plain.user.email, role="owner", base_url="http://testserver/"
    )
    member = services.invitation_accept(token=services.members.invitation_token(invitation), user=plain.user)
    assert member.pk == plain.pk and member.role == EmployerMember.Role.MEMBER
    assert pending_employer.memberships.count() == 2


def test_the_address_is_masked():
    assert services.mask_email("minsu@example.kr") == "m***@example.kr"


# ---- leaving -----------------------------------------------------------------------------


def test_a_plain_member_leaves(client, pending_employer):
    plain = EmployerMemberFactory(employer=pending_employer, role=EmployerMember.Role.MEMBER).user
    client.force_login(plain)
    page = client.get(members_url(pending_employer)).content.decode()
    assert f'action="/employers/{pending_employer.pk}/leave/"' in page and "이 기업에서 나가기" in page
    response = client.post(f"/employers/{pending_employer.pk}/leave/", follow=True)
    assert response.redirect_chain == [("/employers/", 302)]
    assert "에서 나갔습니다." in response.content.decode()
    assert not EmployerMember.objects.filter(employer=pending_employer, user=plain).exists()
    assert client.get(members_url(pending_employer)).status_code == 404


def test_the_last_owner_cannot_leave(client, owner, pending_employer):
    client.force_login(owner)
    page = client.get(members_url(pending_employer)).content.decode()
    assert f'action="/employers/{pending_employer.pk}/leave/"' not in page
    assert "유일한 대표 담당자여서 나갈 수 없습니다" in page
    response = client.post(f"/employers/{pending_employer.pk}/leave/", follow=True)
    assert "마지막 대표 담당자는 기업에서 나갈 수 없습니다" in response.content.decode()
    assert EmployerMember.objects.filter(employer=pending_employer, user=owner).exists()
    with pytest.raises(ValidationError):
        services.member_leave(employer=pending_employer, user=owner)


def test_an_owner_leaves_while_another_owner_remains(owner, pending_employer):
    second = EmployerMemberFactory(employer=pending_employer, role=EmployerMember.Role.OWNER)
    services.member_leave(employer=pending_employer, user=owner)
    assert list(pending_employer.memberships.all()) == [second]
    # now the other one is the last owner
    with pytest.raises(ValidationError):
        services.member_leave(employer=pending_employer, user=second.user)


def test_leaving_an_employer_one_is_not_a_member_of_is_refused(pending_employer):
    with pytest.raises(ValidationError):
        services.member_leave(employer=pending_employer, user=UserFactory())


def test_leave_is_post_only(client, pending_employer):
    plain = EmployerMemberFactory(employer=pending_employer, role=EmployerMember.Role.MEMBER).user
    client.force_login(plain)
    assert client.get(f"/employers/{pending_employer.pk}/leave/").status_code == 405
    assert EmployerMember.objects.filter(employer=pending_employer, user=plain).exists()
