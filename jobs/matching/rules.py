"""The matching rules, in one place (issue 6, DESIGN.md "Codes and units").

A posting **fits** a seeker when every wanted condition the seeker stated is met (an empty
wanted list means "any"):

* occupation: the posting's KECO minor group is one of ``wanted_occupations`` (a strong fit),
  or is in the same middle group as one of them (a weaker fit: KECO 2018 minor codes are their
  middle group's two digits plus one, e.g. 851 and 852 are both in 85);
* place: the workplace dong is one of ``wanted_dongs`` (empty = anywhere in Namdong);
* employment type: the posting's is one of ``wanted_employment_types``;
* wage: the posting's lower wage per hour (``JobPosting.wage_hourly``: 일급 ÷ daily hours,
  월급 ÷ 209, 연봉 ÷ 12 ÷ 209) is at least ``wanted_min_hourly_krw`` (KRW/h); a posting with no
  wage does not fit a stated minimum;
* shift: the posting's shifts and the wanted ones share one (either empty = no limit);
* days: the seeker is available on every day the posting works (``wanted_days ⊇
  work_days``; either empty = no limit). Days are a set of weekdays, not a count.

The **score** (0–100) ranks fits; each part is a reason code stored on the match:

=====================  ======  =============================================================
reason                 points  when
=====================  ======  =============================================================
``occupation``           40    the exact wanted occupation
``occupation_group``     20    same KECO middle group as a wanted occupation
``occupation_any``       10    the seeker named no occupation (browsing only: notices
                               need a wanted occupation, ``jobs.matching.run``)
``dong_home``            25    the workplace is in the seeker's home dong
``dong_near``            15    its centre is within :data:`NEAR_M` of the home dong's centre
``dong_wanted``          10    otherwise, a dong the seeker listed
``wage``                 10    the seeker stated a minimum wage and the posting meets it
``group:<code>``         15    the posting welcomes a priority group the seeker belongs to
``licence:<code>``       10    the posting names a licence the seeker holds
=====================  ======  =============================================================

Priority groups: 청년 (15–34) and 고령자 (55+) come from the birth year
(``SeekerProfile.derived_groups``); the declared ones (장애인, 경력단절여성, 결혼이민자,
북한이탈주민) count only while the seeker's sensitive-data consent is active (DESIGN.md
"Privacy": never used in matching without it). Licences of a posting are those its text names
(``jobs.rules.licences``). "Near" is a distance between dong centres (EPSG:5179 metres,
``namdong_dong_centroids.tsv``), DESIGN.md: "e.g. under 2 km".

The rules are SQL so that matching is set-based in both directions: :class:`FitSql` renders
them either with the posting's values as parameters and the seeker table's columns (one
posting against every seeker, over the GIN-indexed wanted-condition arrays) or with one
seeker's values as parameters and the posting table's columns ("postings that fit you").
Each value of each side is defined once below (:data:`SEEKER_VALUES`,
:data:`POSTING_VALUES`), and fetched with the same SQL when it becomes a parameter.
"""

import datetime

from django.db import connection
from django.utils.translation import gettext, gettext_noop

from namdong_jobs.reference.codes import DECLARED_PRIORITY_GROUPS, Licence, PriorityGroup

#: "Near" between two dong centres, in metres (DESIGN.md: "e.g. under 2 km").
NEAR_M = 2000

#: Points of each reason (see the module docstring). The largest total is 100.
POINTS = {
    "occupation": 40,
    "occupation_group": 20,
    "occupation_any": 10,
    "dong_home": 25,
    "dong_near": 15,
    "dong_wanted": 10,
    "wage": 10,
    "group": 15,
    "licence": 10,
}

#: Korean text of each reason code (``group:…``/``licence:…`` add the code's label).
REASON_TEXT = {
    "occupation": gettext_noop("희망 직종 일치"),
    "occupation_group": gettext_noop("희망 직종과 같은 분야"),
    "occupation_any": gettext_noop("직종 제한 없음"),
    "dong_home": gettext_noop("거주 동에서 근무"),
    "dong_near": gettext_noop("거주 동 근처"),
    "dong_wanted": gettext_noop("희망 근무 지역"),
    "wage": gettext_noop("희망 임금 이상"),
    "group": gettext_noop("우대 대상: %(label)s"),
    "group_declared": gettext_noop("우대 대상에 해당"),
    "licence": gettext_noop("보유 자격 우대: %(label)s"),
}
_CODE_LABELS = {
    "group": {g.value: g.label for g in PriorityGroup},
    "licence": {li.value: li.label for li in Licence},
}


