"""Bulk intake (issue 5 item 8): district staff upload residents collected on paper as an
Excel/CSV file made from the template (:func:`intake_template`), and each row is registered
like a walk-in resident (:func:`.registration.walk_in_register`, i.e.
``accounts.services.resident_register`` plus the memo as a first counselling note) with the
uploader as the staff member who took the paper consent.

Rows are independent: each is registered in its own savepoint; a bad row is reported with
its Korean errors and the rest are kept. A row that may be a person already on record (same
phone, or same name and birth year, at any centre) is not registered (``allow_duplicate``
is false): it is reported with the masked hints, to be checked at the desk. Every
registered resident gets the access-log row ``edit``/``"register"`` (written by
``resident_register``); a row reported as a duplicate writes a ``search`` row listing the
records hinted at, as the registration page does.

The columns are :data:`COLUMNS`; headers are matched by their text (spaces, "(필수)" and the
like ignored), so their order is free and unknown columns are ignored (and listed). Coded
values take the code or the Korean name: dongs (name or 10-digit code), centres (name or
the dong's name), KECO 2018 minor occupations (3-digit code or name), employment types,
licences (others are kept as free text).

Refused rows besides the services' own refusals: a row with a formula in any of its columns
("수식은 받지 않습니다": values only, see :mod:`.intake_files`), and a resident aged 15–17 in
the birth year's reckoning (:func:`accounts.services.signup_age_check`): the guardian's
consent document must be seen and kept, so they are registered at the desk with it (the
registration page takes the document), as the template's notes say."""

import dataclasses
import datetime
import re

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.choices import ConsentPurpose
from accounts.models import AccessAction
from accounts.services import DuplicateResident, access_log_write, signup_age_check
from namdong_jobs.reference.codes import EmploymentType, Licence
from namdong_jobs.reference.models import CommunityCentre, Dong, Occupation

from .intake_files import IntakeFileError, SheetRow, read_rows
from .registration import walk_in_register

#: The data sheet of the template (read first when a workbook has it).
DATA_SHEET = "주민 등록"


@dataclasses.dataclass(frozen=True)
class Column:
    """A column of the template: ``key`` (argument or consent purpose), ``header`` (Korean,
    as written in row 1), ``required``, ``note`` (how to fill it in) and ``example``."""

    key: str
    header: str
    required: bool
    note: str
    example: str


COLUMNS = (
    Column("name", "이름", True, gettext_lazy("동의서에 적힌 이름 그대로 적어 주세요."), "김순자"),
    Column(
        "birth_year",
        "출생연도",
        True,
        gettext_lazy(
            "네 자리 숫자. 만 15세 이상만 등록합니다. 만 15~17세는 보호자 동의서가 필요해 센터 창구에서 등록해 주세요."
        ),
        "1961",
    ),
    Column(
        "phone",
        "휴대전화",
        False,
        gettext_lazy("010-1234-5678 처럼. 없으면 비워 두세요. 나중에 이 번호로 온라인 계정을 만들 수 있습니다."),
        "010-1234-5678",
    ),
    Column(
        "home_dong",
        "거주 행정동",
        False,
        gettext_lazy(
            "'행정동' 시트의 이름이나 10자리 코드. 비워 두거나 '남동구 외'라고 적으면 남동구 밖에 사는 분입니다."
        ),
        "구월1동",
    ),
    Column(
        "centre",
        "등록 센터",
        False,
        gettext_lazy("주민이 속할 센터: '센터' 시트의 이름이나 행정동 이름. 비워 두면 구청 일자리센터 소속입니다."),
        "구월1동 행정복지센터",
    ),
    Column(
        "wanted_occupations",
        "희망 직종",
        False,
        gettext_lazy("'직종' 시트의 소분류 코드(세 자리)나 이름. 여러 개는 쉼표로 나눕니다."),
        "542, 561",
    ),
    Column(
        "wanted_employment_types",
        "희망 고용형태",
        False,
        gettext_lazy("정규직, 계약직, 시간제, 일용직, 파견, 인턴 가운데. 여러 개는 쉼표로 나눕니다."),
        "시간제, 계약직",
    ),
    Column(
        "licences",
        "자격",
        False,
        gettext_lazy(
            "'자격' 시트의 이름. 목록에 없는 자격도 그대로 적으면 '그 밖의 자격'으로 남깁니다. 쉼표로 나눕니다."
        ),
        "요양보호사, 바리스타 2급",
    ),
    Column(
        "note", "메모", False, gettext_lazy("적으면 첫 상담 기록(방문)으로 남습니다. 2,000자 이내."), "오전 근무 희망"
    ),
    Column(
        ConsentPurpose.COLLECTION,
        "수집·이용 동의",
        True,
        gettext_lazy("개인정보 수집·이용 동의(필수). Y여야 등록합니다."),
        "Y",
    ),
    Column(
        ConsentPurpose.PROVISION,
        "기업 제공 동의",
        False,
        gettext_lazy("지원·알선 기업에 제공 동의. Y 또는 N (비우면 N)."),
        "Y",
    ),
    Column(
        ConsentPurpose.NOTIFICATIONS,
        "알림 동의",
        False,
        gettext_lazy("일자리 알림 수신 동의. Y 또는 N (비우면 N)."),
        "N",
    ),
    Column(
        "paper_form_version",
        "동의서 판",
        True,
        gettext_lazy("서명한 동의서 양식의 판(버전). 예: 2026-11-v1"),
        "2026-11-v1",
    ),
    Column(
        "paper_signed_on",
        "서명일",
        True,
        gettext_lazy("동의서에 서명한 날. 2026-06-15 처럼 (미래 날짜는 안 됨)."),
        "2026-06-15",
    ),
)
#: The consent columns (Y/N), by purpose.
CONSENT_COLUMNS = (ConsentPurpose.COLLECTION, ConsentPurpose.PROVISION, ConsentPurpose.NOTIFICATIONS)
#: Header spellings besides :attr:`Column.header` (compared without spaces).
_ALIASES = {
    "출생년도": "birth_year",
    "휴대전화번호": "phone",
    "전화번호": "phone",
    "거주동": "home_dong",
    "센터": "centre",
}
#: Service error keys that are not a column's key → the column they belong to.
_ERROR_COLUMNS = {"licences_other": "licences", "consents": ConsentPurpose.COLLECTION}

