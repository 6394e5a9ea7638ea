"""The employer pages: list, detail, edit and members, and who may open them."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from employers import services
from employers.models import Certification, Employer, EmployerMember, VerificationDecision
from tests.factories import CertificationFactory, EmployerFactory, EmployerMemberFactory, UserFactory

from .conftest import make_brn

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_employers(owner, pending_employer):
    """``pending_employer`` (A, owned by ``owner``) and another employer B with its own owner."""
    other = EmployerFactory(name="(주)다른회사", brn=make_brn())
    EmployerMemberFactory(employer=other, role=EmployerMember.Role.OWNER)
    return pending_employer, other


def edit_data(employer: Employer, **overrides) -> dict:
    data = {
        "brn": employer.brn,
        "name": employer.name,
        "representative": "박대표",
        "address": employer.address,
        "dong": employer.dong_id or "outside",
        "industry": "금속 가공",
        "headcount": "5",
        "phone": "032-453-5000",
        "website": "https://www.example.co.kr",
    }
    data.update(overrides)
    return data


def test_index_lists_only_my_employers_with_their_status(client, owner, two_employers):
    mine, other = two_employers
    client.force_login(owner)
    html = client.get("/employers/").content.decode()
    assert mine.name in html and other.name not in html
    assert "확인 대기" in html and "대표 담당자" in html


def test_index_empty_state_links_to_registration(client):
    client.force_login(UserFactory())
    html = client.get("/employers/").content.decode()
    assert "아직 등록한 기업이 없습니다" in html and 'href="/employers/register/"' in html


@pytest.mark.parametrize("suffix", ["", "edit/", "members/"])
def test_another_employers_pages_are_404(client, owner, two_employers, suffix):
    _, other = two_employers
    client.force_login(owner)
    assert client.get(f"/employers/{other.pk}/{suffix}").status_code == 404
    assert client.post(f"/employers/{other.pk}/{suffix}", {}).status_code in (404, 405)


def test_removing_a_member_of_another_employer_is_404(client, owner, two_employers):
    _, other = two_employers
    client.force_login(owner)
    member = other.memberships.get()
    assert client.post(f"/employers/{other.pk}/members/{member.pk}/remove/").status_code == 404
    assert EmployerMember.objects.filter(pk=member.pk).exists()


@pytest.mark.parametrize("suffix", ["", "edit/", "members/"])
def test_anonymous_visitors_go_to_the_login_page(client, pending_employer, suffix):
    for path in ("/employers/", f"/employers/{pending_employer.pk}/{suffix}"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")


def test_a_plain_member_sees_but_cannot_manage(client, pending_employer):
    plain = EmployerMemberFactory(employer=pending_employer, role=EmployerMember.Role.MEMBER).user
    newcomer = UserFactory()
    client.force_login(plain)
    assert client.get(f"/employers/{pending_employer.pk}/").status_code == 200
    response = client.get(f"/employers/{pending_employer.pk}/members/")
    assert response.status_code == 200 and "초대 메일 보내기" not in response.content.decode()
    response = client.post(f"/employers/{pending_employer.pk}/members/", {"email": newcomer.email, "role": "member"})
    assert response.status_code == 403
    assert client.get(f"/employers/{pending_employer.pk}/edit/").status_code == 403
    owner_membership = pending_employer.memberships.get(role="owner")
    assert client.post(f"/employers/{pending_employer.pk}/members/{owner_membership.pk}/remove/").status_code == 403
    assert pending_employer.memberships.count() == 2
    assert not pending_employer.invitations.exists()
    with pytest.raises(PermissionDenied):
        services.member_invite(employer=pending_employer, by=plain, email=newcomer.email, base_url="http://testserver/")


def test_owner_invites_by_email_and_nobody_is_added_at_once(client, owner, pending_employer):
    colleague = UserFactory(email="colleague@example.kr")
    client.force_login(owner)
    response = client.post(
        f"/employers/{pending_employer.pk}/members/", {"email": "Colleague@Example.kr", "role": "member"}, follow=True
    )
    assert response.redirect_chain == [(f"/employers/{pending_employer.pk}/members/", 302)]
    assert not EmployerMember.objects.filter(employer=pending_employer, user=colleague).exists()
    invitation = pending_employer.invitations.get()
    assert invitation.email == "colleague@example.kr" and invitation.role == EmployerMember.Role.MEMBER
    assert "초대 메일을 보냈습니다." in response.content.decode()

    # the same address twice keeps one open invitation (with the new role)
    client.post(f"/employers/{pending_employer.pk}/members/", {"email": colleague.email, "role": "owner"})
    invitation = pending_employer.invitations.get()
    assert invitation.role == EmployerMember.Role.OWNER and invitation.is_open


def test_the_last_owner_cannot_be_removed(client, owner, pending_employer):
    client.force_login(owner)
    mine = pending_employer.memberships.get(user=owner)
    page = client.get(f"/employers/{pending_employer.pk}/members/").content.decode()
    assert f"/members/{mine.pk}/remove/" not in page and "유일한 대표 담당자" in page
    response = client.post(f"/employers/{pending_employer.pk}/members/{mine.pk}/remove/", follow=True)
    assert "마지막 대표 담당자는 삭제할 수 없습니다" in response.content.decode()
    assert EmployerMember.objects.filter(pk=mine.pk).exists()
    with pytest.raises(ValidationError):
        services.member_remove(employer=pending_employer, by=owner, member=mine)


def test_owner_removes_a_member_and_a_second_owner_may_leave(client, owner, pending_employer):
    plain = EmployerMemberFactory(employer=pending_employer, role=EmployerMember.Role.MEMBER)
    client.force_login(owner)
    response = client.post(f"/employers/{pending_employer.pk}/members/{plain.pk}/remove/")
    assert response.status_code == 302
    assert not EmployerMember.objects.filter(pk=plain.pk).exists()

    EmployerMemberFactory(employer=pending_employer, role=EmployerMember.Role.OWNER)
    mine = pending_employer.memberships.get(user=owner)
    response = client.post(f"/employers/{pending_employer.pk}/members/{mine.pk}/remove/")
    assert response["Location"] == "/employers/"
    assert client.get(f"/employers/{pending_employer.pk}/").status_code == 404


def test_detail_explains_each_status(client, owner, pending_employer, district_staff):
    client.force_login(owner)
    CertificationFactory(employer=pending_employer, type=Certification.Type.VILLAGE, number="마을-2025-07")
    html = client.get(f"/employers/{pending_employer.pk}/").content.decode()
    assert "확인 대기" in html and "게시할 수는 없습니다" in html
    assert "마을기업" in html and "마을-2025-07" in html and owner.name in html

    services.employer_reject(
        employer=pending_employer, by=district_staff, reason="사업자등록증 사본의 상호가 다릅니다."
    )
    html = client.get(f"/employers/{pending_employer.pk}/").content.decode()
    assert "반려" in html and "사업자등록증 사본의 상호가 다릅니다." in html
    assert "다시 신청" in html and f'href="/employers/{pending_employer.pk}/edit/"' in html

    verified = services.employer_verify(employer=pending_employer, by=district_staff)
    html = client.get(f"/employers/{pending_employer.pk}/").content.decode()
    assert f"{verified.verified_at.astimezone().year}년" in html and "확인 완료" in html


def test_editing_a_rejected_employer_applies_again(client, owner, pending_employer, district_staff):
    services.employer_reject(employer=pending_employer, by=district_staff, reason="대표자 이름이 다릅니다.")
    client.force_login(owner)
    page = client.get(f"/employers/{pending_employer.pk}/edit/").content.decode()
    assert "대표자 이름이 다릅니다." in page and "다시 확인 신청하기" in page
    response = client.post(f"/employers/{pending_employer.pk}/edit/", edit_data(pending_employer), follow=True)
    assert "다시 확인을 신청했습니다" in response.content.decode()
    pending_employer.refresh_from_db()
    assert pending_employer.verification_status == Employer.Verification.PENDING
    assert pending_employer.rejection_reason == "" and pending_employer.representative == "박대표"
    # the reason stays in the decision history
    assert VerificationDecision.objects.get(employer=pending_employer).reason == "대표자 이름이 다릅니다."


def test_edit_replaces_the_company_types(client, owner, pending_employer):
    CertificationFactory(employer=pending_employer, type=Certification.Type.SOCIAL, number="2024-001")
    CertificationFactory(employer=pending_employer, type=Certification.Type.VILLAGE, number="마을-1")
    client.force_login(owner)
    page = client.get(f"/employers/{pending_employer.pk}/edit/").content.decode()
    assert 'value="2024-001"' in page and 'name="cert_social" id="id_cert_social" checked' in page
    client.post(
        f"/employers/{pending_employer.pk}/edit/",
        edit_data(
            pending_employer, cert_social="on", cert_social_number="2024-002", cert_coop="on", cert_coop_number="C-9"
        ),
    )
    certs = dict(pending_employer.certifications.values_list("type", "number"))
    assert certs == {"social": "2024-002", "coop": "C-9"}


def test_a_verified_employers_number_is_locked(client, owner, pending_employer, district_staff):
    services.employer_verify(employer=pending_employer, by=district_staff)
    original, original_name = pending_employer.brn, pending_employer.name
    client.force_login(owner)
    page = client.get(f"/employers/{pending_employer.pk}/edit/").content.decode()
    assert re.search(r'<input[^>]*name="brn"[^>]*disabled', page) and "바꿀 수 없습니다" in page
    client.post(f"/employers/{pending_employer.pk}/edit/", edit_data(pending_employer, brn=make_brn(), name="새 이름"))
    pending_employer.refresh_from_db()
    # the name is locked too now (it used to change here): see test_verified_identity.py
    assert pending_employer.brn == original and pending_employer.name == original_name
    assert pending_employer.industry == "금속 가공"  # the rest of the profile was saved
    assert pending_employer.verification_status == Employer.Verification.VERIFIED
    with pytest.raises(ValidationError) as exc:
        services.employer_update(employer=pending_employer, user=owner, brn=make_brn())
    assert "바꿀 수 없습니다" in exc.value.message_dict["brn"][0]


def test_a_pending_employer_may_fix_its_number_but_not_take_another(client, owner, pending_employer):
    taken = EmployerFactory(brn=make_brn())
    client.force_login(owner)
    response = client.post(f"/employers/{pending_employer.pk}/edit/", edit_data(pending_employer, brn=taken.brn))
    assert "이미 등록된 사업자등록번호입니다" in response.content.decode()
    fixed = make_brn()
    client.post(f"/employers/{pending_employer.pk}/edit/", edit_data(pending_employer, brn=fixed))
    pending_employer.refresh_from_db()
    assert pending_employer.brn == fixed


def test_only_owners_update_through_the_service(pending_employer):
    plain = EmployerMemberFactory(employer=pending_employer, role=EmployerMember.Role.MEMBER).user
    with pytest.raises(PermissionDenied):
        services.employer_update(employer=pending_employer, user=plain, name="바꾼 이름")
    with pytest.raises(PermissionDenied):
        services.employer_update(employer=pending_employer, user=UserFactory(), name="바꾼 이름")
