"""Moderation of postings by district staff: the queue, the posting review page, approve and
reject (``/moderation/``). The helpers at the top are shared by the other
``test_moderation_*`` modules."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from employers.models import Employer
from employers.services.verification import employer_fingerprint
from jobs.choices import ApplyMethod, PostingEventKind, PostingStatus, RevisionStatus
from jobs.models import JobPosting, PostingEvent, today_kst
from jobs.services import posting_update
from jobs.services.revisions import content_fingerprint
from namdong_jobs.reference.models import CommunityCentre
from tests.factories import EmployerFactory, EmployerMemberFactory, JobPostingFactory, StaffMembershipFactory

pytestmark = pytest.mark.django_db

UNVERIFIED_MESSAGE = "기업 확인이 끝나지 않아 게시할 수 없습니다"

# ---- helpers shared by the test_moderation_* modules ------------------------------------------


def make_district_staff():
    """A user on the staff of the district job centre (구청 일자리센터)."""
    centre = CommunityCentre.objects.get(kind=CommunityCentre.Kind.DISTRICT)
    return StaffMembershipFactory(centre=centre).user


def ready_fields(**overrides) -> dict:
    """Factory values of a posting that passes ``publication_errors``."""
    return {"apply_methods": [ApplyMethod.PHONE], "contact_phone": "032-453-5000", **overrides}


def approve(client, posting, *, follow=False, **data):
    """POST the approval as the review page does: with the fingerprint of the posting as it
    is now (what the page showed)."""
    fresh = JobPosting.objects.select_related("employer").get(pk=posting.pk)
    data.setdefault("seen", content_fingerprint(fresh))
    return client.post(reverse("moderation:posting_approve", args=[posting.pk]), data, follow=follow)


def verify(client, employer, *, follow=False, **data):
    """POST the employer verification as the review page does, with the fingerprint of the
    registration as it is now."""
    data.setdefault("seen", employer_fingerprint(Employer.objects.get(pk=employer.pk)))
    return client.post(reverse("moderation:employer_verify", args=[employer.pk]), data, follow=follow)


def submitted_posting(*, minutes_ago: int = 60, **overrides) -> JobPosting:
    """A posting waiting for review, submitted ``minutes_ago`` minutes ago."""
    fields = ready_fields(
        status=PostingStatus.SUBMITTED,
        submitted_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        published_at=None,
    )
    fields.update(overrides)
    return JobPostingFactory(**fields)


def published_with_pending_revision(**changes):
    """A published posting and a pending revision proposed by a member of its employer
    (through ``posting_update``, as the employer's edit page will)."""
    posting = JobPostingFactory(**ready_fields(title="지게차 운전원 모집", description="물류 창고 지게차 운전"))
    member = EmployerMemberFactory(employer=posting.employer).user
    revision = posting_update(posting=posting, by=member, fields=changes or {"title": "지게차 운전원 채용"})
    return posting, revision


@pytest.fixture
def staff(client):
    """A logged-in district staff member (``client`` is logged in as them)."""
    user = make_district_staff()
    client.force_login(user)
    return user


# ---- queue ----------------------------------------------------------------------------------


def test_queue_lists_submitted_postings_oldest_first_and_not_drafts_or_published(client, staff):
    newer = submitted_posting(title="새로 온 공고", minutes_ago=5)
    older = submitted_posting(title="먼저 온 공고", minutes_ago=300, law_flags=[{"field": "title"}] * 2)
    JobPostingFactory(title="작성 중인 공고", status=PostingStatus.DRAFT)
    JobPostingFactory(title="게시 중인 공고")
    JobPostingFactory(title="반려된 공고", status=PostingStatus.REJECTED)

    response = client.get(reverse("moderation:queue"))

    assert response.status_code == 200
    assert list(response.context["postings"]) == [older, newer]
    html = response.content.decode()
    assert "작성 중인 공고" not in html and "게시 중인 공고" not in html and "반려된 공고" not in html
    assert reverse("moderation:posting_review", args=[older.pk]) in html
    assert older.employer.name in html
    assert "확인 완료" in html  # the employer's verification status


def test_queue_shows_pending_revisions_and_employers_awaiting_verification(client, staff):
    posting, revision = published_with_pending_revision()
    old_employer = EmployerFactory(name="먼저 등록한 기업", verification_status=Employer.Verification.PENDING)
    new_employer = EmployerFactory(name="나중에 등록한 기업", verification_status=Employer.Verification.PENDING)
    Employer.objects.filter(pk=old_employer.pk).update(created_at=timezone.now() - datetime.timedelta(days=2))
    EmployerFactory(name="확인된 기업")

    response = client.get(reverse("moderation:queue"))

    assert list(response.context["revisions"]) == [revision]
    assert response.context["revisions"][0].changed_count == 1
    assert list(response.context["employers"]) == [old_employer, new_employer]
    html = response.content.decode()
    assert reverse("moderation:revision_review", args=[revision.pk]) in html
    assert reverse("moderation:employer_review", args=[old_employer.pk]) in html
    assert "확인된 기업" not in html


def test_queue_empty_states_in_korean(client, staff):
    html = client.get(reverse("moderation:queue")).content.decode()
    assert "검토할 공고가 없습니다." in html
    assert "검토할 수정본이 없습니다." in html
    assert "확인을 기다리는 기업이 없습니다." in html


def test_queue_queries_do_not_grow_with_the_rows(client, staff):
    def one_of_each():
        submitted_posting(employer=EmployerFactory(verification_status=Employer.Verification.PENDING))
        published_with_pending_revision()

    one_of_each()
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("moderation:queue"))
    for _i in range(4):
        one_of_each()
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("moderation:queue"))
    assert len(response.context["postings"]) == 5
    assert len(response.context["revisions"]) == 5
    assert len(response.context["employers"]) == 5
    assert len(many) == len(few)


