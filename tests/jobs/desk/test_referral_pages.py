"""The desk's referral pages (issue 5 item 6): who may open them, the confirmation page with
and without the provision consent, referring, the referral with its history and outcome form,
the offer to mark a posting filled once hires reach its openings, the posting-number form, the
resident page's fragments, and the access-log row of every page shown."""

import datetime
import re

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation.template import templatize

from accounts.choices import ConsentMethod, ConsentPurpose
from accounts.models import AccessLogEntry
from accounts.services import consent_give
from jobs.choices import ApplicationChannel, ApplicationStatus, EntryChannel, PostingStatus
from jobs.models import Application, Referral, ReferralMethod
from jobs.services.desk.referrals import referral_create, referral_outcome_record
from tests.factories import JobPostingFactory

from .conftest import make_walk_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("manage_clock")]

S = ApplicationStatus
TODAY = datetime.date(2026, 6, 15)  # manage_clock


def give_provision(resident, staff):
    return consent_give(
        person=resident,
        purpose=ConsentPurpose.PROVISION,
        method=ConsentMethod.PAPER,
        taken_by=staff,
        paper_form_version="남동구-2026-1",
        paper_signed_on=TODAY,
    )


@pytest.fixture
def posting():
    return JobPostingFactory(title="아파트 경비원", openings=1)


@pytest.fixture
def resident(centre_a, staff_a):
    resident = make_walk_in(centre_a, name="김민수", registered_by=staff_a)
    give_provision(resident, staff_a)
    return resident


@pytest.fixture
def referral(staff_a, resident, posting):
    return referral_create(staff=staff_a, seeker=resident, posting=posting, method=ReferralMethod.LETTER)


def create_url(resident, posting):
    return reverse("desk:referral_create", args=[resident.pk, posting.pk])


def views(resident, posting, referral) -> list[tuple[str, str]]:
    return [
        ("get", reverse("desk:referral_start", args=[resident.pk])),
        ("get", create_url(resident, posting)),
        ("post", create_url(resident, posting)),
        ("get", reverse("desk:referral_detail", args=[referral.pk])),
        ("post", reverse("desk:referral_outcome", args=[referral.pk])),
    ]


def logged(resident):
    return list(AccessLogEntry.objects.filter(person=resident).order_by("id").values_list("action", "detail"))


# ---- who may open them -------------------------------------------------------------------------


def test_anonymous_visitors_go_to_login(client, resident, posting, referral):
    for method, url in views(resident, posting, referral):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/login" in response["Location"], url


def test_seekers_and_employer_members_get_403(client, seeker_user, employer_member, resident, posting, referral):
    for user in (seeker_user, employer_member):
        client.force_login(user)
        for method, url in views(resident, posting, referral):
            assert getattr(client, method)(url).status_code == 403, (user, url)


def test_another_centres_staff_get_404(client, staff_b, resident, posting, referral):
    client.force_login(staff_b)
    for method, url in views(resident, posting, referral):
        assert getattr(client, method)(url).status_code == 404, url
    assert Referral.objects.count() == 1
    assert logged(resident) == [("edit", "referral")]


def test_district_staff_may_open_them(client, district_staff, resident, posting, referral):
    client.force_login(district_staff)
    assert client.get(reverse("desk:referral_detail", args=[referral.pk])).status_code == 200
    assert client.get(create_url(resident, posting)).status_code == 200  # says it was referred already
    assert client.get(reverse("desk:referral_start", args=[resident.pk])).status_code == 200


def test_an_unknown_or_unpublished_posting_is_404(client, staff_a, resident):
    client.force_login(staff_a)
    draft = JobPostingFactory(status=PostingStatus.DRAFT)
    assert client.get(create_url(resident, draft)).status_code == 404
    assert client.get(reverse("desk:referral_create", args=[resident.pk, 999999])).status_code == 404


# ---- the confirmation page and referring ------------------------------------------------------


def test_without_the_provision_consent_the_page_explains_and_links_to_the_consents(client, staff_a, centre_a, posting):
    resident = make_walk_in(centre_a, name="박영희")
    client.force_login(staff_a)
    response = client.get(create_url(resident, posting))
    page = response.content.decode()
    assert response.status_code == 200
    assert "개인정보 제공 동의가 없어 알선할 수 없습니다" in page
    assert reverse("desk:resident_consents", args=[resident.pk]) in page
    assert 'name="method"' not in page
    assert logged(resident) == [("view", "record")]
    # a POST anyway is refused with the reason, and nothing is made
    response = client.post(create_url(resident, posting), {"method": "letter"})
    assert response.status_code == 200
    assert "동의하지 않았습니다" in response.content.decode()
    assert not Application.objects.exists()


