"""고용24 CSV read as physical lines: an unclosed quote skips its own line, a cell spanning
lines skips its lines up to the one closing the quote, undecodable bytes skip only their row
(a UTF-8 file with a stray byte is not read as CP949), row numbers stay the file's lines."""

import pytest

from jobs.choices import PostingSource
from jobs.importers import ImportFileError, import_records, read_work24_csv
from jobs.importers.work24 import (
    INSIDE_QUOTE,
    QUOTE_CLOSED_HERE,
    QUOTE_SPANS_LINES,
    UNCLOSED_QUOTE,
    UNDECODABLE_ROW,
    parse_work24_csv,
)
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
def test_cell_spanning_lines_is_skipped_with_the_line_closing_it(end):
    cells = row("여러 줄 공고", "가")
    cells[8] = "LOCATION"
    spanning = line(cells).replace("LOCATION", f'"서울 강남구{end}역삼동"')  # a cell on two lines
    records = parse_work24_csv(text_of(good(1), spanning, good(2), end=end))
    assert outcome(records) == [
        (2, ""),
        (3, QUOTE_SPANS_LINES.format(end=4)),
        (4, QUOTE_CLOSED_HERE),  # 역삼동",2026-09-01,2026-08-01
        (5, ""),
    ]
    assert [r.fields["title"] for r in records if not r.skip_reason] == ["공고 1", "공고 2"]
    assert QUOTE_CLOSED_HERE == "앞 행에서 열린 따옴표가 이 행에서 닫혔습니다: 앞 행과 함께 건너뛰었습니다"


@pytest.mark.django_db
def test_continuation_line_with_a_full_row_of_cells_is_not_imported(tmp_path):
    # the title cell spans two lines; read alone, the second line has all 11 cells
    spanning = '"멀티\n라인 제목",' + line(row("x", "(주)가나다")).split(",", 1)[1]
    assert spanning.split("\n")[1].startswith('라인 제목",')
    path = tmp_path / "spanning.csv"
    path.write_text(text_of(good(1), spanning, good(2)), encoding="utf-8")
    report = import_records(read_work24_csv(path), source=PostingSource.WORK24)
    assert [(s.row, s.reason) for s in report.skipped] == [(3, QUOTE_SPANS_LINES.format(end=4)), (4, QUOTE_CLOSED_HERE)]
    assert sorted(JobPosting.objects.values_list("title", flat=True)) == ["공고 1", "공고 2"]


def test_lines_between_the_opening_and_the_closing_quote_are_skipped_too():
    spanning = line(row("세 줄\n\n걸친 제목, 쉼표", "(주)가나다"))  # a blank line inside the cell too
    records = parse_work24_csv(text_of(good(1), spanning, good(2)))
    assert outcome(records) == [
        (2, ""),
        (3, QUOTE_SPANS_LINES.format(end=5)),
        (4, INSIDE_QUOTE),
        (5, QUOTE_CLOSED_HERE),
        (6, ""),
    ]


def test_cell_opened_on_an_undecodable_line_takes_its_continuation_with_it():
    spanning = '"깨진\udcff 제목\n이어지는 제목",' + line(row("x", "(주)가나다")).split(",", 1)[1]
    records = parse_work24_csv(text_of(good(1), spanning, good(2)))
    assert outcome(records) == [(2, ""), (3, UNDECODABLE_ROW), (4, QUOTE_CLOSED_HERE), (5, "")]


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


@pytest.mark.parametrize("stray", [b"\xc5", b"\x81", b"\xa1"])
def test_utf8_file_with_one_stray_byte_is_not_read_as_cp949(tmp_path, stray):
    # ASCII plus one stray byte decodes as CP949 too ("Caf\xc5A" → "Caf휕"): it must not be
    def ascii_row(title):
        return line([title, "Acme", "[]", "", "", "", "", "", "Seoul", "2026-09-01", "2026-08-01"])

    data = text_of(ascii_row("Driver"), ascii_row("CafSTRAYAe manager"), ascii_row("Cook")).encode("ascii")
    path = tmp_path / "stray.csv"
    path.write_bytes(data.replace(b"STRAY", stray))
    data.replace(b"STRAY", stray).decode("cp949")  # the whole file is "valid" CP949
    records = read_work24_csv(path)
    assert outcome(records) == [(2, ""), (3, UNDECODABLE_ROW), (4, "")]
    assert [r.fields["title"] for r in records if not r.skip_reason] == ["Driver", "Cook"]
