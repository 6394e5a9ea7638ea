"""Impossible dates in imported postings: a registration date after today (KST), a deadline
before the registration date or more than two years after it skip the record (고용24 CSV
and JSON-LD alike)."""

import datetime

import pytest
from django.utils import timezone

from jobs.choices import PostingSource
from jobs.importers import import_records
from jobs.importers.common import add_years
from jobs.importers.jsonld import parse_jsonld
from jobs.importers.work24 import parse_work24_csv
from tests.jobs.test_import_work24_rows import HEADER, line, row

D = datetime.date
DAY = datetime.timedelta(days=1)


def csv_record(registered, deadline):
    (record,) = parse_work24_csv(
        line(HEADER) + "\n" + line(row("공고", "가", deadline=deadline, registered=registered))
    )
    return record


def jsonld_record(posted, deadline):
    node = {"@type": "JobPosting", "title": "공고", "hiringOrganization": "가"}
    node.update({k: v for k, v in (("datePosted", posted), ("validThrough", deadline)) if v is not None})
    (record,) = parse_jsonld(node)
    return record


def iso(day):
    return day.isoformat() if isinstance(day, D) else day


def test_add_years_keeps_the_day_and_moves_29_february():
    assert add_years(D(2026, 8, 1), 2) == D(2028, 8, 1)
    assert add_years(D(2028, 2, 29), 2) == D(2030, 2, 28)


@pytest.mark.parametrize("make", [csv_record, jsonld_record])
def test_registration_date_after_today_is_skipped(make):
    today = timezone.localdate()
    record = make(iso(today + DAY), iso(today + 10 * DAY))
    assert record.skip_reason.startswith("등록일(") and "오늘" in record.skip_reason
    assert (today + DAY).isoformat() in record.skip_reason
    assert not make(iso(today), iso(today + 10 * DAY)).skip_reason


@pytest.mark.parametrize("make", [csv_record, jsonld_record])
def test_deadline_before_registration_date_is_skipped(make):
    record = make("2026-08-10", "2026-08-09")
    assert record.skip_reason.startswith("마감일(") and "등록일보다 앞섭니다" in record.skip_reason
    assert "2026-08-09" in record.skip_reason
    assert not make("2026-08-10", "2026-08-10").skip_reason  # closing the day it was posted


@pytest.mark.parametrize("make", [csv_record, jsonld_record])
@pytest.mark.parametrize("deadline", ["9999-12-31", "2028-08-02"])
def test_deadline_more_than_two_years_after_registration_is_skipped(make, deadline):
    record = make("2026-08-01", deadline)
    assert record.skip_reason.startswith("마감일(") and "2년" in record.skip_reason
    assert not make("2026-08-01", "2028-08-01").skip_reason


def test_reasons_name_the_source_columns():
    assert "(deadline_date)" in csv_record("2026-08-10", "2026-08-01").skip_reason
    assert "(validThrough)" in jsonld_record("2026-08-10", "2026-08-01").skip_reason
    today = timezone.localdate()
    assert "(registration_date)" in csv_record(iso(today + DAY), iso(today + 2 * DAY)).skip_reason
    assert "(datePosted)" in jsonld_record(iso(today + DAY), None).skip_reason


def test_jsonld_without_a_readable_date_posted():
    today = timezone.localdate()
    # a past deadline without a posting date is an expired posting, not an impossible one
    assert not jsonld_record(None, "2020-01-01").skip_reason
    # …but a deadline years ahead is impossible whatever the posting date (today by default)
    far = jsonld_record("2026/13/45", iso(add_years(today, 2) + DAY))
    assert "2년" in far.skip_reason
    assert not jsonld_record(None, iso(add_years(today, 2))).skip_reason


def test_jsonld_future_date_posted_with_a_time_is_taken_in_kst():
    tomorrow = timezone.localdate() + DAY
    moment = datetime.datetime.combine(
        tomorrow, datetime.time(0, 30), tzinfo=datetime.timezone(datetime.timedelta(hours=9))
    )
    assert "오늘" in jsonld_record(moment.isoformat(), None).skip_reason


@pytest.mark.django_db
def test_skipped_dates_are_reported_and_not_written():
    text = (
        line(HEADER)
        + "\n"
        + "\n".join(
            line(row(title, "가", deadline=deadline, registered=registered))
            for title, registered, deadline in [
                ("정상", "2026-08-01", "2026-09-01"),
                ("영원히 열린 공고", "2026-08-01", "9999-12-31"),
                ("거꾸로 된 공고", "2026-08-10", "2026-08-01"),
            ]
        )
    )
    report = import_records(parse_work24_csv(text), source=PostingSource.WORK24)
    assert report.created == 1
    assert [s.row for s in report.skipped] == [3, 4]


# ---- JSON-LD dates that are present but not date strings ---------------------------------


@pytest.mark.parametrize(
    ("value", "shown"), [(0, "0"), (False, "false"), ([], "[]"), ({}, "{}"), (True, "true"), (20261231, "20261231")]
)
def test_jsonld_valid_through_that_is_not_a_string_skips_the_record(value, shown):
    record = jsonld_record("2026-08-01", value)
    assert record.skip_reason == f'마감일(validThrough)을 읽을 수 없습니다: "{shown}"'  # never open-ended


@pytest.mark.parametrize(("value", "shown"), [(0, "0"), (False, "false"), ([], "[]"), ({}, "{}")])
def test_jsonld_date_posted_that_is_not_a_string_is_warned_like_an_unreadable_one(value, shown):
    record = jsonld_record(value, "2026-09-01")
    assert not record.skip_reason and record.fields["date_posted"] is None
    assert [(w.field, w.value, w.message) for w in record.warnings] == [
        ("datePosted", shown, "날짜를 읽을 수 없어 비워 두었습니다")
    ]
    assert [(w.field, w.value) for w in jsonld_record("어제", "2026-09-01").warnings] == [("datePosted", "어제")]
