"""schema.org JobPosting JSON-LD files and values that are broken: unreadable deadlines,
files without JobPosting, values too large, control characters, bad bytes, deep nesting."""

import datetime
import json

import pytest

from jobs.choices import PostingSource
from jobs.importers import ImportFileError, import_records, read_jsonld_file
from jobs.importers.jsonld import MAX_DEPTH, parse_jsonld
from jobs.models import JobPosting

D = datetime.date


def posting(**extra):
    node = {"@type": "JobPosting", "title": "공고", "hiringOrganization": {"name": "(주)남동"}, "identifier": "X-1"}
    return {**node, **extra}


def write(tmp_path, data, name="postings.json"):
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# ---- deadlines ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["2026-02-30", "언젠가", "2026/13/45", {"@value": "2026-12-31"}])
def test_unreadable_valid_through_skips_the_record(value):
    (record,) = parse_jsonld(posting(validThrough=value, baseSalary="bad"))
    assert record.skip_reason.startswith("마감일(validThrough)을 읽을 수 없습니다: ")
    assert record.warnings == []  # nothing else is read from a skipped record


@pytest.mark.parametrize(("value", "deadline"), [(None, None), ("", None), ("2026.12.31", D(2026, 12, 31))])
def test_missing_or_loose_valid_through_is_kept(value, deadline):
    (record,) = parse_jsonld(posting(validThrough=value))
    assert not record.skip_reason and record.fields["deadline"] == deadline


# ---- files without postings ----------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    ['{"name":"x"}', "[1,2,3]", '"str"', "null", '[{"@type": "Organization", "name": "y"}]', '{"@graph": []}'],
)
def test_file_without_jobposting_is_a_file_error(tmp_path, content):
    with pytest.raises(ImportFileError, match="^schema.org JobPosting 항목을 찾지 못했습니다$"):
        read_jsonld_file(write(tmp_path, content))


@pytest.mark.shared_data
def test_real_list_of_other_objects_is_a_file_error(shared_data):
    with pytest.raises(ImportFileError, match="JobPosting 항목을 찾지 못했습니다"):
        read_jsonld_file(shared_data / "wanted_postings_food_commerce.json")


def test_empty_file_is_a_file_error(tmp_path):
    with pytest.raises(ImportFileError, match="^파일이 비어 있습니다$"):
        read_jsonld_file(write(tmp_path, b"\xef\xbb\xbf \n"))


# ---- values too large ----------------------------------------------------------------------


@pytest.mark.django_db
def test_wage_too_large_for_its_column_is_dropped_with_a_warning(tmp_path):
    salary = {"currency": "KRW", "value": {"minValue": 1_000_000, "maxValue": 10**12, "unitText": "YEAR"}}
    report = import_records(read_jsonld_file(write(tmp_path, posting(baseSalary=salary))), source=PostingSource.JSONLD)
    assert (report.created, report.skipped) == (1, [])
    (warning,) = report.warnings
    assert warning.field == "baseSalary"
    assert warning.message.startswith("최대 임금 (원)에 넣을 수 없는 값입니다") and "2147483647" in warning.message
    saved = JobPosting.objects.get()
    assert (saved.wage_type, saved.wage_min, saved.wage_max) == ("", None, None)
    assert saved.wage_text == ""  # the report quotes the original; the page shows nothing


@pytest.mark.django_db
def test_non_finite_numbers_are_kept_as_text_and_warned(tmp_path):
    text = (
        '{"@type": "JobPosting", "title": "공고", "hiringOrganization": "가", "baseSalary": '
        '{"currency": "KRW", "value": {"minValue": 1e400, "maxValue": NaN, "unitText": "HOUR"}}}'
    )
    report = import_records(read_jsonld_file(write(tmp_path, text)), source=PostingSource.JSONLD)
    assert report.created == 1
    assert [(w.field, w.message) for w in report.warnings] == [("baseSalary", "임금 금액을 읽을 수 없습니다")]
    assert JobPosting.objects.get().wage_text == ""
    raw_value = JobPosting.objects.get().raw["baseSalary"]["value"]
    assert raw_value == {"minValue": "1e400", "maxValue": "NaN", "unitText": "HOUR"}


# ---- control characters ------------------------------------------------------------------


@pytest.mark.django_db
def test_control_characters_are_removed_from_every_string(tmp_path):
    data = {
        "@graph": [
            {"@id": "#org", "@type": "Organization", "name": "(주)널\u0000기업"},
            posting(
                title="경비\u0000원 모집",
                description="<p>첫 줄\u0007</p>\t둘째 줄",
                hiringOrganization={"@id": "#org"},
                **{"extra\u0001key": "값\u0000"},
            ),
        ]
    }
    report = import_records(read_jsonld_file(write(tmp_path, data)), source=PostingSource.JSONLD)
    assert (report.created, report.skipped) == (1, [])
    message = "저장할 수 없는 글자(제어 문자 등) {}개를 지웠습니다"
    assert sorted((w.row, w.field, w.message) for w in report.warnings) == [
        (2, "description", message.format(1)),
        (2, "extrakey", message.format(1)),  # the key
        (2, "extrakey", message.format(1)),  # the value
        (2, "hiringOrganization", message.format(1)),  # the referenced Organization
        (2, "title", message.format(1)),
    ]
    saved = JobPosting.objects.get()
    assert (saved.title, saved.employer.name, saved.description) == ("경비원 모집", "(주)널기업", "첫 줄\n둘째 줄")
    assert saved.raw["title"] == "경비원 모집" and saved.raw["extrakey"] == "값"


def test_lone_surrogates_are_removed(tmp_path):
    text = '{"@type": "JobPosting", "title": "A\\ud800B", "hiringOrganization": "가"}'
    (record,) = read_jsonld_file(write(tmp_path, text))
    assert record.fields["title"] == "AB" and record.warnings[0].field == "title"


# ---- bytes and nesting -----------------------------------------------------------------------


def test_invalid_utf8_names_the_line(tmp_path):
    data = json.dumps([posting()], ensure_ascii=False, indent=1).encode()
    broken = data.replace("(주)남동".encode(), b"(\xff)")
    line = data[: data.index("(주)남동".encode())].count(b"\n") + 1
    with pytest.raises(ImportFileError, match=rf"^UTF-8로 읽을 수 없는 글자가 있습니다 \({line}행 근처\)"):
        read_jsonld_file(write(tmp_path, b"\xef\xbb\xbf" + broken))


@pytest.mark.parametrize("depth", [100_000, MAX_DEPTH + 1])
def test_deep_nesting_is_a_file_error(tmp_path, depth):
    with pytest.raises(ImportFileError, match="너무 깊게 중첩"):
        read_jsonld_file(write(tmp_path, "[" * depth + "]" * depth))


def test_nesting_up_to_the_limit_is_read(tmp_path):
    data = posting(extra=json.loads("[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)))
    assert len(read_jsonld_file(write(tmp_path, data))) == 1


def test_too_long_number_is_a_file_error(tmp_path):
    with pytest.raises(ImportFileError, match="JSON 값을 읽을 수 없습니다"):
        read_jsonld_file(write(tmp_path, "[" + "9" * 5000 + "]"))
