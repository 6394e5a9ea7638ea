"""The profile snapshot an application keeps: what the employer sees, as it was sent.

Issue 4 item 5: "the application keeps a snapshot of the profile as it was sent". The
snapshot is built once, when the application is made, and never refreshed: a later profile
edit does not change what the employer received. It holds codes (education, licences,
languages, priority groups), not labels: pages show the labels
(:mod:`jobs.views.application_display`).

What it contains follows the provision consent text (``CONSENT_TEXTS["provision"]``: name,
birth year, phone, email, home dong, education, career, licences, languages,
self-introduction, résumé file). Declared priority groups (장애인, 경력단절여성, 다문화가족,
북한이탈주민) are sensitive data (DESIGN.md "Privacy": "never shown to employers without
[their own consent]"): they are included only when the seeker's sensitive-data consent is
active AND the seeker ticked "share" on the apply form (the sensitive consent text says the
portal tells an employer "본인이 원할 때"). Without both, the key ``declared_groups`` is absent.
Age groups (청년, 고령자) are derived from the birth year, which the employer receives anyway,
so they are always included."""

import datetime

from accounts.choices import ConsentPurpose
from accounts.models import SeekerProfile
from accounts.services import consent_active

from ..models import today_kst

#: Version of the snapshot layout (pages may read older layouts by it).
SNAPSHOT_VERSION = 1


def _month(value: datetime.date | None) -> str | None:
    return value.strftime("%Y-%m") if value else None


def _contact(profile: SeekerProfile) -> tuple[str, str]:
    """The phone (E.164) and email the employer may use, ``""`` for none.

    A seeker with a login account: only the account's verified identifiers (``user.phone``
    once ``phone_verified_at`` is set, ``user.email`` once ``email_verified_at`` is set).
    The profile's ``phone``/``email`` are copies made at sign-up, before anything was
    verified, so whoever signed up may have typed someone else's number: an employer must
    not call a stranger about an application. A walk-in registered at a centre (no account):
    the profile's own, which staff took down in person."""
    user = profile.user
    if user is None:
        return profile.phone or "", profile.email or ""
    phone = user.phone if user.phone and user.phone_verified_at else ""
    email = user.email if user.email and user.email_verified_at else ""
    return phone, email


def profile_snapshot(
    profile: SeekerProfile, *, share_declared_groups: bool = False, today: datetime.date | None = None
) -> dict:
    """The snapshot of ``profile`` sent with an application, as a JSON-ready dict.

    Keys: ``version`` (int), ``taken_on`` (ISO date, KST), ``name``, ``birth_year`` (int or
    ``None``), ``age`` (``taken_on`` year − birth year, or ``None``), ``age_groups``
    (derived :class:`PriorityGroup` codes: ``"youth"`` 15–34, ``"older"`` 55+), ``phone``
    (E.164 or ``""``), ``email``, ``home_dong_code`` / ``home_dong_name`` (``""`` = outside
    Namdong), ``education`` (:class:`Education` code or ``""``), ``careers`` (list of
    ``{"company", "role", "started" "YYYY-MM", "ended" "YYYY-MM" or None, "duties"}``, newest
    first), ``licences`` (:class:`Licence` codes), ``licences_other`` (free texts),
    ``languages`` (:class:`Language` codes), ``self_introduction``, ``resume``
    (``{"present": bool, "format": "pdf"|"docx"|"hwp"|"hwpx"|""}``) and
    ``declared_groups_shared`` (bool). ``declared_groups`` (codes) is present only when
    ``share_declared_groups`` is true, the sensitive-data consent is active and the profile
    declares at least one group (see the module docstring).
    """
    today = today or today_kst()
    phone, email = _contact(profile)
    user = profile.user
    data = {
        "version": SNAPSHOT_VERSION,
        "taken_on": today.isoformat(),
        "name": profile.name or (user.name if user is not None else ""),
        "birth_year": profile.birth_year,
        "age": profile.age_in(today.year),
        "age_groups": profile.derived_groups(today.year),
        "phone": phone,
        "email": email,
        "home_dong_code": profile.home_dong_id or "",
        "home_dong_name": profile.home_dong.name if profile.home_dong_id else "",
        "education": profile.education or "",
        "careers": [
            {
                "company": entry.company,
                "role": entry.role,
                "started": _month(entry.started_on),
                "ended": _month(entry.ended_on),
                "duties": entry.duties,
            }
            for entry in profile.career_entries.order_by("-started_on", "-id")
        ],
        "licences": list(profile.licences),
        "licences_other": list(profile.licences_other),
        "languages": list(profile.languages),
        "self_introduction": profile.self_introduction,
        "resume": {"present": bool(profile.resume), "format": profile.resume_format if profile.resume else ""},
        "declared_groups_shared": False,
    }
    if (
        share_declared_groups
        and profile.declared_groups
        and consent_active(person=profile, purpose=ConsentPurpose.SENSITIVE) is not None
    ):
        data["declared_groups"] = list(profile.declared_groups)
        data["declared_groups_shared"] = True
    return data
