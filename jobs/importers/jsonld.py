"""schema.org ``JobPosting`` JSON-LD: a file holding one object, a list, or an object with
``"@graph"``. The reader that turns every JobPosting node into a ``ParsedRecord`` (nodes of
other types are ignored; ``{"@id": …}`` references to nodes of the same file are followed);
the parsers of single values live in ``jsonld_values``, the readers of single properties
into a record in ``jsonld_fields``, decoding the file in ``jsonld_decode``.

Record numbers are 1-based positions in the list or ``@graph`` (1 for a single object).
"""

from __future__ import annotations

import json
from collections.abc import Collection
from pathlib import Path
from typing import Any

from employers.brn import brn_digits, brn_is_valid
from employers.models import Employer
from jobs.models import JobPosting

from .checks import check_wage_size
from .common import (
    BAD_DATE,
    ImportFileError,
    ParsedRecord,
    check_values,
    date_problem,
    field_label,
    fit,
    parse_date,
    quote,
    skip_repeats,
)
from .jsonld_decode import MAX_DEPTH, decode_jsonld, nesting_depth
from .jsonld_fields import (
    clean,
    clean_node,
    employment,
    external_id,
    locations,
    resolve,
    source_url,
    text_of,
)
from .jsonld_values import (
    EMPLOYMENT_TYPES,
    NOT_TEXT,
    WAGE_UNITS,
    iter_nodes,
    node_type,
    parse_employment_type,
    parse_salary,
    postal_address,
    salary_text,
    wage_text,
)
from .text import html_to_text, one_line, strip_controls

_max = {f.name: f.max_length for f in JobPosting._meta.get_fields() if getattr(f, "max_length", None)}
_EMPLOYER_NAME_MAX = Employer._meta.get_field("name").max_length

NO_JOBPOSTING = "schema.org JobPosting 항목을 찾지 못했습니다"


def _name_or_reason(value: Any, label: str) -> tuple[str, str]:
    """``(one-line text, "")`` for a string, ``("", reason)`` when missing or not a string."""
    if value is not None and not isinstance(value, str):
        return "", f'{label}이 문자열이 아닙니다: "{quote(value)}"'
    text = one_line(html_to_text(value or ""))
    return text, "" if text else f"{label}이 없습니다"


def _organisation(record: ParsedRecord, node: dict[str, Any], index: dict[str, Any]) -> tuple[dict, str]:
    """The hiringOrganization (an object; a plain string is its name) and its name, or
    ``record.skip_reason`` set when the name is missing or not a string."""
    org = clean(record, "hiringOrganization", resolve(node.get("hiringOrganization"), index))
    org = (org[0] if org else None) if isinstance(org, list) else org
    org = {"name": org} if not isinstance(org, dict) and org is not None else org or {}
    name, record.skip_reason = _name_or_reason(org.get("name"), "채용 기업명(hiringOrganization.name)")
    return org, name