def test_staff_refer_a_resident_from_the_confirmation_page(client, staff_a, centre_a, resident, posting):
    client.force_login(staff_a)
    response = client.get(create_url(resident, posting))
    page = response.content.decode()
    assert "아파트 경비원" in page and "김민수" in page
    for label in ("소개장", "동행면접", "전화 연결"):
        assert label in page
    assert logged(resident) == [("view", "record")]

    response = client.post(
        create_url(resident, posting),
        {
            "method": "accompany",
            "interview_date": "2026-06-18",
            "interview_time": "14:00",
            "message": "잘 부탁드립니다.",
        },
        REMOTE_ADDR="10.1.2.3",
    )
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:referral_detail", args=[referral.pk])
    assert referral.application.channel == ApplicationChannel.REFERRAL
    assert (referral.method, referral.centre, referral.staff) == ("accompany", centre_a, staff_a)
    assert timezone.localtime(referral.interview_at).strftime("%Y-%m-%d %H:%M") == "2026-06-18 14:00"
    assert referral.application.message == "잘 부탁드립니다."
    row = AccessLogEntry.objects.filter(person=resident).latest("id")
    assert (row.action, row.detail, row.ip) == ("edit", "referral", "10.1.2.3")
    followed = client.get(response["Location"])
    assert "알선했습니다" in followed.content.decode()


def test_the_method_is_marked_required_and_the_letter_is_preselected(client, staff_a, resident, posting):
    client.force_login(staff_a)
    page = client.get(create_url(resident, posting)).content.decode()
    legend = re.search(r"<legend>알선 방법(.*?)</legend>", page)
    assert legend and '<span class="required">(필수)</span>' in legend[1]
    radios = re.findall(r'<input type="radio" name="method"[^>]*>', page)
    assert len(radios) == 3
    assert [r for r in radios if "checked" in r] == [next(r for r in radios if 'value="letter"' in r)]
    # the optional fields keep their "(선택)" and are not marked required
    assert "면접 날짜 (선택)" in page and page.count("(필수)") == 1


def test_reaching_the_openings_warns_and_asks_staff_to_confirm(client, staff_a, centre_a, resident, posting):
    hired = make_walk_in(centre_a, name="이미채용")
    give_provision(hired, staff_a)
    first = referral_create(staff=staff_a, seeker=hired, posting=posting, method=ReferralMethod.PHONE)
    referral_outcome_record(referral=first, outcome=S.HIRED, outcome_on=TODAY, staff=staff_a)  # 1 of 1
    client.force_login(staff_a)
    url = create_url(resident, posting)

    page = client.get(url).content.decode()
    assert "이 공고는 이미 모집인원만큼 채용했습니다 (채용 1명, 모집인원 1명)." in page
    assert 'name="confirm_openings"' in page and 'name="method"' in page  # still allowed

    # without the box ticked nothing is made, and the page says why
    response = client.post(url, {"method": "letter"})
    assert response.status_code == 200
    assert "기업이 더 뽑는지 확인했으면 확인란에 표시해 주세요" in response.content.decode()
    assert not Referral.objects.filter(application__seeker=resident).exists()

    response = client.post(url, {"method": "letter", "confirm_openings": "on"})
    assert response.status_code == 302
    assert Referral.objects.get(application__seeker=resident).method == "letter"


