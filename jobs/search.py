"""Korean keyword search through GIN indexes over character bigrams and single characters
(DESIGN.md "Korean text search": pg_trgm extracts nothing from Hangul under LC_CTYPE=C and the
``simple`` configuration misses words with particles attached).

A document's bigrams are taken per word (runs of letters and digits), lower-cased, so a
query for 요양보호사 (요양·양보·보호·호사) finds "요양보호사를 모집합니다", and a
two-syllable word such as 경비 is itself one bigram. A one-character keyword (차, 빵) has no
bigram: it is looked up among the document's characters (:func:`characters`).

For a keyword of one or two characters the arrays are exact (a word character occurs in the
document exactly when it occurs in one of its words); a longer keyword's bigrams may all occur
apart. The search checks every row with ``LIKE`` on ``search_document`` anyway
(``jobs.models.postings.keyword_match``): the text is in the row, the arrays are not.
"""

import re
import unicodedata

_WORD = re.compile(r"[0-9A-Za-z\u00C0-\u024F\u1100-\u11FF\u3130-\u318F\uAC00-\uD7A3\u4E00-\u9FFF]+")

#: Longest keyword used; longer input is cut (and the page says so).
MAX_QUERY_LENGTH = 100


def normalize_text(text: str) -> str:
    """NFKC-normalise (full-width letters, decomposed Hangul as pasted from macOS), lower-case
    and collapse whitespace; the form stored in ``search_document``."""
    return " ".join(unicodedata.normalize("NFKC", text or "").lower().split())


def words(text: str) -> list[str]:
    """The words of ``text`` (letters/digits runs), lower-cased, in order, without repeats."""
    seen: dict[str, None] = {}
    for w in _WORD.findall(normalize_text(text)):
        seen.setdefault(w, None)
    return list(seen)


def characters(text: str) -> list[str]:
    """Sorted distinct characters of the words of ``text``: the index of one-character
    keywords (``search_chars``). ``"요양 보호"`` → ``["보", "양", "요", "호"]``."""
    chars: set[str] = set()
    for w in words(text):
        chars.update(w)
    return sorted(chars)


def title_grams(text: str) -> list[str]:
    """The characters and bigrams of the words of ``text`` (a title), sorted: the index of
    title matches (``title_grams``), which rank first in a relevance search.
    ``"경비원"`` → ``["경", "경비", "비", "비원", "원"]``."""
    return sorted({*characters(text), *bigrams(text)})


def bigrams(text: str) -> list[str]:
    """Sorted distinct two-character grams of each word of ``text`` (one-character words give
    none: such a query is answered by LIKE alone).
    ``"요양보호사 모집"`` → ``["모집", "보호", "양보", "요양", "호사"]``."""
    grams: set[str] = set()
    for w in words(text):
        grams.update(w[i : i + 2] for i in range(len(w) - 1))
    return sorted(grams)


#: Particles (조사) stripped from the end of a query word, longest first. A posting's text
#: has its own particles ("경비원을", "요양보호사는"), so a query "경비를" must look for
#: "경비". Only the query is stripped: the shorter word is a substring of the longer one, so
#: stripping can only widen the result, never lose a posting that contains the typed form.
PARTICLES = (
    "에서는", "으로는", "에게서", "이라도",
    "에서", "으로", "까지", "부터", "에게", "한테", "이나", "이랑", "처럼", "보다", "마다",
    "을", "를", "이", "가", "은", "는", "의", "에", "로", "와", "과", "도", "만", "나", "랑",
)  # fmt: skip


def strip_particle(word: str) -> str:
    """Remove one trailing particle from a Hangul query word, keeping at least two
    characters: ``"경비를"`` → ``"경비"``, ``"요양보호사가"`` → ``"요양보호사"``; ``"경비"`` and
    Latin words are returned unchanged."""
    for particle in PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= 2 and "\uac00" <= word[-1] <= "\ud7a3":
            return word[: -len(particle)]
    return word


def query_terms(query: str) -> list[str]:
    """The words a keyword query must all contain (AND), particles stripped
    (:func:`strip_particle`), at most ``MAX_QUERY_LENGTH`` characters of input considered."""
    terms: dict[str, None] = {}
    for word in words((query or "")[:MAX_QUERY_LENGTH]):
        terms.setdefault(strip_particle(word), None)
    return list(terms)
