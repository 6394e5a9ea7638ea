"""The staff-only summary of what matching did for a posting (counts and reasons, no names)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.choices import ConsentPurpose
from jobs.matching import match_posting
from jobs.matching.summary import match_summary
from namdong_jobs.reference.models import CommunityCentre
from tests.factories import EmployerMemberFactory, StaffMembershipFactory

from .helpers import posting, seeker

pytestmark = pytest.mark.django_db


def test_the_summary_counts_matches_reasons_and_notices_without_naming_declared_groups():
    seeker(name="김비밀", notify_channels=["email"])
    seeker(
        consents=(ConsentPurpose.NOTIFICATIONS, ConsentPurpose.SENSITIVE),
        declared_groups=["disabled"],
        notify_frequency="daily",
    )
    job = posting(priority_groups=["disabled"])
    match_posting(job.pk)
    job.refresh_from_db()
    summary = match_summary(job)
    assert summary.matches == 2
    assert dict(summary.reasons) == {"희망 직종 일치": 2, "우대 대상 (본인 신고)": "3명 미만"}
    channels = dict(summary.channels)
    assert channels["이메일"]["pending"] == 1 and channels["사이트 알림함"]["sent"] == 1
    assert summary.waiting_digest == 1
    assert summary.matched_at == job.matched_at


def test_staff_see_the_summary_on_the_manage_page_and_employers_do_not(client):
    seeker(name="김비밀")
    district = StaffMembershipFactory(centre=CommunityCentre.objects.get(kind=CommunityCentre.Kind.DISTRICT)).user
    member = EmployerMemberFactory().user
    job = posting(employer=member.employer_memberships.get().employer, published_at=timezone.now())
    match_posting(job.pk)
    url = reverse("manage:posting_detail", args=[job.pk])

    client.force_login(district)
    html = client.get(url).content.decode()
    assert "맞춤 알림 (직원용)" in html and "구직자 1명을 찾았습니다" in html
    assert "김비밀" not in html

    client.force_login(member)
    html = client.get(url).content.decode()
    assert "맞춤 알림" not in html
