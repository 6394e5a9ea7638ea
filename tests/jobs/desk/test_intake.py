"""Bulk intake (issue 5 item 8): district staff download the .xlsx template and upload
residents collected on paper (.xlsx or CSV in UTF-8, with or without BOM, or CP949); each
row is registered like a walk-in resident, bad rows are reported with Korean errors and the
good rows kept; file limits; district staff only."""

import datetime
import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from accounts.models import AccessLogEntry, Consent, SeekerProfile
from jobs.models import CounsellingNote
from jobs.services.desk import intake_files
from jobs.services.desk.intake import COLUMNS, DATA_SHEET, intake_run
from namdong_jobs.reference.models import CommunityCentre

pytestmark = pytest.mark.django_db
URL = "/desk/intake/"
HEADER = [column.header for column in COLUMNS]


def row(**values) -> list:
    """A data row in template order; ``values`` by column key (consent columns by purpose)."""
    defaults = {
        "name": "김순자",
        "birth_year": 1961,
        "phone": "010-5555-0001",
        "home_dong": "구월1동",
        "centre": "구월1동 행정복지센터",
        "wanted_occupations": "",
        "wanted_employment_types": "",
        "licences": "",
        "note": "",
        "collection": "Y",
        "provision": "N",
        "notifications": "N",
        "paper_form_version": "2026-06-v1",
        "paper_signed_on": "2026-06-10",
    }
    defaults.update(values)
    return [defaults[column.key] for column in COLUMNS]


def xlsx(rows, header=HEADER, title=DATA_SHEET) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(header)
    for values in rows:
        sheet.append(values)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_text(rows, header=HEADER) -> str:
    lines = [",".join(header)] + [",".join(f'"{value}"' for value in values) for values in rows]
    return "\r\n".join(lines) + "\r\n"


def upload(client, data: bytes, name="residents.xlsx"):
    return client.post(URL, {"file": SimpleUploadedFile(name, data)})


def report_of(response):
    assert response.status_code == 200, response.content[:500]
    return response.context["report"]


def file_errors(response) -> str:
    assert response.status_code == 200
    return " ".join(response.context["form"].errors.get("file", []))


# --- who may --------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [URL, URL + "template/"])
def test_district_staff_only(client, url, staff_a, seeker_user, employer_member, district_staff):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
    data = xlsx([row()])
    for user in (staff_a, seeker_user, employer_member):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert upload(client, data).status_code == 403
    assert not SeekerProfile.objects.filter(name="김순자").exists()
    client.force_login(district_staff)
    assert client.get(url).status_code == 200


def test_service_refuses_centre_staff(staff_a):
    with pytest.raises(Exception) as caught:
        intake_run(staff=staff_a, data=xlsx([row()]), filename="a.xlsx")
    assert type(caught.value).__name__ == "PermissionDenied"


# --- the template ---------------------------------------------------------------------------


