"""Applications in plain words, for the seeker's pages and the employer's applicant pages:
status labels, the profile snapshot with labels instead of codes, and the status history."""

import datetime

from django.utils.translation import gettext as _

from accounts.identifiers import format_mobile, mask_mobile
from namdong_jobs.reference.codes import Education, Language, Licence, PriorityGroup

from ..choices import ApplicationStatus
from ..models import Application


def _label(enum, code: str) -> str:
    """The translated label of ``code`` in ``enum``, or the code itself when unknown (a
    snapshot keeps the codes of its day)."""
    return _(enum(code).label) if code in enum.values else code


def status_label(status: str) -> str:
    return _label(ApplicationStatus, status)


def _month(value: str | None) -> str:
    """``"2019-03"`` → ``"2019년 3월"``."""
    if not value:
        return ""
    year, _sep, month = value.partition("-")
    if not (year.isdigit() and month.isdigit()):
        return value
    return _("%(year)s년 %(month)d월") % {"year": year, "month": int(month)}


def _date(value) -> datetime.date | None:
    """An ISO date string as a date (``None`` when missing or malformed)."""
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _phone(value: str, *, masked: bool) -> str:
    if not value:
        return ""
    try:
        return mask_mobile(value) if masked else format_mobile(value)
    except Exception:  # a malformed stored value is shown as it is, never a 500
        return value


def snapshot_display(snapshot: dict, *, mask_phone: bool = False) -> dict:
    """The profile snapshot of an application (:func:`jobs.services.profile_snapshot`) ready
    to show: labels instead of codes, the phone formatted (``010-1234-5678``, or masked
    ``010-****-5678`` for lists), careers with their months in words. ``{"provided": False}``
    for an empty snapshot (no provision consent)."""
    if not snapshot:
        return {"provided": False}
    careers = []
    for entry in snapshot.get("careers") or []:
        started, ended = _month(entry.get("started")), _month(entry.get("ended"))
        careers.append(
            {
                "company": entry.get("company", ""),
                "role": entry.get("role", ""),
                "period": f"{started} ~ {ended or _('재직 중')}",
                "duties": entry.get("duties", ""),
            }
        )
    resume = snapshot.get("resume") or {}
    shared = bool(snapshot.get("declared_groups_shared"))
    return {
        "provided": True,
        "taken_on": _date(snapshot.get("taken_on")),
        "name": snapshot.get("name", ""),
        "birth_year": snapshot.get("birth_year"),
        "age": snapshot.get("age"),
        "age_groups": [_label(PriorityGroup, g) for g in snapshot.get("age_groups") or []],
        "phone": _phone(snapshot.get("phone", ""), masked=mask_phone),
        "email": snapshot.get("email", ""),
        "home_dong": snapshot.get("home_dong_name") or _("남동구 외"),
        "education": _label(Education, snapshot["education"]) if snapshot.get("education") else "",
        "careers": careers,
        "licences": [_label(Licence, c) for c in snapshot.get("licences") or []]
        + list(snapshot.get("licences_other") or []),
        "languages": [_label(Language, c) for c in snapshot.get("languages") or []],
        "self_introduction": snapshot.get("self_introduction", ""),
        "resume_present": bool(resume.get("present")),
        "resume_format": (resume.get("format") or "").upper(),
        "declared_groups_shared": shared,
        "declared_groups": [_label(PriorityGroup, g) for g in snapshot.get("declared_groups") or []] if shared else [],
    }


def is_staff_account(user) -> bool:
    """True when ``user`` is or was centre staff (a membership, active or not): what they
    recorded was recorded by a centre, not by an employer."""
    return getattr(user, "staff_membership", None) is not None


def history_rows(application: Application, *, for_seeker: bool, employer_name: str = "") -> list[dict]:
    """The status history of ``application``, oldest first: ``{"at", "status", "who",
    "note"}``. The seeker sees who acted as a role (본인 / 기업 담당자 / 센터 직원); the
    employer sees its member's name. With ``employer_name`` (the desk's pages), a change by
    an employer member shows the employer (``"기업: <name>"``), never the member's name;
    staff still show by name."""
    seeker_user_id = application.seeker.user_id
    rows = []
    for change in application.status_changes.select_related("changed_by__staff_membership__centre"):
        user = change.changed_by
        if user is None:
            who = _("자동 처리")
        elif user.pk == seeker_user_id:
            who = _("구직자 본인") if not for_seeker else _("나")
        elif for_seeker:
            who = _("센터 직원") if user.is_centre_staff else _("기업 담당자")
        elif employer_name and not is_staff_account(user):
            who = _("기업: %(name)s") % {"name": employer_name}
        else:
            who = str(user)
        rows.append(
            {"at": change.changed_at, "status": status_label(change.to_status), "who": who, "note": change.note}
        )
    return rows
