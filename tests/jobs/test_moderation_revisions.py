"""Moderation of pending revisions of published postings (``/moderation/revisions/<pk>/``)."""

import datetime

import pytest
from django.urls import reverse

from jobs.choices import PostingEventKind, PostingStatus, RevisionStatus
from jobs.services import posting_close, posting_update
from namdong_jobs.reference.models import Dong
from tests.factories import EmployerMemberFactory
from tests.jobs.test_moderation_postings import make_district_staff, published_with_pending_revision

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = make_district_staff()
    client.force_login(user)
    return user


def test_review_shows_changed_fields_in_plain_korean(client, staff):
    posting, revision = published_with_pending_revision(
        title="지게차 운전원 채용",
        employment_type="contract",
        wage_min=2_600_000,
        work_days=["MON", "TUE", "WED"],
        benefits=["meals", "shuttle"],
        dong=Dong.objects.get(code="2820051000"),  # 구월1동
        deadline=None,
        description="물류 창고 지게차 운전\n남자만 지원",
    )

    response = client.get(reverse("moderation:revision_review", args=[revision.pk]))

    assert response.status_code == 200
    rows = {row["name"]: row for row in response.context["rows"]}
    assert set(rows) == {
        "title",
        "employment_type",
        "wage_min",
        "work_days",
        "benefits",
        "dong",
        "deadline",
        "description",
    }
    assert rows["title"]["label"] == "제목"
    assert (rows["title"]["old"]["text"], rows["title"]["new"]["text"]) == ("지게차 운전원 모집", "지게차 운전원 채용")
    assert (rows["employment_type"]["old"]["text"], rows["employment_type"]["new"]["text"]) == ("정규직", "계약직")
    assert (rows["wage_min"]["old"]["text"], rows["wage_min"]["new"]["text"]) == ("250만원", "260만원")
    assert rows["work_days"]["new"]["text"] == "월, 화, 수"
    assert rows["benefits"]["new"]["text"] == "식사 제공, 통근버스"
    assert (rows["dong"]["old"]["text"], rows["dong"]["new"]["text"]) == ("논현고잔동", "구월1동")
    assert rows["deadline"]["old"]["text"].startswith(f"{posting.deadline.year}년 {posting.deadline.month}월")
    assert rows["deadline"]["new"]["empty"]
    html = response.content.decode()
    assert "<mark>남자만</mark>" in html
    assert "성별 제한" in html and "제7조" in html
    assert '<label for="id_reason">' in html


def test_approve_replaces_the_live_text(client, staff):
    posting, revision = published_with_pending_revision(title="지게차 운전원 채용 (주간)")

    response = client.post(reverse("moderation:revision_approve", args=[revision.pk]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("moderation:queue")
    assert "수정본을 승인했습니다." in response.content.decode()
    posting.refresh_from_db()
    revision.refresh_from_db()
    assert posting.title == "지게차 운전원 채용 (주간)"
    assert posting.status == PostingStatus.PUBLISHED
    assert posting.current_revision == revision
    assert revision.status == RevisionStatus.APPROVED
    assert revision.decided_by == staff and revision.decided_at is not None
    event = posting.events.get(kind=PostingEventKind.REVISION_APPROVED)
    assert event.actor == staff and event.revision == revision
    assert "지게차 운전원 채용 (주간)" in client.get(reverse("jobs:detail", args=[posting.pk])).content.decode()


def test_reject_keeps_the_live_text_and_needs_a_reason(client, staff):
    posting, revision = published_with_pending_revision(title="바뀐 제목")
    url = reverse("moderation:revision_reject", args=[revision.pk])

    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert "반려 사유를 적어 주세요." in response.content.decode()
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.PENDING

    response = client.post(url, {"reason": "제목에 회사 이름을 빼 주세요."})
    assert response.status_code == 302
    posting.refresh_from_db()
    revision.refresh_from_db()
    assert posting.title == "지게차 운전원 모집"
    assert revision.status == RevisionStatus.REJECTED
    assert revision.reason == "제목에 회사 이름을 빼 주세요."
    assert revision.decided_by == staff
    event = posting.events.get(kind=PostingEventKind.REVISION_REJECTED)
    assert event.reason == "제목에 회사 이름을 빼 주세요." and event.actor == staff


def test_decided_revision_page_is_read_only(client, staff):
    posting, revision = published_with_pending_revision(title="바뀐 제목")
    client.post(reverse("moderation:revision_approve", args=[revision.pk]))

    response = client.get(reverse("moderation:revision_review", args=[revision.pk]))

    html = response.content.decode()
    assert "이 수정본은 검토를 기다리고 있지 않습니다." in html
    assert reverse("moderation:revision_approve", args=[revision.pk]) not in html
    response = client.post(reverse("moderation:revision_approve", args=[revision.pk]))
    assert "검토 중인 수정본만 승인할 수 있습니다." in response.content.decode()
    assert posting.events.filter(kind=PostingEventKind.REVISION_APPROVED).count() == 1


def test_closing_a_posting_withdraws_its_pending_revision(client, staff):
    """An edit waiting for review means nothing once the posting is closed: it leaves the
    queue without a rejection the employer would have to read."""
    posting, revision = published_with_pending_revision(title="바뀐 제목")
    member = EmployerMemberFactory(employer=posting.employer).user
    posting_close(posting=posting, by=member)
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.WITHDRAWN
    assert list(client.get(reverse("moderation:queue")).context["revisions"]) == []
    client.post(reverse("moderation:revision_approve", args=[revision.pk]))
    posting.refresh_from_db()
    assert posting.title == "지게차 운전원 모집"


def test_revision_of_a_posting_past_its_deadline_cannot_be_approved_but_can_be_rejected(client, staff):
    """Before the expiry task has run, a posting past its deadline is closed to the public; its
    pending revision is marked in the queue and can only be rejected."""
    posting, revision = published_with_pending_revision(title="바뀐 제목")
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    type(posting).objects.filter(pk=posting.pk).update(
        date_posted=yesterday - datetime.timedelta(days=10), deadline=yesterday
    )

    queue = client.get(reverse("moderation:queue")).content.decode()
    assert "공고 마감됨" in queue
    review = client.get(reverse("moderation:revision_review", args=[revision.pk])).content.decode()
    assert "공고가 이미 마감되어 이 수정본은 승인할 수 없습니다." in review

    response = client.post(reverse("moderation:revision_approve", args=[revision.pk]))
    assert "공고가 이미 마감되어 수정본을 반영할 수 없습니다." in response.content.decode()
    posting.refresh_from_db()
    assert posting.title == "지게차 운전원 모집"

    client.post(reverse("moderation:revision_reject", args=[revision.pk]), {"reason": "마감된 공고입니다."})
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.REJECTED


def test_staff_edit_is_a_decision_without_review(client, staff):
    """A district staff edit goes live at once (a new approved revision, not a pending one)."""
    posting, _revision = published_with_pending_revision(title="바뀐 제목")
    posting_update(posting=posting, by=staff, fields={"deadline": posting.deadline + datetime.timedelta(days=1)})
    assert not posting.revisions.filter(status=RevisionStatus.PENDING).exists()
    assert list(client.get(reverse("moderation:queue")).context["revisions"]) == []
