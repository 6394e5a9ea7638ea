"""Staff accounts made by district staff (issue 5 item 1): /desk/staff/ list, new account
with a set-password email (the password reset link), an existing account getting the
membership, centre and role changes, stopping and restoring staff rights; district staff
only."""

import re

import pytest
from django.contrib.auth import authenticate
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.utils import timezone

from accounts.models import StaffMembership, User
from accounts.services.staff_accounts import staff_account_create
from namdong_jobs.reference.models import CommunityCentre
from tests.factories import StaffMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "centre-staff-password-77"


def create(client, **overrides):
    data = {"name": "최상담", "email": "Choi@Namdong.example.kr", "phone": "", "centre": "", "role": "counsellor"}
    data.update(overrides)
    return client.post("/desk/staff/new/", data)


def set_password_link(message) -> str:
    match = re.search(r"http://testserver(/accounts/password-reset/email/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def can_log_in(username: str, password: str) -> bool:
    return authenticate(RequestFactory().post("/accounts/login/"), username=username, password=password) is not None


# --- who may --------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/desk/staff/", "/desk/staff/new/", "/desk/staff/{pk}/"])
def test_only_district_staff(client, url, staff_a, seeker_user, employer_member, district_staff):
    url = url.format(pk=staff_a.staff_membership.pk)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
    for user in (staff_a, seeker_user, employer_member):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"action": "deactivate", "name": "x"}).status_code == 403
    staff_a.staff_membership.refresh_from_db()
    assert staff_a.staff_membership.is_active
    client.force_login(district_staff)
    assert client.get(url).status_code == 200


def test_services_refuse_centre_staff(staff_a, centre_a):
    with pytest.raises(PermissionDenied):
        staff_account_create(
            by=staff_a, name="x", email="x@example.kr", centre=centre_a, role="officer", base_url="http://testserver/"
        )


def test_unknown_membership_is_404(client, district_staff):
    client.force_login(district_staff)
    assert client.get("/desk/staff/999999/").status_code == 404


# --- list -----------------------------------------------------------------------------------


def test_list_by_centre_and_state(client, district_staff, staff_a, staff_b, centre_a, centre_b):
    staff_a.phone = "+821012345678"
    staff_a.save()
    gone = StaffMembershipFactory(centre=centre_a, user__name="정퇴직", is_active=False).user
    client.force_login(district_staff)
    html = client.get("/desk/staff/").content.decode()
    assert "김상담" in html and "이상담" in html and "박구청" in html and "정퇴직" not in html
    assert "010-****-5678" in html and "010-1234-5678" not in html
    html = client.get(f"/desk/staff/?centre={centre_a.pk}&state=all").content.decode()
    assert "김상담" in html and "정퇴직" in html and "이상담" not in html
    html = client.get("/desk/staff/?state=inactive").content.decode()
    assert "정퇴직" in html and "김상담" not in html and "권한 멈춤" in html
    assert gone.pk


@pytest.mark.parametrize("query", ["?centre=abc&state=zzz&page=x", "?centre=999999&page=-1", "?centre=%00&page=99"])
def test_list_ignores_bad_parameters(client, district_staff, query):
    client.force_login(district_staff)
    response = client.get("/desk/staff/" + query)
    assert response.status_code == 200 and "박구청" in response.content.decode()


def test_list_empty_state(client, district_staff, centre_b):
    client.force_login(district_staff)
    html = client.get(f"/desk/staff/?centre={centre_b.pk}").content.decode()
    assert "조건에 맞는 직원이 없습니다" in html


# --- create ---------------------------------------------------------------------------------


def test_create_new_account_sends_a_set_password_link(client, district_staff, centre_a):
    client.force_login(district_staff)
    form = client.get("/desk/staff/new/").content.decode()
    assert 'for="id_email"' in form and 'for="id_centre"' in form and "구월1동 행정복지센터" in form
    response = create(client, centre=centre_a.pk, phone="010-2222-3333")
    assert response.status_code == 302 and response["Location"] == "/desk/staff/"
    user = User.objects.get(email="choi@namdong.example.kr")
    assert user.name == "최상담" and not user.has_usable_password() and user.email_verified_at is None
    assert user.phone == "+821022223333" and user.phone_verified_at is None
    membership = user.staff_membership
    assert membership.centre == centre_a and membership.role == "counsellor" and membership.is_active
    assert user.is_centre_staff and not user.is_district_staff
    assert not can_log_in("choi@namdong.example.kr", "")
    listing = client.get("/desk/staff/").content.decode()
    assert "비밀번호 설정 메일을 보냈습니다" in listing and "비밀번호 설정 전" in listing

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["choi@namdong.example.kr"] and "비밀번호를 정해 주세요" in message.subject
    assert "구월1동 행정복지센터" in message.body and "직업상담사" in message.body

    person = client.__class__()
    page = person.get(set_password_link(message), follow=True)
    set_url = page.redirect_chain[0][0]
    assert "새 비밀번호 정하기" in page.content.decode()
    done = person.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.email_verified_at is not None and can_log_in("choi@namdong.example.kr", NEW_PASSWORD)
    # the staff member now uses the desk
    person.force_login(user)
    assert person.get("/desk/").status_code == 200


