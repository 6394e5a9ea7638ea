"""JSON-LD values of the wrong kind: non-string text (never stored as a Python repr),
over-long URLs (dropped, never cut) and numbers that must compare equal once stored."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from jobs.choices import EmploymentType, PostingSource
from jobs.importers import import_records, read_jsonld_file
from jobs.importers.jsonld import parse_jsonld
from jobs.models import JobPosting

NOT_TEXT = "문자열이 아니어서 무시했습니다"


def posting(**extra):
    node = {"@type": "JobPosting", "title": "공고", "hiringOrganization": {"name": "(주)남동"}, "identifier": "X-1"}
    return {**node, **extra}


def parse(**extra):
    (record,) = parse_jsonld(posting(**extra))
    return record


def warned(record):
    return {(w.field, w.message) for w in record.warnings}


def public_text(record):
    keys = ("title", "description", "address", "location_text", "wage_text", "employment_type_text", "source_url")
    return [record.employer_name, record.external_id, *(str(record.fields.get(k, "")) for k in keys)]


# ---- title and organisation name: skip -----------------------------------------------------


@pytest.mark.parametrize("title", [{"nested": "obj"}, ["a", "b"], 12, True])
def test_title_that_is_not_a_string_skips_the_record(title):
    record = parse(title=title)
    assert record.skip_reason.startswith("제목(title)이 문자열이 아닙니다")


@pytest.mark.parametrize(
    "org", [{"name": ["a", "b"]}, {"name": {"@value": "x"}}, {"name": 7}, 7, [{"name": False}], True]
)
def test_organisation_name_that_is_not_a_string_skips_the_record(org):
    record = parse(hiringOrganization=org)
    assert record.skip_reason.startswith("채용 기업명(hiringOrganization.name)이 문자열이 아닙니다")


# ---- other text: warn and drop --------------------------------------------------------------


def test_description_url_and_employment_type_that_are_not_strings_are_dropped():
    record = parse(description={"html": "<p>x</p>"}, url=["https://a.kr"], employmentType={"a": 1})
    assert not record.skip_reason
    assert (record.fields["description"], record.fields["source_url"]) == ("", "")
    assert (record.fields["employment_type"], record.fields["employment_type_text"]) == ("", "")
    assert warned(record) == {("description", NOT_TEXT), ("url", NOT_TEXT), ("employmentType", NOT_TEXT)}


def test_non_string_items_of_employment_type_are_dropped_and_the_rest_kept():
    record = parse(employmentType=[{"x": 1}, 3, "PART_TIME"])
    assert record.fields["employment_type"] == EmploymentType.PART_TIME
    assert record.fields["employment_type_text"] == "PART_TIME"
    assert [(w.field, w.message) for w in record.warnings] == [("employmentType", NOT_TEXT)] * 2


def test_address_parts_and_place_names_that_are_not_strings_are_dropped():
    place = {
        "@type": "Place",
        "name": {"ko": "구월1동"},
        "address": {"addressRegion": "인천광역시", "addressLocality": ["남동구"], "streetAddress": {"a": 1}},
    }
    record = parse(jobLocation=[place, {"address": 12}])
    assert record.fields["address"] == "인천광역시" and record.fields["location_text"] == "인천광역시"
    assert warned(record) == {
        ("jobLocation.name", NOT_TEXT),
        ("jobLocation.address.addressLocality", NOT_TEXT),
        ("jobLocation.address.streetAddress", NOT_TEXT),
        ("jobLocation.address", NOT_TEXT),
    }


@pytest.mark.parametrize(
    ("identifier", "expected"), [(4004, ":4004"), ({"value": 17}, ":17"), (1.5, ":1.5"), ("A-1", ":A-1")]
)
def test_numeric_identifiers_become_text(identifier, expected):
    record = parse(identifier=identifier)
    assert record.external_id.endswith(expected) and record.warnings == []


@pytest.mark.parametrize("identifier", [{"value": {"x": 1}}, [["a"]], True, {"value": False}])
def test_identifier_that_is_not_text_is_warned_and_hashed(identifier):
    record = parse(identifier=identifier)
    assert len(record.external_id) == 32
    assert warned(record) == {("identifier", NOT_TEXT)}


def test_numeric_tax_id_is_read_as_text():
    assert parse(hiringOrganization={"name": "가", "taxID": 1234500003}).employer_brn == "1234500003"


def test_no_python_repr_reaches_a_text_field():
    record = parse(
        description=["a", "b"],
        url={"href": "https://x.kr"},
        employmentType=[["FULL_TIME"]],
        identifier={"value": ["x"]},
        jobLocation={"address": {"streetAddress": {"n": 1}}, "name": ["구월1동"]},
        baseSalary={"currency": {"code": "KRW"}, "value": {"value": [1], "unitText": {"u": "HOUR"}}},
    )
    assert not record.skip_reason
    assert not [t for t in public_text(record) if "{" in t or "[" in t]


# ---- URLs ------------------------------------------------------------------------------------


@pytest.mark.parametrize("length", [501, 2000])
def test_url_too_long_for_its_column_is_dropped_not_cut(length):
    url = "https://jobs.example.kr/" + "a" * (length - len("https://jobs.example.kr/"))
    record = parse(url=url)
    assert record.fields["source_url"] == ""
    ((field, message),) = warned(record)
    assert field == "url" and "500자" in message and "비워" in message


def test_url_at_the_limit_is_kept():
    url = "https://jobs.example.kr/" + "a" * (500 - len("https://jobs.example.kr/"))
    assert parse(url=url).fields["source_url"] == url


# ---- numbers stored and read back ----------------------------------------------------------------


def salary_file(tmp_path, amount_text):
    salary = '{"currency": "KRW", "value": {"minValue": AMOUNT, "unitText": "YEAR"}}'.replace("AMOUNT", amount_text)
    text = json.dumps(posting(baseSalary="SALARY"), ensure_ascii=False).replace('"SALARY"', salary)
    path = tmp_path / "salary.json"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
@pytest.mark.parametrize("amount", ["1e308", "1.7976931348623157e308", "12345678901234567890123.0", "-2e300"])
def test_huge_float_salary_is_unchanged_on_reimport(tmp_path, amount):
    path = salary_file(tmp_path, amount)
    first = import_records(read_jsonld_file(path), source=PostingSource.JSONLD)
    assert first.created == 1
    again = import_records(read_jsonld_file(path), source=PostingSource.JSONLD)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    saved = JobPosting.objects.get()
    assert saved.wage_min is None and saved.wage_text == ""
    assert amount in str(saved.raw["baseSalary"]["value"]["minValue"])


@pytest.mark.django_db
@pytest.mark.parametrize("amount", ["2500000.0", "2.5e6", "10320.5"])
def test_ordinary_float_salary_is_still_a_number(tmp_path, amount):
    path = salary_file(tmp_path, amount)
    import_records(read_jsonld_file(path), source=PostingSource.JSONLD)
    assert isinstance(JobPosting.objects.get().raw["baseSalary"]["value"]["minValue"], (int, float))
    again = import_records(read_jsonld_file(path), source=PostingSource.JSONLD)
    assert again.unchanged == 1


@pytest.mark.django_db
def test_command_reports_unchanged_for_a_huge_salary(tmp_path):
    path = salary_file(tmp_path, "1e308")
    for expected in ("새로 등록 1건", "변경 0건, 변경 없음 1건"):
        out = StringIO()
        call_command("import_postings", str(path), stdout=out, stderr=StringIO())
        assert expected in out.getvalue()
