"""Adding a member names only the address typed and tells the added person by email; a member
may leave an employer (review finding C). Authorization stays as it was."""

import smtplib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from employers import services
from employers.models import EmployerMember
from tests.factories import EmployerFactory, EmployerMemberFactory, UserFactory

from .conftest import make_brn

pytestmark = pytest.mark.django_db


def members_url(employer) -> str:
    return f"/employers/{employer.pk}/members/"


def test_adding_a_member_names_the_address_not_the_person_and_emails_them(client, owner, pending_employer):
    Employer = type(pending_employer)
    Employer.objects.filter(pk=pending_employer.pk).update(name="(주)남동정밀")
    owner.name, owner.email = "박대표", "boss@example.kr"
    owner.save()
    colleague = UserFactory(email="soonja@example.kr", name="김순자")
    client.force_login(owner)
    response = client.post(members_url(pending_employer), {"email": "Soonja@Example.kr", "role": "member"}, follow=True)
    html = response.content.decode()
    assert EmployerMember.objects.filter(employer=pending_employer, user=colleague, role="member").exists()
    assert "Soonja@Example.kr 주소의 회원을 담당자로 추가했습니다." in html  # as typed
    messages = [str(m) for m in response.context["messages"]]
    assert not any("김순자" in m for m in messages)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["soonja@example.kr"]
    assert message.subject == "[남동구 일자리인력은행] (주)남동정밀 기업의 담당자로 추가되었습니다"
    assert "박대표(boss@example.kr) 님이" in message.body and "(주)남동정밀 기업의 담당자로" in message.body
    assert "남동구 일자리인력은행(032-453-5000)에 알려 주세요" in message.body
    assert f"http://testserver/employers/{pending_employer.pk}/members/" in message.body
    assert "이 기업에서 나가기" in message.body


def test_an_owner_added_as_owner_is_told_the_role(client, owner, pending_employer):
    UserFactory(email="second@example.kr")
    client.force_login(owner)
    client.post(members_url(pending_employer), {"email": "second@example.kr", "role": "owner"})
    assert "대표 담당자로" in mail.outbox[0].body


def test_a_mail_failure_keeps_the_member_and_says_so(client, owner, pending_employer, monkeypatch):
    colleague = UserFactory(email="colleague@example.kr")

    def broken(*args, **kwargs):
        raise smtplib.SMTPException("down")

    monkeypatch.setattr("employers.services.members.send_mail", broken)
    client.force_login(owner)
    response = client.post(members_url(pending_employer), {"email": colleague.email, "role": "member"}, follow=True)
    assert EmployerMember.objects.filter(employer=pending_employer, user=colleague).exists()
    assert "안내 메일을 보내지 못했습니다" in response.content.decode()


def test_an_unknown_address_gets_no_email_and_a_link_to_the_sign_up_page(client, owner, pending_employer):
    client.force_login(owner)
    response = client.post(members_url(pending_employer), {"email": "nobody@example.kr", "role": "member"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "먼저 구인기업 회원으로 가입하고" in html
    assert '<a href="/employers/signup/">구인기업 회원 가입</a> 페이지에서 먼저 가입하고' in html
    assert mail.outbox == [] and pending_employer.memberships.count() == 1


def test_a_plain_member_cannot_add_members(client, pending_employer):
    plain = EmployerMemberFactory(employer=pending_employer, role=EmployerMember.Role.MEMBER).user
    newcomer = UserFactory()
    client.force_login(plain)
    response = client.post(members_url(pending_employer), {"email": newcomer.email, "role": "owner"})
    assert response.status_code == 403
    assert not EmployerMember.objects.filter(user=newcomer).exists() and mail.outbox == []


def test_another_employers_member_gets_404_on_member_pages(client, owner, pending_employer):
    other = EmployerFactory(brn=make_brn())
    other_owner = EmployerMemberFactory(employer=other, role=EmployerMember.Role.OWNER)
    client.force_login(owner)
    assert client.get(members_url(other)).status_code == 404
    assert client.post(members_url(other), {"email": owner.email, "role": "owner"}).status_code == 404
    assert client.post(f"/employers/{other.pk}/leave/").status_code == 404
    assert client.post(f"/employers/{other.pk}/members/{other_owner.pk}/remove/").status_code == 404
    assert not EmployerMember.objects.filter(employer=other, user=owner).exists()
    assert EmployerMember.objects.filter(pk=other_owner.pk).exists()


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