def test_create_adds_membership_to_an_existing_account(client, district_staff, centre_b):
    existing = UserFactory(email="seeker@example.kr", name="한구직")
    client.force_login(district_staff)
    response = create(client, name="다른이름", email="SEEKER@example.kr", centre=centre_b.pk, role="officer")
    assert response.status_code == 302
    existing.refresh_from_db()
    assert existing.staff_membership.centre == centre_b and existing.name == "한구직"
    assert existing.has_usable_password() and can_log_in("seeker@example.kr", "correct-horse-battery")
    assert User.objects.filter(email="seeker@example.kr").count() == 1
    assert [m.to for m in mail.outbox] == [["seeker@example.kr"]]
    assert "직원 권한이 더해졌습니다" in mail.outbox[0].subject and "password-reset" not in mail.outbox[0].body
    assert "기존 계정에" in client.get("/desk/staff/").content.decode()


def test_create_refuses_existing_staff_unverified_and_taken_phone(client, district_staff, staff_b, centre_a):
    client.force_login(district_staff)
    response = create(client, email=staff_b.email, centre=centre_a.pk)
    assert response.status_code == 200
    html = response.content.decode()
    assert "이미 만수1동 행정복지센터 직원으로 등록된 계정입니다" in html
    assert f'href="/desk/staff/{staff_b.staff_membership.pk}/"' in html
    staff_b.staff_membership.refresh_from_db()
    assert staff_b.staff_membership.centre.name == "만수1동 행정복지센터"

    UserFactory(email="waiting@example.kr", email_verified_at=None)
    response = create(client, email="waiting@example.kr", centre=centre_a.pk)
    assert "아직 이메일 확인을 마치지 않은 계정" in response.content.decode()

    UserFactory(phone="+821099998888")
    response = create(client, email="new@example.kr", phone="010-9999-8888", centre=centre_a.pk)
    assert "다른 계정이 쓰는 휴대전화번호입니다" in response.content.decode()
    assert not User.objects.filter(email="new@example.kr").exists()
    assert mail.outbox == []


def test_re_entering_an_invited_address_links_to_their_page(client, district_staff, centre_a, centre_b):
    client.force_login(district_staff)
    create(client, centre=centre_a.pk)
    membership = User.objects.get(email="choi@namdong.example.kr").staff_membership
    response = create(client, name="최상담", email="CHOI@namdong.example.kr", centre=centre_b.pk)
    html = response.content.decode()
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["email"])
    assert "이미 구월1동 행정복지센터 직원으로 초대한 분입니다" in errors
    assert "비밀번호 설정 메일을 다시 보내" in errors and "이메일 확인" not in errors
    assert response.context["existing_membership"] == membership
    assert f'href="/desk/staff/{membership.pk}/"' in html and "최상담 님의 직원 정보 화면 열기" in html
    membership.refresh_from_db()
    assert membership.centre == centre_a and StaffMembership.objects.filter(user__name="최상담").count() == 1
    assert len(mail.outbox) == 1  # nothing sent again from here

    # stopped staff: the same link, and the message says the rights are stopped
    membership.is_active = False
    membership.save()
    errors = " ".join(create(client, centre=centre_b.pk).context["form"].errors["email"])
    assert "지금은 직원 권한이 멈춰 있습니다" in errors and "권한을 다시 켜고" in errors


def test_create_form_errors_are_korean(client, district_staff):
    client.force_login(district_staff)
    response = create(client, name="", email="not-an-email", phone="02-123-4567", centre="abc", role="boss")
    html = response.content.decode()
    assert response.status_code == 200 and "고쳐야 할 곳이" in html
    assert "이름을 입력해 주세요" in html and "올바른 이메일 주소" in html
    assert "목록에 있는 센터를 골라 주세요" in html and "목록에 있는 직무를 골라 주세요" in html
    assert "유선 전화" in html
    assert StaffMembership.objects.count() == 1  # the district staff member's own


# --- edit -----------------------------------------------------------------------------------


