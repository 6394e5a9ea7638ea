"""Readers of single JobPosting properties into a ``ParsedRecord``: ``@id`` references,
unstorable characters, text that must be a string, job locations, employment type, the
source URL and the external id. Each warns on the record about what it drops; none stores a
value that is not a string as text (no Python repr reaches a public field) and none cuts a
URL or an identifier (an over-long URL is dropped, an over-long identifier hashed)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from employers.brn import normalize_company_name
from jobs.models import JobPosting

from .common import ParsedRecord, fit, stable_external_id
from .jsonld_values import NOT_TEXT, as_text, parse_employment_type, postal_address
from .text import UNSTORABLE_REMOVED, find_dong, one_line, strip_controls, strip_controls_deep

_max = {f.name: f.max_length for f in JobPosting._meta.get_fields() if getattr(f, "max_length", None)}

URL_TOO_LONG = "주소(URL)가 {max_length}자를 넘어 비워 두었습니다 (잘린 주소는 쓸 수 없습니다)"


def resolve(value: Any, index: dict[str, Any]) -> Any:
    """``value`` with ``{"@id": …}`` references (itself or its list items) replaced by the
    node of ``index`` they name, when there is one."""
    if isinstance(value, dict) and set(value) == {"@id"}:
        return index.get(value["@id"], value)
    if isinstance(value, list):
        return [resolve(v, index) for v in value]
    return value


_url = URLValidator(schemes=["http", "https"])


def clean(record: ParsedRecord, prop: str, value: Any) -> Any:
    """``value`` without unstorable characters (deep), with a warning on ``record`` under
    ``prop`` when any were removed."""
    value, removed = strip_controls_deep(value)
    if removed:
        record.warn(prop, value, UNSTORABLE_REMOVED.format(count=removed))
    return value


def clean_node(record: ParsedRecord, node: dict[str, Any]) -> dict[str, Any]:
    """``node`` with unstorable characters removed from every key and value, one warning per
    property that had any."""
    cleaned = {}
    for key, value in node.items():
        name, removed = strip_controls(str(key))
        value = clean(record, name, value)
        if removed:
            record.warn(name, name, UNSTORABLE_REMOVED.format(count=removed))
        cleaned[name] = value
    return cleaned


def text_of(record: ParsedRecord, prop: str, value: Any, *, numbers: bool = False) -> str:
    """``value`` as text (see ``as_text``); ``""`` for ``None``, and ``""`` with a
    ``NOT_TEXT`` warning for an object, a list, a boolean (or a number unless ``numbers``)."""
    text = as_text(value, numbers=numbers)
    if text is None and value is not None:
        record.warn(prop, value, NOT_TEXT)
    return text or ""


def locations(
    record: ParsedRecord, node: dict[str, Any], index: dict, fields: dict[str, Any], dong_names: Collection[str]
) -> None:
    """``address`` (the first place's) and ``location_text`` (all places) into ``fields``;
    ``record.dong_name`` from the first place naming a Namdong dong."""
    places = resolve(node.get("jobLocation"), index)
    places = places if isinstance(places, list) else [places] if places else []
    addresses = []
    for place in places:
        place = clean(record, "jobLocation", resolve(place, index))
        dropped: list[tuple[str, Any]] = []
        is_place = isinstance(place, dict)
        text = postal_address(place.get("address") if is_place else place, dropped)
        for part, value in dropped:
            prefix = "jobLocation.address" if is_place else "jobLocation"
            record.warn(f"{prefix}.{part}" if part else prefix, value, NOT_TEXT)
        addresses.append(text)
        name = text_of(record, "jobLocation.name", place.get("name")) if is_place else ""
        if record.dong_name is None:
            record.dong_name = find_dong(f"{text} {one_line(name)}", dong_names)
    addresses = [a for a in addresses if a]
    fields["address"] = fit(record, "jobLocation", addresses[0] if addresses else "", _max["address"])
    fields["location_text"] = fit(record, "jobLocation", " / ".join(addresses), _max["location_text"])


def employment(record: ParsedRecord, value: Any, fields: dict[str, Any]) -> None:
    """``employment_type`` and ``employment_type_text`` from the string items of the
    ``employmentType`` ``value`` (others warned about and dropped)."""
    items = value if isinstance(value, list) else [value]
    texts = [text for item in items if (text := text_of(record, "employmentType", item).strip())]
    shown = ", ".join(one_line(t) for t in texts)
    fields["employment_type_text"] = fit(record, "employmentType", shown, _max["employment_type_text"])
    try:
        fields["employment_type"] = parse_employment_type(texts)
    except ValueError as exc:
        fields["employment_type"] = ""
        record.warn("employmentType", shown, str(exc))


def source_url(record: ParsedRecord, value: Any) -> str:
    """The ``url`` when it is a valid http(s) URL that fits its column; else ``""`` with a
    warning (an over-long URL is dropped: cut, it would lead nowhere)."""
    url = text_of(record, "url", value).strip()
    if not url:
        return ""
    if len(url) > _max["source_url"]:
        record.warn("url", url, URL_TOO_LONG.format(max_length=_max["source_url"]))
        return ""
    try:
        _url(url)
    except ValidationError:
        record.warn("url", url, "주소(URL)가 올바르지 않아 비워 두었습니다")
        return ""
    return url


def external_id(record: ParsedRecord, identifier: Any, title: str, org_name: str) -> str:
    """``"<organisation name key>:<identifier>"`` (a number is taken as its text), or the
    stable hash when there is no usable identifier or the id would not fit its column."""
    if isinstance(identifier, list):
        identifier = identifier[0] if identifier else None
    if isinstance(identifier, dict):
        identifier = identifier.get("value")
    value = text_of(record, "identifier", identifier, numbers=True).strip()
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
