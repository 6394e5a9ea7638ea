"""고용24 CSV read as physical lines: an unclosed quote or a cell spanning lines skips only
its own line, undecodable bytes skip only their row, row numbers stay the file's lines."""

import pytest

from jobs.choices import PostingSource
from jobs.importers import ImportFileError, import_records, read_work24_csv
from jobs.importers.work24 import UNCLOSED_QUOTE, UNDECODABLE_ROW, parse_work24_csv
from jobs.models import JobPosting
from tests.jobs.test_import_work24_rows import HEADER, line, row


def text_of(*lines, end="\n"):
    return end.join([line(HEADER), *lines]) + end


def good(n):
    return line(row(f"공고 {n}", "(주)가나다"))


def outcome(records):
    return [(r.row, r.skip_reason) for r in records]


# ---- stray and unclosed quotes ---------------------------------------------------------


@pytest.mark.django_db
def test_unclosed_quote_skips_its_line_and_the_following_rows_are_imported(tmp_path):
    # the title's opening quote is the only quote on its line: it is never closed
    broken = '"인용 시작 제목,' + line(row("x", "(주)가나다", salary="회사내규에 따름")).split(",", 1)[1]
    assert broken.count('"') == 1
    path = tmp_path / "quote.csv"
    path.write_text(text_of(good(1), broken, good(2), good(3), good(4)), encoding="utf-8")
    report = import_records(read_work24_csv(path), source=PostingSource.WORK24)
    assert (report.created, [(s.row, s.reason) for s in report.skipped]) == (4, [(3, UNCLOSED_QUOTE)])
    assert UNCLOSED_QUOTE.startswith("따옴표가 닫히지 않았습니다")
    assert sorted(JobPosting.objects.values_list("title", flat=True)) == ["공고 1", "공고 2", "공고 3", "공고 4"]


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_cell_spanning_lines_is_skipped_and_the_next_line_read_on_its_own(end):
    cells = row("여러 줄 공고", "가")
    cells[8] = "LOCATION"
    spanning = line(cells).replace("LOCATION", f'"서울 강남구{end}역삼동"')  # a cell on two lines
    records = parse_work24_csv(text_of(good(1), spanning, good(2), end=end))
    assert outcome(records) == [
        (2, ""),
        (3, UNCLOSED_QUOTE),
        (4, "열이 부족합니다: 11개 중 3개"),  # 역삼동",2026-09-01,2026-08-01
        (5, ""),
    ]
    assert [r.fields["title"] for r in records if not r.skip_reason] == ["공고 1", "공고 2"]


def test_quoted_cells_on_one_line_are_still_read():
    cells = row('제목, 쉼표와 "따옴표"', "(주)가나다")
    (record,) = parse_work24_csv(text_of(line(cells)))
    assert (record.row, record.skip_reason, record.fields["title"]) == (2, "", '제목, 쉼표와 "따옴표"')


def test_unclosed_quote_on_the_last_line_and_blank_lines_keep_line_numbers():
    records = parse_work24_csv(text_of("", good(1), "", '"끝나지 않은'))
    assert outcome(records) == [(3, ""), (5, UNCLOSED_QUOTE)]


def test_unclosed_quote_in_the_header_is_a_file_error():
    with pytest.raises(ImportFileError, match=r"^머리글\(1행\)의 따옴표가 닫히지 않았습니다$"):
        parse_work24_csv(",".join(HEADER) + ',"note\n' + good(1) + "\n")


def test_row_too_long_for_the_csv_module_skips_only_that_row():
    cells = row("긴 공고", "가")
    cells[2] = "가" * 200_000
    records = parse_work24_csv(text_of(line(cells), good(1)))
    assert [r.row for r in records] == [2, 3]
    assert records[0].skip_reason.startswith("CSV 형식을 읽을 수 없습니다") and not records[1].skip_reason


# ---- undecodable bytes ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_rows_with_invalid_utf8_are_skipped_and_the_rest_imported(tmp_path, bom):
    rows = [good(n).encode() for n in (1, 2, 3)]
    rows[1] = rows[1].replace("공고 2".encode(), b"\xff\xfe 2")
    path = tmp_path / "bytes.csv"
    path.write_bytes(bom + ",".join(HEADER).encode() + b"\n" + b"\n".join(rows) + b"\n" + b"\xc3(" + rows[0] + b"\n")
    records = read_work24_csv(path)
    assert outcome(records) == [(2, ""), (3, UNDECODABLE_ROW), (4, ""), (5, UNDECODABLE_ROW)]
    assert UNDECODABLE_ROW.startswith("UTF-8로 읽을 수 없는 글자가 있습니다")
    report = import_records(records, source=PostingSource.WORK24)
    assert (report.created, len(report.skipped)) == (2, 2)
    assert sorted(JobPosting.objects.values_list("title", flat=True)) == ["공고 1", "공고 3"]
    assert not any("\udcff" in str(p.raw) for p in JobPosting.objects.all())


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_invalid_utf8_in_the_header_is_a_file_error(tmp_path, bom):
    path = tmp_path / "header.csv"
    path.write_bytes(bom + ",".join(HEADER).encode() + b",\xff\n" + good(1).encode() + "\n가".encode())
    with pytest.raises(ImportFileError, match=r"^UTF-8로 읽을 수 없는 글자가 있습니다 \(1행 근처\)"):
        read_work24_csv(path)


def test_cp949_file_is_still_read_whole(tmp_path):
    path = tmp_path / "cp949.csv"
    path.write_bytes(text_of(line(row("한글 공고", "(주)가나다")), good(2)).encode("cp949"))
    records = read_work24_csv(path)
    assert outcome(records) == [(2, ""), (3, "")]
    assert (records[0].fields["title"], records[0].employer_name) == ("한글 공고", "(주)가나다")
