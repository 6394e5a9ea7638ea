"""Korean keyword search through a GIN index over character bigrams (DESIGN.md "Korean text
search": pg_trgm extracts nothing from Hangul under LC_CTYPE=C and the ``simple``
configuration misses words with particles attached; a bigram array re-checked with LIKE
answered any keyword in 10–17 ms over 200,000 postings).

A document's bigrams are taken per word (runs of letters and digits), lower-cased, so a
query for 요양보호사 (요양·양보·보호·호사) finds "요양보호사를 모집합니다", and a
two-syllable word such as 경비 is itself one bigram.
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


def bigrams(text: str) -> list[str]:
    """Sorted distinct two-character grams of each word of ``text`` (one-character words give
    none: such a query is answered by LIKE alone).
    ``"요양보호사 모집"`` → ``["모집", "보호", "양보", "요양", "호사"]``."""
    grams: set[str] = set()
    for w in words(text):
        grams.update(w[i : i + 2] for i in range(len(w) - 1))
    return sorted(grams)


def query_terms(query: str) -> list[str]:
    """The words a keyword query must all contain (AND), at most ``MAX_QUERY_LENGTH``
    characters of input considered."""
    return words((query or "")[:MAX_QUERY_LENGTH])
