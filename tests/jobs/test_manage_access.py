"""Who may use the manage pages: another employer's or another centre's posting is a 404,
seekers get 403 on the dashboard and 404 on postings, anonymous visitors go to the login
page, only centre staff publish directly, and an unverified employer can write and submit but
not be published."""

import pytest
from django.urls import reverse

from employers.models import Employer
from jobs.choices import ApplyMethod, EntryChannel, PostingStatus
from jobs.models import JobPosting
from namdong_jobs.reference.models import CommunityCentre
from tests.factories import (
    EmployerFactory,
    EmployerMemberFactory,
    JobPostingFactory,
    SeekerProfileFactory,
    StaffMembershipFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("manage_clock")]

PAGES = ("posting_detail", "posting_edit")
ACTIONS = (
    "posting_submit",
    "posting_withdraw",
    "posting_publish",
    "posting_close",
    "posting_fill",
    "posting_duplicate",
)


def assert_all_404(client, posting):
    for name in PAGES:
        assert client.get(reverse(f"manage:{name}", args=[posting.pk])).status_code == 404, name
    for name in ACTIONS:
        response = client.post(reverse(f"manage:{name}", args=[posting.pk]), {"confirm": "yes"})
        assert response.status_code == 404, name
    response = client.post(reverse("manage:posting_edit", args=[posting.pk]), {"title": "바꿈"})
    assert response.status_code == 404


@pytest.fixture
def b_posting():
    """A published posting of employer B."""
    return JobPostingFactory(title="B 기업 공고", apply_methods=[ApplyMethod.ONLINE])


@pytest.fixture
def gu1_phone_posting():
    """A posting 구월1동 행정복지센터 entered from a phone call."""
    centre = CommunityCentre.objects.get(name="구월1동 행정복지센터")
    return JobPostingFactory(
        title="구월1동 전화 접수 공고",
        status=PostingStatus.DRAFT,
        published_at=None,
        entry_channel=EntryChannel.PHONE,
        centre=centre,
        apply_methods=[ApplyMethod.ONLINE],
    )


def test_member_of_employer_a_gets_404_on_b_posting(client, manage_member, b_posting):
    client.force_login(manage_member)
    assert_all_404(client, b_posting)
    b_posting.refresh_from_db()
    assert b_posting.status == PostingStatus.PUBLISHED
    assert b_posting.title == "B 기업 공고"
    assert JobPosting.objects.count() == 1  # nothing was duplicated
    assert "B 기업 공고" not in client.get(reverse("manage:dashboard")).content.decode()


def test_seeker_gets_403_on_dashboard_and_404_on_postings(client, b_posting):
    seeker = SeekerProfileFactory().user
    client.force_login(seeker)
    assert client.get(reverse("manage:dashboard")).status_code == 403
    assert client.get(reverse("manage:posting_create")).status_code == 403
    assert client.post(reverse("manage:posting_create"), {"title": "x"}).status_code == 403
    assert_all_404(client, b_posting)


def test_staff_of_another_centre_gets_404_on_a_gu1_posting(client, gu1_phone_posting):
    other = StaffMembershipFactory(centre=CommunityCentre.objects.get(name="간석1동 행정복지센터")).user
    client.force_login(other)
    assert client.get(reverse("manage:dashboard")).status_code == 200
    assert_all_404(client, gu1_phone_posting)


def test_inactive_staff_membership_gives_no_access(client, gu1_phone_posting):
    former = StaffMembershipFactory(is_active=False).user
    client.force_login(former)
    assert client.get(reverse("manage:dashboard")).status_code == 403
    assert_all_404(client, gu1_phone_posting)


def test_gu1_staff_and_district_staff_reach_the_gu1_posting(
    client, manage_centre_staff, manage_district_staff, gu1_phone_posting
):
    for user in (manage_centre_staff, manage_district_staff):
        client.force_login(user)
        assert client.get(reverse("manage:posting_detail", args=[gu1_phone_posting.pk])).status_code == 200


def test_anonymous_is_redirected_to_login(client, b_posting):
    login = reverse("accounts:login")
    urls = [reverse("manage:dashboard"), reverse("manage:posting_create")]
    urls += [reverse(f"manage:{name}", args=[b_posting.pk]) for name in PAGES]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(login), url
        assert "next=" in response.url
    for name in ACTIONS:
        response = client.post(reverse(f"manage:{name}", args=[b_posting.pk]), {"confirm": "yes"})
        assert response.status_code == 302, name
        assert response.url.startswith(login), name
    b_posting.refresh_from_db()
    assert b_posting.status == PostingStatus.PUBLISHED


def test_employer_member_cannot_use_the_staff_direct_publish(client, manage_member):
    posting = JobPostingFactory(
        employer=manage_member.employer_memberships.get().employer,
        status=PostingStatus.DRAFT,
        published_at=None,
        apply_methods=[ApplyMethod.ONLINE],
    )
    client.force_login(manage_member)
    detail = client.get(reverse("manage:posting_detail", args=[posting.pk])).content.decode()
    assert reverse("manage:posting_publish", args=[posting.pk]) not in detail
    response = client.post(reverse("manage:posting_publish", args=[posting.pk]))
    assert response.status_code == 403
    posting.refresh_from_db()
    assert posting.status == PostingStatus.DRAFT


def test_unverified_employer_member_creates_and_submits(client, manage_form_data):
    employer = EmployerFactory(verification_status=Employer.Verification.PENDING)
    member = EmployerMemberFactory(employer=employer).user
    client.force_login(member)
    assert "아직 기업 확인 전입니다" in client.get(reverse("manage:posting_create")).content.decode()
    response = client.post(reverse("manage:posting_create"), manage_form_data(), follow=True)
    posting = JobPosting.objects.get()
    assert posting.employer == employer
    assert "아직 기업 확인 전입니다" in response.content.decode()

    client.post(reverse("manage:posting_submit", args=[posting.pk]))
    posting.refresh_from_db()
    assert posting.status == PostingStatus.SUBMITTED


def test_staff_direct_publish_for_an_unverified_employer_is_refused(client, manage_centre_staff, manage_form_data):
    employer = EmployerFactory(verification_status=Employer.Verification.PENDING)
    client.force_login(manage_centre_staff)
    data = manage_form_data(employer=str(employer.pk), entry_channel="phone")
    assert client.post(reverse("manage:posting_create"), data).status_code == 302
    posting = JobPosting.objects.get()
    assert posting.centre == manage_centre_staff.staff_centre

    response = client.post(reverse("manage:posting_publish", args=[posting.pk]), follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert any("기업 확인이 끝나지 않아 게시할 수 없습니다" in m for m in messages)
    posting.refresh_from_db()
    assert posting.status == PostingStatus.DRAFT


def test_staff_cannot_enter_for_an_external_employer(client, manage_centre_staff, manage_form_data):
    external = EmployerFactory(verification_status=Employer.Verification.EXTERNAL, brn=None)
    client.force_login(manage_centre_staff)
    response = client.post(
        reverse("manage:posting_create"), manage_form_data(employer=str(external.pk), entry_channel="phone")
    )
    assert response.status_code == 200
    assert "employer" in response.context["form"].errors
    assert not JobPosting.objects.exists()
