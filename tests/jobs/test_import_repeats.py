"""A posting repeated within one file (two CSV rows with the same title, company and
registration date; two JSON-LD items with the same identifier): the first is kept, later ones
are skipped naming it, so importing the file again changes nothing."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from jobs.choices import PostingSource
from jobs.importers import import_records, read_jsonld_file, read_work24_csv
from jobs.models import JobPosting
from tests.jobs.test_import_work24_rows import row, write_csv


def csv_file(tmp_path):
    return write_csv(
        tmp_path / "repeat.csv",
        [
            row("경비원 모집", "(주)가나다"),
            row("미화원 모집", "(주)가나다"),
            row("경비원  모집", "㈜가나다", salary="연봉 3,200 만원 ~ 3,500 만원"),  # same key, other wage
        ],
    )


def jsonld_file(tmp_path):
    item = {"@type": "JobPosting", "title": "공고", "hiringOrganization": "가", "identifier": "R-1"}
    items = [item, {**item, "identifier": "R-2"}, {**item, "title": "바뀐 제목"}]
    path = tmp_path / "repeat.json"
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.django_db
def test_repeated_csv_row_is_skipped_naming_the_first(tmp_path):
    records = read_work24_csv(csv_file(tmp_path))
    assert [(r.row, r.skip_reason) for r in records] == [(2, ""), (3, ""), (4, "같은 공고가 2행에 이미 있습니다")]
    report = import_records(records, source=PostingSource.WORK24)
    assert (report.created, report.updated, [s.row for s in report.skipped]) == (2, 0, [4])
    assert JobPosting.objects.get(title="경비원 모집").wage_min == 30_000_000  # the first row kept


@pytest.mark.django_db
def test_repeated_jsonld_identifier_is_skipped_naming_the_first(tmp_path):
    records = read_jsonld_file(jsonld_file(tmp_path))
    assert [(r.row, r.skip_reason) for r in records] == [(1, ""), (2, ""), (3, "같은 공고가 1항목에 이미 있습니다")]
    import_records(records, source=PostingSource.JSONLD)
    assert JobPosting.objects.get(external_id__endswith=":R-1").title == "공고"


@pytest.mark.django_db
@pytest.mark.parametrize("make", [csv_file, jsonld_file])
def test_rerunning_a_file_with_a_repeated_posting_changes_nothing(tmp_path, make):
    path = make(tmp_path)
    for expected in (
        "새로 등록 2건, 변경 0건, 변경 없음 0건, 건너뜀 1건",
        "새로 등록 0건, 변경 0건, 변경 없음 2건, 건너뜀 1건",
    ):
        out = StringIO()
        call_command("import_postings", str(path), stdout=out, stderr=StringIO())
        assert expected in out.getvalue()
        assert "같은 공고가 " in out.getvalue()
    assert JobPosting.objects.count() == 2