# ---- review page ----------------------------------------------------------------------------


def test_review_page_shows_posting_flags_and_forms(client, staff):
    posting = submitted_posting(
        title="생산직 모집",
        description="20대 남자만 지원 가능합니다.\n주간 근무",
        preferred_qualifications="지게차 자격증",
    )
    posting.law_flags = [
        {
            "field": "description",
            "match": "20대 남",
            "topic": "연령 제한",
            "law": "고용상 연령차별금지 및 고령자고용촉진에 관한 법률",
            "article": "제4조의4",
            "citation": "고용상 연령차별금지 및 고령자고용촉진에 관한 법률 제4조의4 (모집·채용에서 연령 차별 금지)",
        }
    ]
    posting.save()

    response = client.get(reverse("moderation:posting_review", args=[posting.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>20대 남</mark>" in html
    assert "연령 제한" in html and "제4조의4" in html
    assert "월급 250만원 ~ 300만원" in html  # the public wording
    assert "전화" in html and "032-453-5000" in html  # apply methods and contact
    assert 'action="{}"'.format(reverse("moderation:posting_approve", args=[posting.pk])) in html
    assert 'action="{}"'.format(reverse("moderation:posting_reject", args=[posting.pk])) in html
    assert '<label for="id_reason">' in html
    assert "게시에 필요한 항목이 모두 있습니다." in html


def test_review_page_lists_missing_fields(client, staff):
    posting = submitted_posting(apply_methods=[], openings=None)
    html = client.get(reverse("moderation:posting_review", args=[posting.pk])).content.decode()
    assert "모집인원을 적어 주세요." in html
    assert "접수 방법을 하나 이상 골라 주세요." in html
    assert 'action="{}"'.format(reverse("moderation:posting_approve", args=[posting.pk])) not in html


def test_review_page_of_a_posting_not_under_review_is_read_only(client, staff):
    posting = JobPostingFactory(**ready_fields())
    response = client.get(reverse("moderation:posting_review", args=[posting.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "이 공고는 검토를 기다리고 있지 않습니다." in html
    assert "게시 중" in html
    assert reverse("moderation:posting_approve", args=[posting.pk]) not in html


def test_imported_postings_are_not_moderated(client, staff):
    posting = JobPostingFactory(source="work24", external_id="K123")
    assert client.get(reverse("moderation:posting_review", args=[posting.pk])).status_code == 404


# ---- approve --------------------------------------------------------------------------------


def test_approve_publishes_the_posting(client, staff):
    posting = submitted_posting(title="포장 작업원 모집")
    assert posting.date_posted < today_kst()

    response = approve(client, posting, follow=True)

    assert response.redirect_chain[-1][0] == reverse("moderation:queue")
    assert "‘포장 작업원 모집’ 공고를 승인했습니다." in response.content.decode()
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PUBLISHED
    assert posting.published_by == staff
    assert posting.published_at is not None
    assert posting.date_posted == today_kst()
    assert posting.current_revision is not None
    assert posting.current_revision.status == RevisionStatus.APPROVED
    event = posting.events.get(kind=PostingEventKind.APPROVED)
    assert event.actor == staff
    assert event.at is not None
    assert event.from_status == PostingStatus.SUBMITTED and event.to_status == PostingStatus.PUBLISHED
    assert event.revision == posting.current_revision

    public = client.get(reverse("jobs:list"))
    assert posting in list(public.context["postings"])
    assert client.get(reverse("jobs:detail", args=[posting.pk])).status_code == 200


def test_approve_of_an_unverified_employer_is_refused_until_verified(client, staff):
    employer = EmployerFactory(verification_status=Employer.Verification.PENDING)
    posting = submitted_posting(employer=employer)

    review = client.get(reverse("moderation:posting_review", args=[posting.pk])).content.decode()
    assert "기업 확인이 끝나지 않아 이 공고를 승인할 수 없습니다." in review
    assert reverse("moderation:employer_review", args=[employer.pk]) in review

    response = approve(client, posting)
    assert response.status_code == 200
    assert UNVERIFIED_MESSAGE in response.content.decode()
    assert "처리하지 못했습니다. 아무것도 바뀌지 않았습니다." in response.content.decode()
    posting.refresh_from_db()
    assert posting.status == PostingStatus.SUBMITTED
    assert posting.published_at is None and posting.current_revision is None
    assert not posting.events.filter(kind=PostingEventKind.APPROVED).exists()

    verify(client, employer)
    employer.refresh_from_db()
    assert employer.verification_status == Employer.Verification.VERIFIED

    response = approve(client, posting)
    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PUBLISHED


def test_approve_refused_when_fields_are_missing_shows_them(client, staff):
    posting = submitted_posting(openings=None)
    response = approve(client, posting)
    assert response.status_code == 200
    assert "모집인원: 모집인원을 적어 주세요." in response.content.decode()
    posting.refresh_from_db()
    assert posting.status == PostingStatus.SUBMITTED


def test_approving_twice_is_refused_with_a_message(client, staff):
    posting = submitted_posting()
    approve(client, posting)
    response = approve(client, posting)
    assert response.status_code == 200
    assert "검토 중인 공고만 승인할 수 있습니다." in response.content.decode()
    assert posting.events.filter(kind=PostingEventKind.APPROVED).count() == 1


def test_get_on_a_decision_url_is_not_allowed(client, staff):
    posting = submitted_posting()
    assert client.get(reverse("moderation:posting_approve", args=[posting.pk])).status_code == 405
    posting.refresh_from_db()
    assert posting.status == PostingStatus.SUBMITTED


# ---- reject ---------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   \n  "])
def test_reject_needs_a_reason(client, staff, reason):
    posting = submitted_posting()
    response = client.post(reverse("moderation:posting_reject", args=[posting.pk]), {"reason": reason})
    assert response.status_code == 200
    html = response.content.decode()
    assert "반려 사유를 적어 주세요." in html
    assert 'href="#id_reason"' in html
    posting.refresh_from_db()
    assert posting.status == PostingStatus.SUBMITTED
    assert posting.rejection_reason == ""
    assert not PostingEvent.objects.filter(posting=posting, kind=PostingEventKind.REJECTED).exists()


def test_reject_records_the_reason_and_the_posting_is_editable_again(client, staff):
    posting = submitted_posting(title="경비원 모집")
    reason = "‘20대만’ 표현은 연령 차별입니다. 지우고 다시 요청해 주세요."

    response = client.post(reverse("moderation:posting_reject", args=[posting.pk]), {"reason": reason}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("moderation:queue")
    assert "‘경비원 모집’ 공고를 반려했습니다." in response.content.decode()
    posting.refresh_from_db()
    assert posting.status == PostingStatus.REJECTED
    assert posting.rejection_reason == reason
    event = posting.events.get(kind=PostingEventKind.REJECTED)
    assert event.reason == reason and event.actor == staff
    assert posting not in list(client.get(reverse("jobs:list")).context["postings"])

    member = EmployerMemberFactory(employer=posting.employer).user
    edited = posting_update(posting=posting, by=member, fields={"title": "경비원 채용"})
    assert edited.title == "경비원 채용"
    assert edited.status == PostingStatus.REJECTED


def test_decision_on_a_missing_posting_is_404(client, staff):
    assert client.post(reverse("moderation:posting_approve", args=[999999])).status_code == 404
    assert client.post(reverse("moderation:posting_reject", args=[999999]), {"reason": "x"}).status_code == 404