_DECLARED = {g.value for g in DECLARED_PRIORITY_GROUPS}


def reason_text(code: str, *, translate: bool = True, discreet: bool = False) -> str:
    """The explanation of one reason code, e.g. ``"dong_near"`` → ``"거주 동 근처"``,
    ``"licence:forklift"`` → ``"보유 자격 우대: 지게차운전기능사"``; in the active language
    when ``translate`` (pages), in Korean when not (message bodies). ``discreet`` (message
    texts, which travel by email and SMS) does not name a declared priority group, which is
    sensitive data (장애인, 북한이탈주민 …): ``"우대 대상에 해당"``. An unknown code is
    returned as it is."""
    tr = gettext if translate else (lambda s: s)
    kind, _, value = code.partition(":")
    if kind == "group" and value in _DECLARED and discreet:
        return tr(REASON_TEXT["group_declared"])
    if value:
        label = _CODE_LABELS.get(kind, {}).get(value)
        if label is None or kind not in REASON_TEXT:
            return code
        return tr(REASON_TEXT[kind]) % {"label": tr(label)}
    return tr(REASON_TEXT[code]) if code in REASON_TEXT else code


def explain(reasons, *, translate: bool = True, discreet: bool = False) -> str:
    """The reasons of a match as one Korean line, e.g. ``"희망 직종 일치, 거주 동 근처, 희망
    임금 이상"`` (``reasons``: a list of reason codes, in the order they were stored;
    ``translate``/``discreet`` as :func:`reason_text`)."""
    texts = [reason_text(code, translate=translate, discreet=discreet) for code in reasons]
    return ", ".join(dict.fromkeys(texts))  # each text once ("우대 대상에 해당" for two groups)


def all_reason_codes() -> list[str]:
    """Every reason code the rules can store (for the SQL label map of message bodies)."""
    codes = [c for c in REASON_TEXT if c not in ("group", "group_declared", "licence")]
    codes += [f"group:{g}" for g in _CODE_LABELS["group"]]
    codes += [f"licence:{li}" for li in _CODE_LABELS["licence"]]
    return codes


def year_groups_sql(s: str, year: int) -> str:
    """SQL of the priority groups a seeker (table alias ``s``) belongs to in ``year``: 청년
    (15–34, 청년고용촉진 특별법 시행령 §2) and 고령자 (55+, 고령자고용법 시행령 §2) from the
    birth year, as ``SeekerProfile.derived_groups``, plus the declared groups while the
    sensitive-data consent is active."""
    year = int(year)
    return (
        f"(CASE WHEN {s}.birth_year BETWEEN {year - 34} AND {year - 15} THEN ARRAY['youth']::varchar[] "
        f"ELSE ARRAY[]::varchar[] END"
        f" || CASE WHEN {s}.birth_year <= {year - 55} THEN ARRAY['older']::varchar[] ELSE ARRAY[]::varchar[] END"
        # a scalar subquery (not EXISTS, which the planner may turn into a hash of every
        # sensitive consent): probed through the index only for the few with declared groups
        f" || CASE WHEN {s}.declared_groups <> '{{}}' AND (SELECT true FROM accounts_consent sc"
        f" WHERE sc.person_id = {s}.id AND sc.purpose = 'sensitive' AND sc.withdrawn_at IS NULL LIMIT 1)"
        f" THEN {s}.declared_groups::varchar[] ELSE ARRAY[]::varchar[] END)"
    )


#: The seeker's side: name → (SQL over alias ``{s}``, SQL type). ``groups`` is computed by
#: :func:`year_groups_sql` (see :meth:`FitSql.seeker_groups_join`).
SEEKER_VALUES = {
    "occupations": ("{s}.wanted_occupations", "varchar[]"),
    "dongs": ("{s}.wanted_dongs", "varchar[]"),
    "employment_types": ("{s}.wanted_employment_types", "varchar[]"),
    "shifts": ("{s}.wanted_shifts", "varchar[]"),
    "days": ("{s}.wanted_days", "varchar[]"),
    "min_wage": ("{s}.wanted_min_hourly_krw", "integer"),
    "home_dong": ("{s}.home_dong_id", "varchar"),
    "licences": ("{s}.licences", "varchar[]"),
    "groups": ("{g}.groups", "varchar[]"),
}