def test_below_the_openings_there_is_no_warning_nor_box(client, staff_a, resident):
    posting = JobPostingFactory(openings=2)
    client.force_login(staff_a)
    page = client.get(create_url(resident, posting)).content.decode()
    assert "모집인원만큼 채용했습니다" not in page and "confirm_openings" not in page
    assert client.post(create_url(resident, posting), {"method": "phone"}).status_code == 302


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "알선 방법을 골라 주세요"),
        ({"method": "fax"}, "알선 방법을 골라 주세요"),
        ({"method": "letter", "interview_date": "2026-06-10", "interview_time": "10:00"}, "지금보다 뒤여야"),
        ({"method": "letter", "interview_date": "2026-06-20"}, "면접 시각도 입력해 주세요"),
        ({"method": "letter", "interview_date": "내일", "interview_time": "25:00"}, "2026-07-01 처럼"),
        ({"method": "letter", "message": "가" * 1001}, "1000자 이내"),
    ],
)
def test_bad_input_shows_the_form_again(client, staff_a, resident, posting, data, error):
    client.force_login(staff_a)
    response = client.post(create_url(resident, posting), data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Referral.objects.exists()
    assert logged(resident) == [("view", "record")]


def test_a_closed_posting_says_why_instead_of_the_form(client, staff_a, resident):
    posting = JobPostingFactory(status=PostingStatus.CLOSED, closed_at=timezone.now())
    client.force_login(staff_a)
    page = client.get(create_url(resident, posting)).content.decode()
    # worded for staff (application_submit's "…지원할 수 없습니다" is the seeker's)
    assert "마감된 공고에는 알선할 수 없습니다" in page and 'name="method"' not in page
    assert "지원할 수 없습니다" not in page
    response = client.post(create_url(resident, posting), {"method": "letter"})
    assert response.status_code == 200 and not Referral.objects.exists()
    assert "마감된 공고에는 알선할 수 없습니다" in response.content.decode()


def test_a_second_referral_links_to_the_first(client, staff_a, resident, posting, referral):
    client.force_login(staff_a)
    page = client.get(create_url(resident, posting)).content.decode()
    assert "이미 이 공고에 지원했거나 알선되었습니다" in page
    assert reverse("desk:referral_detail", args=[referral.pk]) in page
    response = client.post(create_url(resident, posting), {"method": "phone"})
    assert response.status_code == 200 and "이미 지원한 공고입니다" in response.content.decode()
    assert Referral.objects.count() == 1


# ---- the referral and its outcome --------------------------------------------------------------


def test_the_referral_page_shows_the_history_and_the_outcome_form(client, staff_a, resident, referral):
    client.force_login(staff_a)
    page = client.get(reverse("desk:referral_detail", args=[referral.pk])).content.decode()
    assert "소개장" in page and "구월1동 행정복지센터" in page and "김상담" in page
    assert "지원 완료" in page  # the first history row
    for label in ("채용", "채용 안 됨", "면접 불참", "본인이 거절"):
        assert label in page
    assert reverse("desk:referral_outcome", args=[referral.pk]) in page
    assert logged(resident) == [("edit", "referral"), ("view", "record")]


def test_recording_an_outcome_from_the_page(client, staff_a, resident, referral):
    client.force_login(staff_a)
    url = reverse("desk:referral_outcome", args=[referral.pk])
    response = client.post(url, {"outcome": "rejected", "outcome_on": "2026-06-15"}, REMOTE_ADDR="10.1.2.4")
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.application.status == S.REJECTED and referral.outcome_on == TODAY
    assert logged(resident)[-1] == ("edit", "outcome")
    page = client.get(response["Location"]).content.decode()
    assert "채용 안 됨" in page and "알선 결과를 &#x27;채용 안 됨&#x27;(으)로 기록했습니다" in page
    assert "(센터 직원 기록 · 김상담 님)" in page  # who recorded the outcome
    assert 'name="outcome"' not in page  # recorded once
    # a second POST does not change it
    response = client.post(url, {"outcome": "hired", "outcome_on": "2026-06-15"})
    assert response.status_code == 302
    assert Application.objects.get().status == S.REJECTED


def test_who_recorded_the_outcome_is_one_translatable_sentence():
    """The name (the staff member's, or the employer's) is inside the message (English puts it
    elsewhere: "recorded by %(name)s"), each with its own context."""
    source = (settings.BASE_DIR / "templates/jobs/desk/referral_detail.html").read_text()
    extracted = templatize(source)
    assert "pgettext(u'outcome recorded by centre staff', u'센터 직원 기록 · %(name)s 님')" in extracted
    assert "pgettext(u'outcome recorded by the employer', u'기업이 기록 · %(name)s')" in extracted
    assert "gettext(u'기록')" not in extracted


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"outcome_on": "2026-06-15"}, "알선 결과를 골라 주세요"),
        ({"outcome": "interview", "outcome_on": "2026-06-15"}, "알선 결과를 골라 주세요"),
        ({"outcome": "hired", "outcome_on": "2026-06-16"}, "오늘이나 그 전"),
        ({"outcome": "hired", "outcome_on": "2026-06-01"}, "알선한 날"),
        ({"outcome": "hired", "outcome_on": "어제"}, "2026-07-01 처럼"),
    ],
)
def test_a_bad_outcome_shows_the_page_again(client, staff_a, resident, referral, data, error):
    client.force_login(staff_a)
    response = client.post(reverse("desk:referral_outcome", args=[referral.pk]), data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert Application.objects.get().status == S.SUBMITTED
    assert logged(resident) == [("edit", "referral"), ("view", "record")]


def test_reaching_the_openings_offers_filled_to_staff_who_manage_the_posting(client, staff_a, resident, referral):
    referral_outcome_record(referral=referral, outcome=S.HIRED, outcome_on=TODAY, staff=staff_a)
    client.force_login(staff_a)
    page = client.get(reverse("desk:referral_detail", args=[referral.pk])).content.decode()
    # centre staff do not manage an employer's own posting: the employer will be offered it
    assert "모집인원을 모두 채용했습니다" in page
    assert reverse("manage:posting_fill", args=[referral.application.posting_id]) not in page
    assert "기업 담당자에게 채용 완료로 표시하도록 안내됩니다" in page


def test_district_staff_and_the_entering_centre_get_the_fill_button(
    client, staff_a, district_staff, centre_a, resident
):
    posting = JobPostingFactory(openings=1, entry_channel=EntryChannel.PHONE, centre=centre_a)
    referral = referral_create(staff=staff_a, seeker=resident, posting=posting, method=ReferralMethod.PHONE)
    referral_outcome_record(referral=referral, outcome=S.HIRED, outcome_on=TODAY, staff=staff_a)
    fill = reverse("manage:posting_fill", args=[posting.pk])
    for user in (staff_a, district_staff):
        client.force_login(user)
        assert fill in client.get(reverse("desk:referral_detail", args=[referral.pk])).content.decode()
    posting.status = PostingStatus.FILLED
    posting.save()
    assert (
        "모집인원을 모두 채용했습니다"
        not in client.get(reverse("desk:referral_detail", args=[referral.pk])).content.decode()
    )


def test_no_offer_before_the_openings_are_reached(client, staff_a, resident, referral):
    referral_outcome_record(referral=referral, outcome=S.NO_SHOW, outcome_on=TODAY, staff=staff_a)
    client.force_login(staff_a)
    page = client.get(reverse("desk:referral_detail", args=[referral.pk])).content.decode()
    assert "모집인원을 모두 채용했습니다" not in page and "면접 불참" in page


# ---- a posting by its number ------------------------------------------------------------------


def test_a_posting_number_goes_on_to_the_referral_page(client, staff_a, resident, posting):
    client.force_login(staff_a)
    url = reverse("desk:referral_start", args=[resident.pk])
    response = client.get(url, {"posting": f" {posting.pk} "})
    assert response.status_code == 302 and response["Location"] == create_url(resident, posting)
    assert logged(resident) == []


@pytest.mark.parametrize("value", ["", "abc", "-3", "0", "99999999999999", "999999", "1\x00"])
def test_a_bad_posting_number_shows_the_form_again(client, staff_a, resident, value):
    client.force_login(staff_a)
    response = client.get(reverse("desk:referral_start", args=[resident.pk]), {"posting": value})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert logged(resident) == [("view", "record")]


# ---- the resident page's fragments -------------------------------------------------------------


def test_the_resident_referrals_table_links_each_referral(staff_a, resident, referral, posting):
    referral_outcome_record(referral=referral, outcome=S.REJECTED, outcome_on=TODAY, staff=staff_a)
    applications = resident.applications.select_related("posting__employer", "referral__centre", "referral__staff")
    html = render_to_string("jobs/desk/_resident_referrals.html", {"resident": resident, "applications": applications})
    assert reverse("desk:referral_detail", args=[referral.pk]) in html
    assert "채용 안 됨" in html and "구월1동 행정복지센터" in html and "소개장" in html
    assert f'action="{reverse("desk:referral_start", args=[resident.pk])}"' in html


def test_the_resident_referrals_table_shows_online_applications_and_an_empty_state(centre_a):
    resident = make_walk_in(centre_a)
    html = render_to_string("jobs/desk/_resident_referrals.html", {"resident": resident, "applications": []})
    assert "아직 지원하거나 알선한 공고가 없습니다" in html


def test_the_refer_button_links_to_the_referral_page(resident, posting):
    html = render_to_string("jobs/desk/_refer_button.html", {"resident": resident, "posting": posting})
    assert create_url(resident, posting) in html and "아파트 경비원" in html
