"""schema.org ``JobPosting`` JSON-LD: a file holding one object, a list, or an object with
``"@graph"``. Pure parsers of each property and the reader that turns every JobPosting node
into a ``ParsedRecord`` (nodes of other types are ignored; ``{"@id": …}`` references to
nodes of the same file are followed).

Record numbers are 1-based positions in the list or ``@graph`` (1 for a single object).
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from employers.brn import brn_digits, brn_is_valid, normalize_company_name
from employers.models import Employer
from jobs.choices import EmploymentType, WageType
from jobs.models import JobPosting

from .common import ImportFileError, ParsedRecord, fit, parse_date, stable_external_id
from .text import find_dong, html_to_text, one_line

_max = {f.name: f.max_length for f in JobPosting._meta.get_fields() if getattr(f, "max_length", None)}
_EMPLOYER_NAME_MAX = Employer._meta.get_field("name").max_length

EMPLOYMENT_TYPES = {
    "FULLTIME": EmploymentType.REGULAR,
    "PARTTIME": EmploymentType.PART_TIME,
    "CONTRACTOR": EmploymentType.DISPATCH,
    "TEMPORARY": EmploymentType.CONTRACT,
    "INTERN": EmploymentType.INTERN,
    "PERDIEM": EmploymentType.DAILY,
}
WAGE_UNITS = {
    "HOUR": WageType.HOUR,
    "DAY": WageType.DAY,
    "WEEK": WageType.WEEK,
    "MONTH": WageType.MONTH,
    "YEAR": WageType.YEAR,
}


def node_type(node: Any) -> set[str]:
    """The ``@type`` names of a node without prefixes (``"schema:JobPosting"``,
    ``"https://schema.org/JobPosting"`` → ``"JobPosting"``); empty for a non-object."""
    if not isinstance(node, dict):
        return set()
    types = node.get("@type") or []
    types = types if isinstance(types, list) else [types]
    return {re.split(r"[/:#]", str(t))[-1] for t in types}


def iter_nodes(data: Any) -> Iterator[tuple[int, Any]]:
    """``(position, node)`` for a single object (position 1), a list, or ``{"@graph": […]}``
    (also an object with ``@graph`` inside a list)."""
    if isinstance(data, dict) and isinstance(data.get("@graph"), list):
        yield from enumerate(data["@graph"], start=1)
    elif isinstance(data, list):
        position = 0
        for item in data:
            if isinstance(item, dict) and isinstance(item.get("@graph"), list):
                for node in item["@graph"]:
                    position += 1
                    yield position, node
            else:
                position += 1
                yield position, item
    else:
        yield 1, data


def parse_employment_type(value: Any) -> str:
    """schema.org ``employmentType`` (a string or a list) → an ``EmploymentType`` code:
    FULL_TIME → regular, PART_TIME → part_time, CONTRACTOR → dispatch, TEMPORARY → contract,
    INTERN → intern, PER_DIEM → daily; case, spaces and hyphens are ignored ("full-time",
    "Full Time"); a list takes its first known value; empty input gives ``""``. Raises
    ``ValueError`` when no value is known."""
    values = value if isinstance(value, list) else [value]
    values = [str(v).strip() for v in values if v is not None and str(v).strip()]
    if not values:
        return ""
    for item in values:
        key = re.sub(r"[\s_\-]+", "", item).upper()
        if key in EMPLOYMENT_TYPES:
            return EMPLOYMENT_TYPES[key].value
    raise ValueError("알 수 없는 고용형태입니다")


def _amount(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError("임금 금액을 읽을 수 없습니다")
    try:
        number = float(str(value).replace(",", "").strip())
    except ValueError:
        raise ValueError("임금 금액을 읽을 수 없습니다") from None
    if number <= 0:
        raise ValueError("임금이 0 이하입니다")
    return round(number)


def parse_salary(value: Any) -> dict[str, Any]:
    """schema.org ``baseSalary`` → ``wage_type`` (``WageType`` code), ``wage_min``,
    ``wage_max`` in whole KRW.

    Accepts a ``MonetaryAmount`` whose ``value`` is a ``QuantitativeValue`` (``minValue``,
    ``maxValue`` or ``value``, ``unitText`` HOUR/DAY/WEEK/MONTH/YEAR) or a plain number with
    ``unitText`` beside it. A single ``value`` gives min = max; a weekly amount stays
    ``WEEK``. ``None`` gives empty fields. Raises ``ValueError`` for a currency other than
    KRW (or none), a zero or negative amount, an unknown unit or min > max.
    """
    empty = {"wage_type": "", "wage_min": None, "wage_max": None}
    if value in (None, "", {}):
        return empty
    if not isinstance(value, dict):
        raise ValueError("baseSalary가 MonetaryAmount 형식이 아닙니다")
    currency = str(value.get("currency") or "").strip().upper()
    if currency != "KRW":
        raise ValueError("통화가 KRW가 아닙니다" if currency else "통화(currency)가 없습니다")
    quantity = value.get("value")
    unit = value.get("unitText")
    if isinstance(quantity, dict):
        unit = quantity.get("unitText") or unit
        low, high, single = (_amount(quantity.get(k)) for k in ("minValue", "maxValue", "value"))
    else:
        low, high, single = None, None, _amount(quantity)
    if single is not None and low is None and high is None:
        low = high = single
    if low is None and high is None:
        raise ValueError("임금 금액이 없습니다")
    wage_type = WAGE_UNITS.get(str(unit or "").strip().upper())
    if wage_type is None:
        raise ValueError("임금 단위(unitText)를 알 수 없습니다")
    if low is not None and high is not None and low > high:
        raise ValueError("최소 임금이 최대 임금보다 큽니다")
    return {"wage_type": wage_type.value, "wage_min": low, "wage_max": high}


def salary_text(value: Any) -> str:
    """A one-line rendering of the original ``baseSalary`` for ``wage_text``, e.g.
    ``"KRW 2500000 ~ 3000000 MONTH"``."""
    if not isinstance(value, dict):
        return "" if value is None else one_line(str(value))
    quantity = value.get("value")
    if isinstance(quantity, dict):
        lo, hi, single = (quantity.get(k) for k in ("minValue", "maxValue", "value"))
        amount = f"{lo if lo is not None else ''} ~ {hi if hi is not None else ''}"
        amount = str(single) if single is not None and lo is None and hi is None else amount
        unit = quantity.get("unitText") or value.get("unitText") or ""
    else:
        amount, unit = ("" if quantity is None else str(quantity)), value.get("unitText") or ""
    return one_line(f"{value.get('currency') or ''} {amount} {unit}")


def postal_address(value: Any) -> str:
    """A ``PostalAddress`` (or a string) as one line, Korean order: region, locality, street
    (a part already inside the street address is not repeated)."""
    if isinstance(value, str):
        return one_line(html_to_text(value))
    if not isinstance(value, dict):
        return ""
    street = one_line(str(value.get("streetAddress") or ""))
    parts = [one_line(str(value.get(k) or "")) for k in ("addressRegion", "addressLocality")]
    parts = [p for p in parts if p and p not in street]
    return one_line(" ".join([*parts, street]))


def _resolve(value: Any, index: dict[str, Any]) -> Any:
    if isinstance(value, dict) and set(value) == {"@id"}:
        return index.get(value["@id"], value)
    if isinstance(value, list):
        return [_resolve(v, index) for v in value]
    return value


_url = URLValidator(schemes=["http", "https"])


def parse_jobposting(
    node: dict[str, Any], *, row: int, dong_names: Collection[str] = (), index: dict | None = None
) -> ParsedRecord:
    """Parse one JobPosting node (item ``row`` of its file) into a ``ParsedRecord``.

    ``dong_names`` are the Namdong ``Dong.name`` values used to place the job location;
    ``index`` maps ``@id`` to nodes of the same file. Skipped (with a reason) without a
    title or a hiringOrganization name; every other unreadable value is warned about, left
    empty and kept in ``raw``.
    """
    index = index or {}
    record = ParsedRecord(row=row)
    title = one_line(html_to_text(str(node.get("title") or "")))
    org = _resolve(node.get("hiringOrganization"), index)
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

    for prop, target in (("datePosted", "date_posted"), ("validThrough", "deadline")):
        original = node.get(prop)
        value, note = parse_date(original)
        if note:
            record.warn(prop, original, note)
        fields[target] = value

    places = _resolve(node.get("jobLocation"), index)
    places = places if isinstance(places, list) else [places] if places else []
    addresses = []
    for place in places:
        place = _resolve(place, index)
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
        fields.update(parse_salary(salary))
    except ValueError as exc:
        fields.update(parse_salary(None))
        record.warn("baseSalary", salary_text(salary), str(exc))

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
    other node types are ignored. ``dong_names`` as for ``parse_jobposting``."""
    nodes = list(iter_nodes(data))
    index = {n["@id"]: n for _, n in nodes if isinstance(n, dict) and isinstance(n.get("@id"), str)}
    return [
        parse_jobposting(node, row=row, dong_names=dong_names, index=index)
        for row, node in nodes
        if "JobPosting" in node_type(node)
    ]


def read_jsonld_file(path: Path | str, *, dong_names: Collection[str] = ()) -> list[ParsedRecord]:
    """Read a ``.json``/``.jsonld`` file (UTF-8, BOM allowed). Raises ``ImportFileError`` for
    invalid JSON and ``OSError`` when the file cannot be opened."""
    try:
        data = json.loads(Path(path).read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportFileError("JSON 파일은 UTF-8이어야 합니다") from None
    except json.JSONDecodeError as exc:
        raise ImportFileError(f"JSON 형식이 올바르지 않습니다 ({exc.lineno}행 {exc.colno}열)") from None
    return parse_jsonld(data, dong_names=dong_names)
