"""Career entries of a seeker's profile (경력): where, what and when, by year and month
(issue 4 item 4). Entries belong to the profile (``CareerEntry.profile``); views look them up
through the signed-in seeker's profile, so another person's entry is a 404."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from namdong_jobs.text import tidy_text

from ..models import CareerEntry, SeekerProfile

CAREER_FIELDS = ("company", "role", "started_on", "ended_on", "duties")


#: Youngest age at which a career entry may start: 13 (근로기준법 §64 allows work from 15, and
#: from 13 with an employment permit; earlier dates are typing mistakes).
CAREER_MIN_AGE = 13


def _clean_career(values: dict, today, birth_year: int | None = None) -> dict:
    """Tidy and check a career entry's values; raises ``ValidationError`` keyed by field.
    With ``birth_year``, an entry may not start before the year the person turned
    :data:`CAREER_MIN_AGE`."""
    errors: dict[str, str] = {}
    cleaned = {}
    for field in ("company", "role"):
        text = tidy_text(values.get(field) or "", multiline=False)
        if not text:
            errors[field] = (
                _("회사·기관 이름을 입력해 주세요.") if field == "company" else _("맡은 일을 입력해 주세요.")
            )
        elif len(text) > 100:
            errors[field] = _("100자 이내로 적어 주세요.")
        cleaned[field] = text
    duties = tidy_text(values.get("duties") or "")
    if len(duties) > 500:
        errors["duties"] = _("업무 내용은 500자 이내로 적어 주세요.")
    cleaned["duties"] = duties
    started, ended = values.get("started_on"), values.get("ended_on")
    started = started.replace(day=1) if started else None
    ended = ended.replace(day=1) if ended else None
    this_month = today.replace(day=1)
    if started is None:
        errors["started_on"] = _("시작한 연·월을 입력해 주세요. 예: 2019-03")
    elif started > this_month:
        errors["started_on"] = _("시작한 연·월이 아직 오지 않았습니다.")
    elif birth_year and started.year < birth_year + CAREER_MIN_AGE:
        errors["started_on"] = _("시작한 연·월이 출생 연도(%(year)s년)에 비해 너무 이릅니다. 연도를 확인해 주세요.") % {
            "year": birth_year
        }
    if ended is not None:
        if ended > this_month:
            errors["ended_on"] = _("끝난 연·월이 아직 오지 않았습니다. 지금 일하는 곳이면 비워 두세요.")
        elif started is not None and ended < started:
            errors["ended_on"] = _("끝난 연·월은 시작한 연·월과 같거나 뒤여야 합니다.")
    if errors:
        raise ValidationError(errors)
    cleaned["started_on"], cleaned["ended_on"] = started, ended
    return cleaned


@transaction.atomic
def career_entry_add(
    *, profile: SeekerProfile, company: str, role: str, started_on, ended_on=None, duties: str = ""
) -> CareerEntry:
    """Add a career entry to ``profile``. ``started_on`` / ``ended_on`` are dates (only year
    and month count; stored as the 1st); ``ended_on`` ``None`` = still working there. Neither
    may lie after this month, the start may not come before the year the person turned
    :data:`CAREER_MIN_AGE`, and the end may not come before the start. ``company`` and
    ``role`` ≤ 100 chars, ``duties`` ≤ 500. Returns the new entry; raises ``ValidationError``
    keyed by field (Korean messages)."""
    values = _clean_career(
        {"company": company, "role": role, "started_on": started_on, "ended_on": ended_on, "duties": duties},
        timezone.localdate(),
        profile.birth_year,
    )
    entry = CareerEntry(profile=profile, **values)
    entry.full_clean()
    entry.save()
    SeekerProfile.objects.filter(pk=profile.pk).update(last_activity_at=timezone.now())
    return entry


@transaction.atomic
def career_entry_update(*, entry: CareerEntry, **changes) -> CareerEntry:
    """Change an entry's ``company``, ``role``, ``started_on``, ``ended_on`` or ``duties``
    (the rules of :func:`career_entry_add`). Returns the entry; raises ``ValidationError``
    keyed by field, ``TypeError`` for another field."""
    unknown = set(changes) - set(CAREER_FIELDS)
    if unknown:
        raise TypeError(f"career_entry_update() got unexpected fields: {sorted(unknown)}")
    values = {field: changes.get(field, getattr(entry, field)) for field in CAREER_FIELDS}
    for field, value in _clean_career(values, timezone.localdate(), entry.profile.birth_year).items():
        setattr(entry, field, value)
    entry.full_clean()
    entry.save()
    SeekerProfile.objects.filter(pk=entry.profile_id).update(last_activity_at=timezone.now())
    return entry


@transaction.atomic
def career_entry_delete(*, entry: CareerEntry) -> None:
    """Delete a career entry (it is the seeker's own record; nothing else points at it)."""
    profile_id = entry.profile_id
    entry.delete()
    SeekerProfile.objects.filter(pk=profile_id).update(last_activity_at=timezone.now())
