"""The query-string parameters of the public posting search: their names, limits and labels,
and the cleaning of their values before the search form sees them."""

import unicodedata

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from employers.models import Certification

from ..choices import EmploymentType, PriorityGroup, Shift
from ..search import MAX_QUERY_LENGTH, query_terms

CLOSED_TRUE = {"1", "true", "on", "yes"}
CLOSED_FALSE = {"0", "false", "off", "no"}

#: Highest accepted ``wage`` (KRW per hour); a larger number is ignored with a notice.
MAX_HOURLY_WAGE = 1_000_000
#: ``posted_within`` and ``closing_within`` accept whole days up to this many.
MAX_DAYS = 365
#: Offered in the form; any other whole number in range also works from the query string.
POSTED_WITHIN_OPTIONS = (1, 3, 7, 30)
CLOSING_WITHIN_OPTIONS = (0, 3, 7, 30)

SORT_NEWEST = "newest"
SORT_RELEVANCE = "relevance"
SORT_DEADLINE = "deadline"
SORT_WAGE = "wage"
SORT_CHOICES = [
    (SORT_RELEVANCE, gettext_lazy("검색어 관련도순 (제목에 있는 공고 먼저)")),
    (SORT_NEWEST, gettext_lazy("최신 등록순")),
    (SORT_DEADLINE, gettext_lazy("마감 임박순")),
    (SORT_WAGE, gettext_lazy("시급 높은순")),
]

#: Multi-valued parameters, in the order the page lists them.
MULTI_PARAMS = ("dong", "occupation", "employment_type", "shift", "priority", "company_type")
#: Single-valued parameters (the last one wins when repeated).
SINGLE_PARAMS = ("q", "wage", "posted_within", "closing_within", "closed", "sort")
#: Every parameter of the search, ``page`` aside.
PARAMS = ("q", *MULTI_PARAMS, "wage", "posted_within", "closing_within", "closed", "sort")


def nul_notice() -> str:
    """The notice shown when NUL characters were removed from the query string."""
    return _("입력할 수 없는 문자를 빼고 검색했습니다.")


def posted_within_label(days: int) -> str:
    """``1`` → ``"오늘 등록"``, ``7`` → ``"최근 7일 안에 등록"``."""
    if days == 1:
        return _("오늘 등록")
    return _("최근 %(days)d일 안에 등록") % {"days": days}


def closing_within_label(days: int) -> str:
    """``0`` → ``"오늘 마감"``, ``7`` → ``"7일 안에 마감"``."""
    if days == 0:
        return _("오늘 마감")
    return _("%(days)d일 안에 마감") % {"days": days}


def as_querydict(data) -> QueryDict:
    """A mutable copy of ``data`` (a ``QueryDict``, a plain dict of strings or lists, or
    ``None``)."""
    if isinstance(data, QueryDict):
        return data.copy()
    query = QueryDict(mutable=True)
    for key, value in (data or {}).items():
        query.setlist(key, [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)])
    return query


