"""The manage pages: editing (in place, as a pending revision, live by district staff), the
lifecycle actions (submit, withdraw, direct publish, close, fill, duplicate), the posting page
and the dashboard (groups, applicant counts, queries)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from employers.models import Employer
from jobs.choices import (
    ApplicationStatus,
    ApplyMethod,
    EntryChannel,
    PostingEventKind,
    PostingStatus,
    RevisionStatus,
)
from jobs.forms import JobPostingForm
from jobs.models import Application, JobPosting, JobPostingRevision
from tests.factories import (
    EmployerFactory,
    EmployerMemberFactory,
    JobPostingFactory,
    SeekerProfileFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("manage_clock")]

TODAY = datetime.date(2026, 6, 15)


def employer_of(user) -> Employer:
    return user.employer_memberships.get().employer


def published(user, **kwargs) -> JobPosting:
    """A published open posting of ``user``'s employer, ready to be edited."""
    kwargs.setdefault("apply_methods", [ApplyMethod.ONLINE])
    kwargs.setdefault("deadline", TODAY + datetime.timedelta(days=20))
    return JobPostingFactory(employer=employer_of(user), created_by=user, **kwargs)


def draft(user, **kwargs) -> JobPosting:
    kwargs.setdefault("status", PostingStatus.DRAFT)
    kwargs.setdefault("published_at", None)
    return published(user, **kwargs)


def edit_data(posting, user, **overrides) -> dict:
    """POST data of the edit form as it is shown for ``posting``, with ``overrides``."""
    form = JobPostingForm(instance=posting, user=user)
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if value is True:
            value = "on"
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        elif isinstance(value, datetime.time):
            value = value.strftime("%H:%M")
        elif not isinstance(value, list):
            value = str(value)
        data[name] = value
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def post(client, name, posting, **data):
    return client.post(reverse(f"manage:{name}", args=[posting.pk]), data, follow=True)


# ---- edit ------------------------------------------------------------------------------------


