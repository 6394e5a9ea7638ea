"""The seeker's own profile: basic details, wanted conditions and preferences (issue 4 item 4;
DESIGN.md "People and roles", "Codes and units", "Privacy"). Career entries are in
``careers``, the résumé in ``resumes``, the wanted conditions' checks and the wage per hour in
``wanted``.

Rules kept here (not in forms or views):

* wanted conditions are arrays of codes that matching reads (DESIGN.md "Codes and units"):
  KECO 2018 *minor* groups (3-digit codes present in ``Occupation``), 10-digit dong codes
  present in ``Dong`` (empty = anywhere in Namdong-gu), and the shared code lists of
  ``namdong_jobs.reference.codes``;
* a wanted wage is stored per hour: 시급 as is, 일급 ÷ 8, 월급 ÷ 209, rounded down to a whole
  won (the rule the posting side uses, so equal amounts compare equal);
* declared priority groups (장애인, 경력단절여성, 다문화가족, 북한이탈주민) are sensitive data kept only
  with the active sensitive-data consent (개인정보 보호법 §23; DESIGN.md "Privacy");
  청년/고령자 are derived from the birth year and never stored;
* age 15+ (근로기준법 §64); ages 15–17 need a guardian's consent document (§66).
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from namdong_jobs.reference.codes import (
    DECLARED_PRIORITY_GROUPS,
    Education,
    EmploymentType,
    Language,
    Licence,
    Shift,
    Weekday,
)
from namdong_jobs.reference.models import Dong
from namdong_jobs.text import tidy_text

from ..choices import ConsentPurpose, NotifyChannel, NotifyFrequency
from ..identifiers import normalize_email, normalize_mobile
from ..models import SeekerProfile
from .consents import consent_active
from .seekers import signup_age_check
from .wanted import MAX_WANTED_HOURLY_KRW, WageUnit, clean_wanted, wage_per_hour  # noqa: F401 - re-exported

#: Free-text licences beyond the list of common ones, and their length.
MAX_LICENCES_OTHER = 10
MAX_LICENCE_OTHER_LENGTH = 50
#: Length of the self-introduction (characters).
MAX_SELF_INTRODUCTION = 1000


#: The fields :func:`profile_update` may change.
PROFILE_FIELDS = (
    "name",
    "birth_year",
    "phone",
    "email",
    "home_dong",
    "wanted_occupations",
    "wanted_dongs",
    "wanted_employment_types",
    "wanted_min_hourly_krw",
    "wanted_shifts",
    "wanted_days",
    "education",
    "licences",
    "licences_other",
    "languages",
    "self_introduction",
    "is_searchable",
    "declared_groups",
    "notify_channels",
    "notify_frequency",
)

#: Array fields checked against a fixed code list: field → (allowed codes, error message).
_CODE_LISTS = {
    "wanted_employment_types": (EmploymentType.values, lambda: _("알 수 없는 고용형태가 있습니다.")),
    "wanted_shifts": (Shift.values, lambda: _("알 수 없는 근무 시간대가 있습니다.")),
    "wanted_days": (Weekday.values, lambda: _("알 수 없는 요일이 있습니다.")),
    "licences": (Licence.values, lambda: _("목록에 없는 자격·면허가 있습니다. 목록에 없는 것은 직접 적어 주세요.")),
    "languages": (Language.values, lambda: _("알 수 없는 언어가 있습니다.")),
    "notify_channels": (NotifyChannel.values, lambda: _("알 수 없는 알림 방법이 있습니다.")),
}


def _ordered_codes(values, order: list[str]) -> list[str]:
    """``values`` without duplicates, in the order of ``order`` (the code list's order)."""
    wanted = {str(v) for v in values or ()}
    return [code for code in order if code in wanted]


def split_licences_other(text: str) -> list[str]:
    """Free-text licences typed "comma or one per line" as a list: ``"바리스타 2급, 제과기능사"``
    → ``["바리스타 2급", "제과기능사"]`` (blank items dropped, duplicates kept once)."""
    items = [tidy_text(part, multiline=False) for part in re.split(r"[,，\n]", text or "")]
    return list(dict.fromkeys(item for item in items if item))


def _clean_basic(profile: SeekerProfile, changes: dict, errors: dict, year: int) -> None:
    if "name" in changes:
        name = tidy_text(changes["name"] or "", multiline=False)
        if not name:
            errors["name"] = _("이름을 입력해 주세요.")
        elif len(name) > 50:
            errors["name"] = _("이름은 50자 이내로 적어 주세요.")
        changes["name"] = name
    if "birth_year" in changes:
        birth_year = changes["birth_year"]
        if birth_year in (None, ""):
            errors["birth_year"] = _("출생 연도를 입력해 주세요.")
        else:
            try:
                birth_year = int(birth_year)
            except (TypeError, ValueError):
                birth_year = None
            if birth_year is None:
                errors["birth_year"] = _("출생 연도를 4자리 숫자로 입력해 주세요. 예: 1968")
            else:
                try:
                    age = signup_age_check(birth_year=birth_year, year=year)
                except ValidationError as exc:
                    errors["birth_year"] = exc.messages[0]
                else:
                    if age.needs_guardian and not profile.guardian_document:
                        errors["birth_year"] = _(
                            "출생 연도 기준으로 올해 만 18세가 되지 않는 분은 보호자 동의서가 있어야 합니다 "
                            "(근로기준법 제66조). "
                            "가까운 행정복지센터나 구청 일자리센터에 문의해 주세요."
                        )
            changes["birth_year"] = birth_year
    if "phone" in changes:
        phone = (changes["phone"] or "").strip()
        if phone:
            try:
                phone = normalize_mobile(phone)
            except ValidationError as exc:
                errors["phone"] = exc.messages[0]
        changes["phone"] = phone
    if "email" in changes:
        email = (changes["email"] or "").strip()
        if email:
            try:
                email = normalize_email(email)
            except ValidationError:
                errors["email"] = _("올바른 이메일 주소를 입력해 주세요. 예: hong@example.kr")
        changes["email"] = email
    if "home_dong" in changes:
        dong = changes["home_dong"]
        if isinstance(dong, str):
            dong = Dong.objects.filter(code=dong).first() if dong else None
            if dong is None and changes["home_dong"]:
                errors["home_dong"] = _("남동구의 행정동이 아닙니다. 목록에서 골라 주세요.")
        changes["home_dong"] = dong


def _clean_other(profile: SeekerProfile, changes: dict, errors: dict) -> None:
    for field, (allowed, message) in _CODE_LISTS.items():
        if field in changes:
            values = [str(v) for v in changes[field] or ()]
            if any(v not in allowed for v in values):
                errors[field] = message()
            changes[field] = _ordered_codes(values, list(allowed))
    if "education" in changes:
        education = changes["education"] or ""
        if education and education not in Education.values:
            errors["education"] = _("학력을 목록에서 골라 주세요.")
        changes["education"] = education
    if "notify_frequency" in changes and changes["notify_frequency"] not in NotifyFrequency.values:
        errors["notify_frequency"] = _("알림 빈도를 목록에서 골라 주세요.")
    if "licences_other" in changes:
        items = changes["licences_other"]
        items = split_licences_other(items) if isinstance(items, str) else split_licences_other("\n".join(items or ()))
        if len(items) > MAX_LICENCES_OTHER:
            errors["licences_other"] = _("그 밖의 자격·면허는 %(n)d개까지 적을 수 있습니다.") % {
                "n": MAX_LICENCES_OTHER
            }
        elif any(len(item) > MAX_LICENCE_OTHER_LENGTH for item in items):
            errors["licences_other"] = _("자격·면허 이름은 하나에 %(n)d자 이내로 적어 주세요.") % {
                "n": MAX_LICENCE_OTHER_LENGTH
            }
        changes["licences_other"] = items
    if "self_introduction" in changes:
        text = tidy_text(changes["self_introduction"] or "")
        if len(text) > MAX_SELF_INTRODUCTION:
            errors["self_introduction"] = _("자기소개는 %(n)d자 이내로 적어 주세요 (지금 %(count)d자).") % {
                "n": MAX_SELF_INTRODUCTION,
                "count": len(text),
            }
        changes["self_introduction"] = text
    if "is_searchable" in changes:
        changes["is_searchable"] = bool(changes["is_searchable"])
    if "declared_groups" in changes:
        declared = [g.value for g in DECLARED_PRIORITY_GROUPS]
        values = [str(v) for v in changes["declared_groups"] or ()]
        if any(v not in declared for v in values):
            errors["declared_groups"] = _(
                "본인이 신고할 수 있는 우대 대상은 장애인, 경력단절여성, 다문화가족, 북한이탈주민입니다. "
                "청년과 고령자는 출생 연도로 정해집니다."
            )
        elif values and consent_active(person=profile, purpose=ConsentPurpose.SENSITIVE) is None:
            errors["declared_groups"] = _(
                "우대 대상(장애인 등)은 민감정보 처리에 동의한 경우에만 저장할 수 있습니다. "
                "'개인정보 동의 관리'에서 민감정보 처리에 동의한 뒤 다시 선택해 주세요."
            )
        changes["declared_groups"] = _ordered_codes(values, declared)


@transaction.atomic
def profile_update(*, profile: SeekerProfile, now=None, **changes) -> SeekerProfile:
    """Change the seeker's own profile: any of :data:`PROFILE_FIELDS` as keyword arguments
    (fields not given stay as they are). Returns the saved profile (also updated in place)
    with ``last_activity_at`` = ``now``.

    Values: ``name`` (required, ≤ 50 chars); ``birth_year`` (int; the sign-up age rule of
    ``seekers.signup_age_check`` in this KST year; 15–17 only with a guardian document);
    ``phone`` (any Korean mobile spelling → E.164, or ""); ``email`` (or ""); ``home_dong``
    (a ``Dong``, its code, or ``None`` = 남동구 외); ``wanted_occupations`` (KECO minor codes);
    ``wanted_dongs`` (dong codes; empty = anywhere in Namdong-gu);
    ``wanted_employment_types``, ``wanted_shifts``, ``wanted_days``, ``licences``,
    ``languages``, ``notify_channels`` (codes of their lists); ``wanted_min_hourly_krw``
    (int KRW/h, 0–1,000,000, or ``None``; see :func:`wage_per_hour`); ``education`` (code or
    ""); ``licences_other`` (list, or "comma or one per line" text; ≤ 10 items of ≤ 50
    chars); ``self_introduction`` (≤ 1000 chars); ``is_searchable`` (bool);
    ``declared_groups`` (declared priority-group codes; only with the active sensitive-data
    consent); ``notify_frequency`` (code). Code lists are stored without duplicates, in the
    list's order.

    Raises ``ValidationError`` keyed by field with Korean messages (nothing is saved then),
    ``TypeError`` for a field that is not in :data:`PROFILE_FIELDS`, and ``ValidationError``
    (code ``erased``) for an erased profile.
    """
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"profile_update() got unexpected fields: {sorted(unknown)}")
    profile_locked = SeekerProfile.objects.select_for_update().get(pk=profile.pk)
    if profile_locked.erased_at is not None:
        raise ValidationError(_("삭제된 구직자 정보입니다."), code="erased")
    now = now or timezone.now()
    year = timezone.localtime(now).year
    errors: dict[str, str] = {}
    _clean_basic(profile_locked, changes, errors, year)
    clean_wanted(changes, errors)
    _clean_other(profile_locked, changes, errors)
    if errors:
        raise ValidationError(errors)
    for field, value in changes.items():
        setattr(profile, field, value)
    profile.last_activity_at = now
    # validate_constraints=False: every field the model's check constraints cover (birth year,
    # code lists) was checked above with a Korean message, and PostgreSQL still enforces them;
    # Django would evaluate each of the nine constraints as a query of its own in a savepoint
    # (27 statements a save: half the CPU time of a 1,000-row bulk intake)
    profile.full_clean(
        exclude=["user", "registered_centre", "registered_by", "resume", "guardian_document"],
        validate_constraints=False,
    )
    profile.save(update_fields=[*changes, "last_activity_at", "updated_at"])
    return profile
