"""고용24 CSV rows of our own files: bad rows and cells, dates, value limits, control
characters, the provider credit, updates and dry runs (reading lines and encodings:
test_import_work24_lines.py)."""

import csv
import datetime
import io

import pytest

from employers.models import Employer
from jobs.choices import PostingSource, PostingStatus
from jobs.importers import ImportFileError, ParsedRecord, import_records, read_work24_csv
from jobs.importers.common import stable_external_id
from jobs.importers.work24 import EXTRA_CELLS, parse_work24_csv, parse_work24_row
from jobs.models import JobPosting

D = datetime.date

HEADER = [
    "position_title",
    "company_name",
    "company_category",
    "recruit_provider",
    "annual_salary",
    "career",
    "education",
    "working_condition",
    "location",
    "deadline_date",
    "registration_date",
]


def write_csv(path, rows):
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def row(title, company, salary="연봉 3,000 만원 ~ 3,500 만원", deadline="2026-09-01", registered="2026-08-01"):
    return [
        title,
        company,
        "[]",
        "정보제공처 사람인",
        salary,
        "경력무관",
        "학력무관",
        "주5일",
        "서울 강남구",
        deadline,
        registered,
    ]


@pytest.mark.django_db
def test_bad_rows_are_reported_and_good_rows_kept(tmp_path):
    path = write_csv(
        tmp_path / "bad.csv",
        [
            row("정상 공고", "(주)가나다"),
            row("", "유령기업"),
            row("마감일 오류 공고", "㈜가나다", deadline="2026-13-01"),
            row("임금 오류 공고", "주식회사 가나다", salary="연봉 협의 가능"),
            row("기업명 없음 공고", ""),
            row("느슨한 마감일 공고", "가나다", deadline="2026.9.1"),
        ],
    )
    report = import_records(read_work24_csv(path), source=PostingSource.WORK24)
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    assert [(s.row, s.reason) for s in report.skipped] == [
        (3, "제목(position_title)이 없습니다"),
        (4, '마감일(deadline_date)을 읽을 수 없습니다: "2026-13-01"'),
        (6, "기업명(company_name)이 없습니다"),
    ]
    assert {(w.row, w.field, w.value) for w in report.warnings} == {
        (5, "annual_salary", "연봉 협의 가능"),
        (7, "deadline_date", "2026.9.1"),
    }
    assert not Employer.objects.filter(name="유령기업").exists()
    assert Employer.objects.count() == 1  # (주)가나다, 주식회사 가나다 and 가나다 are one
    assert not JobPosting.objects.filter(title="마감일 오류 공고").exists()
    assert JobPosting.objects.get(title="느슨한 마감일 공고").deadline == D(2026, 9, 1)
    bad_wage = JobPosting.objects.get(title="임금 오류 공고")
    assert bad_wage.wage_type == "" and bad_wage.wage_min is None and bad_wage.wage_text == "연봉 협의 가능"


@pytest.mark.django_db
def test_database_error_rolls_back_only_that_row(tmp_path):
    path = write_csv(tmp_path / "db.csv", [row("첫 공고", "롤백기업"), row("둘째 공고", "남는기업")])
    records = read_work24_csv(path)
    records[0].fields["days_per_week"] = 9  # passes field validation, breaks a CHECK constraint
    report = import_records(records, source=PostingSource.WORK24)
    assert report.created == 1
    assert len(report.skipped) == 1 and report.skipped[0].row == 2
    assert "posting_days_per_week_range" in report.skipped[0].reason
    assert not Employer.objects.filter(name="롤백기업").exists()  # no orphan employer
    assert JobPosting.objects.get().title == "둘째 공고"


@pytest.mark.django_db
def test_changed_row_is_updated_and_status_is_not_taken_from_file(tmp_path):
    report = import_records(
        read_work24_csv(write_csv(tmp_path / "a.csv", [row("A", "가"), row("B", "나")])), source=PostingSource.WORK24
    )
    assert report.created == 2
    JobPosting.objects.filter(title="B").update(status=PostingStatus.CLOSED)
    path = write_csv(tmp_path / "b.csv", [row("A", "가", salary="연봉 3,200 만원 ~ 3,500 만원"), row("B", "나")])
    report = import_records(read_work24_csv(path), source=PostingSource.WORK24)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert JobPosting.objects.get(title="A").wage_min == 32_000_000
    assert JobPosting.objects.get(title="B").status == PostingStatus.CLOSED


