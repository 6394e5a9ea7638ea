"""Hiring-law screening of posting text (DESIGN.md "Lifecycles", hiring law).

A posting may not limit age (고령자고용법 제4조의4) or sex (남녀고용평등법 제7조), and may not
ask for appearance, height or weight, birthplace, marital status, property, or the family's
education, occupation or property (채용절차법 제4조의3). The posting form offers no such
fields; free text that states them is *flagged* for moderation (not refused: a human decides,
since "여성 고객 응대" or "연령 무관" are fine), with the article cited.

The patterns are deliberately narrow and tested one by one in ``tests/jobs/test_hiring_law.py``;
each has a negative look-around where a common harmless phrase would otherwise match
(경력단절여성, 연령 무관, 남녀 무관).
"""

import re
from dataclasses import asdict, dataclass

from django.utils.translation import gettext_noop


@dataclass(frozen=True)
class Law:
    """An article of law: ``name`` (short Korean title), ``article`` and ``subject``."""

    name: str
    article: str
    subject: str

    @property
    def citation(self) -> str:
        return f"{self.name} {self.article} ({self.subject})"


AGE_LAW = Law(
    "고용상 연령차별금지 및 고령자고용촉진에 관한 법률", "제4조의4", gettext_noop("모집·채용에서 연령 차별 금지")
)
SEX_LAW = Law("남녀고용평등과 일·가정 양립 지원에 관한 법률", "제7조", gettext_noop("모집·채용에서 성별 차별 금지"))
PRIVACY_LAW = Law("채용절차의 공정화에 관한 법률", "제4조의3", gettext_noop("출신지역 등 개인정보 요구 금지"))

_NUM = r"(?:만\s*)?\d{1,2}"
_NOT_NEG = r"(?!\s*(?:무관|제한\s*없|상관\s*없|불문))"

#: (topic, law, pattern). Topics are shown to the employer and the moderator.
RULES: list[tuple[str, Law, re.Pattern]] = [
    # --- age
    (gettext_noop("연령 제한"), AGE_LAW, re.compile(rf"{_NUM}\s*세\s*(?:이하|미만|이상|까지|초과|~|-|부터)")),
    (gettext_noop("연령 제한"), AGE_LAW, re.compile(rf"{_NUM}\s*(?:~|-|부터)\s*{_NUM}\s*세")),
    (
        gettext_noop("연령 제한"),
        AGE_LAW,
        re.compile(r"(?<!\d)[1-7]0\s*대\s*(?:만|까지|이하|초반|중반|후반|~|-|남|여|분|only)"),
    ),
    (
        gettext_noop("연령 제한"),
        AGE_LAW,
        re.compile(r"(?:19|20)\d{2}\s*년\s*(?:생|이후\s*출생)\s*(?:이후|이전|까지|부터|~)?"),
    ),
    (gettext_noop("연령 제한"), AGE_LAW, re.compile(rf"(?:나이|연령)\s*(?:제한|:|은|는)?{_NOT_NEG}\s*\d+\s*세?")),
    (gettext_noop("연령 제한"), AGE_LAW, re.compile(r"(?:나이|연령)\s*제한(?!\s*(?:없|무))")),
    (gettext_noop("연령 제한"), AGE_LAW, re.compile(r"젊은\s*(?:분|사람|직원|친구|층)")),
    # --- sex
    (
        gettext_noop("성별 제한"),
        SEX_LAW,
        re.compile(r"(?:남자|여자|남성|(?<!단절)여성)\s*(?:만|only|한정|전용|우대|환영|직원|분|구함|모집|\d+\s*명)"),
    ),  # fmt: skip
    (gettext_noop("성별 제한"), SEX_LAW, re.compile(r"성별\s*[:：]?\s*(?:남|여)(?!\s*(?:녀|여)?\s*무관)")),
    (gettext_noop("성별 제한"), SEX_LAW, re.compile(r"(?<![가-힣])(?:남|여)\s*\d+\s*명")),
    (gettext_noop("성별 제한"), SEX_LAW, re.compile(r"아줌마|아주머니|이모님|아저씨|총각|처녀")),
    # --- appearance, body
    (
        gettext_noop("용모·신체 조건"),
        PRIVACY_LAW,
        re.compile(r"용모\s*(?:단정|우수|준수|좋|:)|외모|인상\s*좋은|호감\s*(?:가는|형)\s*(?:외모|인상|용모)"),
    ),  # fmt: skip
    (
        gettext_noop("용모·신체 조건"),
        PRIVACY_LAW,
        re.compile(r"(?:키|신장)\s*\d{3}|(?:키|신장)\s*(?:제한|\d|큰|작은)|체중|몸무게|날씬"),
    ),  # fmt: skip
    # --- birthplace
    (gettext_noop("출신지역"), PRIVACY_LAW, re.compile(r"출신\s*지역|출생지|본적|고향|(?:지역|도)\s*출신")),
    # --- marital status
    (
        gettext_noop("혼인 여부"),
        PRIVACY_LAW,
        re.compile(r"미혼|기혼|결혼\s*(?:여부|유무|하신|안\s*한)|혼인\s*(?:여부|유무)|싱글만"),
    ),  # fmt: skip
    # --- property
    (gettext_noop("재산"), PRIVACY_LAW, re.compile(r"재산|자가\s*(?:소유|보유)|부동산\s*(?:소유|보유)")),
    # --- family background
    (
        gettext_noop("가족의 학력·직업·재산"),
        PRIVACY_LAW,
        re.compile(r"(?:부모|부모님|형제|자매|가족|직계\s*존비속)\s*(?:의\s*)?(?:학력|직업|직장|재산|관계|사항)"),
    ),  # fmt: skip
]

#: Posting fields screened, with their labels.
SCREENED_FIELDS = {
    "title": gettext_noop("제목"),
    "description": gettext_noop("업무 내용"),
    "preferred_qualifications": gettext_noop("우대조건"),
}


@dataclass(frozen=True)
class LawFlag:
    """One phrase that may break a hiring law: the ``field`` it is in, the ``match``ed text,
    its ``topic`` and the law it may break (``law``, ``article``, ``citation``)."""

    field: str
    match: str
    topic: str
    law: str
    article: str
    citation: str

    def as_dict(self) -> dict:
        return asdict(self)


def screen_text(text: str) -> list[tuple[str, Law, str]]:
    """``(topic, law, matched text)`` for every phrase of ``text`` that matches a rule, in the
    order of the rules; a match overlapping an earlier one of the same topic, or repeating the
    same text, is left out."""
    found: list[tuple[str, Law, str]] = []
    spans: dict[str, list[tuple[int, int]]] = {}
    seen: set[tuple[str, str]] = set()
    for topic, law, pattern in RULES:
        for m in pattern.finditer(text or ""):
            key = (topic, m.group(0).strip())
            taken = spans.setdefault(topic, [])
            if key in seen or any(m.start() < end and start < m.end() for start, end in taken):
                continue
            seen.add(key)
            taken.append(m.span())
            found.append((topic, law, key[1]))
    return found


def hiring_law_flags(values: dict[str, str]) -> list[dict]:
    """Screen the free-text fields of a posting (``values``: field name → text; the keys of
    ``SCREENED_FIELDS`` are read) and return the flags as JSON-ready dicts (see
    :class:`LawFlag`), empty when nothing was found."""
    flags = []
    for field in SCREENED_FIELDS:
        for topic, law, match in screen_text(values.get(field) or ""):
            flags.append(
                LawFlag(
                    field=field, match=match, topic=topic, law=law.name, article=law.article, citation=law.citation
                ).as_dict()
            )
    return flags