def test_change_centre_and_role(client, district_staff, staff_a, centre_b):
    membership = staff_a.staff_membership
    client.force_login(district_staff)
    page = client.get(f"/desk/staff/{membership.pk}/").content.decode()
    assert "김상담" in page and "소속과 직무" in page
    response = client.post(
        f"/desk/staff/{membership.pk}/", {"action": "save", "centre": centre_b.pk, "role": "manager"}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.centre == centre_b and membership.role == "manager"
    bad = client.post(f"/desk/staff/{membership.pk}/", {"centre": "x", "role": ""})
    assert bad.status_code == 200 and "직무를 골라 주세요" in bad.content.decode()


def test_deactivate_and_reactivate(client, district_staff, staff_a):
    membership = staff_a.staff_membership
    client.force_login(district_staff)
    response = client.post(f"/desk/staff/{membership.pk}/", {"action": "deactivate"}, follow=True)
    assert "직원 권한을 멈췄습니다" in response.content.decode()
    membership.refresh_from_db()
    assert not membership.is_active
    other = client.__class__()
    other.force_login(staff_a)
    assert other.get("/desk/").status_code == 403
    again = client.post(f"/desk/staff/{membership.pk}/", {"action": "deactivate"}, follow=True).content.decode()
    assert "김상담 님의 직원 권한은 이미 멈춰 있습니다" in again and "권한을 멈췄습니다" not in again
    restored = client.post(f"/desk/staff/{membership.pk}/", {"action": "activate"}, follow=True)
    assert "김상담 님의 직원 권한을 다시 켰습니다" in restored.content.decode()
    membership.refresh_from_db()
    assert membership.is_active
    assert other.get("/desk/").status_code == 200
    again = client.post(f"/desk/staff/{membership.pk}/", {"action": "activate"}, follow=True).content.decode()
    assert "김상담 님의 직원 권한은 이미 켜져 있습니다" in again and "다시 켰습니다" not in again
    membership.refresh_from_db()
    assert membership.is_active


def test_district_staff_cannot_lock_themselves_out(client, district_staff, centre_a):
    membership = district_staff.staff_membership
    client.force_login(district_staff)
    response = client.post(f"/desk/staff/{membership.pk}/", {"action": "deactivate"}, follow=True)
    assert "자기 자신의 직원 권한은 멈출 수 없습니다" in response.content.decode()
    response = client.post(
        f"/desk/staff/{membership.pk}/", {"action": "save", "centre": centre_a.pk, "role": "officer"}
    )
    assert "자기 자신을 구청 일자리센터 밖으로 옮길 수 없습니다" in response.content.decode()
    membership.refresh_from_db()
    assert membership.is_active and membership.centre.kind == CommunityCentre.Kind.DISTRICT


def test_send_the_link_again(client, district_staff, centre_a, staff_a):
    client.force_login(district_staff)
    create(client, centre=centre_a.pk)
    membership = User.objects.get(email="choi@namdong.example.kr").staff_membership
    response = client.post(f"/desk/staff/{membership.pk}/", {"action": "send_link"}, follow=True)
    assert "비밀번호 설정 메일을 다시 보냈습니다" in response.content.decode()
    assert len(mail.outbox) == 2 and set_password_link(mail.outbox[1])
    # an account that has a password gets none
    response = client.post(f"/desk/staff/{staff_a.staff_membership.pk}/", {"action": "send_link"}, follow=True)
    assert "이미 비밀번호를 정한 계정입니다" in response.content.decode()
    assert len(mail.outbox) == 2


def test_mail_failure_keeps_the_account(client, district_staff, centre_a, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("smtp down")

    monkeypatch.setattr("accounts.services.staff_accounts.send_mail", broken)
    translated = []  # the messages the view asks to translate: one whole sentence, not pieces
    monkeypatch.setattr("jobs.views.desk.staff._", lambda text: translated.append(text) or text)
    client.force_login(district_staff)
    response = create(client, centre=centre_a.pk, email="later@example.kr")
    assert translated == [
        "직원 계정을 만들었지만 메일을 보내지 못했습니다. "
        "잠시 뒤 직원 정보 화면에서 '비밀번호 설정 메일 다시 보내기'를 눌러 주세요."
    ]
    assert response.status_code == 302
    assert User.objects.get(email="later@example.kr").staff_membership.centre == centre_a
    assert (
        "직원 계정을 만들었지만 메일을 보내지 못했습니다. "
        "잠시 뒤 직원 정보 화면에서 &#x27;비밀번호 설정 메일 다시 보내기&#x27;를 눌러 주세요."
    ) in client.get("/desk/staff/").content.decode()
    assert timezone.now()
