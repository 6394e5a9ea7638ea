"""Moderation holes found by the first review: approving text the reviewer never saw, flags
approved with one click, a revoked employer's postings staying live, history quoting today's
title, invisible rejection reasons."""

import pytest
from django.urls import reverse

from employers.models import Employer
from jobs.choices import PostingEventKind, PostingStatus, RevisionStatus
from jobs.models import JobPosting, PostingEvent
from jobs.services import posting_submit, posting_update, posting_withdraw
from jobs.services.revisions import content_fingerprint
from tests.factories import EmployerMemberFactory, JobPostingFactory
from tests.jobs.test_moderation_postings import (
    approve,
    make_district_staff,
    published_with_pending_revision,
    ready_fields,
    submitted_posting,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = make_district_staff()
    client.force_login(user)
    return user


def test_a_posting_changed_after_the_review_page_opened_is_not_approved(client, staff):
    posting = submitted_posting(title="아파트 경비원 모집")
    member = EmployerMemberFactory(employer=posting.employer).user
    page = client.get(reverse("moderation:posting_review", args=[posting.pk]))
    seen = page.context["seen"]
    assert f'name="seen" value="{seen}"' in page.content.decode()
    # the employer withdraws, swaps the title and asks again while the page is open
    posting_withdraw(posting=posting, by=member)
    posting_update(posting=posting, by=member, fields={"title": "아파트 경비원 모집 (바꿔치기)"})
    posting_submit(posting=posting, by=member)

    response = approve(client, posting, seen=seen)
    assert response.status_code == 200
    assert "검토 화면을 연 뒤 공고 내용이 바뀌었습니다." in response.content.decode()
    assert JobPosting.objects.get(pk=posting.pk).status == PostingStatus.SUBMITTED
    # a form without the fingerprint is treated as stale too
    response = client.post(reverse("moderation:posting_approve", args=[posting.pk]))
    assert JobPosting.objects.get(pk=posting.pk).status == PostingStatus.SUBMITTED
    # what the page shows now can be approved
    approve(client, posting)
    assert JobPosting.objects.get(pk=posting.pk).status == PostingStatus.PUBLISHED


def test_a_renamed_employer_makes_the_review_stale(client, staff):
    posting = submitted_posting()
    seen = content_fingerprint(posting)
    Employer.objects.filter(pk=posting.employer_id).update(name="삼성전자(주)")
    approve(client, posting, seen=seen)
    assert JobPosting.objects.get(pk=posting.pk).status == PostingStatus.SUBMITTED


def test_flagged_text_needs_the_reviewer_to_say_the_flags_were_read(client, staff):
    member = EmployerMemberFactory()
    posting = JobPostingFactory(
        **ready_fields(employer=member.employer, status=PostingStatus.DRAFT, description="35세 이하 남성만")
    )
    posting_submit(posting=posting, by=member.user)
    page = client.get(reverse("moderation:posting_review", args=[posting.pk])).content.decode()
    assert 'name="flags_checked"' in page and "법령 검토 표시 2곳을 읽고 확인했습니다" in page

    response = approve(client, posting)
    assert "확인했다고 표시해야 승인할 수 있습니다" in response.content.decode()
    assert JobPosting.objects.get(pk=posting.pk).status == PostingStatus.SUBMITTED
    approve(client, posting, flags_checked="on")
    assert JobPosting.objects.get(pk=posting.pk).status == PostingStatus.PUBLISHED


def test_a_revision_replaced_while_open_cannot_be_approved(client, staff):
    posting, first = published_with_pending_revision(title="지게차 운전원 채용 (급여 인상)")
    member = first.created_by
    client.get(reverse("moderation:revision_review", args=[first.pk]))
    posting_update(posting=posting, by=member, fields={"title": "지게차 35세 이하 남성만 (바꿔치기)"})
    response = client.post(reverse("moderation:revision_approve", args=[first.pk]))
    assert "새 수정본이 올라왔습니다" in response.content.decode()
    assert JobPosting.objects.get(pk=posting.pk).title == "지게차 운전원 모집"
    first.refresh_from_db()
    assert first.status == RevisionStatus.WITHDRAWN


def test_revoking_a_verified_employer_closes_its_published_postings(client, staff):
    posting = JobPostingFactory(**ready_fields())
    other = JobPostingFactory(**ready_fields())
    response = client.post(
        reverse("moderation:employer_reject", args=[posting.employer_id]), {"reason": "폐업"}, follow=True
    )
    assert "게시 중이던 이 기업의 공고 1건을 마감했습니다." in response.content.decode()
    posting.refresh_from_db()
    assert posting.status == PostingStatus.CLOSED
    assert posting not in JobPosting.objects.open()
    event = PostingEvent.objects.filter(posting=posting).latest("at")
    assert (event.kind, event.actor, event.reason) == (PostingEventKind.CLOSED, staff, "기업 확인 취소: 폐업")
    assert JobPosting.objects.get(pk=other.pk).status == PostingStatus.PUBLISHED  # another employer's stays


def test_history_quotes_the_title_of_the_revision_decided(client, staff):
    posting, revision = published_with_pending_revision(title="지게차 운전원 채용 (2판)")
    client.post(reverse("moderation:revision_reject", args=[revision.pk]), {"reason": "제목이 부정확합니다."})
    member = revision.created_by
    posting_update(posting=posting, by=member, fields={"title": "지게차 운전원 채용 (3판)"})
    entries = client.get(reverse("moderation:history")).context["entries"]
    assert [e["name"] for e in entries] == ["지게차 운전원 채용 (2판)"]


@pytest.mark.parametrize("reason", ["\u200b", "\u200b \ufeff", "\x0b"])
def test_an_invisible_rejection_reason_is_no_reason(client, staff, reason):
    posting = submitted_posting()
    response = client.post(reverse("moderation:posting_reject", args=[posting.pk]), {"reason": reason})
    assert response.status_code == 200
    assert "반려 사유를 적어 주세요." in response.content.decode()
    assert JobPosting.objects.get(pk=posting.pk).status == PostingStatus.SUBMITTED


def test_an_employer_changed_after_the_review_page_opened_is_not_verified(client, staff):
    from employers.services.verification import employer_fingerprint
    from tests.factories import CertificationFactory, EmployerFactory

    employer = EmployerFactory(verification_status=Employer.Verification.PENDING)
    seen = client.get(reverse("moderation:employer_review", args=[employer.pk])).context["seen"]
    assert seen == employer_fingerprint(employer)
    CertificationFactory(employer=employer, type="village", number="가짜-2026-001")  # added meanwhile
    response = client.post(reverse("moderation:employer_verify", args=[employer.pk]), {"seen": seen})
    assert "검토 화면을 연 뒤 기업 정보가 바뀌었습니다." in response.content.decode()
    employer.refresh_from_db()
    assert employer.verification_status == Employer.Verification.PENDING
