"""The Django admin that district staff use for postings until their own pages exist."""

import pytest

from tests.factories import JobPostingFactory

pytestmark = pytest.mark.django_db


def test_admin_array_errors_name_the_right_item(client):
    from django.utils import timezone

    from namdong_jobs.reference.models import CommunityCentre
    from tests.factories import StaffMembershipFactory, UserFactory

    admin = UserFactory(is_staff=True, is_superuser=True, email_verified_at=timezone.now())
    StaffMembershipFactory(user=admin, centre=CommunityCentre.objects.get(kind="district"))
    posting = JobPostingFactory()
    client.force_login(admin)
    url = f"/admin/jobs/jobposting/{posting.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list | dict)}
    data.update(
        title=posting.title,
        employer=posting.employer_id,
        status=posting.status,
        source=posting.source,
        date_posted="2026-11-01",
        work_days="MON,XYZ",
        shifts="",
        priority_groups="",
        benefits="",
        raw="{}",
        wage_type=posting.wage_type,
        wage_min=posting.wage_min,
        wage_max=posting.wage_max,
    )
    data = {k: ("" if v is None else v) for k, v in data.items()}
    html = client.post(url, data).content.decode()
    assert "배열의 2번째 값이 올바르지 않습니다" in html


@pytest.mark.parametrize("role", ["anonymous", "seeker", "employer", "centre_staff_without_admin"])
def test_only_admin_staff_reach_the_admin(client, role):
    from namdong_jobs.reference.models import CommunityCentre
    from tests.factories import EmployerMemberFactory, SeekerProfileFactory, StaffMembershipFactory

    if role == "seeker":
        client.force_login(SeekerProfileFactory().user)
    elif role == "employer":
        client.force_login(EmployerMemberFactory().user)
    elif role == "centre_staff_without_admin":
        membership = StaffMembershipFactory(centre=CommunityCentre.objects.get(name="간석1동 행정복지센터"))
        client.force_login(membership.user)
    posting = JobPostingFactory()
    for url in ("/admin/", "/admin/jobs/jobposting/", f"/admin/jobs/jobposting/{posting.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/admin/login/"), url


def test_draft_postings_stay_hidden_from_every_public_role(client):
    from jobs.choices import PostingStatus
    from tests.factories import EmployerMemberFactory, SeekerProfileFactory

    member = EmployerMemberFactory()
    draft = JobPostingFactory(employer=member.employer, status=PostingStatus.DRAFT)
    for user in (None, SeekerProfileFactory().user, EmployerMemberFactory().user):
        client.logout()
        if user:
            client.force_login(user)
        assert client.get(draft.get_absolute_url()).status_code == 404
