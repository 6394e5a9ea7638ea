"""A verified employer cannot change who it is through the self-service form, and a new
company-type claim sends it back to verification (review finding B)."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError

from employers import services
from employers.models import Certification, Employer
from jobs.choices import PostingStatus
from tests.factories import CertificationFactory, JobPostingFactory

from .conftest import make_brn

pytestmark = pytest.mark.django_db
REQUEST_CHANGE = "상호·대표자가 바뀌었으면 남동구 일자리인력은행(032-453-5000)에 변경을 요청해 주세요"


@pytest.fixture
def verified(pending_employer, district_staff):
    """``pending_employer``, representative 박대표 and a social-enterprise certification,
    verified by district staff."""
    Employer.objects.filter(pk=pending_employer.pk).update(representative="박대표")
    CertificationFactory(employer=pending_employer, type=Certification.Type.SOCIAL, number="2024-001", valid_until=None)
    return services.employer_verify(employer=pending_employer, by=district_staff)


def edit_data(employer: Employer, **overrides) -> dict:
    data = {
        "brn": employer.brn,
        "name": employer.name,
        "representative": employer.representative,
        "address": employer.address,
        "dong": employer.dong_id or "outside",
        "industry": "금속 가공",
        "headcount": "5",
        "phone": "032-453-5000",
        "website": "",
        "cert_social": "on",
        "cert_social_number": "2024-001",
    }
    data.update(overrides)
    return data


def reload(employer: Employer) -> Employer:
    return Employer.objects.get(pk=employer.pk)


def test_edit_page_shows_identity_read_only_with_the_sentence(client, owner, verified):
    client.force_login(owner)
    page = client.get(f"/employers/{verified.pk}/edit/").content.decode()
    for name in ("brn", "name", "representative"):
        assert re.search(rf'<input[^>]*name="{name}"[^>]*disabled', page), name
    assert not re.search(r'<input[^>]*name="address"[^>]*disabled', page)
    assert REQUEST_CHANGE in page


def test_a_pending_employer_may_still_change_its_name(client, owner, pending_employer):
    client.force_login(owner)
    page = client.get(f"/employers/{pending_employer.pk}/edit/").content.decode()
    assert not re.search(r'<input[^>]*name="name"[^>]*disabled', page)
    client.post(
        f"/employers/{pending_employer.pk}/edit/",
        edit_data(pending_employer, name="(주)바른이름", representative="박대표"),
    )
    assert reload(pending_employer).name == "(주)바른이름"


def test_a_forged_post_cannot_rename_a_verified_employer(client, owner, verified):
    client.force_login(owner)
    response = client.post(
        f"/employers/{verified.pk}/edit/",
        edit_data(verified, name="삼성전자(주)", representative="이재용", brn=make_brn()),
        follow=True,
    )
    assert response.status_code == 200
    after = reload(verified)
    assert (after.name, after.representative, after.brn) == (verified.name, "박대표", verified.brn)
    assert after.verification_status == Employer.Verification.VERIFIED


@pytest.mark.parametrize(
    ("field", "value"), [("name", "삼성전자(주)"), ("representative", "이재용"), ("brn", "brand-new")]
)
def test_the_service_refuses_an_identity_change_after_verification(owner, verified, field, value):
    if value == "brand-new":
        value = make_brn()
    with pytest.raises(ValidationError) as exc:
        services.employer_update(employer=verified, user=owner, **{field: value})
    assert REQUEST_CHANGE in exc.value.message_dict[field][0]
    after = reload(verified)
    assert getattr(after, field) == getattr(verified, field)
    assert after.verification_status == Employer.Verification.VERIFIED


def test_the_same_identity_may_be_sent_again(owner, verified):
    services.employer_update(
        employer=verified, user=owner, name=f" {verified.name} ", representative="박대표", brn=verified.brn
    )
    assert reload(verified).verification_status == Employer.Verification.VERIFIED


@pytest.mark.parametrize(
    "change",
    [
        {"cert_village": "on", "cert_village_number": "가짜-2026-001"},  # a type added
        {"cert_social_number": "2024-999"},  # a number changed
        {"cert_social_until": "2030-12-31"},  # an end where there was none claims nothing new
    ],
    ids=["added", "number", "until-shortened"],
)
def test_certification_changes(client, owner, verified, change):
    JobPostingFactory(employer=verified, title="게시 중인 공고")
    client.force_login(owner)
    response = client.post(f"/employers/{verified.pk}/edit/", edit_data(verified, **change), follow=True)
    html = response.content.decode()
    after = reload(verified)
    if "cert_social_until" in change:  # ending a validity earlier claims nothing new
        assert after.verification_status == Employer.Verification.VERIFIED
        assert "기업 정보를 저장했습니다." in html and "다시 확인합니다" not in html
        return
    assert after.verification_status == Employer.Verification.PENDING
    assert after.verified_at is None and after.verified_by is None
    assert "구청 일자리센터 직원이 바뀐 내용을" in html and "새 채용공고는 게시되지 않고" in html
    # the published posting stays published
    assert verified.postings.get().status == PostingStatus.PUBLISHED
    if "cert_village" in change:
        assert after.certifications.filter(type="village", number="가짜-2026-001").exists()


def test_removing_a_type_or_changing_contacts_keeps_the_verification(owner, verified):
    services.employer_update(employer=verified, user=owner, phone="032-000-0000", certifications=[])
    after = reload(verified)
    assert after.verification_status == Employer.Verification.VERIFIED and after.verified_at is not None
    assert not after.certifications.exists()


def test_extending_a_validity_needs_a_new_check(owner, pending_employer, district_staff):
    CertificationFactory(
        employer=pending_employer, type=Certification.Type.SOCIAL, number="S-1", valid_until=datetime.date(2026, 1, 1)
    )
    employer = services.employer_verify(employer=pending_employer, by=district_staff)
    services.employer_update(
        employer=employer,
        user=owner,
        certifications=[{"type": "social", "number": "S-1", "valid_until": datetime.date(2029, 1, 1)}],
    )
    assert reload(employer).verification_status == Employer.Verification.PENDING


def test_a_rechecked_employer_waits_for_staff_and_can_be_verified_again(owner, verified, district_staff):
    services.employer_update(
        employer=verified,
        user=owner,
        certifications=[
            {"type": "social", "number": "2024-001", "valid_until": None},
            {"type": "village", "number": "마을-2026-001", "valid_until": None},
        ],
    )
    assert verified in Employer.objects.awaiting_verification()
    again = services.employer_verify(employer=verified, by=district_staff)
    assert again.verification_status == Employer.Verification.VERIFIED and again.verified_by == district_staff
