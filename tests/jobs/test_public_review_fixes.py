"""The public side of the review findings: feeds survive control characters already stored
(A), company-type badges and the company_type filter only for verified (or imported)
employers (B), visible notices for NUL bytes and a negative wage (D), and "채용이 완료된
공고입니다." for a filled posting (E)."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from employers import services as employer_services
from employers.models import Certification, Employer, EmployerMember
from jobs.choices import PostingStatus
from jobs.views.feeds import feed_text
from namdong_jobs.reference.models import CommunityCentre
from tests.factories import (
    CertificationFactory,
    EmployerFactory,
    EmployerMemberFactory,
    JobPostingFactory,
    StaffMembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
LIST = "/jobs/"
API = "/jobs/api/postings.json"
ATOM = "{http://www.w3.org/2005/Atom}"
NUL_NOTICE = "입력할 수 없는 문자를 빼고 검색했습니다."


def parse_xml(content) -> ET.Element:
    """Parse a feed this portal produced (our own output, not untrusted input)."""
    return ET.fromstring(content)  # noqa: S314


# ---- A: feeds never fail on stored control characters ------------------------------------


@pytest.fixture
def dirty_posting():
    """A posting whose title, employer name and location were saved straight through the ORM
    with U+000B and U+001F in them (as rows stored before the forms tidied their text)."""
    employer = EmployerFactory(name="(주)남동\x0b정밀\x1f")
    return JobPostingFactory(
        title="생산직\x0b 사원\x1f 모집", employer=employer, dong=None, location_text="남동\x1f공단"
    )


def test_the_rows_really_hold_control_characters(dirty_posting):
    stored = type(dirty_posting).objects.select_related("employer").get(pk=dirty_posting.pk)
    assert "\x0b" in stored.title and "\x1f" in stored.employer.name


def test_rss_feed_answers_with_the_characters_removed(client, dirty_posting):
    response = client.get(reverse("jobs:feed_rss"))
    assert response.status_code == 200
    item = parse_xml(response.content).find("channel/item")
    assert item.findtext("title") == "생산직 사원 모집 - (주)남동정밀"
    assert "남동공단" in item.findtext("description")
    assert "\x0b" not in response.content.decode() and "\x1f" not in response.content.decode()


def test_atom_feed_answers_with_the_characters_removed(client, dirty_posting):
    response = client.get(reverse("jobs:feed_atom"))
    assert response.status_code == 200
    entry = parse_xml(response.content).find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "생산직 사원 모집 - (주)남동정밀"
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "(주)남동정밀"
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == [dirty_posting.occupation.name]


def test_feed_text_removes_what_xml_cannot_hold():
    assert feed_text("경비\x0b원\x1f\x00\ufffe\r\n모집\u200b") == "경비원 모집"
    assert feed_text(None) == ""


# ---- B: badges and the company_type filter ------------------------------------------------


def posting_with_village_cert(status: str) -> tuple[Employer, object]:
    extra = {"brn": None} if status == Employer.Verification.EXTERNAL else {}
    employer = EmployerFactory(verification_status=status, **extra)
    CertificationFactory(employer=employer, type=Certification.Type.VILLAGE, number="가짜-2026-001", valid_until=None)
    return employer, JobPostingFactory(employer=employer)


@pytest.mark.parametrize(
    ("status", "shown"),
    [("verified", True), ("external", True), ("pending", False), ("rejected", False)],
)
def test_detail_badges_only_for_verified_or_external_employers(client, status, shown):
    employer, posting = posting_with_village_cert(status)
    html = client.get(posting.get_absolute_url()).content.decode()
    assert ('<span class="badge">마을기업</span>' in html) is shown
    assert ("기업 유형" in html) is shown
    today = timezone.localdate()
    assert bool(employer.public_certifications(today)) is shown
    assert len(employer.certifications_valid_on(today)) == 1  # the employer's own view is unchanged


@pytest.mark.parametrize(
    ("status", "listed"),
    [("verified", True), ("external", True), ("pending", False), ("rejected", False)],
)
def test_company_type_filter_needs_a_verified_or_external_employer(client, status, listed):
    _, posting = posting_with_village_cert(status)
    for url in (LIST, API):
        response = client.get(url, {"company_type": "village"})
        if url == LIST:
            found = [p.pk for p in response.context["postings"]]
        else:
            found = [item["id"] for item in response.json()["results"]]
        assert (posting.pk in found) is listed, url
    assert Certification.objects.public().filter(employer=posting.employer).exists() is listed


def test_a_self_added_certification_loses_its_badge_until_staff_check_it(client):
    district = StaffMembershipFactory(centre=CommunityCentre.objects.get(kind="district")).user
    owner = UserFactory()
    employer = EmployerFactory(verification_status="pending", name="(주)정직한회사")
    EmployerMemberFactory(employer=employer, user=owner, role=EmployerMember.Role.OWNER)
    employer = employer_services.employer_verify(employer=employer, by=district)
    posting = JobPostingFactory(employer=employer)

    employer_services.employer_update(
        employer=employer,
        user=owner,
        certifications=[{"type": "village", "number": "가짜-2026-001", "valid_until": None}],
    )
    html = client.get(posting.get_absolute_url()).content.decode()
    assert "마을기업" not in html
    assert posting.pk not in [p.pk for p in client.get(LIST, {"company_type": "village"}).context["postings"]]
    # the published posting itself stays listed
    assert posting.pk in [p.pk for p in client.get(LIST).context["postings"]]

    employer_services.employer_verify(employer=employer, by=district)
    html = client.get(posting.get_absolute_url()).content.decode()
    assert '<span class="badge">마을기업</span>' in html


# ---- D: notices for NUL bytes and a negative wage -----------------------------------------


@pytest.mark.parametrize("query", ["q=%00", "q=a%00b", "dong=%00", "sort=%00", "page=%00", "wage=%00"])
def test_nul_bytes_are_dropped_with_a_visible_notice(client, query):
    JobPostingFactory()
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    assert response.context["notices"].count(NUL_NOTICE) == 1
    assert f"<p>{NUL_NOTICE}</p>" in response.content.decode()
    data = client.get(f"{API}?{query}").json()
    assert data["notices"].count(NUL_NOTICE) == 1


def test_nul_in_several_parameters_gives_one_notice_and_keeps_the_search(client):
    guard = JobPostingFactory(title="경비원")
    JobPostingFactory(title="청소원")
    response = client.get(f"{LIST}?q=%EA%B2%BD%00%EB%B9%84&sort=newest%00&page=1%00")
    assert [p.pk for p in response.context["postings"]] == [guard.pk]
    assert response.context["notices"] == [NUL_NOTICE]


def test_no_notice_without_nul(client):
    JobPostingFactory()
    assert client.get(LIST, {"q": "생산", "sort": "newest", "page": "1"}).context["notices"] == []


@pytest.mark.parametrize("value", ["-1", "-10,000원", "\u221210320"])
def test_a_negative_wage_is_explained(client, value):
    JobPostingFactory()
    response = client.get(LIST, {"wage": value})
    notices = response.context["notices"]
    assert notices == ["'최소 시급'은 0원 이상의 금액으로 입력해 주세요. 이 조건은 빼고 검색했습니다."]
    assert len(response.context["postings"]) == 1
    assert "wage" not in response.context["querystring"]


def test_a_wage_that_is_not_a_number_keeps_its_reason(client):
    notices = client.get(LIST, {"wage": "abc"}).context["notices"]
    assert notices == ["'최소 시급' 값이 숫자가 아니어서 무시했습니다."]


# ---- E: filled postings ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "notice", "not_shown"),
    [
        (PostingStatus.FILLED, "채용이 완료된 공고입니다.", "마감된 공고입니다."),
        (PostingStatus.CLOSED, "마감된 공고입니다.", "채용이 완료된 공고입니다."),
        (PostingStatus.EXPIRED, "마감된 공고입니다.", "채용이 완료된 공고입니다."),
    ],
)
def test_closed_pages_say_why(client, status, notice, not_shown):
    posting = JobPostingFactory(status=status)
    for url in (posting.get_absolute_url(), reverse("jobs:print", args=[posting.pk])):
        html = client.get(url).content.decode()
        assert notice in html and not_shown not in html and "지원할 수 없습니다." in html, url


def test_a_published_posting_past_its_deadline_says_closed(client):
    posting = JobPostingFactory(deadline=timezone.localdate() - datetime.timedelta(days=1))
    html = client.get(posting.get_absolute_url()).content.decode()
    assert "마감된 공고입니다." in html
