"""``manage.py import_postings``: summary, errors, dry run."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from employers.models import Employer
from jobs.models import JobPosting
from tests.jobs.test_import_work24_rows import HEADER

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "jsonld"


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_postings", *map(str, args), stdout=out, stderr=err)
    return out.getvalue()


@pytest.mark.django_db
def test_summary_lists_counts_skips_and_warnings():
    output = run(FIXTURES / "flawed_list.json", FIXTURES / "single.jsonld")
    assert "[flawed_list.json]" in output and "[single.jsonld]" in output
    assert "새로 등록 5건, 변경 0건, 변경 없음 0건, 건너뜀 3건" in output
    assert "  - 6항목: 제목(title)이 없습니다" in output
    assert '  - 8항목: 마감일(validThrough)을 읽을 수 없습니다: "2026-02-30"' in output
    assert '  - 1항목 datePosted "2026-8-3": 표준 형식(YYYY-MM-DD)이 아닌 날짜를 읽었습니다' in output
    assert '  - 3항목 baseSalary "USD 3000 MONTH": 통화가 KRW가 아닙니다' in output
    assert "합계: 새로 등록 6건, 변경 0건, 변경 없음 0건, 건너뜀 3건" in output
    output = run(FIXTURES / "single.jsonld")
    assert "새로 등록 0건, 변경 0건, 변경 없음 1건, 건너뜀 0건" in output
    assert "경고 없음" in output


@pytest.mark.shared_data
@pytest.mark.django_db
def test_real_csv_through_the_command(work24_csv):
    output = run(work24_csv)
    assert "고용24 가져오기" in output
    assert "새로 등록 257건, 변경 0건, 변경 없음 0건, 건너뜀 0건 (전체 257건)" in output
    output = run(work24_csv)
    assert "새로 등록 0건, 변경 0건, 변경 없음 257건" in output


@pytest.mark.django_db
def test_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="파일을 찾을 수 없습니다"):
        run(tmp_path / "없는파일.csv")


@pytest.mark.django_db
def test_other_extension_is_a_command_error(tmp_path):
    path = tmp_path / "listings.xlsx"
    path.write_bytes(b"PK")
    with pytest.raises(CommandError, match="지원하지 않는 파일 형식"):
        run(path)


@pytest.mark.django_db
def test_a_typo_stops_the_run_before_anything_is_written(tmp_path):
    with pytest.raises(CommandError, match="파일을 찾을 수 없습니다"):
        run(FIXTURES / "single.jsonld", tmp_path / "오타.json")
    assert not JobPosting.objects.exists()


@pytest.mark.django_db
def test_an_unusable_file_fails_the_run_after_the_others_are_imported(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("[{", encoding="utf-8")
    out = StringIO()
    with pytest.raises(CommandError, match=r"^broken\.json: JSON 형식이 올바르지 않습니다 \(1행 3열\)$"):
        call_command("import_postings", str(broken), str(FIXTURES / "single.jsonld"), stdout=out, stderr=StringIO())
    assert "[single.jsonld]" in out.getvalue() and "새로 등록 1건" in out.getvalue()
    assert JobPosting.objects.count() == 1
    no_title = tmp_path / "other.csv"
    no_title.write_text("name,salary\n가,1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="position_title"):
        run(no_title)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "objects.json",
            '[{"name": "x"}, {"@type": "Organization", "name": "y"}]',
            "JobPosting 항목을 찾지 못했습니다",
        ),
        ("object.json", '{"name":"x"}', "JobPosting 항목을 찾지 못했습니다"),
        ("numbers.json", "[1,2,3]", "JobPosting 항목을 찾지 못했습니다"),
        ("string.json", '"str"', "JobPosting 항목을 찾지 못했습니다"),
        ("null.jsonld", "null", "JobPosting 항목을 찾지 못했습니다"),
        ("blank.json", " \n", "파일이 비어 있습니다"),
        ("empty.csv", "", "파일이 비어 있습니다"),
        ("blank.csv", "\n\n", "파일이 비어 있습니다"),
        ("header_only.csv", ",".join(HEADER) + "\n", "공고 행이 없습니다"),
        ("header_and_blank_rows.csv", ",".join(HEADER) + "\n\n" + "," * 10 + "\n", "공고 행이 없습니다"),
    ],
)
def test_files_without_postings_are_errors_not_zero_imports(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=f"^{name}: .*{message}"):
        run(path)


@pytest.mark.django_db
def test_every_unusable_file_is_named(tmp_path):
    (tmp_path / "a.json").write_text("[1,2,3]", encoding="utf-8")
    (tmp_path / "b.csv").write_bytes(b"")
    with pytest.raises(CommandError) as caught:
        run(tmp_path / "a.json", FIXTURES / "graph.jsonld", tmp_path / "b.csv")
    assert str(caught.value) == (
        "파일 2개를 가져오지 못했습니다:\n"
        "  - a.json: schema.org JobPosting 항목을 찾지 못했습니다\n"
        "  - b.csv: 파일이 비어 있습니다"
    )
    assert JobPosting.objects.count() == 2  # graph.jsonld was imported


@pytest.mark.shared_data
@pytest.mark.django_db
def test_real_non_jsonld_file_is_an_error(shared_data):
    with pytest.raises(CommandError, match="wanted_postings_food_commerce.json: schema.org JobPosting 항목을"):
        run(shared_data / "wanted_postings_food_commerce.json")
    assert not JobPosting.objects.exists()


@pytest.mark.django_db
def test_dry_run_reports_but_writes_nothing():
    output = run(FIXTURES / "graph.jsonld", "--dry-run")
    assert "새로 등록 2건" in output and "시험 실행" in output
    assert not JobPosting.objects.exists() and not Employer.objects.exists()
