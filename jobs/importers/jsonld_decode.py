"""A JSON-LD file's bytes to decoded JSON: UTF-8 only, a bounded nesting depth, and numbers
kept in a form that compares equal after a round trip through the database's ``jsonb``."""

from __future__ import annotations

import json
import math
from decimal import Decimal
from typing import Any

from .common import ImportFileError, bad_line, decode_utf8

#: Deepest nesting of lists and objects read from a file (JSON-LD needs a handful of levels;
#: a limit keeps every later step, the database's JSON included, far from Python's recursion
#: limit).
MAX_DEPTH = 64


def nesting_depth(data: Any) -> int:
    """How deeply lists and objects nest in decoded JSON (a scalar is 0, ``[]`` is 1);
    iterative, so any depth is measured without recursion."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else None
        if children is None:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children)
    return deepest


def read_number(text: str) -> float | str:
    """A JSON number with a fraction or exponent, as ``json.loads(parse_float=…)`` gets it.

    Kept as its text when no float can stand for it in ``raw``: too large for a float
    (``1e400``), or a float whose shortest text is a whole number other than the float's exact
    value (``1e308``: the database stores the digits ``1000…0`` and gives back an ``int``
    that never equals the float, so every re-import would count as a change). No field reads
    such text as a usable number; the database stores it as it came."""
    number = float(text)
    if not math.isfinite(number):
        return text
    shown = Decimal(repr(number))  # what json.dumps writes and the database keeps
    if shown == shown.to_integral_value() and shown != Decimal(number):
        return text
    return number


def decode_jsonld(data: bytes) -> Any:
    """Decode a JSON file's bytes (UTF-8, BOM allowed). ``NaN``/``Infinity`` and numbers a
    float cannot stand for (``read_number``) are kept as text. Raises ``ImportFileError``
    (Korean) for bytes that are not UTF-8 (naming the line), an empty file, invalid JSON
    (line and column), a number too long to read, or nesting deeper than ``MAX_DEPTH``."""
    try:
        text = decode_utf8(data)
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"UTF-8로 읽을 수 없는 글자가 있습니다 ({bad_line(data, exc)}행 근처). JSON 파일은 UTF-8이어야 합니다"
        ) from None
    if not text.strip():
        raise ImportFileError("파일이 비어 있습니다")
    too_deep = ImportFileError(f"JSON이 너무 깊게 중첩되어 읽지 않습니다 (최대 {MAX_DEPTH}단계)")
    try:
        decoded = json.loads(text, parse_float=read_number, parse_constant=str)
    except json.JSONDecodeError as exc:
        raise ImportFileError(f"JSON 형식이 올바르지 않습니다 ({exc.lineno}행 {exc.colno}열)") from None
    except RecursionError:
        raise too_deep from None
    except ValueError:  # e.g. an integer of more than 4,300 digits
        raise ImportFileError("JSON 값을 읽을 수 없습니다 (너무 긴 숫자 등)") from None
    if nesting_depth(decoded) > MAX_DEPTH:
        raise too_deep
    return decoded
