"""Every employer and account form stores tidy text: control characters (U+000B, U+001F …) and
zero-width characters are removed before anything is saved, CRLF becomes LF, and a required
field with nothing visible is refused (review finding A)."""

import pytest

from accounts.forms import EmailVerificationResendForm, LoginForm, SignupForm
from accounts.models import User
from employers.forms import EmployerForm, EmployerSignupForm, MemberInviteForm
from employers.models import Certification, Employer
from tests.factories import UserFactory

from .conftest import make_brn

pytestmark = pytest.mark.django_db
PASSWORD = "namdong-jobs-2026!"


def registration_data(**overrides) -> dict:
    data = {
        "brn": make_brn(),
        "name": "(주)남동\x0b정밀\x1f",
        "representative": "박\u200b대표",
        "address": "인천광역시 남동구\x0c 남동대로 100",
        "dong": "2820051000",
        "industry": "금속\x7f 가공",
        "headcount": "5",
        "phone": "032-453-5000",
        "website": "",
        "cert_village": "on",
        "cert_village_number": "마을-\x0b2026-001",
    }
    data.update(overrides)
    return data


def test_registration_stores_tidy_text(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/employers/register/", registration_data())
    assert response.status_code == 302
    employer = Employer.objects.get(memberships__user=user)
    assert employer.name == "(주)남동정밀"
    assert employer.representative == "박대표"
    assert employer.address == "인천광역시 남동구 남동대로 100"
    assert employer.industry == "금속 가공"
    assert employer.certifications.get().number == "마을-2026-001"


def test_a_name_of_only_invisible_characters_is_refused(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/employers/register/", registration_data(name="\u200b\x0b \x1f"))
    assert response.status_code == 200
    assert "기업명을 입력해 주세요." in response.content.decode()
    assert not Employer.objects.exists()


def test_edit_stores_tidy_text(client, owner, pending_employer):
    client.force_login(owner)
    data = registration_data(brn=pending_employer.brn, name="(주)고친\x1f이름", industry="요양\r\n서비스")
    client.post(f"/employers/{pending_employer.pk}/edit/", data)
    pending_employer.refresh_from_db()
    assert pending_employer.name == "(주)고친이름"
    assert pending_employer.industry == "요양 서비스"  # a one-line field: line breaks become a space


def test_employer_form_and_member_form_have_the_mixin_first():
    from namdong_jobs.text import TidyTextFormMixin

    for form_class in (EmployerForm, MemberInviteForm, LoginForm, SignupForm, EmailVerificationResendForm):
        assert form_class.__bases__[0] is TidyTextFormMixin, form_class
    assert issubclass(EmployerSignupForm, TidyTextFormMixin)


def test_signup_stores_a_tidy_name_and_keeps_the_password_as_typed(client):
    password = " " + PASSWORD + "\x0b"  # a password is never changed
    response = client.post(
        "/employers/signup/",
        {
            "email": "new.member@example.kr",
            "password1": password,
            "password2": password,
            "name": "김\x0b담당\u200b",
            "phone": "",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.member@example.kr")
    assert user.name == "김담당"
    assert user.check_password(password) and not user.check_password(PASSWORD)


def test_signup_refuses_a_name_of_only_invisible_characters(client):
    response = client.post(
        "/employers/signup/",
        {
            "email": "new.member@example.kr",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "name": "\u200b\x1f",
            "consent": "on",
        },
    )
    assert response.status_code == 200 and "이름을 입력해 주세요." in response.content.decode()
    assert not User.objects.filter(email="new.member@example.kr").exists()


def test_login_with_an_invisible_character_pasted_into_the_email(client):
    user = UserFactory(email="clean@example.kr")
    response = client.post(
        "/accounts/login/", {"username": "\u200bclean@example.kr\x0b", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_service_tidies_text_from_other_callers(owner, pending_employer):
    from employers import services

    services.employer_update(employer=pending_employer, user=owner, industry="물류\x0b 창고", address="주소\x1f 1")
    pending_employer.refresh_from_db()
    assert pending_employer.industry == "물류 창고" and pending_employer.address == "주소 1"
    assert Certification.objects.count() == 0
