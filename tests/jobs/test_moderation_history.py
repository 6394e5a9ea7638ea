"""The record of moderation decisions (``/moderation/history/``)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from employers.models import Employer, VerificationDecision
from jobs.choices import PostingEventKind, PostingStatus
from jobs.models import PostingEvent
from tests.factories import EmployerFactory, JobPostingFactory
from tests.jobs.test_moderation_postings import (
    approve,
    make_district_staff,
    published_with_pending_revision,
    submitted_posting,
    verify,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = make_district_staff()
    client.force_login(user)
    return user


def test_history_lists_every_kind_of_decision_newest_first(client, staff):
    approved = submitted_posting(title="승인할 공고")
    rejected = submitted_posting(title="반려할 공고")
    _posting, revision = published_with_pending_revision(title="수정본 제목")
    employer = EmployerFactory(name="(주)확인할기업", verification_status=Employer.Verification.PENDING)

    approve(client, approved)
    client.post(reverse("moderation:posting_reject", args=[rejected.pk]), {"reason": "근무지가 빠졌습니다."})
    client.post(reverse("moderation:revision_reject", args=[revision.pk]), {"reason": "제목이 부정확합니다."})
    verify(client, employer)

    response = client.get(reverse("moderation:history"))

    assert response.status_code == 200
    entries = response.context["entries"]
    assert [e["kind"] for e in entries] == ["기업 확인 완료", "수정본 반려", "반려", "승인·게시"]
    assert [e["url"] for e in entries] == [
        reverse("moderation:employer_review", args=[employer.pk]),
        reverse("moderation:revision_review", args=[revision.pk]),
        reverse("moderation:posting_review", args=[rejected.pk]),
        reverse("moderation:posting_review", args=[approved.pk]),
    ]
    assert all(e["actor"] == staff for e in entries)
    html = response.content.decode()
    assert "근무지가 빠졌습니다." in html and "제목이 부정확합니다." in html
    assert "(주)확인할기업" in html and "승인할 공고" in html


def test_history_leaves_out_events_that_are_not_decisions(client, staff):
    posting = JobPostingFactory(status=PostingStatus.DRAFT)
    PostingEvent.objects.create(posting=posting, kind=PostingEventKind.CREATED, actor=staff)
    PostingEvent.objects.create(posting=posting, kind=PostingEventKind.SUBMITTED, actor=staff)
    response = client.get(reverse("moderation:history"))
    assert response.context["entries"] == []
    assert "아직 처리한 기록이 없습니다." in response.content.decode()


def _decisions(staff, n_events: int, n_employers: int) -> None:
    start = timezone.now() - datetime.timedelta(days=10)
    for i in range(n_events):
        posting = JobPostingFactory()
        event = PostingEvent.objects.create(
            posting=posting, kind=PostingEventKind.APPROVED, actor=staff, to_status=PostingStatus.PUBLISHED
        )
        PostingEvent.objects.filter(pk=event.pk).update(at=start + datetime.timedelta(minutes=2 * i))
    for i in range(n_employers):
        employer = EmployerFactory()
        decision = VerificationDecision.objects.create(
            employer=employer, decision=VerificationDecision.Decision.VERIFIED, decided_by=staff
        )
        VerificationDecision.objects.filter(pk=decision.pk).update(
            decided_at=start + datetime.timedelta(minutes=2 * i + 1)
        )


def test_history_is_paginated_by_30_newest_first(client, staff):
    _decisions(staff, 20, 15)
    first = client.get(reverse("moderation:history"))
    second = client.get(reverse("moderation:history"), {"page": 2})
    assert len(first.context["entries"]) == 30
    assert len(second.context["entries"]) == 5
    times = [e["at"] for e in first.context["entries"]] + [e["at"] for e in second.context["entries"]]
    assert times == sorted(times, reverse=True)
    assert "1 / 2 쪽" in first.content.decode()
    assert client.get(reverse("moderation:history"), {"page": "abc"}).status_code == 200


def test_history_queries_do_not_grow_with_the_rows(client, staff):
    _decisions(staff, 2, 1)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("moderation:history"))
    _decisions(staff, 25, 10)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("moderation:history"))
    assert len(response.context["entries"]) == 30
    assert len(many) == len(few)