def test_edit_draft_in_place(client, manage_member):
    posting = draft(manage_member, title="옛 제목")
    client.force_login(manage_member)
    url = reverse("manage:posting_edit", args=[posting.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "고친 내용은 바로 저장됩니다" in page.content.decode()
    response = client.post(url, edit_data(posting, manage_member, title="새 제목"), follow=True)
    assert "저장했습니다." in messages_of(response)
    posting.refresh_from_db()
    assert posting.title == "새 제목"
    assert posting.status == PostingStatus.DRAFT
    assert not posting.revisions.exists()


def test_edit_of_published_posting_creates_a_pending_revision_and_public_page_keeps_old_title(client, manage_member):
    posting = published(manage_member, title="주간 생산직 모집")
    client.force_login(manage_member)
    url = reverse("manage:posting_edit", args=[posting.pk])
    page = client.get(url).content.decode()
    assert "검토를 거쳐 반영됩니다" in page
    assert "지금 게시된 내용이 그대로 보이고" in page

    response = client.post(url, edit_data(posting, manage_member, title="야간 생산직 모집", wage_min="2,600,000"))
    assert response.status_code == 302
    detail = client.get(response.url)
    assert any("승인할 때까지 지금 게시된 내용이" in m for m in messages_of(detail))

    posting.refresh_from_db()
    assert posting.title == "주간 생산직 모집"
    assert posting.wage_min == 2_500_000
    revision = JobPostingRevision.objects.get(posting=posting)
    assert revision.status == RevisionStatus.PENDING
    assert revision.data["title"] == "야간 생산직 모집"
    assert revision.data["wage_min"] == 2_600_000

    html = detail.content.decode()
    assert "검토를 기다리는 수정본" in html
    assert "주간 생산직 모집" in html and "야간 생산직 모집" in html
    assert "2,500,000원" in html and "2,600,000원" in html

    public = client.get(reverse("jobs:detail", args=[posting.pk])).content.decode()
    assert "주간 생산직 모집" in public
    assert "야간 생산직 모집" not in public

    # the edit form starts from the pending revision; saving replaces it (still one pending)
    form = client.get(url).context["form"]
    assert form["title"].value() == "야간 생산직 모집"
    client.post(url, edit_data(posting, manage_member, title="교대 생산직 모집"))
    assert posting.revisions.get(status=RevisionStatus.PENDING).data["title"] == "교대 생산직 모집"
    dashboard = client.get(reverse("manage:dashboard")).content.decode()
    assert "수정본 검토 중" in dashboard


def test_unchanged_edit_of_a_published_posting_creates_nothing(client, manage_member):
    posting = published(manage_member)
    client.force_login(manage_member)
    url = reverse("manage:posting_edit", args=[posting.pk])
    response = client.post(url, edit_data(posting, manage_member), follow=True)
    assert "바뀐 내용이 없어 저장하지 않았습니다." in messages_of(response)
    assert not posting.revisions.exists()


def test_service_refusal_on_a_published_edit_is_shown_on_the_form(client, manage_member):
    posting = published(manage_member)
    client.force_login(manage_member)
    url = reverse("manage:posting_edit", args=[posting.pk])
    response = client.post(url, edit_data(posting, manage_member, apply_methods=[], title="바꾼 제목"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["apply_methods"] == ["접수 방법을 하나 이상 골라 주세요."]
    assert 'value="바꾼 제목"' in response.content.decode()
    assert not posting.revisions.exists()


def test_district_staff_edit_goes_live(client, manage_district_staff):
    posting = JobPostingFactory(title="옛 제목", apply_methods=[ApplyMethod.ONLINE])
    client.force_login(manage_district_staff)
    url = reverse("manage:posting_edit", args=[posting.pk])
    assert "저장하는 즉시 게시됩니다" in client.get(url).content.decode()
    response = client.post(url, edit_data(posting, manage_district_staff, title="새 제목"), follow=True)
    assert "고친 내용을 바로 게시했습니다." in messages_of(response)
    posting.refresh_from_db()
    assert posting.title == "새 제목"
    assert posting.current_revision.status == RevisionStatus.APPROVED
    assert posting.events.filter(kind=PostingEventKind.STAFF_EDIT).exists()
    assert "새 제목" in client.get(reverse("jobs:detail", args=[posting.pk])).content.decode()


@pytest.mark.parametrize(
    ("status", "deadline", "message"),
    [
        (PostingStatus.SUBMITTED, None, "검토 요청 취소"),
        (PostingStatus.CLOSED, None, "복사해서 새 공고 쓰기"),
        (PostingStatus.FILLED, None, "복사해서 새 공고 쓰기"),
        (PostingStatus.PUBLISHED, TODAY - datetime.timedelta(days=1), "복사해서 새 공고 쓰기"),
    ],
)
def test_edit_of_submitted_or_closed_posting_explains_and_redirects(client, manage_member, status, deadline, message):
    posting = published(manage_member, status=status, deadline=deadline)
    client.force_login(manage_member)
    response = client.get(reverse("manage:posting_edit", args=[posting.pk]), follow=True)
    assert response.redirect_chain == [(reverse("manage:posting_detail", args=[posting.pk]), 302)]
    assert any(message in m for m in messages_of(response))
    response = client.post(reverse("manage:posting_edit", args=[posting.pk]), {"title": "x"})
    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.title != "x"


# ---- actions ---------------------------------------------------------------------------------


def test_submit_with_missing_fields_lists_every_one(client, manage_member):
    posting = draft(manage_member, description="", openings=None, occupation=None, apply_methods=[])
    client.force_login(manage_member)
    response = post(client, "posting_submit", posting)
    lines = messages_of(response)
    assert any(line.startswith("직종 (한국고용직업분류): ") for line in lines)
    assert "하는 일: 하는 일을 적어 주세요." in lines
    assert "모집인원 (명): 모집인원을 적어 주세요." in lines
    assert "접수 방법: 접수 방법을 하나 이상 골라 주세요." in lines
    assert response.content.decode().count("message-error") == 4
    posting.refresh_from_db()
    assert posting.status == PostingStatus.DRAFT


def test_submit_and_withdraw(client, manage_member):
    posting = draft(manage_member)
    client.force_login(manage_member)
    response = post(client, "posting_submit", posting)
    assert "검토를 요청했습니다. 구청 일자리센터가 확인한 뒤 게시됩니다." in messages_of(response)
    posting.refresh_from_db()
    assert posting.status == PostingStatus.SUBMITTED
    assert "구청 일자리센터가 검토하고 있습니다" in response.content.decode()

    response = post(client, "posting_withdraw", posting)
    assert any("검토 요청을 취소했습니다" in m for m in messages_of(response))
    posting.refresh_from_db()
    assert posting.status == PostingStatus.DRAFT


def test_submit_with_law_flags_warns(client, manage_member):
    posting = draft(manage_member, description="20대 여성만 지원 가능")
    client.force_login(manage_member)
    response = post(client, "posting_submit", posting)
    posting.refresh_from_db()
    assert posting.status == PostingStatus.SUBMITTED
    assert any("법령에 어긋날 수 있는 표현" in m for m in messages_of(response))
    assert "여성만" in response.content.decode()


def test_rejected_posting_shows_reason_and_can_be_resubmitted(client, manage_member):
    posting = draft(manage_member, status=PostingStatus.REJECTED, rejection_reason="임금 정보를 확인해 주세요.")
    client.force_login(manage_member)
    html = client.get(reverse("manage:posting_detail", args=[posting.pk])).content.decode()
    assert "임금 정보를 확인해 주세요." in html
    assert "반려되었습니다" in html
    dashboard = client.get(reverse("manage:dashboard")).content.decode()
    assert "임금 정보를 확인해 주세요." in dashboard
    edit = client.get(reverse("manage:posting_edit", args=[posting.pk])).content.decode()
    assert "임금 정보를 확인해 주세요." in edit
    post(client, "posting_submit", posting)
    posting.refresh_from_db()
    assert posting.status == PostingStatus.SUBMITTED


def test_actions_are_post_only(client, manage_member):
    posting = published(manage_member)
    client.force_login(manage_member)
    for name in ("posting_submit", "posting_withdraw", "posting_publish", "posting_close", "posting_fill"):
        assert client.get(reverse(f"manage:{name}", args=[posting.pk])).status_code == 405
    assert client.get(reverse("manage:posting_duplicate", args=[posting.pk])).status_code == 405


def test_close_asks_for_confirmation(client, manage_member):
    posting = published(manage_member)
    client.force_login(manage_member)
    url = reverse("manage:posting_close", args=[posting.pk])
    response = client.post(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "네, 지금 마감합니다" in html
    assert "되돌릴 수 없습니다" in html
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PUBLISHED

    response = client.post(url, {"confirm": "yes"}, follow=True)
    assert "공고를 마감했습니다." in messages_of(response)
    posting.refresh_from_db()
    assert posting.status == PostingStatus.CLOSED
    assert posting.events.filter(kind=PostingEventKind.CLOSED, actor=manage_member).exists()
    # closing again is refused with the service's message
    response = client.post(url, {"confirm": "yes"}, follow=True)
    assert "게시 중인 공고만 마감할 수 있습니다." in messages_of(response)


def test_fill_asks_for_confirmation(client, manage_member):
    posting = published(manage_member)
    client.force_login(manage_member)
    url = reverse("manage:posting_fill", args=[posting.pk])
    assert "네, 채용 완료로 표시합니다" in client.post(url).content.decode()
    response = client.post(url, {"confirm": "yes"}, follow=True)
    assert any("채용 완료로 표시했습니다" in m for m in messages_of(response))
    posting.refresh_from_db()
    assert posting.status == PostingStatus.FILLED


def test_fill_a_draft_is_refused(client, manage_member):
    posting = draft(manage_member)
    client.force_login(manage_member)
    response = post(client, "posting_fill", posting, confirm="yes")
    assert "게시했던 공고만 채용 완료로 표시할 수 있습니다." in messages_of(response)


def test_duplicate_creates_a_new_draft(client, manage_member):
    posting = published(manage_member, status=PostingStatus.CLOSED, deadline=TODAY - datetime.timedelta(days=3))
    client.force_login(manage_member)
    response = client.post(reverse("manage:posting_duplicate", args=[posting.pk]), follow=True)
    copy = JobPosting.objects.exclude(pk=posting.pk).get()
    assert response.redirect_chain[-1][0] == reverse("manage:posting_edit", args=[copy.pk])
    assert any("복사한 새 공고를 작성 중으로 만들었습니다" in m for m in messages_of(response))
    assert copy.status == PostingStatus.DRAFT
    assert copy.title == posting.title
    assert copy.deadline is None
    assert copy.created_by == manage_member
    posting.refresh_from_db()
    assert posting.status == PostingStatus.CLOSED


def test_staff_directly_publish_a_phone_posting(client, manage_centre_staff):
    posting = JobPostingFactory(
        status=PostingStatus.DRAFT,
        published_at=None,
        entry_channel=EntryChannel.PHONE,
        centre=manage_centre_staff.staff_centre,
        created_by=manage_centre_staff,
        apply_methods=[ApplyMethod.ONLINE],
    )
    client.force_login(manage_centre_staff)
    detail = client.get(reverse("manage:posting_detail", args=[posting.pk])).content.decode()
    assert "검토 없이 바로 게시" in detail
    response = post(client, "posting_publish", posting)
    assert any("바로 게시했습니다" in m for m in messages_of(response))
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PUBLISHED
    assert posting.published_by == manage_centre_staff
    html = response.content.decode()
    assert "직원 직접 게시" in html  # the event history
    assert "구월1동 행정복지센터" in html


def test_direct_publish_of_an_employer_posting_is_refused_for_staff(client, manage_district_staff):
    posting = JobPostingFactory(status=PostingStatus.DRAFT, published_at=None, apply_methods=["online"])
    client.force_login(manage_district_staff)
    response = post(client, "posting_publish", posting)
    assert "기업이 직접 작성한 공고는 검토를 거쳐 게시됩니다." in messages_of(response)
    posting.refresh_from_db()
    assert posting.status == PostingStatus.DRAFT


# ---- posting page ----------------------------------------------------------------------------


def test_detail_shows_status_content_counts_history_and_actions(client, manage_member):
    posting = published(manage_member, title="경비원 모집", description="아파트 경비 업무")
    Application.objects.create(posting=posting, seeker=SeekerProfileFactory())
    Application.objects.create(posting=posting, seeker=SeekerProfileFactory(), status=ApplicationStatus.WITHDRAWN)
    client.force_login(manage_member)
    response = client.get(reverse("manage:posting_detail", args=[posting.pk]))
    assert response.status_code == 200
    assert response.context["applicant_count"] == 1
    html = response.content.decode()
    assert "게시 중" in html and "구직자가 보고 지원할 수 있습니다" in html
    assert "아파트 경비 업무" in html
    assert reverse("manage:posting_close", args=[posting.pk]) in html
    assert reverse("manage:posting_fill", args=[posting.pk]) in html
    assert reverse("manage:posting_duplicate", args=[posting.pk]) in html
    assert reverse("manage:posting_submit", args=[posting.pk]) not in html
    assert reverse("manage:posting_publish", args=[posting.pk]) not in html
    assert reverse("jobs:detail", args=[posting.pk]) in html


def test_detail_of_a_published_posting_past_its_deadline_says_closed(client, manage_member):
    posting = published(manage_member, deadline=TODAY - datetime.timedelta(days=1))
    client.force_login(manage_member)
    response = client.get(reverse("manage:posting_detail", args=[posting.pk]))
    assert response.context["status_text"] == "마감 (기한 만료)"
    assert reverse("manage:posting_edit", args=[posting.pk]) not in response.content.decode()


def test_history_lists_events_with_who_and_reason(client, manage_member, manage_district_staff):
    from jobs.services import posting_reject, posting_submit

    posting = draft(manage_member)
    posting_submit(posting=posting, by=manage_member)
    posting_reject(posting=posting, by=manage_district_staff, reason="회사 주소를 적어 주세요.")
    client.force_login(manage_member)
    html = client.get(reverse("manage:posting_detail", args=[posting.pk])).content.decode()
    assert "검토 요청" in html
    assert "회사 주소를 적어 주세요." in html
    assert "남동구 일자리인력은행" in html  # the district centre, not the staff member's name
    assert str(manage_district_staff) not in html
    assert str(manage_member) in html


# ---- dashboard -------------------------------------------------------------------------------


def test_dashboard_groups_by_status_with_applicant_counts(client, manage_member):
    open_posting = published(manage_member, title="열린 공고")
    expired_unswept = published(manage_member, title="기한 지난 공고", deadline=TODAY - datetime.timedelta(days=2))
    draft(manage_member, title="쓰는 중 공고")
    published(manage_member, title="채용 끝난 공고", status=PostingStatus.FILLED)
    other_employer_posting = JobPostingFactory(title="남의 공고")
    for status in (ApplicationStatus.SUBMITTED, ApplicationStatus.VIEWED, ApplicationStatus.WITHDRAWN):
        Application.objects.create(posting=open_posting, seeker=SeekerProfileFactory(), status=status)
    Application.objects.create(posting=expired_unswept, seeker=SeekerProfileFactory())
    Application.objects.create(posting=other_employer_posting, seeker=SeekerProfileFactory())

    client.force_login(manage_member)
    response = client.get(reverse("manage:dashboard"))
    assert response.status_code == 200
    groups = {str(g["label"]): {p.title: p for p in g["postings"]} for g in response.context["groups"]}
    assert list(groups) == ["작성 중", "게시 중", "마감 · 채용 완료 · 기한 만료"]
    assert set(groups["게시 중"]) == {"열린 공고"}
    assert groups["게시 중"]["열린 공고"].applicant_count == 2
    closed = groups["마감 · 채용 완료 · 기한 만료"]
    assert set(closed) == {"기한 지난 공고", "채용 끝난 공고"}
    assert closed["기한 지난 공고"].status_text == "마감 (기한 만료)"
    assert closed["기한 지난 공고"].applicant_count == 1
    html = response.content.decode()
    assert "남의 공고" not in html
    assert "마감 (기한 만료)" in html

    response = client.get(reverse("manage:dashboard"), {"status": "published"})
    assert [p.title for g in response.context["groups"] for p in g["postings"]] == ["열린 공고"]


def test_dashboard_queries_do_not_grow_with_rows(client, manage_member, django_assert_max_num_queries):
    def add(n):
        for _i in range(n):
            posting = published(manage_member)
            Application.objects.create(posting=posting, seeker=SeekerProfileFactory())

    add(2)
    client.force_login(manage_member)
    client.get(reverse("manage:dashboard"))  # warm the session
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("manage:dashboard"))
    add(18)
    draft(manage_member, status=PostingStatus.REJECTED, rejection_reason="사유")
    with django_assert_max_num_queries(len(few)):
        response = client.get(reverse("manage:dashboard"))
    assert sum(len(g["postings"]) for g in response.context["groups"]) == 20
    assert response.context["page_obj"].paginator.count == 21


def test_dashboard_paginates_by_20(client, manage_member):
    for _i in range(21):
        draft(manage_member)
    client.force_login(manage_member)
    response = client.get(reverse("manage:dashboard"))
    assert sum(len(g["postings"]) for g in response.context["groups"]) == 20
    assert "1 / 2 쪽" in response.content.decode()
    response = client.get(reverse("manage:dashboard"), {"page": 2})
    assert sum(len(g["postings"]) for g in response.context["groups"]) == 1


def test_dashboard_empty_state_links_to_the_form(client, manage_member):
    client.force_login(manage_member)
    html = client.get(reverse("manage:dashboard")).content.decode()
    assert "아직 쓴 공고가 없습니다." in html
    assert reverse("manage:posting_create") in html


def test_dashboard_filters_by_employer_for_members_of_several(client, manage_member):
    first = employer_of(manage_member)
    second = EmployerMemberFactory(user=manage_member).employer
    JobPostingFactory(employer=first, title="첫째 기업 공고")
    JobPostingFactory(employer=second, title="둘째 기업 공고")
    client.force_login(manage_member)
    html = client.get(reverse("manage:dashboard")).content.decode()
    assert "첫째 기업 공고" in html and "둘째 기업 공고" in html
    assert 'name="employer"' in html
    html = client.get(reverse("manage:dashboard"), {"employer": second.pk}).content.decode()
    assert "둘째 기업 공고" in html and "첫째 기업 공고" not in html
    # a foreign employer is ignored, not shown
    foreign = JobPostingFactory(title="남의 기업 공고")
    html = client.get(reverse("manage:dashboard"), {"employer": foreign.employer.pk}).content.decode()
    assert "남의 기업 공고" not in html


def test_dashboard_scope_of_centre_and_district_staff(client, manage_centre_staff, manage_district_staff):
    ours = JobPostingFactory(
        title="구월1동 전화 접수", entry_channel=EntryChannel.PHONE, centre=manage_centre_staff.staff_centre
    )
    employer_posting = JobPostingFactory(title="기업 직접 등록 공고")
    JobPostingFactory(title="고용24 공고", source="work24", external_id="W1")

    client.force_login(manage_centre_staff)
    html = client.get(reverse("manage:dashboard")).content.decode()
    assert ours.title in html and employer_posting.title not in html

    client.force_login(manage_district_staff)
    html = client.get(reverse("manage:dashboard")).content.decode()
    assert ours.title in html and employer_posting.title in html
    assert "고용24 공고" not in html


def test_unverified_employer_notice(client):
    member = EmployerMemberFactory(employer=EmployerFactory(verification_status=Employer.Verification.PENDING)).user
    client.force_login(member)
    html = client.get(reverse("manage:dashboard")).content.decode()
    assert "아직 기업 확인 전입니다" in html
    assert "사업자 정보를 확인한 뒤에 게시됩니다" in html
