"""Malformed page numbers never give a 500 (review of issue 6): ``--1``, ``²``, ``-0`` and
friends are "not a number" and show the first page, on every paginated page."""

import pytest
from django.urls import reverse

from jobs.views.public import page_below_one
from namdong_jobs.reference.models import CommunityCentre
from tests.factories import ApplicationFactory, JobPostingFactory, SeekerProfileFactory, StaffMembershipFactory

pytestmark = pytest.mark.django_db

BAD_PAGES = ["--1", "²", "-0", "- 1", "1.5", "１", "99999999999999999999", "0", "-3", "%00", "abc"]


def test_page_below_one_only_takes_ascii_numbers():
    assert page_below_one("0") and page_below_one("-3")
    assert not any(page_below_one(raw) for raw in ["--1", "²", "1", "", "abc", "-", "١"])


@pytest.mark.parametrize("raw", BAD_PAGES)
def test_public_and_seeker_pages(client, raw):
    JobPostingFactory()
    for url in (reverse("jobs:list"), "/jobs/api/postings.json"):
        assert client.get(url, {"page": raw}).status_code == 200
    profile = SeekerProfileFactory()
    client.force_login(profile.user)
    assert client.get(reverse("seeker:home"), {"page": raw, "saved_page": raw}).status_code == 200


@pytest.mark.parametrize("raw", BAD_PAGES)
def test_staff_and_employer_pages(client, raw):
    district = StaffMembershipFactory(centre=CommunityCentre.objects.get(kind=CommunityCentre.Kind.DISTRICT)).user
    client.force_login(district)
    for name in ("moderation:history", "moderation:messages"):
        assert client.get(reverse(name), {"page": raw}).status_code == 200
    application = ApplicationFactory()
    member = application.posting.employer.memberships.create(user=SeekerProfileFactory().user, role="owner").user
    client.force_login(member)
    url = reverse("manage:posting_applicants", args=[application.posting.pk])
    assert client.get(url, {"page": raw}).status_code == 200
