"""employer_verify / employer_reject: district staff's decisions on employer registrations."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from employers.models import Employer, EmployerMember, VerificationDecision
from employers.services import employer_reject, employer_verify
from tests.factories import EmployerFactory

pytestmark = pytest.mark.django_db

NOON_KST = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=9)))


def test_district_staff_verify_a_pending_employer(pending_employer, district_staff):
    with time_machine.travel(NOON_KST, tick=False):
        employer = employer_verify(employer=pending_employer, by=district_staff)
    employer.refresh_from_db()
    assert employer.verification_status == Employer.Verification.VERIFIED
    assert employer.verified_at == NOON_KST and employer.verified_by == district_staff
    decision = VerificationDecision.objects.get(employer=employer)
    assert decision.decision == VerificationDecision.Decision.VERIFIED
    assert decision.decided_by == district_staff and decision.decided_at == NOON_KST
    assert decision.reason == ""


def test_reject_records_the_reason_who_and_when(pending_employer, district_staff):
    with time_machine.travel(NOON_KST, tick=False):
        employer = employer_reject(
            employer=pending_employer, by=district_staff, reason="  상호가 사업자등록증과 다릅니다. "
        )
    employer.refresh_from_db()
    assert employer.verification_status == Employer.Verification.REJECTED
    assert employer.rejection_reason == "상호가 사업자등록증과 다릅니다."
    decision = VerificationDecision.objects.get(employer=employer)
    assert (decision.decision, decision.reason) == ("rejected", "상호가 사업자등록증과 다릅니다.")
    assert decision.decided_by == district_staff and decision.decided_at == NOON_KST


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_reject_needs_a_reason(pending_employer, district_staff, reason):
    with pytest.raises(ValidationError) as exc:
        employer_reject(employer=pending_employer, by=district_staff, reason=reason)
    assert "반려 사유를 적어 주세요" in exc.value.message_dict["reason"][0]
    pending_employer.refresh_from_db()
    assert pending_employer.verification_status == Employer.Verification.PENDING
    assert not VerificationDecision.objects.exists()


@pytest.mark.parametrize("who", ["centre_staff", "owner", "plain_member", "inactive_district_staff"])
def test_only_district_staff_may_decide(request, pending_employer, who):
    if who == "plain_member":
        from tests.factories import EmployerMemberFactory

        user = EmployerMemberFactory(employer=pending_employer, role=EmployerMember.Role.MEMBER).user
    elif who == "inactive_district_staff":
        user = request.getfixturevalue("district_staff")
        user.staff_membership.is_active = False
        user.staff_membership.save()
    else:
        user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        employer_verify(employer=pending_employer, by=user)
    with pytest.raises(PermissionDenied):
        employer_reject(employer=pending_employer, by=user, reason="사유")
    pending_employer.refresh_from_db()
    assert pending_employer.verification_status == Employer.Verification.PENDING
    assert not VerificationDecision.objects.exists()


def test_revoking_a_verification_and_verifying_again(pending_employer, district_staff):
    employer_verify(employer=pending_employer, by=district_staff)
    revoked = employer_reject(employer=pending_employer, by=district_staff, reason="폐업 사실을 확인했습니다.")
    assert revoked.verification_status == Employer.Verification.REJECTED
    assert revoked.verified_at is None and revoked.verified_by is None
    again = employer_verify(employer=pending_employer, by=district_staff)
    assert again.verification_status == Employer.Verification.VERIFIED and again.rejection_reason == ""
    assert list(VerificationDecision.objects.values_list("decision", flat=True)) == ["verified", "rejected", "verified"]


def test_no_double_decisions(pending_employer, district_staff):
    employer_verify(employer=pending_employer, by=district_staff)
    with pytest.raises(ValidationError, match="이미 확인이 끝난"):
        employer_verify(employer=pending_employer, by=district_staff)
    employer_reject(employer=pending_employer, by=district_staff, reason="사유")
    with pytest.raises(ValidationError, match="이미 반려된"):
        employer_reject(employer=pending_employer, by=district_staff, reason="또 다른 사유")
    assert VerificationDecision.objects.count() == 2


def test_external_employers_are_refused(district_staff):
    external = EmployerFactory(brn=None, verification_status=Employer.Verification.EXTERNAL)
    with pytest.raises(ValidationError, match="확인 대상이 아닙니다"):
        employer_verify(employer=external, by=district_staff)
    with pytest.raises(ValidationError, match="확인 대상이 아닙니다"):
        employer_reject(employer=external, by=district_staff, reason="사유")
    external.refresh_from_db()
    assert external.verification_status == Employer.Verification.EXTERNAL
    assert not VerificationDecision.objects.exists()