#: The posting's side: name → (SQL over alias ``{p}``, SQL type).
POSTING_VALUES = {
    "occupation": ("{p}.occupation_id", "varchar"),
    # the minor groups of the posting's middle group (itself included)
    "group_codes": (
        "ARRAY(SELECT o.code FROM reference_occupation o WHERE o.level = 'minor'"
        " AND o.parent_id = left({p}.occupation_id, 2))::varchar[]",
        "varchar[]",
    ),
    "dong": ("{p}.dong_id", "varchar"),
    # the dongs whose centre is within NEAR_M of the workplace dong's centre (itself included)
    "near_dongs": (
        "ARRAY(SELECT b.code FROM reference_dong a JOIN reference_dong b"
        " ON (a.x_m - b.x_m)::bigint * (a.x_m - b.x_m) + (a.y_m - b.y_m)::bigint * (a.y_m - b.y_m)"
        f" < {NEAR_M}::bigint * {NEAR_M} WHERE a.code = {{p}}.dong_id)::varchar[]",
        "varchar[]",
    ),
    "employment_type": ("{p}.employment_type", "varchar"),
    "wage": ("{p}.wage_hourly", "integer"),
    "shifts": ("{p}.shifts", "varchar[]"),
    "days": ("{p}.work_days", "varchar[]"),
    "groups": ("{p}.priority_groups", "varchar[]"),
    "licences": ("{p}.licences", "varchar[]"),
}


def score_of_sql(reasons_sql: str) -> str:
    """SQL of a match's score from its reason codes (``reasons_sql``, a ``varchar[]``
    expression): the sum of :data:`POINTS` of each reason, a priority group and a licence
    counting once — the same total as :meth:`FitSql.score` (a test checks both)."""
    simple = " ".join(
        f"WHEN '{code}' THEN {points}" for code, points in POINTS.items() if code not in ("group", "licence")
    )
    return (
        f"(SELECT COALESCE(sum(CASE x {simple} ELSE 0 END), 0)::int"
        f" + CASE WHEN bool_or(x LIKE 'group:%%') THEN {POINTS['group']} ELSE 0 END"
        f" + CASE WHEN bool_or(x LIKE 'licence:%%') THEN {POINTS['licence']} ELSE 0 END"
        f" FROM unnest({reasons_sql}) x)"
    )