_YES = {"y", "yes", "o", "예", "네", "동의", "1", "true", "v", "✓", "○"}
_NO = {"", "n", "no", "x", "아니오", "아니요", "미동의", "비동의", "부동의", "0", "false", "×"}
_SPLIT = re.compile(r"[,;\n、，]")
_DATE = re.compile(r"^(\d{4})\s*[-./년]\s*(\d{1,2})\s*[-./월]\s*(\d{1,2})\s*일?$")


def _key(text: str) -> str:
    """Text compared loosely: without spaces, "(필수)"-like parts and ``*``, lower-cased."""
    text = re.sub(r"\(.*?\)|\*", "", text or "")
    return "".join(text.split()).lower()


@dataclasses.dataclass
class RowResult:
    """One data row: ``number`` (as the spreadsheet shows it), ``name`` (as typed),
    ``profile_id`` (registered) or ``errors`` (Korean, each "column: message"), and
    ``hints`` (masked duplicates, ``accounts.services.residents.DuplicateHint``)."""

    number: int
    name: str
    profile_id: int | None = None
    errors: list[str] = dataclasses.field(default_factory=list)
    hints: list = dataclasses.field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.profile_id is not None


@dataclasses.dataclass
class IntakeReport:
    """What an upload did: ``rows`` (:class:`RowResult`, in file order) and
    ``ignored_headers`` (columns not in the template)."""

    rows: list[RowResult]
    ignored_headers: list[str]

    @property
    def registered(self) -> int:
        return sum(1 for row in self.rows if row.ok)

    @property
    def failed(self) -> int:
        return len(self.rows) - self.registered


class _Lookups:
    """Codes and names of the reference data, read once per upload."""

    def __init__(self):
        self.dongs = {}
        for dong in Dong.objects.all():
            self.dongs[dong.code] = self.dongs[_key(dong.name)] = dong
        self.district = CommunityCentre.objects.get(kind=CommunityCentre.Kind.DISTRICT)
        self.centres = {_key("구청 일자리센터"): self.district}
        for centre in CommunityCentre.objects.select_related("dong"):
            self.centres[_key(centre.name)] = centre
            if centre.dong_id:
                self.centres[_key(centre.dong.name)] = centre
        self.occupations = {}
        for code, name in Occupation.objects.filter(level=Occupation.Level.MINOR).values_list("code", "name"):
            self.occupations[code] = self.occupations[_key(name)] = code
        self.employment_types = self._codes(EmploymentType)
        self.licences = self._codes(Licence)

    @staticmethod
    def _codes(choices) -> dict:
        return {**{_key(label): value for value, label in choices.choices}, **{v: v for v in choices.values}}


def _items(text: str) -> list[str]:
    return [item.strip() for item in _SPLIT.split(text) if item.strip()]


