"""Text helpers for imported postings: HTML to plain text (sanitised with ``nh3``), one-line
collapsing, removing characters the database cannot store and finding a Namdong dong named
in an address."""

from __future__ import annotations

import html
import re
from collections.abc import Collection
from typing import Any

import nh3

_REAL_TAG = re.compile(r"<\s*/?\s*[A-Za-z!]")
_ESCAPED_TAG = re.compile(r"&lt;\s*/?\s*[A-Za-z!]", re.IGNORECASE)
_BREAK = re.compile(r"<\s*br\s*/?\s*>", re.IGNORECASE)
_BLOCK_END = re.compile(
    r"<\s*/\s*(?:p|li|div|h[1-6]|tr|ul|ol|table|blockquote|section|article|header|footer|dt|dd|pre)\s*>",
    re.IGNORECASE,
)


def html_to_text(value: str) -> str:
    """HTML (or HTML-escaped HTML, as some feeds send it) → plain text.

    ``<br>`` and the end of block elements (``</p>``, ``</li>``, ``</div>`` …) become line
    breaks; every tag is stripped by ``nh3`` and the content of ``<script>``/``<style>`` is
    dropped; entities are unescaped (``&amp;`` → ``&``); spaces are collapsed within lines
    and at most one blank line is kept. The result is plain text, to be escaped on output.
    """
    text = str(value or "")
    if _ESCAPED_TAG.search(text) and not _REAL_TAG.search(text):
        text = html.unescape(text)
    text = _BREAK.sub("\n", text)
    text = _BLOCK_END.sub("\n", text)
    text = nh3.clean(text, tags=set(), clean_content_tags={"script", "style"})
    text = html.unescape(text).replace("\xa0", " ").replace("\r\n", "\n").replace("\r", "\n")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def one_line(value: str) -> str:
    """Whitespace (line breaks included) collapsed to single spaces, ends stripped."""
    return " ".join(str(value or "").split())


_DISTRICT = re.compile(r"^[가-힣]{1,4}[구군]$")


def find_dong(text: str, dong_names: Collection[str]) -> str | None:
    """The Namdong dong (one of ``dong_names``, e.g. ``"구월1동"``) named in the address
    ``text``, or ``None``.

    An address naming another district (``"서울 강남구 논현1동"``: Gangnam has its own
    논현1동) gives ``None``; the longest matching name wins; a name must not run into
    further digits (``"만수1동"`` is not found in ``"만수11동"``).
    """
    text = one_line(text)
    if not text or not dong_names:
        return None
    tokens = re.split(r"[\s,()\[\]]+", text)
    if any(_DISTRICT.match(t) and t != "남동구" for t in tokens):
        return None
    for name in sorted(dong_names, key=len, reverse=True):
        if re.search(rf"(?<![가-힣0-9]){re.escape(name)}(?![0-9])", text):
            return name
    return None


#: C0 control characters except TAB and LF (CR is turned into LF first), and lone UTF-16
#: surrogates: PostgreSQL rejects NUL in text and jsonb, and a surrogate cannot be encoded.
_UNSTORABLE = re.compile(r"[\x00-\x08\x0b-\x1f\ud800-\udfff]")

UNSTORABLE_REMOVED = "저장할 수 없는 글자(제어 문자 등) {count}개를 지웠습니다"


def strip_controls(value: str) -> tuple[str, int]:
    """``value`` without NUL, the other C0 control characters except ``\\n`` and ``\\t``, and
    lone surrogates. ``\\r\\n`` and a lone ``\\r`` become ``\\n`` first (a line break, not
    counted). Returns ``(text, removed)``: ``removed`` is the number of characters dropped."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSTORABLE.subn("", value)


def strip_controls_deep(value: Any) -> tuple[Any, int]:
    """``strip_controls`` applied to every string of decoded JSON (dict keys included), other
    values kept. Returns ``(value, removed)``. Recursive: callers bound the nesting depth."""
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, list):
        pairs = [strip_controls_deep(v) for v in value]
        return [v for v, _ in pairs], sum(n for _, n in pairs)
    if isinstance(value, dict):
        result, removed = {}, 0
        for key, item in value.items():
            new_key, n_key = strip_controls(str(key))
            result[new_key], n_item = strip_controls_deep(item)
            removed += n_key + n_item
        return result, removed
    return value, 0