def test_template_download(client, district_staff):
    client.force_login(district_staff)
    page = client.get(URL).content.decode()
    assert "서식 파일 내려받기" in page and "수집·이용 동의" in page and 'enctype="multipart/form-data"' in page
    response = client.get(URL + "template/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [DATA_SHEET, "작성 안내", "행정동", "센터", "직종", "고용형태", "자격"]
    data = workbook[DATA_SHEET]
    assert [cell.value for cell in data[1]] == HEADER
    assert data.max_row == 1  # no example row to be registered by mistake
    notes = [[cell.value for cell in r] for r in workbook["작성 안내"].iter_rows()]
    assert notes[1][:2] == ["이름", "필수"] and any(r[0] == "휴대전화" and r[1] == "선택" for r in notes)
    assert workbook["행정동"].max_row == 21 and workbook["행정동"]["A2"].value.startswith("28200")
    assert workbook["직종"].max_row == 137 and workbook["직종"]["A2"].value == "011"
    assert [c.value for c in workbook["고용형태"][2]] == ["regular", "정규직"]
    assert any(r[0].value == "남동구 일자리인력은행" for r in workbook["센터"].iter_rows())
    # the empty template uploaded as is: no rows
    assert "한 명도 없습니다" in file_errors(upload(client, response.content))


# --- rows -----------------------------------------------------------------------------------


def test_xlsx_good_and_bad_rows(client, district_staff, manage_clock):
    client.force_login(district_staff)
    gu1 = CommunityCentre.objects.get(name="구월1동 행정복지센터")
    rows = [
        row(
            phone=1055550001,  # Excel dropped the 0
            wanted_occupations="542, 청소·방역 및 가사 서비스원",
            wanted_employment_types="시간제,계약직",
            licences="요양보호사, 바리스타 2급",
            note="오전 근무 희망",
            provision="y",
            notifications="예",
            paper_signed_on=datetime.datetime(2026, 6, 10),
            birth_year=1961.0,
        ),
        row(name="이오류", birth_year="abc", phone="010-5555-0002", collection="N"),
        row(name="박동네", phone="010-5555-0003", home_dong="서울동", wanted_occupations="999", provision="maybe"),
        [None] * len(HEADER),  # a blank row is skipped
        row(name="최무폰", phone="", centre="", home_dong="남동구 외", birth_year=1958),
        row(name="김순자", phone="010-5555-0001"),  # the same person again: a duplicate
        row(name="정청소", birth_year=2010, phone="010-5555-0007"),  # 16: needs the guardian's form
        row(name="강미래", phone="010-5555-0008", paper_signed_on="2026-12-31"),  # signed in the future
    ]
    report = report_of(upload(client, xlsx(rows)))
    numbers = {r.number: r for r in report.rows}
    assert sorted(numbers) == [2, 3, 4, 6, 7, 8, 9]
    assert report.registered == 2 and report.failed == 5

    kim = SeekerProfile.objects.get(pk=numbers[2].profile_id)
    assert kim.name == "김순자" and kim.birth_year == 1961 and kim.phone == "+821055550001"
    assert kim.registered_centre == gu1 and kim.registered_by == district_staff and kim.user is None
    assert kim.home_dong.name == "구월1동"
    assert kim.wanted_occupations == ["542", "561"] and set(kim.wanted_employment_types) == {"part_time", "contract"}
    assert kim.licences == ["care_worker"] and kim.licences_other == ["바리스타 2급"]
    consents = Consent.objects.filter(person=kim)
    assert {c.purpose for c in consents} == {"collection", "provision", "notifications"}
    assert all(
        c.method == "paper" and c.taken_by == district_staff and c.paper_form_version == "2026-06-v1" for c in consents
    )
    assert {c.paper_signed_on for c in consents} == {datetime.date(2026, 6, 10)}
    assert CounsellingNote.objects.get(seeker=kim).content == "오전 근무 희망"

    choi = SeekerProfile.objects.get(pk=numbers[6].profile_id)
    assert choi.phone == "" and choi.home_dong is None and choi.registered_centre.kind == "district"
    assert {c.purpose for c in Consent.objects.filter(person=choi)} == {"collection"}

    errors = lambda n: " / ".join(numbers[n].errors)  # noqa: E731
    assert "출생연도:" in errors(3) and "수집·이용 동의:" in errors(3)
    assert (
        "거주 행정동: '서울동'" in errors(4) and "희망 직종: 직종 '999'" in errors(4) and "기업 제공 동의:" in errors(4)
    )
    assert "같은 사람으로 보이는 기록이 이미 있습니다" in errors(7) and numbers[7].hints
    assert numbers[7].hints[0].profile_id == kim.pk and numbers[7].hints[0].masked_name == "김○○"
    assert errors(8).startswith("출생연도: ") and "만 16세" in errors(8)
    assert "보호자 동의서를 받아 센터 창구의 '방문 주민 등록' 화면에서" in errors(8)
    assert "서명일:" in errors(9)
    assert not SeekerProfile.objects.filter(name__in=["이오류", "박동네", "정청소", "강미래"]).exists()
    assert SeekerProfile.objects.filter(name="김순자").count() == 1

    # one access-log "register" row per registered resident; the duplicate check is logged too
    registers = AccessLogEntry.objects.filter(action="edit", detail="register")
    assert sorted(e.person_id for e in registers) == sorted([kim.pk, choi.pk])
    assert all(e.staff == district_staff for e in registers)
    search = AccessLogEntry.objects.get(action="search", query="duplicate_check")
    assert search.listed_ids == [kim.pk] and search.person_id is None

    html = upload(client, xlsx([row(name="김영희", phone="010-5555-0011")])).content.decode()
    assert "1명을 등록했습니다" in html and "/desk/residents/" in html


def test_the_page_shows_the_report(client, district_staff, manage_clock):
    client.force_login(district_staff)
    html = upload(client, xlsx([row(), row(name="이오류", birth_year="x", phone="")])).content.decode()
    assert "1명을 등록했습니다" in html and "1줄은 등록하지 않았습니다" in html
    assert 'id="row-3"' in html and "출생연도: 출생 연도를 네 자리 숫자로" in html
    profile = SeekerProfile.objects.get(name="김순자")
    assert f'href="/desk/residents/{profile.pk}/"' in html


def test_headers_in_any_order_with_unknown_columns(client, district_staff, manage_clock):
    client.force_login(district_staff)
    header = ["비고", *reversed(HEADER)]
    values = ["무시", *reversed(row(name="순서바꿈", phone="010-5555-0021"))]
    report = report_of(upload(client, xlsx([values], header=header)))
    assert report.registered == 1 and report.ignored_headers == ["비고"]


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp949", b"")],
    ids=["utf8", "utf8-bom", "cp949"],
)
def test_csv(client, district_staff, manage_clock, encoding, prefix):
    client.force_login(district_staff)
    text = csv_text(
        [
            row(name="한글이름", phone="010-5555-0031", wanted_employment_types="정규직"),
            row(name="두번째", phone="010-5555-0032", birth_year="19x1"),
        ]
    )
    report = report_of(upload(client, prefix + text.encode(encoding), name="residents.csv"))
    assert [r.ok for r in report.rows] == [True, False] and [r.number for r in report.rows] == [2, 3]
    profile = SeekerProfile.objects.get(pk=report.rows[0].profile_id)
    assert profile.name == "한글이름" and profile.wanted_employment_types == ["regular"]
    assert report.rows[1].name == "두번째"