def _shown_date(value: Any) -> str:
    """A date property's value for a report: a string as it is, anything else as JSON
    (``false``, ``[]``, ``{}``), never as Python's repr."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


def _dates(record: ParsedRecord, node: dict[str, Any], fields: dict[str, Any]) -> None:
    """``date_posted`` and ``deadline`` into ``fields``, or ``record.skip_reason`` set for an
    unreadable validThrough (left empty it would mean "open until filled"; any present value
    that is not a date string counts, ``0``, ``false``, ``[]`` and ``{}`` included) or
    impossible dates (``date_problem``). An unreadable datePosted (of any kind) is warned
    about and left to the model default."""
    labels = {}
    for prop, target in (("datePosted", "date_posted"), ("validThrough", "deadline")):
        original = node.get(prop)
        labels[target] = f"{field_label(target)}({prop})"
        value, note = parse_date(original)
        if note == BAD_DATE and target == "deadline":
            record.skip_reason = f'{labels[target]}을 읽을 수 없습니다: "{quote(_shown_date(original))}"'
            return
        if note:
            record.warn(prop, _shown_date(original), note)
        fields[target] = value
    record.skip_reason = date_problem(
        fields["date_posted"],
        fields["deadline"],
        posted_label=labels["date_posted"],
        deadline_label=labels["deadline"],
    )


def parse_jobposting(
    node: dict[str, Any], *, row: int, dong_names: Collection[str] = (), index: dict | None = None
) -> ParsedRecord:
    """Parse one JobPosting node (item ``row`` of its file) into a ``ParsedRecord``.

    ``dong_names`` are the Namdong ``Dong.name`` values used to place the job location;
    ``index`` maps ``@id`` to nodes of the same file. Skipped (with a Korean reason) without
    a title or a hiringOrganization name or when either is not a string, with a
    ``validThrough`` that is present but not a readable date string (``0``, ``false``,
    ``[]``, ``{}`` included; a missing or blank one means "until filled"), or with
    impossible dates (``common.date_problem``). NUL and other control characters
    are removed from every string (with a warning per property). Other text that is not a
    string (``NOT_TEXT``: never stored as Python's repr), a URL longer than its column
    (dropped, never cut) and every other unreadable value (or one its column cannot hold)
    is warned about, left empty and kept in ``raw``. ``wage_text`` is built from the wage
    kept (``jsonld_values.wage_text``), never from the original; ``source_provider`` is
    empty (the hiring organisation is the employer, not the source).
    """
    index = index or {}
    record = ParsedRecord(row=row)
    node = clean_node(record, node)
    title, record.skip_reason = _name_or_reason(node.get("title"), "제목(title)")
    if record.skip_reason:
        return record
    org, org_name = _organisation(record, node, index)
    if record.skip_reason:
        return record
    fields: dict[str, Any] = {"raw": node}
    _dates(record, node, fields)
    if record.skip_reason:
        return record

    fields["title"] = fit(record, "title", title, _max["title"])
    fields["description"] = html_to_text(text_of(record, "description", node.get("description")))
    record.employer_name = fit(record, "hiringOrganization.name", org_name, _EMPLOYER_NAME_MAX)
    # The source is credited as "JSON-LD" itself and ``url`` links the original: the hiring
    # organisation is the employer, not an "정보제공처".
    fields["source_provider"] = ""
    tax_id = text_of(record, "hiringOrganization.taxID", org.get("taxID"), numbers=True)
    if tax_id:
        if brn_is_valid(tax_id):
            record.employer_brn = brn_digits(tax_id)
        else:
            record.warn("hiringOrganization.taxID", tax_id, "사업자등록번호가 올바르지 않아 무시했습니다")
    locations(record, node, index, fields, dong_names)

    salary = node.get("baseSalary")
    try:
        wage = parse_salary(salary)
        check_values(wage)
        check_wage_size(wage)
    except ValueError as exc:
        wage = parse_salary(None)
        record.warn("baseSalary", salary_text(salary), str(exc))
    fields.update(wage)
    fields["wage_text"] = wage_text(wage)  # readable text from the numbers kept, "" without
    employment(record, node.get("employmentType"), fields)
    fields["source_url"] = source_url(record, node.get("url"))

    record.fields = fields
    record.external_id = external_id(record, node.get("identifier"), title, org_name)
    return record


def parse_jsonld(data: Any, *, dong_names: Collection[str] = ()) -> list[ParsedRecord]:
    """Parse decoded JSON-LD (``json.loads`` output) into one record per JobPosting node;
    other node types are ignored, so data without any JobPosting gives ``[]``. A node whose
    external id an earlier node already has (the same identifier) is skipped
    (``common.skip_repeats``). ``dong_names`` as for ``parse_jobposting``."""
    nodes = list(iter_nodes(data))
    index = {strip_controls(n["@id"])[0]: n for _, n in nodes if isinstance(n, dict) and isinstance(n.get("@id"), str)}
    records = [
        parse_jobposting(node, row=row, dong_names=dong_names, index=index)
        for row, node in nodes
        if "JobPosting" in node_type(node)
    ]
    return skip_repeats(records, unit="항목")


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
    "NOT_TEXT",
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
    "wage_text",
]
