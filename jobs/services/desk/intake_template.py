"""The bulk intake template (issue 5 item 8): an .xlsx workbook made with openpyxl whose
first sheet (:data:`.intake.DATA_SHEET`) has the Korean header row of
:data:`.intake.COLUMNS`, and further sheets with the notes (what each column takes) and the
code lists: dongs, centres, KECO 2018 minor occupations, employment types and licences.

Text columns are formatted as text (Excel keeps the 0 of 010… and of KECO 011), the Y/N
columns offer Y/N, and the dong and centre columns offer their lists. No example row sits on
the data sheet (it would be registered); the notes sheet shows one."""

import io

from django.utils.translation import gettext as _

from accounts.consent_texts import CONSENT_VERSION
from namdong_jobs.reference.codes import EmploymentType, Licence
from namdong_jobs.reference.models import CommunityCentre, Dong, Occupation

from .intake import COLUMNS, CONSENT_COLUMNS, DATA_SHEET

#: Data rows prepared with formats and choices.
TEMPLATE_ROWS = 1000
#: Content type and file name of the download.
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE_FILENAME = "namdong_intake_template.xlsx"


def intake_template() -> bytes:
    """The template workbook as bytes (see the module text)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = DATA_SHEET
    bold = Font(bold=True)
    required_fill = PatternFill("solid", fgColor="FFF2CC")
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = bold
        if column.required:
            cell.fill = required_fill
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(12, len(column.header) * 2 + 4)
        if column.key not in ("birth_year",):
            sheet.column_dimensions[letter].number_format = "@"
    sheet.freeze_panes = "A2"

    lists = {
        "행정동": [("코드", "행정동")] + [(d.code, d.name) for d in Dong.objects.order_by("name")],
        "센터": [("센터", "구분")]
        + [(c.name, _(c.get_kind_display())) for c in CommunityCentre.objects.order_by("kind", "name")],
        "직종": [("소분류 코드", "직종 (KECO 2018)")]
        + list(Occupation.objects.filter(level=Occupation.Level.MINOR).order_by("code").values_list("code", "name")),
        "고용형태": [("코드", "고용형태")] + [(value, _(label)) for value, label in EmploymentType.choices],
        "자격": [("코드", "자격·면허")] + [(value, _(label)) for value, label in Licence.choices],
    }
    notes = workbook.create_sheet("작성 안내")
    _notes(notes, bold)
    for title, rows in lists.items():
        code_sheet = workbook.create_sheet(title)
        for row in rows:
            code_sheet.append(list(row))
        for cell in code_sheet[1]:
            cell.font = bold
        code_sheet.column_dimensions["A"].width = 14
        code_sheet.column_dimensions["B"].width = 40
        for row in code_sheet.iter_rows(min_row=2, max_col=1):
            row[0].number_format = "@"

    last = TEMPLATE_ROWS + 1
    letters = {column.key: get_column_letter(n) for n, column in enumerate(COLUMNS, start=1)}
    yes_no = DataValidation(type="list", formula1='"Y,N"', allow_blank=True, showErrorMessage=True)
    yes_no.error, yes_no.errorTitle = _("Y 또는 N으로 적어 주세요."), _("동의 여부")
    sheet.add_data_validation(yes_no)
    for key in CONSENT_COLUMNS:
        yes_no.add(f"{letters[key]}2:{letters[key]}{last}")
    for key, title, column in (("home_dong", "행정동", "B"), ("centre", "센터", "A")):
        count = len(lists[title])
        choice = DataValidation(type="list", formula1=f"'{title}'!${column}$2:${column}${count}", allow_blank=True)
        choice.showErrorMessage = False  # a code or another spelling is still accepted
        sheet.add_data_validation(choice)
        choice.add(f"{letters[key]}2:{letters[key]}{last}")
    for row in notes.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _notes(notes, bold) -> None:
    notes.append([_("열 이름"), _("필수"), _("적는 방법"), _("예")])
    for cell in notes[1]:
        cell.font = bold
    for column in COLUMNS:
        notes.append([column.header, _("필수") if column.required else _("선택"), str(column.note), column.example])
    notes.append([])
    for line in (
        _("'%(sheet)s' 시트의 첫 줄(열 이름)은 그대로 두고, 둘째 줄부터 한 줄에 한 사람씩 적어 주세요.")
        % {"sheet": DATA_SHEET},
        _("한 파일에 1,000명(2MB)까지 올릴 수 있습니다. CSV로 저장해도 됩니다 (UTF-8 또는 엑셀 기본 형식)."),
        _(
            "수식은 받지 않습니다. 칸마다 값만 적어 주세요. 다른 파일에서 옮길 때는 '선택하여 붙여넣기 → 값'으로 "
            "붙여 넣어 주세요."
        ),
        _(
            "잘못된 줄은 등록하지 않고 줄 번호와 이유를 알려 드립니다. 나머지 줄은 등록됩니다. "
            "고친 줄만 다시 올려 주세요."
        ),
        _(
            "같은 휴대전화번호나 같은 이름·출생 연도의 기록이 이미 있으면 등록하지 않고 알려 드립니다. "
            "가족이 번호를 함께 쓰는 경우 등은 센터 창구에서 확인하고 등록해 주세요."
        ),
        _("서면 동의서를 받은 분만 적어 주세요. 동의서 원본은 센터에 보관합니다. 현재 동의서 판: %(version)s")
        % {"version": CONSENT_VERSION},
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 18
    notes.column_dimensions["B"].width = 8
    notes.column_dimensions["C"].width = 80
    notes.column_dimensions["D"].width = 24