def _parse_row(cells: dict, lookups: _Lookups) -> tuple[dict, dict]:
    """``(kwargs of walk_in_register, errors by column key)`` of one row's text."""
    errors: dict[str, str] = {}
    kwargs = {"name": cells.get("name", ""), "note": cells.get("note", "")}
    kwargs.update(_parse_person(cells, lookups, errors))
    kwargs["wanted"] = {
        "wanted_occupations": _codes(
            cells,
            "wanted_occupations",
            lookups.occupations,
            errors,
            _("직종 '%(value)s'을(를) 찾지 못했습니다. '직종' 시트의 소분류 코드나 이름을 적어 주세요."),
        ),
        "wanted_employment_types": _codes(
            cells,
            "wanted_employment_types",
            lookups.employment_types,
            errors,
            _("고용형태 '%(value)s'은(는) 목록에 없습니다."),
        ),
    }
    licences, other = [], []
    for item in _items(cells.get("licences", "")):
        code = lookups.licences.get(_key(item))
        (licences if code else other).append(code or item)
    kwargs.update(licences=licences, licences_other=other, consents=_consents(cells, errors))
    kwargs["paper_form_version"] = cells.get("paper_form_version", "")
    kwargs["paper_signed_on"] = _date(cells.get("paper_signed_on", ""))
    if kwargs["paper_signed_on"] is None:
        errors["paper_signed_on"] = _("서명일을 2026-06-15 처럼 적어 주세요.")
    return kwargs, errors


def _parse_person(cells: dict, lookups: _Lookups, errors: dict) -> dict:
    """Birth year, phone, home dong and centre of a row."""
    year = cells.get("birth_year", "").replace("년", "").strip()
    birth_year = int(year) if re.fullmatch(r"\d{4}", year) else None
    if birth_year is None:
        errors["birth_year"] = _("출생 연도를 네 자리 숫자로 적어 주세요. 예: 1961")
    else:
        _check_age(birth_year, errors)
    phone = cells.get("phone", "")
    if re.fullmatch(r"1\d{9}", phone):  # Excel dropped the leading zero of 010…
        phone = "0" + phone
    dong_text = cells.get("home_dong", "")
    home_dong = None
    if _key(dong_text) not in ("", "남동구외"):
        home_dong = lookups.dongs.get(dong_text) or lookups.dongs.get(_key(dong_text))
        if home_dong is None:
            errors["home_dong"] = _(
                "'%(value)s'은(는) 남동구 행정동이 아닙니다. '행정동' 시트의 이름을 적어 주세요."
            ) % {"value": dong_text}
    centre_text = cells.get("centre", "")
    centre = lookups.centres.get(_key(centre_text)) if centre_text else lookups.district
    if centre is None:
        errors["centre"] = _("'%(value)s' 센터를 찾지 못했습니다. '센터' 시트의 이름을 적어 주세요.") % {
            "value": centre_text
        }
    return {"birth_year": birth_year, "phone": phone, "home_dong": home_dong, "centre": centre}


def _check_age(birth_year: int, errors: dict) -> None:
    """The age rule of registration (:func:`accounts.services.signup_age_check`: under 15
    refused), and 15–17 sent to the desk: their guardian's consent document cannot come in
    a spreadsheet."""
    try:
        age = signup_age_check(birth_year=birth_year)
    except ValidationError as exc:
        errors["birth_year"] = " ".join(exc.messages)
        return
    if age.needs_guardian:
        errors["birth_year"] = _(
            "출생 연도 기준으로 올해 만 %(age)d세인 분은 보호자 동의서가 필요해 일괄 등록으로는 등록하지 않습니다. "
            "보호자 동의서를 받아 센터 창구의 '방문 주민 등록' 화면에서 동의서 파일을 함께 올려 등록해 주세요 "
            "(근로기준법 제66조)."
        ) % {"age": age.age}


def _codes(cells: dict, field: str, table: dict, errors: dict, message: str) -> list[str]:
    """The codes of a comma-separated cell (codes or names; a KECO code that lost its
    leading zero gets it back), each once; an unknown item is an error."""
    codes = []
    for item in _items(cells.get(field, "")):
        if field == "wanted_occupations" and item.isdigit():
            item = item.zfill(3)
        code = table.get(item) or table.get(_key(item))
        if code is None:
            errors.setdefault(field, message % {"value": item})
        elif code not in codes:
            codes.append(code)
    return codes


def _consents(cells: dict, errors: dict) -> list[str]:
    """The purposes ticked Y (the collection consent is required)."""
    consents = []
    for purpose in CONSENT_COLUMNS:
        value = _key(cells.get(purpose, ""))
        if value in _YES:
            consents.append(purpose)
        elif value not in _NO:
            errors[purpose] = _("Y 또는 N으로 적어 주세요.")
    if ConsentPurpose.COLLECTION not in consents and ConsentPurpose.COLLECTION not in errors:
        errors[ConsentPurpose.COLLECTION] = _("개인정보 수집·이용에 동의(Y)해야 등록할 수 있습니다.")
    return consents


