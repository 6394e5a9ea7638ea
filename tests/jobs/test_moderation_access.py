"""Only district staff may see or use the moderation pages: anonymous visitors are sent to the
login page; seekers, employer members, staff of a dong centre and Django admins without a
district staff membership get 403 on every page, GET and POST, and their POSTs change nothing."""

import pytest
from django.urls import reverse

from employers.models import Employer, VerificationDecision
from jobs.choices import PostingStatus, RevisionStatus
from jobs.models import PostingEvent
from namdong_jobs.reference.models import CommunityCentre
from tests.factories import (
    EmployerFactory,
    EmployerMemberFactory,
    SeekerProfileFactory,
    StaffMembershipFactory,
    UserFactory,
)
from tests.jobs.test_moderation_postings import make_district_staff, published_with_pending_revision, submitted_posting

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects():
    """One of each thing waiting for a decision, and the URLs that decide them."""
    employer = EmployerFactory(verification_status=Employer.Verification.PENDING)
    posting = submitted_posting(employer=employer)
    published, revision = published_with_pending_revision(title="바뀐 제목")
    return {
        "employer": employer,
        "posting": posting,
        "published": published,
        "revision": revision,
        "get": [
            reverse("moderation:queue"),
            reverse("moderation:history"),
            reverse("moderation:posting_review", args=[posting.pk]),
            reverse("moderation:revision_review", args=[revision.pk]),
            reverse("moderation:employer_review", args=[employer.pk]),
        ],
        "post": [
            reverse("moderation:posting_approve", args=[posting.pk]),
            reverse("moderation:posting_reject", args=[posting.pk]),
            reverse("moderation:revision_approve", args=[revision.pk]),
            reverse("moderation:revision_reject", args=[revision.pk]),
            reverse("moderation:employer_verify", args=[employer.pk]),
            reverse("moderation:employer_reject", args=[employer.pk]),
        ],
    }


def _seeker(objects):
    return SeekerProfileFactory().user


def _employer_member(objects):
    # a member of the very employer whose posting waits for review
    return EmployerMemberFactory(employer=objects["employer"]).user


def _other_employer_member(objects):
    return EmployerMemberFactory().user


def _dong_centre_staff(objects):
    return StaffMembershipFactory().user  # 구월1동 행정복지센터


def _django_superuser(objects):
    return UserFactory(is_staff=True, is_superuser=True)


def _inactive_district_staff(objects):
    user = make_district_staff()
    user.staff_membership.is_active = False
    user.staff_membership.save()
    return user


ROLES = [
    _seeker,
    _employer_member,
    _other_employer_member,
    _dong_centre_staff,
    _django_superuser,
    _inactive_district_staff,
]


def _assert_unchanged(objects):
    posting, revision, employer = objects["posting"], objects["revision"], objects["employer"]
    posting.refresh_from_db()
    revision.refresh_from_db()
    employer.refresh_from_db()
    assert posting.status == PostingStatus.SUBMITTED and posting.rejection_reason == ""
    assert revision.status == RevisionStatus.PENDING
    assert objects["published"].title != "바뀐 제목"
    objects["published"].refresh_from_db()
    assert objects["published"].title == "지게차 운전원 모집"
    assert employer.verification_status == Employer.Verification.PENDING
    assert not VerificationDecision.objects.exists()
    assert not PostingEvent.objects.filter(
        kind__in=["approved", "rejected", "revision_approved", "revision_rejected"]
    ).exists()


@pytest.mark.parametrize("make_user", ROLES, ids=lambda f: f.__name__.lstrip("_"))
def test_other_roles_get_403_everywhere_and_change_nothing(client, objects, make_user):
    user = make_user(objects)
    assert not user.is_district_staff
    client.force_login(user)
    for url in objects["get"] + objects["post"]:
        assert client.get(url).status_code == 403, url
    for url in objects["post"] + objects["get"]:
        assert client.post(url, {"reason": "권한 없는 반려"}).status_code == 403, url
    _assert_unchanged(objects)


def test_anonymous_visitors_are_sent_to_login_and_change_nothing(client, objects):
    login = reverse("accounts:login")
    for url in objects["get"] + objects["post"]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(login), url
    for url in objects["post"]:
        response = client.post(url, {"reason": "권한 없는 반려"})
        assert response.status_code == 302 and response.url.startswith(login), url
    _assert_unchanged(objects)


def test_district_staff_see_every_page(client, objects):
    user = make_district_staff()
    assert user.staff_centre.kind == CommunityCentre.Kind.DISTRICT
    client.force_login(user)
    for url in objects["get"]:
        assert client.get(url).status_code == 200, url