@pytest.mark.django_db
def test_dry_run_writes_nothing(tmp_path):
    records = read_work24_csv(write_csv(tmp_path / "d.csv", [row("A", "가"), row("B", "가")]))
    report = import_records(records, source=PostingSource.WORK24, dry_run=True)
    assert report.created == 2
    assert not JobPosting.objects.exists() and not Employer.objects.exists()


# ---- cells, dates and values --------------------------------------------------------------


def test_row_keeps_originals_and_warns_on_what_does_not_parse():
    row = {
        "position_title": "경비원 모집",
        "company_name": "(주)남동경비",
        "company_category": "['중견']",
        "recruit_provider": "정보제공처 사람인",
        "annual_salary": "연봉 협의",
        "career": "경력3년",
        "education": "고졸",
        "working_condition": "주5일 격주 토요일",
        "location": "서울 강남구",
        "deadline_date": "2026-9-1",
        "registration_date": "2026-08-01",
    }
    record = parse_work24_row(row, row_number=7)
    assert not record.skip_reason
    assert record.fields["raw"] == row
    assert record.fields["wage_text"] == "연봉 협의" and record.fields["wage_type"] == ""
    assert record.fields["working_condition_text"] == "주5일 격주 토요일"
    assert record.fields["days_per_week"] is None
    assert record.fields["deadline"] == D(2026, 9, 1)
    assert record.fields["source_provider"] == "사람인"
    assert {(w.row, w.field, w.value) for w in record.warnings} == {
        (7, "annual_salary", "연봉 협의"),
        (7, "working_condition", "주5일 격주 토요일"),
        (7, "deadline_date", "2026-9-1"),
    }
    assert record.external_id == stable_external_id(
        provider="사람인", title="경비원 모집", employer_name="㈜남동경비", date_posted="2026-08-01"
    )
    assert len(record.external_id) == 32


