"""schema.org ``JobPosting`` JSON-LD: a file holding one object, a list, or an object with
``"@graph"``. The reader that turns every JobPosting node into a ``ParsedRecord`` (nodes of
other types are ignored; ``{"@id": …}`` references to nodes of the same file are followed);
the parsers of single values live in ``jsonld_values``.

Record numbers are 1-based positions in the list or ``@graph`` (1 for a single object).
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from employers.brn import brn_digits, brn_is_valid, normalize_company_name
from employers.models import Employer
from jobs.models import JobPosting

from .common import (
    BAD_DATE,
    ImportFileError,
    ParsedRecord,
    bad_line,
    check_values,
    decode_utf8,
    field_label,
    fit,
    parse_date,
    quote,
    stable_external_id,
)
from .jsonld_values import (
    EMPLOYMENT_TYPES,
    WAGE_UNITS,
    iter_nodes,
    node_type,
    parse_employment_type,
    parse_salary,
    postal_address,
    salary_text,
)
from .text import UNSTORABLE_REMOVED, find_dong, html_to_text, one_line, strip_controls, strip_controls_deep

_max = {f.name: f.max_length for f in JobPosting._meta.get_fields() if getattr(f, "max_length", None)}
_EMPLOYER_NAME_MAX = Employer._meta.get_field("name").max_length

#: Deepest nesting of lists and objects read from a file (JSON-LD needs a handful of levels;
#: a limit keeps every later step, the database's JSON included, far from Python's recursion
#: limit).
MAX_DEPTH = 64

NO_JOBPOSTING = "schema.org JobPosting 항목을 찾지 못했습니다"


def _resolve(value: Any, index: dict[str, Any]) -> Any:
    if isinstance(value, dict) and set(value) == {"@id"}:
        return index.get(value["@id"], value)
    if isinstance(value, list):
        return [_resolve(v, index) for v in value]
    return value


_url = URLValidator(schemes=["http", "https"])


def _clean(record: ParsedRecord, prop: str, value: Any) -> Any:
    """``value`` without unstorable characters (deep), with a warning on ``record`` under
    ``prop`` when any were removed."""
    value, removed = strip_controls_deep(value)
    if removed:
        record.warn(prop, value, UNSTORABLE_REMOVED.format(count=removed))
    return value


def _clean_node(record: ParsedRecord, node: dict[str, Any]) -> dict[str, Any]:
    """``node`` with unstorable characters removed from every key and value, one warning per
    property that had any."""
    cleaned = {}
    for key, value in node.items():
        name, removed = strip_controls(str(key))
        value = _clean(record, name, value)
        if removed:
            record.warn(name, name, UNSTORABLE_REMOVED.format(count=removed))
        cleaned[name] = value
    return cleaned


def parse_jobposting(
    node: dict[str, Any], *, row: int, dong_names: Collection[str] = (), index: dict | None = None
) -> ParsedRecord:
    """Parse one JobPosting node (item ``row`` of its file) into a ``ParsedRecord``.

    ``dong_names`` are the Namdong ``Dong.name`` values used to place the job location;
    ``index`` maps ``@id`` to nodes of the same file. Skipped (with a Korean reason) without
    a title or a hiringOrganization name, or with a ``validThrough`` that is present but
    unreadable (a missing one means "until filled"). NUL and other control characters are
    removed from every string (with a warning per property). Every other unreadable value
    (or one its column cannot hold) is warned about, left empty and kept in ``raw``.
    """
    index = index or {}
    record = ParsedRecord(row=row)
    node = _clean_node(record, node)
    title = one_line(html_to_text(str(node.get("title") or "")))
    org = _clean(record, "hiringOrganization", _resolve(node.get("hiringOrganization"), index))
    org = org[0] if isinstance(org, list) and org else org
    org = {"name": org} if isinstance(org, str) else org if isinstance(org, dict) else {}
    org_name = one_line(html_to_text(str(org.get("name") or "")))
    if not title:
        record.skip_reason = "제목(title)이 없습니다"
        return record
    if not org_name:
        record.skip_reason = "채용 기업명(hiringOrganization.name)이 없습니다"
        return record
    fields: dict[str, Any] = {"raw": node}
    for prop, target in (("datePosted", "date_posted"), ("validThrough", "deadline")):
        original = node.get(prop)
        value, note = parse_date(original)
        if note == BAD_DATE and target == "deadline":
            # left empty it would mean "open until filled": a broken row must not stay open.
            record.skip_reason = f'{field_label(target)}({prop})을 읽을 수 없습니다: "{quote(original)}"'
            return record
        if note:
            record.warn(prop, original, note)
        fields[target] = value

    fields["title"] = fit(record, "title", title, _max["title"])
    fields["description"] = html_to_text(str(node.get("description") or ""))
    record.employer_name = fit(record, "hiringOrganization.name", org_name, _EMPLOYER_NAME_MAX)
    fields["source_provider"] = fit(record, "hiringOrganization.name", org_name, _max["source_provider"])
    tax_id = org.get("taxID")
    if tax_id:
        if brn_is_valid(str(tax_id)):
            record.employer_brn = brn_digits(str(tax_id))
        else:
            record.warn("hiringOrganization.taxID", tax_id, "사업자등록번호가 올바르지 않아 무시했습니다")

    places = _resolve(node.get("jobLocation"), index)
    places = places if isinstance(places, list) else [places] if places else []
    addresses = []
    for place in places:
        place = _clean(record, "jobLocation", _resolve(place, index))
        text = postal_address(place.get("address")) if isinstance(place, dict) else postal_address(place)
        addresses.append(text)
        if record.dong_name is None:
            name = place.get("name", "") if isinstance(place, dict) else ""
            record.dong_name = find_dong(f"{text} {one_line(str(name))}", dong_names)
    addresses = [a for a in addresses if a]
    fields["address"] = fit(record, "jobLocation", addresses[0] if addresses else "", _max["address"])
    fields["location_text"] = fit(record, "jobLocation", " / ".join(addresses), _max["location_text"])

    salary = node.get("baseSalary")
    fields["wage_text"] = fit(record, "baseSalary", salary_text(salary), _max["wage_text"])
    try:
        wage = parse_salary(salary)
        check_values(wage)
    except ValueError as exc:
        wage = parse_salary(None)
        record.warn("baseSalary", salary_text(salary), str(exc))
    fields.update(wage)

    employment = node.get("employmentType")
    shown = ", ".join(map(str, employment)) if isinstance(employment, list) else str(employment or "")
    fields["employment_type_text"] = fit(record, "employmentType", shown, _max["employment_type_text"])
    try:
        fields["employment_type"] = parse_employment_type(employment)
    except ValueError as exc:
        fields["employment_type"] = ""
        record.warn("employmentType", shown, str(exc))

    url = str(node.get("url") or "").strip()
    fields["source_url"] = ""
    if url:
        try:
            _url(url)
            fields["source_url"] = fit(record, "url", url, _max["source_url"])
        except ValidationError:
            record.warn("url", url, "주소(URL)가 올바르지 않아 비워 두었습니다")

    record.fields = fields
    record.external_id = _external_id(record, node.get("identifier"), title, org_name)
    return record


def _external_id(record: ParsedRecord, identifier: Any, title: str, org_name: str) -> str:
    identifier = identifier[0] if isinstance(identifier, list) and identifier else identifier
    if isinstance(identifier, dict):
        identifier = identifier.get("value")
    value = "" if identifier is None or isinstance(identifier, (dict, list)) else str(identifier).strip()
    if value:
        # identifiers are only unique per publisher: namespace them by the organisation,
        # so two sites that both number their postings "1" do not overwrite each other.
        namespaced = f"{normalize_company_name(org_name)}:{value}"
        if len(namespaced) <= _max["external_id"]:
            return namespaced
        record.warn("identifier", value, "식별자가 너무 길어 해시로 대신합니다")
    posted = record.fields.get("date_posted")
    return stable_external_id(
        provider=org_name, title=title, employer_name=org_name, date_posted=posted.isoformat() if posted else ""
    )


def parse_jsonld(data: Any, *, dong_names: Collection[str] = ()) -> list[ParsedRecord]:
    """Parse decoded JSON-LD (``json.loads`` output) into one record per JobPosting node;
    other node types are ignored, so data without any JobPosting gives ``[]``. ``dong_names``
    as for ``parse_jobposting``."""
    nodes = list(iter_nodes(data))
    index = {strip_controls(n["@id"])[0]: n for _, n in nodes if isinstance(n, dict) and isinstance(n.get("@id"), str)}
    return [
        parse_jobposting(node, row=row, dong_names=dong_names, index=index)
        for row, node in nodes
        if "JobPosting" in node_type(node)
    ]


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


def _number(text: str) -> float | str:
    """A JSON number too large for a float (``1e400``) is kept as its text, which no field
    reads as a number and the database can store."""
    number = float(text)
    return number if math.isfinite(number) else text


def decode_jsonld(data: bytes) -> Any:
    """Decode a JSON file's bytes (UTF-8, BOM allowed). ``NaN``/``Infinity`` and numbers too
    large for a float are kept as text. Raises ``ImportFileError`` (Korean) for bytes that are
    not UTF-8 (naming the line), an empty file, invalid JSON (line and column), a number too
    long to read, or nesting deeper than ``MAX_DEPTH``."""
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
        decoded = json.loads(text, parse_float=_number, parse_constant=str)
    except json.JSONDecodeError as exc:
        raise ImportFileError(f"JSON 형식이 올바르지 않습니다 ({exc.lineno}행 {exc.colno}열)") from None
    except RecursionError:
        raise too_deep from None
    except ValueError:  # e.g. an integer of more than 4,300 digits
        raise ImportFileError("JSON 값을 읽을 수 없습니다 (너무 긴 숫자 등)") from None
    if nesting_depth(decoded) > MAX_DEPTH:
        raise too_deep
    return decoded


def read_jsonld_file(path: Path | str, *, dong_names: Collection[str] = ()) -> list[ParsedRecord]:
    """Read a ``.json``/``.jsonld`` file into one record per JobPosting node (see
    ``parse_jsonld``; ``dong_names`` as for ``parse_jobposting``). Raises ``ImportFileError``
    for a file ``decode_jsonld`` refuses or one without any JobPosting node
    (``NO_JOBPOSTING``), and ``OSError`` when the file cannot be opened."""
    records = parse_jsonld(decode_jsonld(Path(path).read_bytes()), dong_names=dong_names)
    if not records:
        raise ImportFileError(NO_JOBPOSTING)
    return records


__all__ = [
    "EMPLOYMENT_TYPES",
    "MAX_DEPTH",
    "NO_JOBPOSTING",
    "WAGE_UNITS",
    "decode_jsonld",
    "iter_nodes",
    "nesting_depth",
    "node_type",
    "parse_employment_type",
    "parse_jobposting",
    "parse_jsonld",
    "parse_salary",
    "postal_address",
    "read_jsonld_file",
    "salary_text",
]
