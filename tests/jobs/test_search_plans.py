"""How the search's filters are written for PostgreSQL (issue 7, second round): common array
values are checked row by row instead of read from their GIN index, the company-type filter
checks postings against a list of certified employers, and the choice between walking an
order's index and collecting through the keyword index follows the estimated costs. Each way
must give exactly the rows of the plain condition."""

import datetime

import pytest
from django.utils import timezone

from employers.models import Certification
from jobs import cached, page_cache
from jobs.filters import JobPostingFilter
from jobs.filters import filterset as filterset_module
from jobs.filters import reader as reader_module
from jobs.filters.filterset import overlap_condition
from jobs.filters.order import Segment
from jobs.models import JobPosting
from tests.factories import CertificationFactory, EmployerFactory, JobPostingFactory

pytestmark = pytest.mark.django_db

LIST = "/jobs/"


@pytest.fixture
def postings():
    today = timezone.localdate()
    return [
        JobPostingFactory(
            title=["야간 경비원", "주간 조리원", "교대 생산직"][i % 3],
            shifts=[["night"], ["day"], ["day", "rotating"]][i % 3],
            priority_groups=[["older"], [], ["youth", "older"]][i % 3],
            date_posted=today - datetime.timedelta(days=i % 4),
        )
        for i in range(12)
    ]


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("shifts", ["day"]),
        ("shifts", ["night", "rotating"]),
        ("priority_groups", ["older"]),
        ("priority_groups", ["disabled"]),
    ],
)
def test_an_unindexed_overlap_finds_the_same_rows(monkeypatch, postings, field, values):
    indexed = set(JobPosting.objects.filter(**{f"{field}__overlap": values}).values_list("pk", flat=True))
    monkeypatch.setattr(filterset_module, "COMMON_ELEMENT_SHARE", -1.0)  # every value counts as common
    condition = overlap_condition(field, values)
    sql = str(JobPosting.objects.filter(condition).query)
    assert "array_cat" in sql
    assert set(JobPosting.objects.filter(condition).values_list("pk", flat=True)) == indexed


def test_common_values_are_not_read_from_their_index(monkeypatch):
    """pg_stats says "day" is on 78 % of postings: its GIN bitmap (157,000 entries at 200,000
    postings) would cost more than checking the rows found otherwise."""
    monkeypatch.setattr(cached, "element_frequencies", lambda column: {"day": 0.78, "night": 0.07, "older": 0.08})
    assert "array_cat" in str(JobPosting.objects.filter(overlap_condition("shifts", ["day"])).query)
    assert "array_cat" not in str(JobPosting.objects.filter(overlap_condition("shifts", ["night"])).query)
    assert "array_cat" not in str(JobPosting.objects.filter(overlap_condition("priority_groups", ["older"])).query)


@pytest.mark.parametrize("common", [True, False])
def test_shift_and_priority_pages_list_the_same_postings_either_way(client, monkeypatch, postings, common):
    if common:
        monkeypatch.setattr(filterset_module, "COMMON_ELEMENT_SHARE", -1.0)
    for params in ({"shift": "day"}, {"shift": "night", "q": "경비"}, {"priority": "older", "shift": "rotating"}):
        shown = [p.pk for p in client.get(LIST, params).context["postings"]]
        assert shown == list(JobPostingFilter(params).qs.values_list("pk", flat=True)), params


def test_company_type_with_no_certified_employer_is_an_empty_page(client, postings):
    response = client.get(LIST, {"company_type": "social", "q": "경비"})
    assert response.status_code == 200
    assert list(response.context["postings"]) == []
    assert client.get("/jobs/api/postings.json", {"company_type": "social"}).json()["results"] == []


def test_a_new_certification_is_seen_once_the_data_version_moves(client, postings):
    first = EmployerFactory(verification_status="verified")
    CertificationFactory(employer=first, type=Certification.Type.SOCIAL, valid_until=None)
    one = JobPostingFactory(employer=first, title="사회적기업 경비원")
    assert [p.pk for p in client.get(LIST, {"company_type": "social"}).context["postings"]] == [one.pk]
    second = EmployerFactory(verification_status="verified")
    CertificationFactory(employer=second, type=Certification.Type.SOCIAL, valid_until=None)
    two = JobPostingFactory(employer=second, title="사회적기업 조리원")
    page_cache.bump_now()  # what the commit of those saves does (tests never commit)
    shown = {p.pk for p in client.get(LIST, {"company_type": "social"}).context["postings"]}
    assert shown == {one.pk, two.pk}


def test_walk_or_collect_follows_the_estimated_costs(monkeypatch):
    """원 on 95 % of postings: a walk meets about 1,500 rows, a bitmap holds 190,000 entries;
    조리 on 8 %: a walk meets 8,500 rows, collecting reads the 1,001 it counts."""
    monkeypatch.setattr(cached, "posting_rows", lambda: 200_000.0)
    monkeypatch.setattr(reader_module, "estimated_rows", lambda queryset: 137_000.0)
    shares = {"원": 0.95, "조리": 0.08, "빵": 0.0007}
    monkeypatch.setattr(reader_module, "keyword_share", lambda terms, in_title=False: shares[terms[0]])
    for word, walks in (("원", True), ("조리", False), ("빵", False)):
        reader = reader_module.SegmentReader(JobPosting.objects.open(), [Segment("date_posted")], [word], 0, 1000)
        assert reader.walk_is_cheaper(None) is walks, word
