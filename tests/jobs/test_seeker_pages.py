"""The seeker's pages (issue 4 items 5 and 7): the apply button on the posting page, the apply
form with the provision consent, saving postings, "my page" (applications, saved postings,
postings that fit), one application with its history and snapshot, and withdrawing; and who
may see them (anonymous → login, no seeker profile → 403, someone else's application → 404)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.choices import ConsentPurpose
from accounts.models import Consent
from accounts.services import consent_give
from jobs.choices import ApplicationStatus, ApplyMethod, PostingStatus
from jobs.models import Application, SavedPosting
from jobs.services import application_apply, application_mark_viewed, application_set_status
from namdong_jobs.reference.models import Dong
from tests.factories import (
    ApplicationFactory,
    EmployerMemberFactory,
    JobPostingFactory,
    SavedPostingFactory,
    SeekerProfileFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("manage_clock")]

KST = ZoneInfo("Asia/Seoul")
S = ApplicationStatus


@pytest.fixture
def posting():
    return JobPostingFactory(title="물류센터 포장 사원", apply_methods=[ApplyMethod.ONLINE, ApplyMethod.PHONE])


@pytest.fixture
def seeker():
    # the number is verified on the account: employers (and the snapshot) get verified ones only
    user = UserFactory(phone="+821011112222", phone_verified_at=timezone.now())
    return SeekerProfileFactory(user=user, name="이하나", phone="+821011112222")


@pytest.fixture
def seeker_client(client, seeker):
    client.force_login(seeker.user)
    return client


def consent(profile, purpose=ConsentPurpose.PROVISION):
    consent_give(person=profile, purpose=purpose)


def apply(profile, posting, **kwargs):
    consent(profile)
    return application_apply(seeker=profile, posting=posting, by=profile.user, **kwargs)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def login_url(path: str) -> str:
    return f"{reverse('accounts:login')}?next={path}"


# ---- who may use the pages --------------------------------------------------------------------


def seeker_urls(posting, application):
    return {
        "get": [
            reverse("seeker:home"),
            reverse("seeker:application_detail", args=[application.pk]),
            reverse("jobs:apply", args=[posting.pk]),
        ],
        "post": [
            reverse("seeker:application_withdraw", args=[application.pk]),
            reverse("jobs:apply", args=[posting.pk]),
            reverse("jobs:save", args=[posting.pk]),
        ],
    }


def test_anonymous_visitors_are_sent_to_login(client, posting, seeker):
    application = ApplicationFactory(posting=posting, seeker=seeker)
    urls = seeker_urls(posting, application)
    for url in urls["get"]:
        response = client.get(url)
        assert response.status_code == 302 and response.url == login_url(url), url
    for url in urls["post"]:
        response = client.post(url, {"confirm": "yes"})
        assert response.status_code == 302 and response.url == login_url(url), url
    assert Application.objects.get().status == S.SUBMITTED


def test_people_without_a_seeker_profile_get_403(client, posting, seeker):
    application = ApplicationFactory(posting=posting, seeker=seeker)
    client.force_login(EmployerMemberFactory(employer=posting.employer).user)
    urls = seeker_urls(posting, application)
    for url in urls["get"]:
        assert client.get(url).status_code == 403, url
    for url in urls["post"]:
        assert client.post(url, {"confirm": "yes"}).status_code == 403, url
    assert not SavedPosting.objects.exists()


def test_seeker_a_cannot_see_or_withdraw_seeker_bs_application(client, posting):
    other = ApplicationFactory(posting=posting)
    client.force_login(SeekerProfileFactory().user)
    assert client.get(reverse("seeker:application_detail", args=[other.pk])).status_code == 404
    response = client.post(reverse("seeker:application_withdraw", args=[other.pk]), {"confirm": "yes"})
    assert response.status_code == 404
    assert Application.objects.get().status == S.SUBMITTED
    assert list(client.get(reverse("seeker:home")).context["applications_page"].object_list) == []


def test_an_erased_seeker_is_not_a_seeker(client, posting):
    erased = SeekerProfileFactory(erased_at=timezone.now())
    client.force_login(erased.user)
    assert client.get(reverse("seeker:home")).status_code == 403


def test_non_public_postings_are_404(seeker_client):
    draft = JobPostingFactory(status=PostingStatus.DRAFT, published_at=None, apply_methods=[ApplyMethod.ONLINE])
    assert seeker_client.get(reverse("jobs:apply", args=[draft.pk])).status_code == 404
    assert seeker_client.post(reverse("jobs:save", args=[draft.pk])).status_code == 404
    assert seeker_client.get(reverse("jobs:apply", args=[999999])).status_code == 404


def test_get_is_not_allowed_on_post_only_pages(seeker_client, posting, seeker):
    application = ApplicationFactory(posting=posting, seeker=seeker)
    assert seeker_client.get(reverse("jobs:save", args=[posting.pk])).status_code == 405
    # the withdraw address opened directly leads back to the application and changes nothing
    # (review: a 405 page with a "공고 관리" link confused seekers)
    response = seeker_client.get(reverse("seeker:application_withdraw", args=[application.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("seeker:application_detail", args=[application.pk])
    application.refresh_from_db()
    assert application.status == "submitted"


def test_the_withdraw_address_of_a_decided_application_explains_why(seeker_client, posting, seeker):
    application = ApplicationFactory(posting=posting, seeker=seeker, status="rejected")
    response = seeker_client.get(reverse("seeker:application_withdraw", args=[application.pk]), follow=True)
    assert "취소할 수 없습니다" in response.content.decode()


# ---- the posting page -----------------------------------------------------------------------


def test_the_posting_page_offers_applying_to_each_visitor(client, posting, seeker):
    detail = reverse("jobs:detail", args=[posting.pk])
    apply_url = reverse("jobs:apply", args=[posting.pk])
    html = client.get(detail).content.decode()
    assert f"{reverse('accounts:login')}?next={apply_url}" in html
    assert "로그인하고 지원하기" in html and "로그인하고 관심 공고 저장" in html

    client.force_login(seeker.user)
    html = client.get(detail).content.decode()
    assert f'href="{apply_url}"' in html and "지원하기" in html
    assert "관심 공고 저장" in html

    application = apply(seeker, posting)
    html = client.get(detail).content.decode()
    assert "이미 지원함" in html
    assert f'href="{apply_url}"' not in html
    assert reverse("seeker:application_detail", args=[application.pk]) in html
    assert "상태: 지원 완료" in html


def test_no_apply_button_without_online_applying_or_when_closed(seeker_client):
    phone_only = JobPostingFactory(apply_methods=[ApplyMethod.PHONE])
    closed = JobPostingFactory(apply_methods=[ApplyMethod.ONLINE], status=PostingStatus.CLOSED)
    for posting in (phone_only, closed):
        html = seeker_client.get(reverse("jobs:detail", args=[posting.pk])).content.decode()
        assert reverse("jobs:apply", args=[posting.pk]) not in html


def test_a_signed_in_non_seeker_is_told_who_can_apply(client, posting):
    client.force_login(EmployerMemberFactory().user)
    html = client.get(reverse("jobs:detail", args=[posting.pk])).content.decode()
    assert "온라인 지원은 구직자 회원만 할 수 있습니다." in html
    assert reverse("jobs:apply", args=[posting.pk]) not in html


# ---- the apply form -----------------------------------------------------------------------


def test_the_form_asks_for_the_provision_consent_and_refuses_without_it(seeker_client, posting, seeker):
    url = reverse("jobs:apply", args=[posting.pk])
    html = seeker_client.get(url).content.decode()
    assert "지원·알선 기업에 개인정보 제공 동의 (선택)" in html
    assert "채용절차법 §11" in html  # the retention of the consent text
    assert 'name="provision_consent"' in html
    assert "이하나" in html  # the preview of what is sent

    response = seeker_client.post(url, {"message": "안녕하세요"})
    assert response.status_code == 200
    assert "지원하려면 기업에 개인정보를 제공하는 데 동의해 주세요." in response.content.decode()
    assert response.context["form"].errors["provision_consent"]
    assert not Application.objects.exists() and not Consent.objects.exists()


def test_applying_with_the_consent_ticked(seeker_client, posting, seeker):
    url = reverse("jobs:apply", args=[posting.pk])
    response = seeker_client.post(url, {"message": "주말도 가능합니다.\r\n", "provision_consent": "on"})
    application = Application.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("seeker:application_detail", args=[application.pk])
    assert application.message == "주말도 가능합니다."
    assert application.provision_consent.purpose == ConsentPurpose.PROVISION
    assert application.profile_snapshot["name"] == "이하나"
    # the next form does not ask again
    other = JobPostingFactory(apply_methods=[ApplyMethod.ONLINE])
    html = seeker_client.get(reverse("jobs:apply", args=[other.pk])).content.decode()
    assert 'name="provision_consent"' not in html


def test_a_too_long_message_is_shown_next_to_the_field(seeker_client, posting, seeker):
    consent(seeker)
    response = seeker_client.post(reverse("jobs:apply", args=[posting.pk]), {"message": "가" * 1001})
    assert response.status_code == 200
    assert response.context["form"].errors["message"] == ["지원 메시지는 1000자 이내로 적어 주세요."]
    assert "error-summary" in response.content.decode()
    assert not Application.objects.exists()


def test_the_share_box_appears_only_with_the_sensitive_consent_and_declared_groups(seeker_client, posting, seeker):
    url = reverse("jobs:apply", args=[posting.pk])
    seeker.declared_groups = ["disabled"]
    seeker.save()
    assert 'name="share_declared_groups"' not in seeker_client.get(url).content.decode()
    consent(seeker, ConsentPurpose.SENSITIVE)
    assert 'name="share_declared_groups"' in seeker_client.get(url).content.decode()
    seeker_client.post(url, {"provision_consent": "on", "share_declared_groups": "on"})
    assert Application.objects.get().profile_snapshot["declared_groups"] == ["disabled"]


def test_unapplicable_postings_send_the_seeker_back_with_the_reason(seeker_client, posting, seeker):
    phone_only = JobPostingFactory(apply_methods=[ApplyMethod.PHONE])
    response = seeker_client.get(reverse("jobs:apply", args=[phone_only.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("jobs:detail", args=[phone_only.pk])
    assert any("온라인 지원을 받지 않습니다" in m for m in messages_of(response))

    expired = JobPostingFactory(apply_methods=[ApplyMethod.ONLINE], deadline=datetime.date(2026, 6, 14))
    response = seeker_client.post(reverse("jobs:apply", args=[expired.pk]), {"provision_consent": "on"}, follow=True)
    assert "마감된 공고에는 지원할 수 없습니다." in messages_of(response)
    assert not Application.objects.exists()

    application = apply(seeker, posting)
    response = seeker_client.get(reverse("jobs:apply", args=[posting.pk]))
    assert response.url == reverse("seeker:application_detail", args=[application.pk])
    response = seeker_client.post(reverse("jobs:apply", args=[posting.pk]), {"provision_consent": "on"})
    assert Application.objects.count() == 1


# ---- saving ---------------------------------------------------------------------------------


def test_saving_and_removing_from_the_posting_page(seeker_client, posting, seeker):
    url = reverse("jobs:save", args=[posting.pk])
    detail = reverse("jobs:detail", args=[posting.pk])
    response = seeker_client.post(url, {"next": detail}, follow=True)
    assert response.redirect_chain == [(detail, 302)]
    assert "관심 공고에 저장했습니다. 마이페이지에서 모아 볼 수 있습니다." in messages_of(response)
    assert SavedPosting.objects.filter(seeker=seeker, posting=posting).exists()
    assert "관심 공고에서 빼기" in response.content.decode()
    response = seeker_client.post(url, {"next": "https://evil.example/"})
    assert response.url == detail  # never to another site
    assert not SavedPosting.objects.exists()


# ---- my page ---------------------------------------------------------------------------------


def test_my_page_lists_applications_saved_postings_and_postings_that_fit(seeker_client, seeker, posting):
    guwol = Dong.objects.get(name="구월1동")
    seeker.wanted_dongs = [guwol.code]
    seeker.save()
    interview = JobPostingFactory(title="면접 볼 공고", apply_methods=[ApplyMethod.ONLINE])
    applied = apply(seeker, interview)
    member = EmployerMemberFactory(employer=interview.employer).user
    application_mark_viewed(application=applied, by=member)
    application_set_status(
        application=applied,
        status=S.INTERVIEW,
        by=member,
        interview_at=datetime.datetime(2026, 6, 17, 10, 0, tzinfo=KST),
        interview_place="본사",
    )
    apply(seeker, posting)
    SavedPostingFactory(seeker=seeker, posting=JobPostingFactory(title="저장한 공고"))
    SavedPostingFactory(seeker=seeker, posting=JobPostingFactory(title="저장했는데 마감", status=PostingStatus.CLOSED))
    fits = JobPostingFactory(title="구월1동 공고", dong=guwol)
    JobPostingFactory(title="구월1동 마감 공고", dong=guwol, status=PostingStatus.CLOSED)
    SavedPostingFactory(posting=JobPostingFactory(title="남이 저장한 공고"))

    response = seeker_client.get(reverse("seeker:home"))
    assert response.status_code == 200
    html = response.content.decode()
    rows = [(a.posting.title, a.status_text) for a in response.context["applications_page"].object_list]
    assert rows == [("물류센터 포장 사원", "지원 완료"), ("면접 볼 공고", "면접")]
    assert "면접 6월 17일" in html
    saved = {s.posting.title: s.is_open for s in response.context["saved_page"].object_list}
    assert saved == {"저장한 공고": True, "저장했는데 마감": False}
    assert "남이 저장한 공고" not in html
    assert response.context["fitting"] == [fits]
    assert "구월1동 마감 공고" not in html
    assert 'href="/my/"' in html and "마이페이지" in html  # the header link


def test_postings_already_applied_to_are_not_offered_as_fitting(seeker_client, seeker, posting):
    other = JobPostingFactory(title="아직 지원 안 한 공고")
    assert set(seeker_client.get(reverse("seeker:home")).context["fitting"]) == {posting, other}
    apply(seeker, posting)
    assert seeker_client.get(reverse("seeker:home")).context["fitting"] == [other]


def test_my_page_empty_states(seeker_client):
    html = seeker_client.get(reverse("seeker:home")).content.decode()
    assert "아직 지원한 공고가 없습니다." in html
    assert "저장한 공고가 없습니다." in html
    assert "아직 희망 조건을 정하지 않아" in html
    assert "지금은 희망 조건에 맞는 모집 중 공고가 없습니다." in html


def test_my_page_survives_bad_page_numbers(seeker_client):
    for value in ("abc", "-1", "99999", "\x00"):
        assert seeker_client.get(reverse("seeker:home"), {"page": value, "saved_page": value}).status_code == 200


# ---- one application -----------------------------------------------------------------------


def test_the_application_page_shows_history_interview_and_what_was_sent(seeker_client, seeker, posting):
    application = apply(seeker, posting, message="잘 부탁드립니다.")
    member = EmployerMemberFactory(employer=posting.employer).user
    application_mark_viewed(application=application, by=member)
    application_set_status(
        application=application,
        status=S.INTERVIEW,
        by=member,
        interview_at=datetime.datetime(2026, 6, 17, 10, 30, tzinfo=KST),
        interview_place="남동구 논현동 본사 3층",
        note="신분증 지참",
    )
    response = seeker_client.get(reverse("seeker:application_detail", args=[application.pk]))
    html = response.content.decode()
    assert [(r["status"], r["who"]) for r in response.context["history"]] == [
        ("지원 완료", "나"),
        ("열람", "기업 담당자"),
        ("면접", "기업 담당자"),
    ]
    assert "2026년 6월 17일" in html and "10:30" in html
    assert "남동구 논현동 본사 3층" in html and "신분증 지참" in html
    assert "잘 부탁드립니다." in html
    assert "010-1111-2222" in html  # the snapshot as sent
    assert "지원 취소하기" in html


def test_withdrawing_asks_to_confirm_first(seeker_client, seeker, posting):
    application = apply(seeker, posting)
    url = reverse("seeker:application_withdraw", args=[application.pk])
    response = seeker_client.post(url)
    assert response.status_code == 200
    assert "지원을 취소할까요?" in response.content.decode()
    assert Application.objects.get().status == S.SUBMITTED
    response = seeker_client.post(url, {"confirm": "yes"}, follow=True)
    assert "지원을 취소했습니다. 기업에는 '지원 취소'로 보입니다." in messages_of(response)
    assert Application.objects.get().status == S.WITHDRAWN
    assert "지원 취소하기" not in response.content.decode()


def test_withdrawing_after_a_decision_is_refused_with_the_reason(seeker_client, seeker, posting):
    application = ApplicationFactory(seeker=seeker, posting=posting, status=S.REJECTED)
    url = reverse("seeker:application_withdraw", args=[application.pk])
    response = seeker_client.post(url, {"confirm": "yes"}, follow=True)
    assert "결과가 이미 나온 지원은 취소할 수 없습니다." in messages_of(response)
    assert Application.objects.get().status == S.REJECTED