def _date(text: str) -> datetime.date | None:
    match = _DATE.match(text) or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if not match:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _messages(errors: dict) -> list[str]:
    """``errors`` (column key → message or list) as "header: message" lines, in column order."""
    headers = {column.key: column.header for column in COLUMNS}
    lines = []
    for key, messages in errors.items():
        key = _ERROR_COLUMNS.get(key, key)
        label = headers.get(key) or (_("보호자 동의서") if key == "guardian_document" else "")
        for message in messages if isinstance(messages, list | tuple) else [messages]:
            lines.append(f"{label}: {message}" if label and key != NON_FIELD_ERRORS else str(message))
    order = {column.header: n for n, column in enumerate(COLUMNS)}
    return sorted(lines, key=lambda line: order.get(line.split(":", 1)[0], len(order)))


def _columns(header: list[str]) -> tuple[dict[int, str], list[str]]:
    """Column index → key, and the headers not understood."""
    keys = {_key(column.header): column.key for column in COLUMNS} | _ALIASES
    found, ignored = {}, []
    for index, text in enumerate(header):
        key = keys.get(_key(text))
        if key is not None and key not in found.values():
            found[index] = key
        elif text:
            ignored.append(text)
    missing = [c.header for c in COLUMNS if c.required and c.key not in found.values()]
    if missing:
        raise IntakeFileError(
            _(
                "첫 줄에 꼭 있어야 하는 열이 없습니다: %(columns)s. "
                "내려받은 서식 파일의 첫 줄을 그대로 두고 적어 주세요."
            )
            % {"columns": ", ".join(missing)},
            code="columns",
        )
    return found, ignored


def intake_run(*, staff, data: bytes, filename: str, ip: str | None = None) -> IntakeReport:
    """Register every row of an uploaded intake file (``data``, its ``filename``) for
    district staff ``staff`` (the paper consents are recorded as taken by them; ``ip`` goes
    to the access log). Each row is one savepoint: a refused row leaves nothing behind.

    Returns the :class:`IntakeReport`. Raises :class:`.intake_files.IntakeFileError`
    (Korean) when the file as a whole is refused (type, size, rows, required columns
    missing, no data rows): then nothing was registered. ``PermissionDenied`` unless
    ``staff`` is district staff."""
    if not staff.is_district_staff:
        raise PermissionDenied(_("일괄 등록은 구청 일자리센터 직원만 할 수 있습니다."))
    rows = read_rows(data=data, filename=filename, sheet_name=DATA_SHEET)
    if not rows:
        raise IntakeFileError(_("빈 파일입니다. 내용을 채운 파일을 골라 주세요."), code="empty")
    if rows[0].formulas:
        raise IntakeFileError(
            _("첫 줄(열 이름)에 수식이 있습니다. 수식은 받지 않습니다. 열 이름을 값으로 적어 주세요."), code="formula"
        )
    columns, ignored = _columns(rows[0].cells)
    if len(rows) < 2:
        raise IntakeFileError(_("첫 줄(열 이름) 아래에 등록할 주민이 한 명도 없습니다."), code="no_rows")
    lookups = _Lookups()
    report = IntakeReport(rows=[], ignored_headers=ignored)
    for row in rows[1:]:
        report.rows.append(_register_row(row, columns, lookups, staff=staff, ip=ip))
    return report


def _formula_message() -> str:
    return _("수식은 받지 않습니다. 값만 입력해 주세요.")


def _register_row(row: SheetRow, columns: dict[int, str], lookups: _Lookups, *, staff, ip) -> RowResult:
    """Register one data ``row`` (``columns``: cell index → column key) or report why not.
    A cell holding a formula is reported as such, whatever else its column says."""
    values = {key: row.cells[index] if index < len(row.cells) else "" for index, key in columns.items()}
    result = RowResult(number=row.number, name=values.get("name", ""))
    kwargs, errors = _parse_row(values, lookups)
    errors.update({key: _formula_message() for index, key in columns.items() if index in row.formulas})
    if errors:
        result.errors = _messages(errors)
        return result
    try:
        with transaction.atomic():
            profile = walk_in_register(staff=staff, ip=ip, allow_duplicate=False, **kwargs)
    except DuplicateResident as exc:
        result.errors, result.hints = list(exc.messages), exc.hints
        access_log_write(
            staff=staff,
            action=AccessAction.SEARCH,
            ip=ip,
            detail="register",
            query="duplicate_check",
            listed_ids=[hint.profile_id for hint in exc.hints],
        )
    except ValidationError as exc:
        result.errors = _messages(exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages})
    except PermissionDenied as exc:
        result.errors = [str(exc)]
    else:
        result.profile_id = profile.pk
    return result