# --- file limits ----------------------------------------------------------------------------


def test_file_limits_and_types(client, district_staff, manage_clock, monkeypatch):
    client.force_login(district_staff)
    assert "올릴 파일을 골라 주세요" in " ".join(client.post(URL, {}).context["form"].errors["file"])
    assert "xlsx" in file_errors(upload(client, b"%PDF-1.4 not a sheet", name="scan.pdf"))
    assert ".xls" in file_errors(upload(client, b"\xd0\xcf\x11\xe0" + b"\x00" * 100, name="old.xls"))
    assert "엑셀 파일을 읽지 못했습니다" in file_errors(upload(client, b"PK\x03\x04garbage", name="broken.xlsx"))
    assert "글자를 읽지 못했습니다" in file_errors(upload(client, b"\xff\xfe\xfa\xfb,\x80\x81", name="x.csv"))
    missing = xlsx([["김순자", 1961]], header=["이름", "출생연도"])
    assert "수집·이용 동의" in file_errors(upload(client, missing))
    big = b"a" * (intake_files.INTAKE_MAX_BYTES + 1)
    assert "2MB 이하" in file_errors(upload(client, big, name="big.csv"))
    monkeypatch.setattr(intake_files, "INTAKE_MAX_ROWS", 3)
    rows = [row(name=f"주민{n}", phone=f"010-5555-{n:04d}") for n in range(4)]
    assert "3행까지" in file_errors(upload(client, xlsx(rows)))
    assert "3행까지" in file_errors(upload(client, csv_text(rows).encode(), name="many.csv"))
    assert not SeekerProfile.objects.exists()
    assert report_of(upload(client, xlsx(rows[:3]))).registered == 3


