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

_NUM = r"(?:만\s*)?(?<!\d)\d{1,2}"
_NOT_NEG = r"(?!\s*(?:무관|제한\s*없|상관\s*없|불문))"
#: an age about children, as in a benefit ("8세 이하 자녀 육아휴가"), not about applicants
_NOT_CHILD = r"(?!\s*(?:의\s*)?(?:자녀|아동|아이|어린이|영유아|유아))"
#: the legal minimum ages (근로기준법 §64·§65·§70, 청소년 보호법 §29): "만 18세 이상", "19세 미만 불가"
_NOT_LEGAL_MINIMUM = r"(?!(?:만\s*)?1[5-9]\s*세\s*(?:이상|미만\s*(?:불가|제외|지원\s*불가|채용\s*불가)))"
#: "여성" of 경력단절여성 / 경력 단절 여성 / 경력보유여성 (priority groups) is no sex limit
_NOT_PRIORITY_WOMEN = r"(?<!단절)(?<!단절\s)(?<!보유)(?<!보유\s)"

#: (topic, law, pattern). Topics are shown to the employer and the moderator.
RULES: list[tuple[str, Law, re.Pattern]] = [
    # --- age
    (
        gettext_noop("연령 제한"),
        AGE_LAW,
        re.compile(
            rf"{_NOT_LEGAL_MINIMUM}{_NUM}\s*(?:세|살)\s*(?:이하|미만|이상|까지|초과|~|-|부터|↓|↑|불가|제외){_NOT_CHILD}"
        ),
    ),
    # 삼십오세 이하: ages written in Sino-Korean numerals
    (
        gettext_noop("연령 제한"),
        AGE_LAW,
        re.compile(r"[이삼사오육칠]십\s*[일이삼사오육칠팔구]?\s*세\s*(?:이하|미만|이상|까지|초과|↓|↑)"),
    ),
    (gettext_noop("연령 제한"), AGE_LAW, re.compile(r"(?<!\d)[1-7]0\s*(?:~|-|에서)\s*[1-7]0\s*대")),
    (gettext_noop("연령 제한"), AGE_LAW, re.compile(r"(?<!\d)[1-7]0\s*대\s*(?:이상\s*)?(?:불가|제외|사절|안\s*됨)")),
    (gettext_noop("연령 제한"), AGE_LAW, re.compile(r"청년\s*(?:만|only|한정)")),
    # 서른 살 이하, 마흔다섯 살까지: native Korean numerals
    (
        gettext_noop("연령 제한"),
        AGE_LAW,
        re.compile(
            r"(?:스물|서른|마흔|쉰|예순)\s*(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉)?\s*살\s*(?:이하|미만|까지|이상|초과)"
        ),
    ),
    # "고졸 이상 20대", "20대인 분", "20代"
    (
        gettext_noop("연령 제한"),
        AGE_LAW,
        re.compile(r"(?<!\d)[1-7]0\s*대(?:\s*(?:인\s*분|이신\s*분))?(?=\s*(?:$|[.,!)]))"),
    ),
    (gettext_noop("연령 제한"), AGE_LAW, re.compile(r"(?<!\d)[1-7]0\s*代")),
    (gettext_noop("연령 제한"), AGE_LAW, re.compile(r"젊고|젊으신")),
    (
        gettext_noop("연령 제한"),
        AGE_LAW,
        re.compile(r"\b(?:under|over|below|above)\s+\d{2}\b|\bages?\s+\d{2}\s*(?:-|~|to)\s*\d{2}\b", re.IGNORECASE),
    ),
    (gettext_noop("연령 제한"), AGE_LAW, re.compile(rf"{_NUM}\s*(?:~|-|부터)\s*{_NUM}\s*세{_NOT_CHILD}")),
    (
        gettext_noop("연령 제한"),
        AGE_LAW,
        re.compile(r"(?<!\d)[1-7]0\s*대\s*(?:만|까지|이하|초반|중반|후반|~|-|남|여|분|only)"),
    ),
    (gettext_noop("연령 제한"), AGE_LAW, re.compile(r"(?<!\d)[2-7]0\s*대\s*(?:이상|우대|환영|선호|위주)")),
    (
        gettext_noop("연령 제한"),
        AGE_LAW,
        re.compile(r"(?<!\d)(?:19|20)?\d{2}\s*년\s*(?:생|이후\s*출생)\s*(?:이후|이전|까지|부터|~|↓|↑)?"),
    ),
    (
        gettext_noop("연령 제한"),
        AGE_LAW,
        re.compile(rf"(?<!평균)(?<!평균\s)(?:나이|연령)\s*(?:제한|:|은|는)?{_NOT_NEG}\s*\d+\s*세?"),
    ),
    (gettext_noop("연령 제한"), AGE_LAW, re.compile(r"(?:나이|연령)\s*제한(?!\s*(?:없|무))")),
    (gettext_noop("연령 제한"), AGE_LAW, re.compile(r"젊은\s*(?:분|사람|직원|친구|층|여성|남성|여자|남자|인재|피)")),
    # --- sex
    (
        gettext_noop("성별 제한"),
        SEX_LAW,
        re.compile(
            rf"(?:남자|여자|남성|{_NOT_PRIORITY_WOMEN}여성)\s*(?:만|only|한정|전용|우대|환영|직원|분|구함|구합니다|모집|채용|\d+\s*명)"
        ),
    ),  # fmt: skip
    (
        gettext_noop("성별 제한"),
        SEX_LAW,
        re.compile(
            r"(?<![가-힣])(?:남|여)\s*(?:직원|사원)\s*(?:만|only|한정|우대|환영|구함|구합니다|모집|채용|\d+\s*명)"
        ),
    ),  # fmt: skip
    (gettext_noop("성별 제한"), SEX_LAW, re.compile(r"(?<!\d)[1-7]0\s*대\s*(?:남성|여성|남자|여자)")),
    (gettext_noop("성별 제한"), SEX_LAW, re.compile(r"성별\s*[:：]?\s*(?:남|여)(?!\s*(?:녀|여)?\s*무관)")),
    (gettext_noop("성별 제한"), SEX_LAW, re.compile(r"(?<![가-힣])(?:남|여)\s*\d+\s*명")),
    (gettext_noop("성별 제한"), SEX_LAW, re.compile(r"남녀\s*각\s*\d+\s*명")),
    (gettext_noop("성별 제한"), SEX_LAW, re.compile(r"아줌마|아주머니|이모님|아저씨|총각|처녀|아가씨")),
    (gettext_noop("성별 제한"), SEX_LAW, re.compile(r"미스\s*[김이박최정강조윤장임한오서신권황안송류홍](?![가-힣])")),
    # military service as a condition excludes women (indirect discrimination, 남녀고용평등법 §2·§7)
    (gettext_noop("성별 제한"), SEX_LAW, re.compile(r"군필")),
    (gettext_noop("성별 제한"), SEX_LAW, re.compile(r"[男女]\s*(?:만|우대|환영|only|\d+\s*명|직원|사원)")),
    (
        gettext_noop("성별 제한"),
        SEX_LAW,
        re.compile(r"\b(?:male|female|men|women|man|woman)\s+(?:only|preferred|wanted)\b", re.IGNORECASE),
    ),
    # --- appearance, body
    (
        gettext_noop("용모·신체 조건"),
        PRIVACY_LAW,
        re.compile(
            r"용모\s*(?:단정|우수|준수|좋|:)|외모(?!\s*(?:무관|상관\s*없|불문))|인상\s*좋은|호감\s*(?:가는|형)\s*(?:외모|인상|용모)"
        ),
    ),  # fmt: skip
    (
        gettext_noop("용모·신체 조건"),
        PRIVACY_LAW,
        re.compile(r"(?<![가-힣])(?:키|신장)\s*(?:제한|\d|큰|작은)|체중|몸무게|날씬|체격\s*(?:좋|건장|큰)|건장한"),
    ),  # fmt: skip
    # --- birthplace
    (
        gettext_noop("출신지역"),
        PRIVACY_LAW,
        re.compile(
            r"출신\s*지역|출생지|(?<![가-힣])본적|고향|(?:지역|도)\s*출신"
            r"|(?:서울|인천|경기|강원|충청|충남|충북|호남|전라|전남|전북|영남|경상|경남|경북|제주|지방|수도권|타지)\s*출신"
            r"|출신\s*(?:만|불가|제외|우대)"
        ),
    ),
    # --- marital status
    (
        gettext_noop("혼인 여부"),
        PRIVACY_LAW,
        re.compile(
            r"미혼|기혼|결혼\s*(?:여부|유무|하신|안\s*한|하지\s*않은|\s*안\s*하신)|혼인\s*(?:여부|유무)|싱글만|독신"
        ),
    ),  # fmt: skip
    # --- property (not 지적재산·지식재산 or 재산세, a duty of tax and IP jobs)
    (
        gettext_noop("재산"),
        PRIVACY_LAW,
        re.compile(r"(?<!지적)(?<!지식)재산(?!세)|자가\s*(?:소유|보유)|부동산\s*(?:소유|보유)"),
    ),
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


_WORD_END = re.compile(r"[\s.,;:!?()\[\]{}\"'“”‘’/·]")


def _whole_words(text: str, start: int, end: int, reach: int = 12) -> str:
    """The matched phrase widened to whole words (at most ``reach`` characters either side), so
    a flag quotes "키 170cm" rather than "키 1"."""
    lo = start
    while lo > 0 and start - lo < reach and not _WORD_END.match(text[lo - 1]):
        lo -= 1
    hi = end
    while hi < len(text) and hi - end < reach and not _WORD_END.match(text[hi]):
        hi += 1
    return text[lo:hi].strip()


def screen_text(text: str) -> list[tuple[str, Law, str]]:
    """``(topic, law, matched text)`` for every phrase of ``text`` that matches a rule, in the
    order of the rules; a match overlapping an earlier one of the same topic, or repeating the
    same text, is left out."""
    found: list[tuple[str, Law, str]] = []
    spans: dict[str, list[tuple[int, int]]] = {}
    seen: set[tuple[str, str]] = set()
    text = text or ""
    for topic, law, pattern in RULES:
        for m in pattern.finditer(text):
            key = (topic, _whole_words(text, m.start(), m.end()))
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
