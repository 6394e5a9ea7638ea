"""Posting values, hiring-law phrases and statuses as the moderation pages show them."""

import datetime
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.contrib.postgres.fields import ArrayField
from django.utils import dateformat
from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from namdong_jobs.reference.models import Dong, Occupation

from ...models import JobPosting
from ...rules.hiring_law import SCREENED_FIELDS
from ...wages import format_krw

#: Free-text fields shown on several lines.
MULTILINE_FIELDS = ("description", "preferred_qualifications")
#: Fields shown in the posting's header and text blocks rather than in the list of the rest.
POSTING_EXTRA_FIELDS = (
    "priority_groups",
    "benefits",
    "apply_methods",
    "contact_name",
    "contact_phone",
    "contact_email",
)


def highlight(text: str, phrases: Iterable[str]) -> SafeString:
    """``text`` escaped for HTML, every occurrence of one of ``phrases`` wrapped in ``<mark>``
    (longest phrase first). Line breaks are kept as they are (shown with CSS ``pre-line``)."""
    text = text or ""
    wanted = sorted({p for p in phrases if p}, key=len, reverse=True)
    if not wanted:
        return escape(text)
    pattern = re.compile("|".join(re.escape(p) for p in wanted))
    pairs, pos = [], 0
    for match in pattern.finditer(text):
        pairs.append((text[pos : match.start()], match.group(0)))
        pos = match.end()
    return format_html_join("", "{}<mark>{}</mark>", pairs) + escape(text[pos:])


def flag_rows(flags: list[dict]) -> list[dict]:
    """Hiring-law flags (``posting.law_flags``, see ``jobs.rules.hiring_law.LawFlag``) with the
    label of the field each phrase is in, for the templates."""
    return [
        {**flag, "field_label": _(SCREENED_FIELDS.get(flag.get("field"), flag.get("field") or ""))}
        for flag in flags or []
    ]


def flagged_phrases(flags: list[dict], field: str) -> list[str]:
    """The phrases of hiring-law ``flags`` found in ``field``, to mark with :func:`highlight`."""
    return [f.get("match", "") for f in flags or [] if f.get("field") == field]


def field_label(name: str) -> str:
    """The verbose name of a posting field, in the active language."""
    return _(str(JobPosting._meta.get_field(name).verbose_name))


def reference_names(values: Iterable[dict]) -> dict[str, dict[str, str]]:
    """Names of the occupations and dongs whose codes appear in snapshots (two queries)."""
    occupations, dongs = set(), set()
    for data in values:
        if data.get("occupation"):
            occupations.add(data["occupation"])
        if data.get("dong"):
            dongs.add(data["dong"])
    return {
        "occupation": {
            code: f"{name} ({code})"
            for code, name in Occupation.objects.filter(code__in=occupations).values_list("code", "name")
        }
        if occupations
        else {},
        "dong": dict(Dong.objects.filter(code__in=dongs).values_list("code", "name")) if dongs else {},
    }


def _choice_label(choices, code) -> str:
    labels = dict(choices or [])
    return _(str(labels[code])) if code in labels else str(code)


def _decimal_text(value) -> str:
    try:
        return format(Decimal(str(value)).normalize(), "f")
    except (InvalidOperation, ValueError):
        return str(value)


def format_value(name: str, value, names: dict[str, dict[str, str]], flags: list[dict] | None = None) -> dict:
    """One value of a posting snapshot (``jobs.services.revisions.snapshot``: JSON values) in
    plain Korean for a page: codes as their labels, occupation and dong by name, money in won,
    dates as ``2026년 12월 31일``. Returns ``{"text", "empty", "ko", "multiline"}``; ``ko`` is
    true for text entered by people (shown with ``lang="ko"``), and phrases of ``flags`` in
    that field are marked."""
    field = JobPosting._meta.get_field(name)
    result = {"text": "", "empty": False, "ko": False, "multiline": name in MULTILINE_FIELDS}
    if value is None or value == "" or value == []:
        result["empty"] = True
        return result
    if name in ("occupation", "dong"):
        result.update(text=names.get(name, {}).get(value, str(value)), ko=True)
    elif isinstance(field, ArrayField):
        result["text"] = ", ".join(_choice_label(field.base_field.choices, code) for code in value)
    elif field.choices:
        result["text"] = _choice_label(field.choices, value)
    elif name in ("wage_min", "wage_max"):
        result["text"] = format_krw(int(value))
    elif name == "openings":
        result["text"] = _("%(n)d명") % {"n": int(value)}
    elif name == "hours_per_week":
        result["text"] = _("%(n)d시간") % {"n": int(value)}
    elif name == "daily_hours":
        result["text"] = _("%(n)s시간") % {"n": _decimal_text(value)}
    elif name == "career_min_years":
        result["text"] = _("%(n)d년") % {"n": int(value)}
    elif name == "deadline":
        result["text"] = dateformat.format(datetime.date.fromisoformat(value), _("Y년 n월 j일 (D)"))
    elif name in ("start_time", "end_time"):
        result["text"] = datetime.time.fromisoformat(value).strftime("%H:%M")
    else:
        ko = name not in ("contact_phone", "contact_email")
        result.update(text=highlight(str(value), flagged_phrases(flags, name)), ko=ko)
    return result


def status_notice(current_label: str) -> str:
    """The notice of a review page whose object no longer waits for a decision."""
    return _("지금 상태는 ‘%(status)s’입니다. 결정할 것이 없습니다.") % {"status": current_label}