def test_zip_bomb_is_refused(client, district_staff, monkeypatch):
    monkeypatch.setattr(intake_files, "XLSX_MAX_UNPACKED", 1000)
    client.force_login(district_staff)
    assert "내용이 너무 큽니다" in file_errors(upload(client, xlsx([row()])))


# --- formulas, blank rows -------------------------------------------------------------------


def test_formula_cells_are_refused_as_formulas(client, district_staff, manage_clock):
    client.force_login(district_staff)
    rows = [
        row(name="=1+2", phone="010-5555-0041"),
        row(name="김수식", phone="010-5555-0042", birth_year="=1960+1", collection='=IF(TRUE,"Y","N")'),
        row(name="김정상", phone="010-5555-0043"),
    ]
    report = report_of(upload(client, xlsx(rows)))
    first, second, third = report.rows
    assert first.errors == ["이름: 수식은 받지 않습니다. 값만 입력해 주세요."]
    assert second.errors == [
        "출생연도: 수식은 받지 않습니다. 값만 입력해 주세요.",
        "수집·이용 동의: 수식은 받지 않습니다. 값만 입력해 주세요.",
    ]
    assert third.ok and report.registered == 1
    assert not SeekerProfile.objects.filter(phone__in=["+821055550041", "+821055550042"]).exists()

    # a CSV cell starting with "=" is what Excel would compute: refused the same way
    text = csv_text([row(name="=1+2", phone="010-5555-0044")])
    csv_report = report_of(upload(client, text.encode(), name="residents.csv"))
    assert csv_report.rows[0].errors == ["이름: 수식은 받지 않습니다. 값만 입력해 주세요."]

    # a formula in the header row refuses the file
    header = ['="이름"', *HEADER[1:]]
    assert "첫 줄(열 이름)에 수식이 있습니다" in file_errors(upload(client, xlsx([row()], header=header)))


def test_blank_rows_do_not_count_and_a_stray_cell_far_below_is_read_quickly(
    client, district_staff, manage_clock, monkeypatch
):
    client.force_login(district_staff)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = DATA_SHEET
    sheet.append(HEADER)
    sheet.append(row(name="한줄만", phone="010-5555-0051"))
    sheet.cell(row=intake_files.XLSX_MAX_ROWS, column=len(HEADER) + 2, value=" ")  # a stray blank-looking cell
    out = io.BytesIO()
    workbook.save(out)
    started = time.monotonic()
    report = report_of(upload(client, out.getvalue()))
    assert time.monotonic() - started < 5
    assert [r.number for r in report.rows] == [2] and report.registered == 1

    # blank rows between filled ones do not count toward the limit; filled rows do
    monkeypatch.setattr(intake_files, "INTAKE_MAX_ROWS", 3)
    spaced = []
    for n in range(3):
        spaced += [row(name=f"주민{n}", phone=f"010-5555-{60 + n:04d}"), [None] * len(HEADER), [""] * len(HEADER)]
    rows = intake_files.read_rows(data=xlsx(spaced), filename="a.xlsx", sheet_name=DATA_SHEET)
    assert [r.number for r in rows] == [1, 2, 5, 8]
    blank_lines = csv_text([r if r[0] else [""] * len(HEADER) for r in spaced]).replace('""', "").encode()
    assert [r.number for r in intake_files.read_rows(data=blank_lines, filename="a.csv")] == [1, 2, 5, 8]
    too_many = spaced + [row(name="넷째", phone="010-5555-0070")]
    assert "3행까지" in file_errors(upload(client, xlsx(too_many)))


def test_reading_stops_at_the_first_row_past_the_limit(monkeypatch):
    monkeypatch.setattr(intake_files, "INTAKE_MAX_ROWS", 2)
    read = []

    def lines():
        for n in range(1, 10_000):
            read.append(n)
            yield intake_files.SheetRow(n, [f"칸{n}"])

    with pytest.raises(intake_files.IntakeFileError):
        intake_files._filled(lines())
    assert read[-1] == 4  # header + 2 rows kept, the 4th refused, nothing more read
