"""Licences a posting names in its text (자격·면허 in 제목, 업무 내용, 우대조건).

Matching gives a point when a seeker holds a licence the posting names (issue 6). Postings
have no licence field to fill in: employers write "지게차 면허 우대" or "요양보호사 자격증
소지자" in the text, and imported listings only have text, so the licences are read from it
with the names and the common short forms below. Codes are
``namdong_jobs.reference.codes.Licence``."""

import re

from namdong_jobs.reference.codes import Licence

#: Licence code → regular expressions of the ways postings name it (spaces optional).
LICENCE_PATTERNS: dict[str, tuple[str, ...]] = {
    Licence.CARE_WORKER: (r"요양\s*보호사",),
    Licence.FORKLIFT: (r"지게차",),
    Licence.DRIVING_1: (r"1\s*종\s*(보통|운전|면허)", r"1종"),
    Licence.DRIVING_2: (r"2\s*종\s*(보통|운전|면허)", r"2종\s*보통"),
    Licence.COOK: (r"조리\s*기능사", r"(한식|양식|중식|일식)\s*조리", r"조리사\s*(자격|면허)"),
    Licence.WELDER: (r"용접\s*(기능사|기사|사)", r"용접\s*자격"),
}
_COMPILED = {code: [re.compile(p) for p in patterns] for code, patterns in LICENCE_PATTERNS.items()}


def licences_named(*texts: str) -> list[str]:
    """The licence codes named anywhere in ``texts``, in ``Licence`` order, each once.

    >>> licences_named("지게차 운전 가능자 우대", "1종 보통 면허 소지자")
    ['forklift', 'driving_1']
    """
    text = " ".join(t for t in texts if t)
    return [code for code in Licence.values if any(p.search(text) for p in _COMPILED[code])]