def line(cells):
    """One CSV line (quoted where needed, no line break)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    return out.getvalue()


def records_of(text):
    return parse_work24_csv(line(HEADER) + "\n" + text)


def test_row_with_missing_cells_is_skipped_and_extra_cells_warned():
    full = line(row("정상 공고", "(주)가나다"))
    longer = line(row("초과 칸 공고", "(주)가나다"))
    records = records_of(f"{full}\n짧은 행,(주)짧은\n{longer},초과1,초과2\n")
    assert [(r.row, r.skip_reason) for r in records] == [(2, ""), (3, "열이 부족합니다: 11개 중 2개"), (4, "")]
    (extra,) = records[2].warnings
    assert (extra.row, extra.field, extra.value) == (4, EXTRA_CELLS, "초과1, 초과2")
    assert "2개 많아" in extra.message
    assert None not in records[2].fields["raw"]


def test_row_from_dict_reader_with_none_cells_is_skipped():
    reader = csv.DictReader([",".join(HEADER), "짧은 행,(주)짧은"])
    record = parse_work24_row(next(reader), row_number=2)
    assert record.skip_reason == "열이 부족합니다: 11개 중 2개"


@pytest.mark.parametrize(
    ("deadline", "registered", "reason"),
    [
        ("2026-02-30", "2026-08-01", '마감일(deadline_date)을 읽을 수 없습니다: "2026-02-30"'),
        ("", "2026-08-01", "마감일(deadline_date)이 없습니다"),
        ("2026-09-01", "어제", '등록일(registration_date)을 읽을 수 없습니다: "어제"'),
        ("2026-09-01", " ", "등록일(registration_date)이 없습니다"),
    ],
)
def test_row_without_a_readable_deadline_or_registration_date_is_skipped(deadline, registered, reason):
    (record,) = records_of(line(row("공고", "가", deadline=deadline, registered=registered)))
    assert record.skip_reason == reason


def test_file_without_a_date_column_is_a_file_error():
    with pytest.raises(ImportFileError, match="필요한 열이 없습니다: deadline_date"):
        parse_work24_csv("position_title,company_name,registration_date\n가,나,2026-08-01\n")


def test_blank_lines_keep_spreadsheet_row_numbers():
    records = records_of("\n" + line(row("", "가")) + "\n")
    assert [(r.row, r.skip_reason) for r in records] == [(3, "제목(position_title)이 없습니다")]


@pytest.mark.django_db
def test_wage_too_large_for_its_column_is_dropped_with_a_warning(tmp_path):
    path = write_csv(tmp_path / "big.csv", [row("큰 연봉 공고", "가", salary="연봉 99,999,999 만원")])
    report = import_records(read_work24_csv(path), source=PostingSource.WORK24)
    assert (report.created, report.skipped) == (1, [])
    (warning,) = report.warnings
    assert (warning.row, warning.field, warning.value) == (2, "annual_salary", "연봉 99,999,999 만원")
    assert warning.message.startswith("최소 임금 (원)에 넣을 수 없는 값입니다") and "2147483647" in warning.message
    posting = JobPosting.objects.get()
    assert (posting.wage_type, posting.wage_min, posting.wage_max) == ("", None, None)
    assert posting.wage_text == "연봉 99,999,999 만원"


@pytest.mark.django_db
def test_validation_reasons_name_fields_in_korean(tmp_path):
    path = write_csv(tmp_path / "v.csv", [row("음수 임금", "가"), row("이름 없는 기업", "(주)")])
    records = read_work24_csv(path)
    records[0].fields["wage_min"] = -1
    report = import_records(records, source=PostingSource.WORK24)
    assert [(s.row, s.reason) for s in report.skipped] == [
        (2, "값 검증에 실패해 가져오지 않았습니다 (최소 임금 (원): 0 이상의 값을 입력해 주세요.)"),
        (3, "기업 값 검증에 실패해 가져오지 않았습니다 (기업명: 기업명을 알아볼 수 없습니다)"),
    ]


@pytest.mark.django_db
def test_control_characters_are_removed_from_every_cell(tmp_path):
    cells = row("경비\x00원 모집", "(주)널\x01기업", salary="연봉 3,000 만원\x00")
    cells[8] = "서울\t강남구 역삼동"  # TAB kept (a line break ends the row: test_import_work24_lines.py)
    report = import_records(read_work24_csv(write_csv(tmp_path / "nul.csv", [cells])), source=PostingSource.WORK24)
    assert (report.created, report.skipped) == (1, [])
    assert {(w.field, w.value, w.message) for w in report.warnings} == {
        ("position_title", "경비원 모집", "저장할 수 없는 글자(제어 문자 등) 1개를 지웠습니다"),
        ("company_name", "(주)널기업", "저장할 수 없는 글자(제어 문자 등) 1개를 지웠습니다"),
        ("annual_salary", "연봉 3,000 만원", "저장할 수 없는 글자(제어 문자 등) 1개를 지웠습니다"),
    }
    posting = JobPosting.objects.get()
    assert (posting.title, posting.employer.name, posting.wage_min) == ("경비원 모집", "(주)널기업", 30_000_000)
    assert posting.raw["position_title"] == "경비원 모집" and posting.raw["location"] == "서울\t강남구 역삼동"


def test_provider_that_is_the_source_itself_is_not_repeated():
    cells = row("공고", "가")
    cells[3] = "정보제공처 고용24"
    (record,) = records_of(line(cells))
    assert record.fields["source_provider"] == ""
    assert record.external_id == stable_external_id(
        provider="고용24", title="공고", employer_name="가", date_posted="2026-08-01"
    )
    posting = JobPosting(source=PostingSource.WORK24, **{k: v for k, v in record.fields.items() if k != "raw"})
    assert posting.source_credit == "고용24"


def test_a_record_can_be_built_by_hand():
    record = ParsedRecord(row=1)
    record.warn("annual_salary", "x" * 200, "테스트")
    assert len(record.warnings[0].value) == 80
    assert record.fields == {} and record.skip_reason == ""
