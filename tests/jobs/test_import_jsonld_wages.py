"""JSON-LD wages as public pages show them: ``wage_text`` is Korean text built from the
amounts kept ("시급 12,000원 ~ 13,000원"), or empty when the salary was rejected; never NaN,
an exponent or a Python repr. Amounts that round to 0 are warned about, not a database
error. The hiring organisation is never credited as the source (``source_provider``)."""

import re

import pytest

from jobs.choices import PostingSource
from jobs.importers import import_records, read_jsonld_file
from jobs.importers.jsonld import parse_jsonld
from jobs.models import JobPosting

READABLE = re.compile(r"(시급|일급|주급|월급|연봉) (최대 )?\d{1,3}(,\d{3})*원( 이상| ~ \d{1,3}(,\d{3})*원)?")


def posting(**extra):
    node = {"@type": "JobPosting", "title": "공고", "hiringOrganization": {"name": "(주)남동"}, "identifier": "W-1"}
    return {**node, **extra}


def salary(value, currency="KRW"):
    return {"@type": "MonetaryAmount", "currency": currency, "value": value}


def parse(salary_value):
    (record,) = parse_jsonld(posting(baseSalary=salary_value))
    assert not record.skip_reason
    return record


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ({"minValue": 12000, "maxValue": 13000, "unitText": "HOUR"}, "시급 12,000원 ~ 13,000원"),
        ({"value": 2_500_000, "unitText": "MONTH"}, "월급 2,500,000원"),
        ({"minValue": "550,000", "unitText": "WEEK"}, "주급 550,000원 이상"),
        ({"maxValue": 120_000.0, "unitText": "DAY"}, "일급 최대 120,000원"),
        ({"value": 36_000_000, "unitText": "YEAR"}, "연봉 36,000,000원"),
    ],
)
def test_wage_text_is_built_from_the_amounts(value, text):
    record = parse(salary(value))
    assert record.fields["wage_text"] == text and record.warnings == []


@pytest.mark.parametrize(
    "value",
    [
        {"minValue": "NaN", "unitText": "HOUR"},  # what the decoder keeps of a bare NaN
        {"minValue": float("nan"), "unitText": "HOUR"},
        {"minValue": "Infinity", "maxValue": "-Infinity", "unitText": "HOUR"},
        {"minValue": "1e+300", "maxValue": "1e+301", "unitText": "MONTH"},
        {"minValue": 1e300, "unitText": "MONTH"},
        {"minValue": "1_000", "unitText": "HOUR"},
        {"unitText": "HOUR"},  # was "KRW ~ HOUR"
        {"minValue": [12000], "unitText": {"u": "HOUR"}},
        {"value": True, "unitText": "HOUR"},  # booleans are not numbers
        {"minValue": False, "maxValue": 13000, "unitText": "HOUR"},
    ],
)
def test_rejected_salary_leaves_wage_text_empty(value):
    record = parse(salary(value))
    assert (record.fields["wage_text"], record.fields["wage_type"], record.fields["wage_min"]) == ("", "", None)
    (warning,) = record.warnings
    assert warning.field == "baseSalary"


@pytest.mark.parametrize(
    "base_salary",
    [
        salary({"minValue": 12000, "maxValue": 1.5e4, "unitText": "hour"}),
        salary({"value": "2,500,000.4", "unitText": "MONTH"}),
        salary({"minValue": 10320.5, "unitText": "HOUR"}),
        salary({"minValue": "NaN", "maxValue": 12000, "unitText": "HOUR"}),
        salary({"value": {"value": 12000, "unitText": "HOUR"}}),
        salary({"value": 3000, "unitText": "MONTH"}, currency="USD"),
        salary(5e-324, currency="KRW"),
        "KRW 3000",
    ],
)
def test_wage_text_is_always_readable_or_empty(base_salary):
    text = parse(base_salary).fields["wage_text"]
    assert text == "" or READABLE.fullmatch(text), text
    assert not re.search(r"nan|inf|e\+|\d[eE]\d|[\[\]{}']", text, re.IGNORECASE)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"value": 0.4, "unitText": "HOUR"}, "임금이 1원 미만입니다 (반올림하면 0원)"),
        ({"minValue": 0.5, "maxValue": 0.5, "unitText": "HOUR"}, "임금이 1원 미만입니다 (반올림하면 0원)"),
        ({"value": "0.4", "unitText": "MONTH"}, "임금이 1원 미만입니다 (반올림하면 0원)"),
        ({"value": -3, "unitText": "HOUR"}, "임금이 0 이하입니다"),
        ({"value": 0, "unitText": "HOUR"}, "임금이 0 이하입니다"),
    ],
)
@pytest.mark.django_db
def test_wage_rounding_to_zero_is_warned_and_the_posting_imported(value, message):
    report = import_records(parse_jsonld(posting(baseSalary=salary(value))), source=PostingSource.JSONLD)
    assert (report.created, report.skipped) == (1, [])  # was a posting_wage_positive database error
    assert [(w.field, w.message) for w in report.warnings] == [("baseSalary", message)]
    saved = JobPosting.objects.get()
    assert (saved.wage_type, saved.wage_min, saved.wage_max, saved.wage_text) == ("", None, None, "")


@pytest.mark.django_db
def test_public_wage_of_a_file_with_nan_is_readable(tmp_path):
    text = (
        '[{"@type": "JobPosting", "title": "야간 공고", "hiringOrganization": "가", "identifier": "N-1", '
        '"baseSalary": {"currency": "KRW", "value": {"minValue": NaN, "unitText": "HOUR"}}},'
        '{"@type": "JobPosting", "title": "주간 공고", "hiringOrganization": "가", "identifier": "N-2", '
        '"baseSalary": {"currency": "KRW", "value": {"minValue": 12000, "maxValue": 13000, "unitText": "HOUR"}}}]'
    )
    path = tmp_path / "nan.json"
    path.write_text(text, encoding="utf-8")
    import_records(read_jsonld_file(path), source=PostingSource.JSONLD)
    night, day = JobPosting.objects.get(title="야간 공고"), JobPosting.objects.get(title="주간 공고")
    assert (night.wage_text, night.wage_display) == ("", "임금 정보 없음")
    assert day.wage_text == "시급 12,000원 ~ 13,000원"


# ---- source credit -------------------------------------------------------------------------


def test_hiring_organisation_is_not_the_source_provider():
    (record,) = parse_jsonld(posting(hiringOrganization={"name": "남동정밀 주식회사"}))
    assert record.fields["source_provider"] == "" and record.employer_name == "남동정밀 주식회사"
    saved = JobPosting(source=PostingSource.JSONLD, **{k: v for k, v in record.fields.items() if k != "raw"})
    assert "정보제공처" not in saved.source_credit
