"""The employer's applicant pages (issue 4 item 6): the applicants of a posting, one
application with the snapshot as sent (withdrawn and erased seekers without personal data),
marking it viewed on first opening, the status change form, the résumé download, and who
may see them (only members of the posting's employer: employer B, centre and district staff
→ 404; seekers → 403; anonymous → login)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.choices import ConsentPurpose, MessageKind
from accounts.models import OutboundMessage
from accounts.services import ErasureReason, consent_give, person_erase, personal_data_export, resume_delete, resume_set
from jobs.choices import ApplicationStatus, ApplyMethod
from jobs.models import Application, ApplicationStatusChange
from jobs.services import application_apply, application_submit, application_withdraw
from tests.factories import (
    ApplicationFactory,
    EmployerMemberFactory,
    JobPostingFactory,
    SeekerProfileFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("manage_clock")]

S = ApplicationStatus
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def posting():
    return JobPostingFactory(title="A사 생산직", apply_methods=[ApplyMethod.ONLINE])


@pytest.fixture
def member(posting):
    return EmployerMemberFactory(employer=posting.employer).user


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def apply(posting, **profile_fields):
    profile = SeekerProfileFactory(**profile_fields)
    consent_give(person=profile, purpose=ConsentPurpose.PROVISION)
    return application_apply(seeker=profile, posting=posting, by=profile.user, message="열심히 하겠습니다.")


@pytest.fixture
def application(posting):
    # the employer gets an online seeker's verified number (the snapshot's rule), so verify it
    user = UserFactory(phone="+821023456789", phone_verified_at=timezone.now())
    return apply(posting, user=user, name="최지원", phone="+821023456789", self_introduction="지게차 경력 5년")


def urls(posting, application) -> dict:
    return {
        "get": [
            reverse("manage:posting_applicants", args=[posting.pk]),
            reverse("manage:application_detail", args=[application.pk]),
            reverse("manage:application_resume", args=[application.pk]),
        ],
        "post": [reverse("manage:application_status", args=[application.pk])],
    }


# ---- who may see them --------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_login(client, posting, application):
    pages = urls(posting, application)
    for url in pages["get"]:
        response = client.get(url)
        assert response.status_code == 302 and response.url == f"{reverse('accounts:login')}?next={url}", url
    for url in pages["post"]:
        assert client.post(url, {"status": "viewed"}).status_code == 302
    assert Application.objects.get().status == S.SUBMITTED


def test_a_seeker_gets_403(client, posting, application):
    client.force_login(application.seeker.user)  # even the applicant: these are the employer's pages
    pages = urls(posting, application)
    for url in pages["get"]:
        assert client.get(url).status_code == 403, url
    for url in pages["post"]:
        assert client.post(url, {"status": "viewed"}).status_code == 403


@pytest.mark.parametrize("who", ["employer_b", "centre_staff", "district_staff"])
def test_employer_b_and_staff_get_404(client, posting, application, who, manage_centre_staff, manage_district_staff):
    user = {
        "employer_b": EmployerMemberFactory().user,
        "centre_staff": manage_centre_staff,
        "district_staff": manage_district_staff,
    }[who]
    client.force_login(user)
    pages = urls(posting, application)
    for url in pages["get"]:
        assert client.get(url).status_code == 404, url
    for url in pages["post"]:
        assert client.post(url, {"status": "viewed"}).status_code == 404
    assert Application.objects.get().status == S.SUBMITTED  # not even marked viewed
    assert not OutboundMessage.objects.filter(kind=MessageKind.APPLICATION_STATUS).exists()


# ---- the list -------------------------------------------------------------------------------


def test_the_list_shows_applicants_and_hides_withdrawn_and_erased_ones(member_client, posting, application):
    withdrawn = apply(posting, name="박취소", phone="+821033334444")
    application_withdraw(application=withdrawn, by=withdrawn.seeker.user)
    erased = apply(posting, name="정탈퇴")
    person_erase(profile=erased.seeker, reason=ErasureReason.REQUEST)
    ApplicationFactory(
        posting=JobPostingFactory(employer=posting.employer), seeker=SeekerProfileFactory(name="다른공고")
    )

    response = member_client.get(reverse("manage:posting_applicants", args=[posting.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    labels = {a.pk: a.label for a in response.context["applications"]}
    assert labels == {application.pk: "최지원", withdrawn.pk: "지원 취소", erased.pk: "탈퇴한 구직자"}
    assert "010-****-6789" in html  # lists mask phone numbers
    assert "010-2345-6789" not in html
    assert "박취소" not in html and "3333" not in html
    assert "정탈퇴" not in html
    assert "다른공고" not in html
    assert response.context["counting"] == 1  # withdrawn ones and the erasure-ended one are not counted


def test_the_list_filters_by_status_and_has_an_empty_state(member_client, posting, application):
    url = reverse("manage:posting_applicants", args=[posting.pk])
    response = member_client.get(url, {"status": "hired"})
    assert list(response.context["applications"]) == []
    assert "고른 상태의 지원자가 없습니다." in response.content.decode()
    assert member_client.get(url, {"status": "nonsense", "page": "x"}).status_code == 200


def test_a_posting_without_applicants(member_client, posting):
    html = member_client.get(reverse("manage:posting_applicants", args=[posting.pk])).content.decode()
    assert "아직 지원자가 없습니다." in html


def test_dashboard_and_posting_page_link_the_applicants_for_members_only(
    client, member_client, posting, application, manage_district_staff
):
    link = reverse("manage:posting_applicants", args=[posting.pk])
    assert link in member_client.get(reverse("manage:dashboard")).content.decode()
    assert link in member_client.get(reverse("manage:posting_detail", args=[posting.pk])).content.decode()
    client.force_login(manage_district_staff)
    assert link not in client.get(reverse("manage:dashboard")).content.decode()
    assert link not in client.get(reverse("manage:posting_detail", args=[posting.pk])).content.decode()


# ---- one application ----------------------------------------------------------------------


def test_opening_marks_viewed_once_and_tells_the_seeker(member_client, member, application):
    url = reverse("manage:application_detail", args=[application.pk])
    response = member_client.get(url)
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == S.VIEWED
    assert response.context["status_text"] == "열람"
    member_client.get(url)
    changes = ApplicationStatusChange.objects.filter(application=application, to_status=S.VIEWED)
    assert changes.count() == 1 and changes.get().changed_by == member
    told = OutboundMessage.objects.filter(kind=MessageKind.APPLICATION_STATUS, profile=application.seeker)
    assert told.count() == 1  # on-site (the factory's seeker chose no other channel)


def test_the_page_shows_the_snapshot_as_sent(member_client, application):
    seeker = application.seeker
    seeker.name = "바뀐이름"
    seeker.save()
    html = member_client.get(reverse("manage:application_detail", args=[application.pk])).content.decode()
    assert "최지원" in html and "바뀐이름" not in html
    assert "010-2345-6789" in html  # the full number on the record page
    assert "지게차 경력 5년" in html and "열심히 하겠습니다." in html


def test_withdrawn_and_erased_applications_show_no_personal_data(member_client, posting):
    withdrawn = apply(posting, name="박취소", phone="+821033334444", self_introduction="비밀 소개")
    application_withdraw(application=withdrawn, by=withdrawn.seeker.user)
    html = member_client.get(reverse("manage:application_detail", args=[withdrawn.pk])).content.decode()
    assert "지원 취소" in html
    for secret in ("박취소", "010-3333-4444", "비밀 소개", "열심히 하겠습니다."):
        assert secret not in html
    assert 'name="status"' not in html  # nothing left to change

    erased = apply(posting, name="정탈퇴", phone="+821055556666")
    person_erase(profile=erased.seeker, reason=ErasureReason.REQUEST)
    html = member_client.get(reverse("manage:application_detail", args=[erased.pk])).content.decode()
    assert "탈퇴한 구직자" in html
    assert "정탈퇴" not in html and "010-5555-6666" not in html


# ---- changing the status --------------------------------------------------------------------


def test_setting_an_interview(member_client, application):
    member_client.get(reverse("manage:application_detail", args=[application.pk]))  # viewed
    url = reverse("manage:application_status", args=[application.pk])
    data = {
        "status": "interview",
        "interview_date": "2026-06-18",
        "interview_time": "15:00",
        "interview_place": "본사 1층",
    }
    response = member_client.post(url, {**data, "note": "편한 복장으로 오세요"}, follow=True)
    assert response.redirect_chain == [(reverse("manage:application_detail", args=[application.pk]), 302)]
    assert "상태를 '면접'(으)로 바꿨습니다. 구직자에게 알렸습니다." in [str(m) for m in response.context["messages"]]
    application.refresh_from_db()
    assert application.status == S.INTERVIEW
    assert application.interview_at == datetime.datetime(2026, 6, 18, 6, 0, tzinfo=datetime.UTC)  # 15:00 KST
    assert application.interview_place == "본사 1층"
    assert OutboundMessage.objects.filter(subject=f"application:{application.pk}:interview").exists()


def test_an_interview_without_date_or_place_is_refused_next_to_the_fields(member_client, application):
    member_client.get(reverse("manage:application_detail", args=[application.pk]))
    url = reverse("manage:application_status", args=[application.pk])
    response = member_client.post(url, {"status": "interview", "interview_date": "2026-13-45"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["interview_date"] == ["날짜를 2026-07-01 처럼 입력해 주세요."]
    assert errors["interview_time"] == ["면접 시각을 입력해 주세요."]
    response = member_client.post(
        url, {"status": "interview", "interview_date": "2026-06-18", "interview_time": "10:00"}
    )
    assert "면접 장소를 적어 주세요" in response.content.decode()
    response = member_client.post(
        url,
        {"status": "interview", "interview_date": "2026-06-01", "interview_time": "10:00", "interview_place": "본사"},
    )
    assert response.context["form"].errors["interview_date"] == ["면접 일시는 지금보다 뒤여야 합니다."]
    assert Application.objects.get(pk=application.pk).status == S.VIEWED


def test_a_status_not_allowed_now_is_refused(member_client, application):
    member_client.get(reverse("manage:application_detail", args=[application.pk]))
    url = reverse("manage:application_status", args=[application.pk])
    for status in ("withdrawn", "submitted", "nonsense", ""):
        response = member_client.post(url, {"status": status})
        assert response.status_code == 200
        assert response.context["form"].errors["status"]
    assert Application.objects.get(pk=application.pk).status == S.VIEWED


def test_a_final_application_cannot_be_changed(member_client, application):
    member_client.get(reverse("manage:application_detail", args=[application.pk]))
    url = reverse("manage:application_status", args=[application.pk])
    member_client.post(url, {"status": "rejected"})
    assert Application.objects.get(pk=application.pk).status == S.REJECTED
    response = member_client.post(url, {"status": "hired"}, follow=True)
    assert "이 지원서는 더 이상 상태를 바꿀 수 없습니다." in [str(m) for m in response.context["messages"]]
    assert Application.objects.get(pk=application.pk).status == S.REJECTED
    assert 'name="status"' not in response.content.decode()


# ---- the résumé -----------------------------------------------------------------------------


def with_resume(posting):
    profile = SeekerProfileFactory(name="이력서있음")
    resume_set(profile=profile, upload=SimpleUploadedFile("내 이력서.pdf", PDF, content_type="application/pdf"))
    consent_give(person=profile, purpose=ConsentPurpose.PROVISION)
    return application_apply(seeker=profile, posting=posting, by=profile.user)


def test_members_download_the_applicants_resume(member_client, posting):
    application = with_resume(posting)
    detail = member_client.get(reverse("manage:application_detail", args=[application.pk])).content.decode()
    url = reverse("manage:application_resume", args=[application.pk])
    assert url in detail
    response = member_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF


def test_no_resume_download_without_one_or_after_withdrawal(member_client, posting, application):
    assert member_client.get(reverse("manage:application_resume", args=[application.pk])).status_code == 404
    with_file = with_resume(posting)
    application_withdraw(application=with_file, by=with_file.seeker.user)
    assert member_client.get(reverse("manage:application_resume", args=[with_file.pk])).status_code == 404


# ---- the résumé as it was sent (review of issue 4) ---------------------------------------------

PDF_LATER = PDF.replace(b"/Catalog", b"/Catalog /Lang (ko-KR) /Note (for another employer)")


def test_the_employer_gets_the_resume_as_sent_not_a_later_one(
    member_client, posting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = with_resume(posting)
    application.refresh_from_db()
    assert application.resume.name.startswith("applications/") and application.resume.name.endswith(".pdf")
    assert (application.resume_name, application.resume_format) == ("내 이력서.pdf", "pdf")
    seeker = application.seeker
    # the seeker uploads another file for other employers; the old one is deleted from storage
    with django_capture_on_commit_callbacks(execute=True):
        resume_set(profile=seeker, upload=SimpleUploadedFile("새 이력서.pdf", PDF_LATER))
    response = member_client.get(reverse("manage:application_resume", args=[application.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # what was sent, not the new file
    assert "%EB%82%B4%20%EC%9D%B4%EB%A0%A5%EC%84%9C.pdf" in response["Content-Disposition"]  # 내 이력서.pdf
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    # the seeker's data export names the file sent
    export = personal_data_export(profile=seeker)
    assert export["applications"][0]["resume_sent"] == {"name": "내 이력서.pdf", "format": "pdf"}
    # deleting the profile's résumé does not take the sent copy away either
    with django_capture_on_commit_callbacks(execute=True):
        resume_delete(profile=seeker)
    response = member_client.get(reverse("manage:application_resume", args=[application.pk]))
    assert b"".join(response.streaming_content) == PDF


def test_a_later_resume_does_not_reach_an_application_sent_without_one(member_client, posting, application):
    seeker = application.seeker
    resume_set(profile=seeker, upload=SimpleUploadedFile("나중.pdf", PDF_LATER))
    url = reverse("manage:application_resume", args=[application.pk])
    assert member_client.get(url).status_code == 404
    html = member_client.get(reverse("manage:application_detail", args=[application.pk])).content.decode()
    assert url not in html


def test_no_copy_without_the_provision_consent(posting):
    profile = SeekerProfileFactory()
    resume_set(profile=profile, upload=SimpleUploadedFile("a.pdf", PDF))
    application = application_submit(seeker=profile, posting=posting)
    assert application.profile_snapshot == {} and not application.resume
    assert not Application.objects.get(pk=application.pk).resume


def test_a_missing_file_is_said_on_the_page_and_the_download_is_404(member_client, posting):
    application = with_resume(posting)
    application.resume.storage.delete(application.resume.name)
    url = reverse("manage:application_resume", args=[application.pk])
    assert member_client.get(url).status_code == 404
    # an application whose copy was never kept (the file was missing when it was made)
    Application.objects.filter(pk=application.pk).update(resume="")
    html = member_client.get(reverse("manage:application_detail", args=[application.pk])).content.decode()
    assert "함께 보관된 이력서 파일이 없어 내려받을 수 없습니다" in html
    assert url not in html
    assert member_client.get(url).status_code == 404


def test_erasure_deletes_the_sent_copies_after_commit(member_client, posting, django_capture_on_commit_callbacks):
    application = with_resume(posting)
    storage, name = application.resume.storage, application.resume.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks() as callbacks:
        person_erase(profile=application.seeker, reason=ErasureReason.REQUEST)
    assert storage.exists(name)  # not before the erasure commits
    for callback in callbacks:
        callback()
    assert not storage.exists(name)
    application.refresh_from_db()
    assert not application.resume and application.resume_name == "" and application.resume_format == ""
    assert member_client.get(reverse("manage:application_resume", args=[application.pk])).status_code == 404


def test_review_fixes_erased_seekers_interview_bounds_and_real_channels(member_client, member, application):
    """Review: no status change for an erased seeker; an interview at most a year ahead; the
    status form names the channels this seeker is really told by."""
    import datetime

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from accounts.services import person_erase
    from jobs.services import application_set_status, employer_next_statuses

    owner = member
    detail = reverse("manage:application_detail", args=[application.pk])
    html = member_client.get(detail).content.decode()
    assert "사이트 알림함" in html and "문자(SMS)" not in html  # chose no SMS
    application.seeker.notify_channels = ["sms"]
    application.seeker.save()
    html = member_client.get(detail).content.decode()
    assert "사이트 알림함, 문자(SMS))" in html
    application.refresh_from_db()
    far = timezone.now() + datetime.timedelta(days=400)
    with pytest.raises(ValidationError) as exc:
        application_set_status(
            application=application, status="interview", by=owner, interview_at=far, interview_place="본사"
        )
    assert "1년" in str(exc.value)
    person_erase(profile=application.seeker, reason="request")
    application.refresh_from_db()
    assert application.status == "withdrawn"  # ended by the erasure (second review)
    assert application.status_changes.last().changed_by is None
    assert employer_next_statuses(application) == ()
    with pytest.raises(ValidationError):
        application_set_status(application=application, status="rejected", by=owner)
    assert "상태 바꾸기" not in member_client.get(detail).content.decode()
