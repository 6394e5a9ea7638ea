"""Employers of imported listings (DESIGN.md: imported listings stay outside employer
verification): found by a valid brn, by normalised name only among EXTERNAL employers, else
created as EXTERNAL. A local employer is never joined by name and never changed."""

import pytest

from employers.models import Employer
from jobs.choices import PostingSource
from jobs.importers import find_or_create_employer, import_records, read_work24_csv
from jobs.importers.jsonld import parse_jsonld
from jobs.models import JobPosting
from tests.factories import EmployerFactory
from tests.jobs.test_import_work24_rows import row, write_csv

EXTERNAL = Employer.Verification.EXTERNAL


def jsonld(org, identifier="E-1"):
    node = {"@type": "JobPosting", "title": "선반 가공", "hiringOrganization": org, "identifier": identifier}
    return import_records(parse_jsonld(node), source=PostingSource.JSONLD)


@pytest.mark.django_db
def test_jsonld_listing_is_not_joined_to_a_verified_employer_by_name():
    verified = EmployerFactory(name="남동정밀(주)", phone="032-000-0000")
    report = jsonld({"@type": "Organization", "name": "남동정밀 주식회사"})
    assert report.created == 1
    employer = JobPosting.objects.get().employer
    assert employer != verified
    assert (employer.name, employer.verification_status, employer.phone) == ("남동정밀 주식회사", EXTERNAL, "")
    assert employer.name_key == verified.name_key  # same normalised name, still kept apart
    verified.refresh_from_db()
    assert (verified.name, verified.verification_status) == ("남동정밀(주)", Employer.Verification.VERIFIED)


@pytest.mark.django_db
def test_csv_listing_is_not_joined_to_a_verified_employer_by_name(tmp_path):
    verified = EmployerFactory(name="(주)남동정밀", address="인천광역시 남동구 남동대로 1")
    path = write_csv(tmp_path / "v.csv", [row("선반 가공", "㈜남동정밀"), row("밀링 가공", "남동정밀 주식회사")])
    report = import_records(read_work24_csv(path), source=PostingSource.WORK24)
    assert report.created == 2
    employers = {p.employer for p in JobPosting.objects.all()}
    assert len(employers) == 1  # the two rows share one new EXTERNAL employer
    (employer,) = employers
    assert employer != verified and employer.verification_status == EXTERNAL and employer.address == ""
    verified.refresh_from_db()
    assert verified.address == "인천광역시 남동구 남동대로 1"
    assert Employer.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Employer.Verification.PENDING, Employer.Verification.REJECTED])
def test_other_local_employers_are_not_joined_by_name_either(status):
    local = EmployerFactory(name="(주)남동정밀", verification_status=status)
    employer, created = find_or_create_employer(name="남동정밀", brn=None)
    assert created and employer != local and employer.verification_status == EXTERNAL


@pytest.mark.django_db
def test_an_external_employer_is_reused_by_name():
    first, created = find_or_create_employer(name="㈜남동물류", brn=None)
    again, created_again = find_or_create_employer(name="남동물류 주식회사", brn=None)
    assert created and not created_again and again == first


@pytest.mark.django_db
def test_a_verified_employer_is_still_found_by_a_valid_brn():
    verified = EmployerFactory(name="남동정밀(주)")
    report = jsonld({"@type": "Organization", "name": "전혀 다른 이름", "taxID": verified.brn})
    assert report.created == 1
    assert JobPosting.objects.get().employer == verified
    assert Employer.objects.count() == 1
