"""Company types at registration and edit: an expired certification and 사회적기업 together
with 예비사회적기업 are refused, in the form and in the services."""

import datetime
from html import unescape

import pytest
import time_machine
from django.core.exceptions import ValidationError

from employers import services
from employers.models import Certification, Employer
from namdong_jobs.reference.models import Dong
from tests.factories import UserFactory

from .conftest import make_brn

pytestmark = pytest.mark.django_db

KST = datetime.timezone(datetime.timedelta(hours=9))
#: 00:30 on 2026-07-01 in Korea is still 2026-06-30 in UTC: "today" must be the Korean date.
JUST_AFTER_MIDNIGHT_KST = datetime.datetime(2026, 7, 1, 0, 30, tzinfo=KST)
EXPIRED = "유효기간이 지난 인증입니다. 새 인증서의 번호와 유효기간을 적어 주세요."
EXCLUSIVE = "사회적기업과 예비사회적기업은 함께 고를 수 없습니다."


def form_data(**overrides) -> dict:
    data = {
        "brn": make_brn(),
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
    return data


@pytest.fixture
def member(client):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(JUST_AFTER_MIDNIGHT_KST, tick=False):
        yield


def test_registration_refuses_a_certification_that_ended_yesterday_in_korea(client, member):
    data = form_data(cert_social="on", cert_social_number="2024-123", cert_social_until="2026-06-30")
    response = client.post("/employers/register/", data)
    assert response.status_code == 200 and EXPIRED in unescape(response.content.decode())
    assert not Employer.objects.exists()


def test_a_certification_valid_until_today_is_accepted(client, member):
    data = form_data(cert_social="on", cert_social_number="2024-123", cert_social_until="2026-07-01")
    assert client.post("/employers/register/", data).status_code == 302
    assert Certification.objects.get().valid_until == datetime.date(2026, 7, 1)


def test_registration_refuses_social_and_pre_social_together(client, member):
    data = form_data(cert_social="on", cert_social_number="S-1", cert_pre_social="on", cert_pre_social_number="P-1")
    response = client.post("/employers/register/", data)
    assert response.status_code == 200 and EXCLUSIVE in unescape(response.content.decode())
    assert not Employer.objects.exists()


def test_edit_refuses_an_expired_certification_and_both_social_types(client, member):
    employer = services.employer_register(user=member, **{k: v for k, v in form_data().items() if k != "dong"})
    base = form_data(brn=employer.brn)
    response = client.post(
        f"/employers/{employer.pk}/edit/",
        {**base, "cert_village": "on", "cert_village_number": "마을-1", "cert_village_until": "2025-12-31"},
    )
    assert response.status_code == 200 and EXPIRED in unescape(response.content.decode())
    response = client.post(
        f"/employers/{employer.pk}/edit/",
        {
            **base,
            "cert_social": "on",
            "cert_social_number": "S-1",
            "cert_pre_social": "on",
            "cert_pre_social_number": "P",
        },
    )
    assert response.status_code == 200 and EXCLUSIVE in unescape(response.content.decode())
    assert not employer.certifications.exists()


def test_the_services_refuse_them_too(member):
    fields = {k: v for k, v in form_data().items() if k != "dong"}
    with pytest.raises(ValidationError) as exc:
        services.employer_register(
            user=member,
            **fields,
            certifications=[{"type": "coop", "number": "C-1", "valid_until": datetime.date(2026, 6, 30)}],
        )
    assert any(EXPIRED in m for m in exc.value.message_dict["certifications"])
    with pytest.raises(ValidationError) as exc:
        services.employer_register(
            user=member,
            **fields,
            certifications=[
                {"type": "social", "number": "S-1", "valid_until": None},
                {"type": "pre_social", "number": "P-1", "valid_until": None},
            ],
        )
    assert EXCLUSIVE in exc.value.message_dict["certifications"]
    assert not Employer.objects.exists()
    employer = services.employer_register(user=member, **fields)
    with pytest.raises(ValidationError):
        services.employer_update(
            employer=employer,
            user=member,
            certifications=[{"type": "coop", "number": "C-1", "valid_until": datetime.date(2026, 6, 30)}],
        )
    assert not employer.certifications.exists()
