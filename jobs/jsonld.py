"""schema.org ``JobPosting`` JSON-LD for a posting's public page
(https://schema.org/JobPosting, Google's job-posting structured data).

:func:`posting_jsonld` builds the dictionary; :func:`jsonld_script` serialises it into a
``<script type="application/ld+json">`` element that no text of the posting can break out of
(``<``, ``>`` and ``&`` are written as ``\\u003c``, ``\\u003e``, ``\\u0026``, as Django's
``json_script`` does).
"""

from __future__ import annotations

import datetime
import json
from typing import Any
from zoneinfo import ZoneInfo

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString

from .choices import EMPLOYMENT_TYPE_SCHEMA_ORG, ApplyMethod, PostingSource, WageType
from .models import JobPosting

KST = ZoneInfo("Asia/Seoul")
#: Our name as the ``identifier``'s ``PropertyValue.name``.
JOB_BANK_NAME = "남동구 일자리인력은행"
ADDRESS_REGION = "인천광역시"
DISTRICT = "남동구"
KECO_CODE_SET = "한국고용직업분류 (KECO) 2018"

#: ``WageType`` code → schema.org ``QuantitativeValue.unitText`` (they coincide).
WAGE_UNIT_TEXT = {
    WageType.HOUR: "HOUR",
    WageType.DAY: "DAY",
    WageType.WEEK: "WEEK",
    WageType.MONTH: "MONTH",
    WageType.YEAR: "YEAR",
}

_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def valid_through(deadline: datetime.date) -> str:
    """The last moment a posting is open: the end of its deadline day in KST, e.g.
    ``date(2026, 12, 10)`` → ``"2026-12-10T23:59:59+09:00"``."""
    return datetime.datetime.combine(deadline, datetime.time(23, 59, 59), tzinfo=KST).isoformat()


def base_salary(posting: JobPosting) -> dict[str, Any] | None:
    """``MonetaryAmount`` in KRW per ``wage_type``: ``value`` when one amount is stated (or
    the range is a single amount), ``minValue``/``maxValue`` otherwise; ``None`` without a
    parsed wage."""
    unit = WAGE_UNIT_TEXT.get(posting.wage_type)
    lo, hi = posting.wage_min, posting.wage_max
    if unit is None or (lo is None and hi is None):
        return None
    value: dict[str, Any] = {"@type": "QuantitativeValue", "unitText": unit}
    if lo is not None and hi is not None and lo != hi:
        value.update(minValue=lo, maxValue=hi)
    elif lo is not None and hi is None:
        value["minValue"] = lo
    elif lo is None:
        value["maxValue"] = hi
    else:
        value["value"] = lo
    return {"@type": "MonetaryAmount", "currency": "KRW", "value": value}


def job_location(posting: JobPosting) -> dict[str, Any] | None:
    """``Place`` with a ``PostalAddress``: country KR; region 인천광역시 and locality
    "남동구 <dong>" when the dong is known; the street address (or the original location
    text) when given. ``None`` when nothing is known."""
    address: dict[str, Any] = {"@type": "PostalAddress", "addressCountry": "KR"}
    if posting.dong_id:
        address.update(addressRegion=ADDRESS_REGION, addressLocality=f"{DISTRICT} {posting.dong.name}")
    street = posting.address or posting.location_text
    if street:
        address["streetAddress"] = street
    if len(address) == 2:
        return None
    return {"@type": "Place", "address": address}


def posting_jsonld(posting: JobPosting, *, request) -> dict[str, Any]:
    """The schema.org ``JobPosting`` of ``posting`` as a JSON-ready ``dict``.

    Dates are KST: ``datePosted`` is ``YYYY-MM-DD``; ``validThrough`` is the end of the
    deadline day with ``+09:00`` and is left out for until-filled postings. Money is whole
    KRW per ``baseSalary.value.unitText``. ``request`` gives the absolute ``url``.
    ``directApply`` is true only for postings entered here that offer online applying.
    Optional properties are left out when unknown.
    """
    employer = posting.employer
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": posting.title,
        "description": posting.description or posting.title,
        "datePosted": posting.date_posted.isoformat(),
        "url": request.build_absolute_uri(posting.get_absolute_url()),
        "identifier": {"@type": "PropertyValue", "name": JOB_BANK_NAME, "value": str(posting.pk)},
    }
    if posting.deadline:
        data["validThrough"] = valid_through(posting.deadline)
    organisation: dict[str, Any] = {"@type": "Organization", "name": employer.name}
    if employer.website:
        organisation["sameAs"] = employer.website
    data["hiringOrganization"] = organisation
    location = job_location(posting)
    if location:
        data["jobLocation"] = location
    salary = base_salary(posting)
    if salary:
        data["baseSalary"] = salary
    if posting.employment_type in EMPLOYMENT_TYPE_SCHEMA_ORG:
        data["employmentType"] = EMPLOYMENT_TYPE_SCHEMA_ORG[posting.employment_type]
    data["directApply"] = posting.source == PostingSource.DIRECT and ApplyMethod.ONLINE in posting.apply_methods
    if posting.occupation_id:
        data["occupationalCategory"] = {
            "@type": "CategoryCode",
            "codeValue": posting.occupation.code,
            "name": posting.occupation.name,
            "inCodeSet": KECO_CODE_SET,
        }
    if posting.openings:
        data["totalJobOpenings"] = posting.openings
    if employer.industry:
        data["industry"] = employer.industry
    return data


def jsonld_script(data: dict[str, Any]) -> SafeString:
    """``<script type="application/ld+json">…</script>`` holding ``data`` as UTF-8 JSON, with
    ``<``, ``>`` and ``&`` escaped so that a ``</script>`` inside any text stays data."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(text))
