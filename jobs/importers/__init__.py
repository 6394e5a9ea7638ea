"""Importers of external job listings (DESIGN.md "Lifecycles": imported listings are
external, credited to their source, outside employer verification).

Two formats: the 고용24 listing CSV (``work24``) and schema.org ``JobPosting`` JSON-LD
(``jsonld``). Parsing is pure (``ParsedRecord`` per source record, warnings attached);
``import_records`` writes them. ``load_file`` picks the format by file extension.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from jobs.choices import PostingSource

from .common import ImportFileError, ImportReport, Issue, ParsedRecord, Skipped, stable_external_id
from .jsonld import parse_jsonld, read_jsonld_file
from .service import find_or_create_employer, import_records
from .work24 import parse_work24_csv, read_work24_csv

#: File extension → (source, record unit used in reports).
FORMATS = {
    ".csv": (PostingSource.WORK24, "행"),
    ".json": (PostingSource.JSONLD, "항목"),
    ".jsonld": (PostingSource.JSONLD, "항목"),
}


def detect_format(path: Path | str) -> tuple[PostingSource, str]:
    """``(source, unit)`` for ``path`` by its extension (.csv → 고용24, .json/.jsonld →
    JSON-LD). Raises ``ImportFileError`` (Korean) for any other extension."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ImportFileError(
            f"지원하지 않는 파일 형식입니다: {Path(path).name} (.csv, .json, .jsonld 파일만 가져올 수 있습니다)"
        )
    return FORMATS[suffix]


def load_file(path: Path | str, *, dong_names: Collection[str] = ()) -> list[ParsedRecord]:
    """Parse the file at ``path`` in the format its extension names (see ``detect_format``)
    into a non-empty list of ``ParsedRecord``; ``dong_names`` (Namdong ``Dong.name`` values)
    place JSON-LD job locations. Raises ``ImportFileError`` (Korean) for an unsupported,
    undecodable, malformed or empty file, a CSV without posting rows or a JSON file without
    a JobPosting (see ``read_work24_csv``, ``read_jsonld_file``); ``OSError`` if it cannot
    be opened."""
    source, _unit = detect_format(path)
    if source == PostingSource.WORK24:
        return read_work24_csv(path)
    return read_jsonld_file(path, dong_names=dong_names)


__all__ = [
    "FORMATS",
    "ImportFileError",
    "ImportReport",
    "Issue",
    "ParsedRecord",
    "Skipped",
    "detect_format",
    "find_or_create_employer",
    "import_records",
    "load_file",
    "parse_jsonld",
    "parse_work24_csv",
    "read_jsonld_file",
    "read_work24_csv",
    "stable_external_id",
]
