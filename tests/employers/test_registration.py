"""Business registration at /employers/register/ and the employer_register service."""

from html import unescape

import pytest
from django.core.exceptions import ValidationError

from employers import services
from employers.brn import brn_is_valid
from employers.models import Certification, Employer, EmployerMember
from namdong_jobs.reference.models import Dong
from tests.factories import EmployerFactory, UserFactory

from .conftest import dashed, make_brn, wrong_check_digit

pytestmark = pytest.mark.django_db

TAKEN = "이미 등록된 사업자등록번호입니다. 그 기업의 담당자에게 담당자 추가를 요청하거나"


def form_data(brn: str, **overrides) -> dict:
    data = {
        "brn": brn,
        "name": "(주)남동정밀",
        "representative": "박대표",
        "address": "인천광역시 남동구 남동대로 215",
        "dong": Dong.objects.get(name="논현고잔동").code,
        "industry": "자동차 부품 제조",
        "headcount": "12",
        "phone": "0324535000",
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def member(client):
    user = UserFactory()
    client.force_login(user)
    return user


def test_register_with_a_dashed_number_creates_a_pending_employer_with_its_owner(client, member):
    brn = make_brn("131812345")
    assert brn_is_valid(brn)
    response = client.post(
        "/employers/register/",
        form_data(
            dashed(brn),
            cert_social="on",
            cert_social_number="2024-123",
            cert_social_until="2029-06-30",
            cert_sme="on",
            cert_induspark="on",
        ),
        follow=True,
    )
    employer = Employer.objects.get()
    assert response.redirect_chain == [(f"/employers/{employer.pk}/", 302)]
    assert employer.brn == brn and employer.brn_display == dashed(brn)
    assert employer.verification_status == Employer.Verification.PENDING
    assert employer.registered_by == member
    assert employer.phone == "032-453-5000" and employer.headcount == 12
    assert employer.dong.name == "논현고잔동"
    assert EmployerMember.objects.get(employer=employer).user == member
    assert EmployerMember.objects.get(employer=employer).role == EmployerMember.Role.OWNER
    certs = {c.type: c for c in employer.certifications.all()}
    assert set(certs) == {Certification.Type.SOCIAL, Certification.Type.SME, Certification.Type.INDUSPARK}
    assert certs["social"].number == "2024-123" and str(certs["social"].valid_until) == "2029-06-30"
    assert certs["sme"].number == ""
    html = response.content.decode()
    assert "구청 일자리센터 직원이 사업자 정보를 확인합니다" in html and "게시할 수는 없습니다" in html
    assert "확인 대기" in html


def test_plain_digits_are_accepted_too(client, member):
    brn = make_brn()
    client.post("/employers/register/", form_data(brn))
    assert Employer.objects.get().brn == brn


def test_a_changed_check_digit_fails_with_the_korean_message(client, member):
    response = client.post("/employers/register/", form_data(dashed(wrong_check_digit(make_brn()))))
    assert response.status_code == 200
    html = response.content.decode()
    assert "사업자등록번호가 올바르지 않습니다" in html and 'id="id_brn_error"' in html and 'role="alert"' in html
    assert not Employer.objects.exists()


def test_a_registered_number_gives_a_clear_message_and_no_second_row(client, member):
    existing = EmployerFactory(brn=make_brn())
    response = client.post("/employers/register/", form_data(dashed(existing.brn), name="다른 이름"))
    assert response.status_code == 200
    html = response.content.decode()
    assert TAKEN in html and "032-453-5000" in html
    assert Employer.objects.count() == 1
    assert not EmployerMember.objects.filter(user=member).exists()


def test_a_lost_race_for_the_number_is_the_same_clear_error(monkeypatch):
    brn = make_brn()
    first = services.employer_register(user=UserFactory(), name="먼저 등록", brn=brn)
    # the other registration commits between our check and our insert
    monkeypatch.setattr(Employer, "validate_unique", lambda self, exclude=None: None)
    with pytest.raises(ValidationError) as exc:
        services.employer_register(user=UserFactory(), name="나중 등록", brn=dashed(brn))
    assert TAKEN in exc.value.message_dict["brn"][0]
    assert list(Employer.objects.values_list("pk", flat=True)) == [first.pk]
    assert EmployerMember.objects.count() == 1


def test_outside_namdong_is_an_explicit_choice(client, member):
    html = client.get("/employers/register/").content.decode()
    assert '<option value="outside">남동구 외</option>' in html
    assert html.count('lang="ko">') >= 20  # the 20 dong names are marked as Korean data

    response = client.post("/employers/register/", form_data(make_brn(), dong=""))
    assert "행정동을 골라 주세요" in response.content.decode()
    assert not Employer.objects.exists()

    client.post("/employers/register/", form_data(make_brn(), dong="outside", address="서울특별시 중구 세종대로 110"))
    assert Employer.objects.get().dong is None


def test_social_enterprise_needs_its_number(client, member):
    response = client.post("/employers/register/", form_data(make_brn(), cert_social="on"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "사회적기업에 표시했다면 인증·지정 번호를 입력해 주세요" in html
    assert 'id="id_cert_social_number_error"' in html
    assert not Employer.objects.exists()


def test_a_number_without_its_box_is_pointed_out(client, member):
    response = client.post("/employers/register/", form_data(make_brn(), cert_village_number="마을-2025-07"))
    assert "'마을기업' 칸에도 표시해 주세요" in unescape(response.content.decode())
    assert not Employer.objects.exists()


def test_the_company_types_are_a_fieldset_with_labels(client, member):
    html = client.get("/employers/register/").content.decode()
    assert "<legend>기업 구분 (해당하는 것을 모두 표시)</legend>" in html
    for label in (
        "중소기업",
        "사회적기업",
        "예비사회적기업",
        "마을기업",
        "협동조합",
        "자활기업",
        "남동인더스파크 입주기업",
    ):
        assert f">{label}</label>" in html
    for cert_type in Certification.Type.values:
        for suffix in ("", "_number", "_until"):
            assert f'for="id_cert_{cert_type}{suffix}"' in html


def test_other_fields_are_checked(client, member):
    response = client.post(
        "/employers/register/", form_data(make_brn(), headcount="-1", phone="12", website="not a site", name="")
    )
    html = response.content.decode()
    assert "0 이상" in html and "전화번호가 올바르지 않습니다" in html
    assert "홈페이지 주소가 올바르지 않습니다" in html and "기업명을 입력해 주세요" in html
    assert not Employer.objects.exists()


def test_registration_needs_a_login(client):
    response = client.get("/employers/register/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=/employers/register/")


def test_service_refuses_a_missing_number_and_needs_certification_numbers():
    user = UserFactory()
    with pytest.raises(ValidationError) as exc:
        services.employer_register(user=user, name="번호 없음", brn="")
    assert "brn" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.employer_register(
            user=user, name="협동조합", brn=make_brn(), certifications=[{"type": "coop", "number": " "}]
        )
    assert "협동조합 인증·지정 번호를 입력해 주세요" in exc.value.message_dict["certifications"][0]
    assert not Employer.objects.exists()