class FitSql:
    """Renders the rules as SQL with positional ``%s`` parameters (collected in
    :attr:`params`, in order).

    Exactly one side is given as values (a dict from :func:`fetch_posting_values` or
    :func:`fetch_seeker_values`); the other side is the columns of a table alias (``s`` for
    ``accounts_seekerprofile`` with its groups in alias ``g``, ``p`` for
    ``jobs_jobposting``). Every call of a rule method appends its parameters, so render each
    piece once, in the order it appears in the statement."""

    def __init__(self, *, posting: dict | None = None, seeker: dict | None = None, s="s", g="g", p="p"):
        if (posting is None) == (seeker is None):
            raise ValueError("FitSql needs the values of exactly one side.")
        self.posting, self.seeker = posting, seeker
        self.aliases = {"s": s, "g": g, "p": p}
        self.params: list = []

    def _value(self, table: dict, values: dict | None, name: str) -> str:
        expression, sql_type = table[name]
        if values is None:
            return expression.format(**self.aliases)
        self.params.append(values[name])
        return f"%s::{sql_type}"

    def s(self, name: str) -> str:
        return self._value(SEEKER_VALUES, self.seeker, name)

    def p(self, name: str) -> str:
        return self._value(POSTING_VALUES, self.posting, name)

    # ---- the rules ---------------------------------------------------------------------

    def _exact(self) -> str:
        return f"{self.s('occupations')} @> ARRAY[{self.p('occupation')}]::varchar[]"

    def _same_group(self) -> str:
        return f"{self.s('occupations')} && {self.p('group_codes')}"

    def _home(self) -> str:
        return f"{self.s('home_dong')} = {self.p('dong')}"

    def _near(self) -> str:
        return f"{self.s('home_dong')} = ANY({self.p('near_dongs')})"

    def fits(self, *, occupation_required: bool = False) -> str:
        """The WHERE condition: every stated wanted condition is met. With
        ``occupation_required`` (notices: ``jobs.matching.run``) a seeker who named no
        occupation does not fit, instead of fitting any occupation."""
        any_occupation = "" if occupation_required else f"{self.s('occupations')} = '{{}}' OR "
        return (
            f"(({any_occupation}{self._same_group()})"
            f" AND ({self.s('dongs')} = '{{}}' OR {self.s('dongs')} @> ARRAY[{self.p('dong')}]::varchar[])"
            f" AND ({self.s('employment_types')} = '{{}}'"
            f" OR {self.s('employment_types')} @> ARRAY[{self.p('employment_type')}]::varchar[])"
            f" AND ({self.s('min_wage')} IS NULL OR {self.p('wage')} >= {self.s('min_wage')})"
            f" AND ({self.s('shifts')} = '{{}}' OR {self.p('shifts')} = '{{}}'"
            f" OR {self.s('shifts')} && {self.p('shifts')})"
            f" AND ({self.s('days')} = '{{}}' OR {self.p('days')} = '{{}}' OR {self.s('days')} @> {self.p('days')}))"
        )

    def score(self) -> str:
        """The score expression (0–100), for rows that fit."""
        return (
            f"(CASE WHEN {self._exact()} THEN {POINTS['occupation']}"
            f" WHEN {self._same_group()} THEN {POINTS['occupation_group']} ELSE {POINTS['occupation_any']} END"
            f" + CASE WHEN {self._home()} THEN {POINTS['dong_home']} WHEN {self._near()} THEN {POINTS['dong_near']}"
            f" WHEN {self.s('dongs')} <> '{{}}' THEN {POINTS['dong_wanted']} ELSE 0 END"
            f" + CASE WHEN {self.s('min_wage')} IS NOT NULL THEN {POINTS['wage']} ELSE 0 END"
            f" + CASE WHEN {self.s('groups')} && {self.p('groups')} THEN {POINTS['group']} ELSE 0 END"
            f" + CASE WHEN {self.s('licences')} && {self.p('licences')} THEN {POINTS['licence']} ELSE 0 END)"
        )

    def reasons(self) -> str:
        """The reason codes (``varchar[]``), in the order of the table above."""
        return (
            f"(array_remove(ARRAY[CASE WHEN {self._exact()} THEN 'occupation'"
            f" WHEN {self._same_group()} THEN 'occupation_group' ELSE 'occupation_any' END,"
            f" CASE WHEN {self._home()} THEN 'dong_home' WHEN {self._near()} THEN 'dong_near'"
            f" WHEN {self.s('dongs')} <> '{{}}' THEN 'dong_wanted' END,"
            f" CASE WHEN {self.s('min_wage')} IS NOT NULL THEN 'wage' END]::varchar[], NULL)"
            f" || ARRAY(SELECT 'group:' || x FROM unnest({self.p('groups')}) x"
            f" WHERE x = ANY({self.s('groups')}))::varchar[]"
            f" || ARRAY(SELECT 'licence:' || x FROM unnest({self.p('licences')}) x"
            f" WHERE x = ANY({self.s('licences')}))::varchar[])"
        )

    def seeker_groups_join(self, year: int) -> str:
        """``CROSS JOIN LATERAL (…) g``: the seeker's priority groups as ``g.groups``, computed
        once per seeker row (see :func:`year_groups_sql`)."""
        return f"CROSS JOIN LATERAL (SELECT {year_groups_sql(self.aliases['s'], year)} AS groups) {self.aliases['g']}"


def fetch_posting_values(posting_id: int) -> dict | None:
    """The posting's side of the rules (:data:`POSTING_VALUES`) read from the database with
    the same SQL, or ``None`` when there is no such posting."""
    names = list(POSTING_VALUES)
    select = ", ".join(POSTING_VALUES[n][0].format(p="p") for n in names)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {select} FROM jobs_jobposting p WHERE p.id = %s", [posting_id])  # noqa: S608
        row = cursor.fetchone()
    return None if row is None else dict(zip(names, row, strict=True))


def fetch_seeker_values(profile_id: int, year: int) -> dict | None:
    """The seeker's side of the rules (:data:`SEEKER_VALUES`) read from the database with the
    same SQL (groups for ``year``), or ``None`` when there is no such profile."""
    names = list(SEEKER_VALUES)
    select = ", ".join(SEEKER_VALUES[n][0].format(s="s", g="g") for n in names)
    sql = (
        f"SELECT {select} FROM accounts_seekerprofile s "  # noqa: S608 - fixed SQL, no user text
        f"CROSS JOIN LATERAL (SELECT {year_groups_sql('s', year)} AS groups) g WHERE s.id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [profile_id])
        row = cursor.fetchone()
    return None if row is None else dict(zip(names, row, strict=True))


def kst_year(now: datetime.datetime | None = None) -> int:
    """The current year in KST (birth-year groups are counted by it)."""
    from django.utils import timezone

    return timezone.localtime(now).year
