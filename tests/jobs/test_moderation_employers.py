"""Employer verification by district staff (``/moderation/employers/<pk>/``)."""

import datetime

import pytest
from django.urls import reverse

from employers.models import Employer, EmployerMember, VerificationDecision
from tests.factories import CertificationFactory, EmployerFactory, EmployerMemberFactory, UserFactory
from tests.jobs.test_moderation_postings import make_district_staff, submitted_posting, verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = make_district_staff()
    client.force_login(user)
    return user


@pytest.fixture
def pending_employer():
    owner = UserFactory(name="김대표", email="owner@example.kr", phone="+821012345678")
    employer = EmployerFactory(
        name="(주)소래식품",
        brn="1318109997",
        representative="김대표",
        industry="식료품 제조업",
        headcount=23,
        verification_status=Employer.Verification.PENDING,
        registered_by=owner,
    )
    EmployerMemberFactory(employer=employer, user=owner, role=EmployerMember.Role.OWNER)
    CertificationFactory(
        employer=employer,
        number="2024-123",
        valid_from=datetime.date(2024, 1, 1),
        valid_until=datetime.date(2027, 6, 30),
    )
    return employer


def test_review_shows_the_registration(client, staff, pending_employer):
    waiting = submitted_posting(employer=pending_employer, title="식품 포장원 모집")

    response = client.get(reverse("moderation:employer_review", args=[pending_employer.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "131-81-09997" in html
    for text in ("(주)소래식품", "김대표", "식료품 제조업", "23명", "논현고잔동", "사회적기업", "2024-123"):
        assert text in html
    assert "2027년 6월 30일" in html
    assert "owner@example.kr" in html and "010-1234-5678" in html and "대표 담당자" in html
    assert reverse("moderation:posting_review", args=[waiting.pk]) in html
    assert 'action="{}"'.format(reverse("moderation:employer_verify", args=[pending_employer.pk])) in html
    assert '<label for="id_reason">' in html


def test_employer_outside_namdong_says_so(client, staff):
    employer = EmployerFactory(
        dong=None, address="서울특별시 강남구", verification_status=Employer.Verification.PENDING
    )
    html = client.get(reverse("moderation:employer_review", args=[employer.pk])).content.decode()
    assert "남동구 외" in html


def test_verify_records_who_and_when(client, staff, pending_employer):
    submitted_posting(employer=pending_employer)

    response = verify(client, pending_employer, follow=True)

    assert response.redirect_chain[-1][0] == reverse("moderation:queue")
    html = response.content.decode()
    assert "‘(주)소래식품’ 기업을 확인했습니다." in html
    assert "공고 1건을 이제 승인할 수 있습니다." in html
    pending_employer.refresh_from_db()
    assert pending_employer.verification_status == Employer.Verification.VERIFIED
    assert pending_employer.verified_by == staff and pending_employer.verified_at is not None
    decision = VerificationDecision.objects.get(employer=pending_employer)
    assert decision.decision == VerificationDecision.Decision.VERIFIED
    assert decision.decided_by == staff and decision.decided_at is not None
    assert pending_employer not in response.context["employers"]


def test_reject_needs_a_reason_then_records_it(client, staff, pending_employer):
    url = reverse("moderation:employer_reject", args=[pending_employer.pk])

    response = client.post(url, {"reason": "  "})
    assert response.status_code == 200
    assert "반려 사유를 적어 주세요." in response.content.decode()
    pending_employer.refresh_from_db()
    assert pending_employer.verification_status == Employer.Verification.PENDING
    assert not VerificationDecision.objects.exists()

    reason = "사업자등록증의 대표자와 다릅니다."
    response = client.post(url, {"reason": reason}, follow=True)
    assert "기업을 반려했습니다." in response.content.decode()
    pending_employer.refresh_from_db()
    assert pending_employer.verification_status == Employer.Verification.REJECTED
    assert pending_employer.rejection_reason == reason
    decision = VerificationDecision.objects.get(employer=pending_employer)
    assert decision.decision == VerificationDecision.Decision.REJECTED
    assert decision.reason == reason and decision.decided_by == staff

    review = client.get(reverse("moderation:employer_review", args=[pending_employer.pk])).content.decode()
    assert "이 기업은 확인을 기다리고 있지 않습니다." in review
    assert reason in review


def test_verifying_twice_shows_the_service_message(client, staff, pending_employer):
    verify(client, pending_employer)
    response = verify(client, pending_employer)
    assert response.status_code == 200
    assert "이미 확인이 끝난 기업입니다." in response.content.decode()
    assert VerificationDecision.objects.filter(employer=pending_employer).count() == 1


def test_imported_employers_are_not_moderated(client, staff):
    employer = EmployerFactory(brn=None, verification_status=Employer.Verification.EXTERNAL)
    assert client.get(reverse("moderation:employer_review", args=[employer.pk])).status_code == 404
    assert client.post(reverse("moderation:employer_verify", args=[employer.pk])).status_code == 404
