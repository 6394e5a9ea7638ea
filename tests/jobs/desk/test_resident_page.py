"""The resident's record and the large-type job sheet (issue 5 item 4): what they show,
scope (another centre's resident is a 404), the access-log ``view`` and ``print`` rows and
who may open them."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.choices import ConsentMethod, ConsentPurpose
from accounts.models import AccessAction, AccessLogEntry
from accounts.services import consent_give
from jobs.choices import ApplicationChannel
from jobs.models import Referral, ReferralMethod, today_kst
from jobs.services.desk.notes import note_add
from tests.factories import ApplicationFactory, JobPostingFactory
from tests.jobs.desk.conftest import make_walk_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident(centre_a, staff_a):
    """A walk-in of centre A who wants production work (KECO 890) and fits the postings made
    by ``JobPostingFactory``."""
    return make_walk_in(
        centre_a,
        name="홍길동",
        birth_year=1960,
        phone="+821098765432",
        registered_by=staff_a,
        wanted_occupations=["890"],
    )


def paper_consent(resident, staff, purpose):
    return consent_give(
        person=resident,
        purpose=purpose,
        method=ConsentMethod.PAPER,
        taken_by=staff,
        paper_form_version="2026-1",
        paper_signed_on=datetime.date(2026, 6, 1),
    )


def detail_url(resident):
    return reverse("desk:resident_detail", args=[resident.pk])


def print_url(resident):
    return reverse("desk:resident_print", args=[resident.pk])


def test_the_record_shows_profile_full_phone_notes_applications_and_fitting_postings(client, resident, staff_a):
    paper_consent(resident, staff_a, ConsentPurpose.COLLECTION)
    note_add(seeker=resident, staff=staff_a, content="지게차 자격 취득 희망", next_action="학원 안내")
    applied = JobPostingFactory(title="이미 지원한 조립 공고")
    application = ApplicationFactory(seeker=resident, posting=applied, channel=ApplicationChannel.REFERRAL)
    Referral.objects.create(
        application=application, staff=staff_a, centre=staff_a.staff_centre, method=ReferralMethod.LETTER
    )
    fits = JobPostingFactory(title="남동공단 포장 생산직")
    client.force_login(staff_a)
    response = client.get(detail_url(resident))
    assert response.status_code == 200
    html = response.content.decode()
    assert "홍길동" in html
    assert "010-9876-5432" in html
    assert "지게차 자격 취득 희망" in html and "학원 안내" in html
    assert "이미 지원한 조립 공고" in html
    ctx = response.context
    assert [a.pk for a in ctx["applications"]] == [application.pk]
    assert ctx["applications"][0].referral.centre == staff_a.staff_centre
    # postings that fit now, leaving out the one applied to, each with why
    assert [p.pk for p in ctx["fitting"]] == [fits.pk]
    assert ctx["fitting"][0].reason_text.startswith("희망 직종 일치")
    assert "희망 직종 일치" in html
    assert ctx["has_provision_consent"] is False
    assert [c.purpose for c in ctx["consents"]] == [ConsentPurpose.COLLECTION]
    used = {t.name for t in response.templates}
    assert {
        "jobs/desk/_resident_consents.html",
        "jobs/desk/_resident_referrals.html",
        "jobs/desk/_refer_button.html",
    } <= used
    assert reverse("desk:resident_print", args=[resident.pk]) in html


def test_consents_are_newest_first_and_the_provision_consent_is_known(client, resident, staff_a):
    first = paper_consent(resident, staff_a, ConsentPurpose.COLLECTION)
    second = paper_consent(resident, staff_a, ConsentPurpose.PROVISION)
    client.force_login(staff_a)
    ctx = client.get(detail_url(resident)).context
    assert [c.pk for c in ctx["consents"]] == [second.pk, first.pk]
    assert ctx["has_provision_consent"] is True


def test_opening_the_record_writes_one_view_row(client, resident, staff_a):
    client.force_login(staff_a)
    client.get(detail_url(resident), REMOTE_ADDR="10.9.8.7")
    (entry,) = AccessLogEntry.objects.all()
    assert (entry.staff, entry.action, entry.person, entry.detail, entry.ip) == (
        staff_a,
        AccessAction.VIEW,
        resident,
        "record",
        "10.9.8.7",
    )
    assert entry.listed_ids == [] and entry.query == ""


def test_another_centres_resident_is_a_404_and_nothing_is_logged(client, resident, staff_b):
    client.force_login(staff_b)
    assert client.get(detail_url(resident)).status_code == 404
    assert client.get(print_url(resident)).status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_district_staff_open_any_centres_resident(client, resident, centre_b, district_staff):
    other = make_walk_in(centre_b)
    client.force_login(district_staff)
    assert client.get(detail_url(resident)).status_code == 200
    assert client.get(detail_url(other)).status_code == 200
    assert client.get(print_url(other)).status_code == 200
    assert [e.person_id for e in AccessLogEntry.objects.order_by("id")] == [resident.pk, other.pk, other.pk]


def test_an_erased_resident_is_a_404(client, resident, staff_a):
    from accounts.services import person_erase

    person_erase(profile=resident, reason="retention")
    client.force_login(staff_a)
    assert client.get(detail_url(resident)).status_code == 404


@pytest.mark.parametrize("name", ["detail", "print"])
def test_who_may_open_the_record_and_the_sheet(client, resident, seeker_user, employer_member, name):
    url = detail_url(resident) if name == "detail" else print_url(resident)
    response = client.get(url)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    for user in (seeker_user, employer_member):
        client.force_login(user)
        assert client.get(url).status_code == 403
    assert not AccessLogEntry.objects.exists()


def test_the_job_sheet_lists_fitting_postings_in_large_type_and_writes_a_print_row(client, resident, staff_a):
    posting = JobPostingFactory(
        title="도장 보조원 모집",
        wage_type="HOUR",
        wage_min=11_000,
        wage_max=None,
        contact_phone="032-111-2222",
        apply_methods=["phone"],
    )
    client.force_login(staff_a)
    response = client.get(print_url(resident), REMOTE_ADDR="10.0.0.5")
    assert response.status_code == 200
    html = response.content.decode()
    assert "홍길동 님께 맞는 일자리" in html
    assert "도장 보조원 모집" in html
    assert posting.employer.name in html
    assert "논현고잔동" in html
    assert posting.wage_display in html
    assert "032-111-2222" in html
    assert "구월1동 행정복지센터" in html  # whom to ask
    # the large-type print styles of the sheet live in site.css, which the page links
    assert 'class="print-page"' in html and 'class="print-sheet job-sheet"' in html and "css/site.css" in html
    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()
    assert ".job-sheet .sheet-posting h2 { font-size: 24pt" in css
    (entry,) = AccessLogEntry.objects.all()
    assert (entry.action, entry.person, entry.staff, entry.ip) == (AccessAction.PRINT, resident, staff_a, "10.0.0.5")


def test_the_job_sheet_says_so_when_nothing_fits(client, centre_a, staff_a):
    nobody = make_walk_in(centre_a, wanted_occupations=["011"])
    JobPostingFactory()
    client.force_login(staff_a)
    html = client.get(print_url(nobody)).content.decode()
    assert "맞는 모집 중 일자리가 없습니다" in html


def test_a_resident_under_18_is_offered_only_postings_within_the_minors_working_time(client, centre_a, staff_a):
    """근로기준법 §69, §70: at 15–17 at most 7 hours a day and 35 a week, no night work. The
    record and the job sheet leave out postings stating more, keep those stating no hours,
    and remind staff of the limits; an adult resident is offered all of them."""
    year = today_kst().year
    minor = make_walk_in(centre_a, birth_year=year - 16, registered_by=staff_a, wanted_occupations=["890"])
    adult = make_walk_in(centre_a, birth_year=year - 40, registered_by=staff_a, wanted_occupations=["890"])
    long_day = JobPostingFactory(title="하루 8시간 조립", daily_hours=8)
    long_week = JobPostingFactory(title="주 40시간 포장", hours_per_week=40)
    night = JobPostingFactory(title="야간 검사", shifts=["night"])
    short = JobPostingFactory(title="하루 4시간 포장", daily_hours=4, hours_per_week=20, shifts=["day"])
    unstated = JobPostingFactory(title="시간 미정 포장")
    client.force_login(staff_a)
    for url in (detail_url(minor), print_url(minor)):
        response = client.get(url)
        shown = {p.pk for p in response.context["fitting" if url == detail_url(minor) else "postings"]}
        assert shown == {short.pk, unstated.pk}
        assert "근로기준법 제69조" in response.content.decode()
    response = client.get(detail_url(adult))
    assert {p.pk for p in response.context["fitting"]} == {long_day.pk, long_week.pk, night.pk, short.pk, unstated.pk}
    assert "근로기준법 제69조" not in response.content.decode()
