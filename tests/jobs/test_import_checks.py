"""Plausibility warnings on imported postings (the posting is kept): a career of more than 50
years, a wage below the minimum wage in force on the posting date, and a wage of more than
1,000,000 KRW an hour (that wage is dropped)."""

import pytest

from jobs.choices import PostingSource
from jobs.importers import import_records, read_work24_csv
from jobs.importers.jsonld import parse_jsonld
from jobs.importers.work24 import parse_work24_csv
from jobs.models import JobPosting
from namdong_jobs.reference.models import MinimumWage
from tests.jobs.test_import_work24_rows import HEADER, line, row, write_csv

BELOW = "최저임금(시간당 {:,}원)보다 낮습니다"
TOO_LARGE = "임금이 비정상적으로 큽니다"


def csv_records(*rows):
    return parse_work24_csv("\n".join([line(HEADER), *(line(r) for r in rows)]) + "\n")


def jsonld(amount, unit, posted="2026-11-01"):
    node = {
        "@type": "JobPosting",
        "title": "공고",
        "hiringOrganization": "가",
        "datePosted": posted,
        "baseSalary": {"currency": "KRW", "value": {"value": amount, "unitText": unit}},
    }
    return parse_jsonld(node)


def warnings(report):
    return [(w.row, w.field, w.value, w.message) for w in report.warnings]


# ---- career ---------------------------------------------------------------------------------


def test_career_of_more_than_50_years_is_kept_with_a_warning():
    cells = row("공고", "가")
    cells[5] = "경력60년"
    ok = row("다른 공고", "가")
    ok[5] = "경력50년"
    record, fine = csv_records(cells, ok)
    assert not record.skip_reason and record.fields["career_min_years"] == 60
    ((field, value, message),) = [(w.field, w.value, w.message) for w in record.warnings]
    assert (field, value) == ("career", "경력60년") and "50년을 넘어" in message
    assert fine.warnings == [] and fine.fields["career_min_years"] == 50


# ---- below the minimum wage -------------------------------------------------------------------


@pytest.mark.django_db
def test_wage_below_the_minimum_wage_of_the_posting_year_is_kept_with_a_warning(tmp_path):
    path = write_csv(
        tmp_path / "low.csv",
        [
            row("2026년 공고", "가", salary="시급 10,000 원"),  # 2026: 10,320 KRW/h
            row("2025년 공고", "가", salary="시급 10,100 원", deadline="2025-09-01", registered="2025-08-01"),
            row("2025년 낮은 공고", "가", salary="월급 200 만원", deadline="2025-09-01", registered="2025-08-01"),
            row("최저임금 공고", "가", salary="시급 10,320 원"),
        ],
    )
    report = import_records(read_work24_csv(path), source=PostingSource.WORK24)
    assert (report.created, report.skipped) == (4, [])
    assert [(r, f, v) for r, f, v, _ in warnings(report)] == [
        (2, "annual_salary", "시급 10,000 원"),
        (4, "annual_salary", "월급 200 만원"),  # 9,569 KRW/h
    ]
    first, second = (w.message for w in report.warnings)
    assert first.endswith(BELOW.format(10_320)) and "10,000원" in first
    assert second.endswith(BELOW.format(10_030)) and "9,569원" in second
    assert JobPosting.objects.get(title="2026년 공고").wage_min == 10_000  # the wage is kept


@pytest.mark.django_db
def test_jsonld_wage_below_the_minimum_wage_is_warned():
    report = import_records(jsonld(2_000_000, "MONTH"), source=PostingSource.JSONLD)
    assert report.created == 1
    ((row_number, field, value, message),) = warnings(report)
    assert (row_number, field, value) == (1, "baseSalary", "월급 2,000,000원")
    assert message.endswith(BELOW.format(10_320))


@pytest.mark.django_db
def test_no_minimum_wage_check_without_a_row_for_that_year():
    MinimumWage.objects.all().delete()
    report = import_records(jsonld(5000, "HOUR"), source=PostingSource.JSONLD)
    assert (report.created, report.warnings) == (1, [])
    report = import_records(jsonld(5000, "HOUR", posted="2020-01-01"), source=PostingSource.JSONLD)
    assert report.warnings == []


# ---- too large ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_csv_wage_of_more_than_a_million_won_an_hour_is_dropped(tmp_path):
    path = write_csv(tmp_path / "big.csv", [row("큰 임금", "가", salary="월급 30,000 만원")])  # 1,435,406 KRW/h
    report = import_records(read_work24_csv(path), source=PostingSource.WORK24)
    assert (report.created, report.skipped) == (1, [])
    ((_, field, value, message),) = warnings(report)
    assert (field, value) == ("annual_salary", "월급 30,000 만원") and message.startswith(TOO_LARGE)
    saved = JobPosting.objects.get()
    assert (saved.wage_type, saved.wage_min, saved.wage_max) == ("", None, None)
    assert saved.wage_text == "월급 30,000 만원"  # the source's own words, shown as such


@pytest.mark.parametrize(
    ("amount", "unit"), [(1_000_001, "HOUR"), (9_000_000, "DAY"), (50_000_000, "WEEK"), (300_000_000, "MONTH")]
)
def test_jsonld_wage_of_more_than_a_million_won_an_hour_is_dropped(amount, unit):
    (record,) = jsonld(amount, unit)
    assert not record.skip_reason
    assert (record.fields["wage_type"], record.fields["wage_min"], record.fields["wage_text"]) == ("", None, "")
    ((field, message),) = [(w.field, w.message) for w in record.warnings]
    assert field == "baseSalary" and message.startswith(TOO_LARGE)


def test_a_million_won_an_hour_is_still_believed():
    (record,) = jsonld(1_000_000, "HOUR")
    assert record.fields["wage_min"] == 1_000_000 and record.warnings == []