class QueryStringCleaner:
    """Cleans the search's query string in place, before the form sees it: a malformed or
    out-of-range value is dropped, the good values of a multi-valued parameter are kept, NUL
    characters are removed and a repeated single-valued parameter keeps its last value. Each
    kind of dropped value or character adds a Korean sentence to ``notices``, so that the page
    can say what it ignored.

    ``dong_codes`` and ``occupation_codes`` are the codes the search knows."""

    def __init__(self, *, dong_codes: set[str], occupation_codes: set[str]):
        self.dong_codes = dong_codes
        self.occupation_codes = occupation_codes
        self.notices: list[str] = []

    def clean(self, data: QueryDict) -> list[str]:
        """Clean ``data`` (a mutable ``QueryDict``) in place and return :attr:`notices`."""
        self._drop_nul(data)
        for key in SINGLE_PARAMS:  # repeated: the last value wins, as in a Django form
            if key in data:
                data.setlist(key, [data.getlist(key)[-1]])
        self._clean_keyword(data)
        self._clean_dongs(data)
        self._clean_choices(data, "occupation", self.occupation_codes, _("알 수 없는 직종 코드는 빼고 검색했습니다."))
        self._clean_choices(
            data, "employment_type", set(EmploymentType.values), _("알 수 없는 고용형태는 빼고 검색했습니다.")
        )
        self._clean_choices(data, "shift", set(Shift.values), _("알 수 없는 근무 형태는 빼고 검색했습니다."))
        self._clean_choices(
            data, "priority", set(PriorityGroup.values), _("알 수 없는 우대 취약계층 값은 빼고 검색했습니다.")
        )
        self._clean_choices(
            data, "company_type", set(Certification.Type.values), _("알 수 없는 기업 유형은 빼고 검색했습니다.")
        )
        self._clean_wage(data)
        self._clean_days(data, "posted_within", 1, _("'등록일' 값은 1~%(max)d일이어야 해서 무시했습니다."))
        self._clean_days(data, "closing_within", 0, _("'마감일' 값은 0~%(max)d일이어야 해서 무시했습니다."))
        self._clean_closed(data)
        self._clean_sort(data)
        return self.notices

    def _drop_nul(self, data: QueryDict) -> None:
        """Remove NUL characters from every value (browsers never send them; PostgreSQL
        refuses them in text), saying so once when a parameter of the search or ``page`` had
        one."""
        dropped = False
        for key in list(data):
            values = data.getlist(key)
            if any("\x00" in v for v in values):
                data.setlist(key, [v.replace("\x00", "") for v in values])
                dropped = dropped or key in (*PARAMS, "page")
        if dropped:
            self.notices.append(nul_notice())

    def _clean_keyword(self, data: QueryDict) -> None:
        q = data.get("q", "")
        if len(q) > MAX_QUERY_LENGTH:
            q = data["q"] = q[:MAX_QUERY_LENGTH]
            self.notices.append(_("검색어가 너무 길어 앞의 %(n)d자만 사용했습니다.") % {"n": MAX_QUERY_LENGTH})
        if q.strip() and not query_terms(q):
            self.notices.append(_("검색어에 찾을 수 있는 글자(한글·영문·숫자)가 없어 검색어 없이 보여 드립니다."))
        elif any(unicodedata.category(c) in ("So", "Sk", "Co", "Cs") for c in q):  # emoji, skin tones
            self.notices.append(_("검색어의 그림 문자(이모지 등)는 빼고 찾았습니다."))

    def _clean_dongs(self, data: QueryDict) -> None:
        """Keep the valid dong codes, drop the others with a notice (one bad value must not
        throw away the good ones)."""
        self._clean_choices(data, "dong", self.dong_codes, _("알 수 없는 행정동 코드는 빼고 검색했습니다."))

    def _clean_choices(self, data: QueryDict, key: str, valid: set[str], notice: str) -> None:
        """Keep the values of ``key`` found in ``valid`` (blank ones are dropped silently,
        repeats once), add ``notice`` if any other value was dropped."""
        values = [v.strip() for v in data.getlist(key) if v.strip()]
        kept = list(dict.fromkeys(v for v in values if v in valid))
        if any(v not in valid for v in values):
            self.notices.append(notice)
        if kept:
            data.setlist(key, kept)
        else:
            data.pop(key, None)

    def _clean_wage(self, data: QueryDict) -> None:
        """``wage``: a whole number of KRW per hour, 0 to ``MAX_HOURLY_WAGE``; thousands
        separators, spaces and a trailing 원 are allowed (``"10,320원"``)."""
        raw = (data.get("wage") or "").strip()
        data.pop("wage", None)
        if not raw:
            return
        digits = raw.replace(",", "").replace(" ", "").removesuffix("원")
        if digits[:1] in ("-", "\u2212") and digits[1:].isascii() and digits[1:].isdigit():
            self.notices.append(_("'최소 시급'은 0원 이상의 금액으로 입력해 주세요. 이 조건은 빼고 검색했습니다."))
            return
        if not digits.isascii() or not digits.isdigit():
            self.notices.append(_("'최소 시급' 값이 숫자가 아니어서 무시했습니다."))
            return
        amount = int(digits)
        if amount > MAX_HOURLY_WAGE:
            self.notices.append(
                _("'최소 시급'은 시간당 %(max)s원까지 찾을 수 있어 무시했습니다.") % {"max": f"{MAX_HOURLY_WAGE:,}"}
            )
            return
        data["wage"] = str(amount)

    def _clean_days(self, data: QueryDict, key: str, minimum: int, notice: str) -> None:
        raw = (data.get(key) or "").strip()
        data.pop(key, None)
        if not raw:
            return
        if raw.isascii() and raw.isdigit() and minimum <= int(raw) <= MAX_DAYS:
            data[key] = str(int(raw))
        else:
            self.notices.append(notice % {"max": MAX_DAYS})

    def _clean_closed(self, data: QueryDict) -> None:
        """``closed``: 1/true/on/yes include closed postings; 0/false/off/no or empty do not;
        anything else is ignored with a notice."""
        raw = (data.get("closed") or "").strip().lower()
        if raw in CLOSED_TRUE:
            data["closed"] = "true"
        else:
            if raw and raw not in CLOSED_FALSE:
                self.notices.append(_("'마감 포함' 값이 올바르지 않아 무시했습니다."))
            data.pop("closed", None)

    def _clean_sort(self, data: QueryDict) -> None:
        raw = (data.get("sort") or "").strip().lower()
        data.pop("sort", None)
        if raw in dict(SORT_CHOICES):
            data["sort"] = raw
        elif raw:
            self.notices.append(_("알 수 없는 정렬 방식이라 기본 순서로 보여 드립니다."))
