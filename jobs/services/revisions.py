"""Snapshots of a posting's editable fields, stored in ``JobPostingRevision.data``.

``EDITABLE_FIELDS`` are what an employer (or staff) may change; a snapshot maps each to a
JSON value (dates and times ISO 8601, decimals as strings, foreign keys as their key) and
:func:`apply_snapshot` sets them back.
"""

import datetime
import hashlib
import json
from decimal import Decimal

from ..models import JobPosting

#: Fields of ``JobPosting`` that the posting form edits and revisions carry.
EDITABLE_FIELDS = (
    "title",
    "occupation",
    "description",
    "openings",
    "employment_type",
    "wage_type",
    "wage_min",
    "wage_max",
    "work_days",
    "daily_hours",
    "hours_per_week",
    "start_time",
    "end_time",
    "shifts",
    "address",
    "dong",
    "education_min",
    "career_type",
    "career_min_years",
    "preferred_qualifications",
    "priority_groups",
    "benefits",
    "apply_methods",
    "deadline",
    "contact_name",
    "contact_phone",
    "contact_email",
)


def _to_json(value):
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list):
        return list(value)
    return value


def snapshot(posting: JobPosting) -> dict:
    """The editable fields of ``posting`` as a JSON-ready dict (``{"title": …, "dong":
    "2820051000", "deadline": "2026-12-31", …}``)."""
    data = {}
    for name in EDITABLE_FIELDS:
        field = JobPosting._meta.get_field(name)
        data[name] = _to_json(getattr(posting, field.attname))
    return data


def apply_snapshot(posting: JobPosting, data: dict) -> None:
    """Set ``posting``'s editable fields from a :func:`snapshot` (unsaved; call ``full_clean``
    and ``save``). Keys missing from ``data`` are left as they are."""
    for name in EDITABLE_FIELDS:
        if name not in data:
            continue
        field = JobPosting._meta.get_field(name)
        value = data[name]
        if field.is_relation:
            setattr(posting, field.attname, value)
        else:
            setattr(posting, name, field.to_python(value) if value is not None else None)


def content_fingerprint(posting: JobPosting) -> str:
    """A short hash (16 hex characters) of what a reviewer sees of ``posting``: its editable
    fields and its employer's name. A review page carries it, and an approval whose
    fingerprint no longer matches is refused, so nothing changed after the page was opened
    goes live unseen."""
    seen = {"fields": snapshot(posting), "employer": [posting.employer_id, posting.employer.name]}
    encoded = json.dumps(seen, sort_keys=True, ensure_ascii=False, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()[:16]


def changed_fields(posting: JobPosting, data: dict) -> list[str]:
    """The names of the editable fields whose value in ``data`` differs from ``posting``'s."""
    current = snapshot(posting)
    return [name for name in EDITABLE_FIELDS if name in data and data[name] != current[name]]
