"""The export of everything held about a seeker (개인정보 보호법 §35, 열람; issue 4 item 8:
"download my data (JSON)"). Re-exported by :mod:`accounts.services.privacy`.

Codes are given with their Korean labels (``{"code": "011", "label": "…"}``) so that the
file reads without the portal; times are ISO 8601 strings with their offset (UTC as
stored); months of career entries are ``"YYYY-MM"``. Other apps add sections through
``accounts.signals.collect_personal_data`` (``jobs``: ``applications``,
``saved_postings``)."""

import datetime

from django.db.models import Q
from django.utils import timezone

from namdong_jobs.reference.codes import Education, EmploymentType, Language, Licence, PriorityGroup, Shift, Weekday
from namdong_jobs.reference.models import Dong, Occupation

from ..choices import ConsentMethod, ConsentPurpose, MessageKind, MessageState, NotifyChannel, NotifyFrequency
from ..models import AccessAction, AccessLogEntry, Consent, OutboundMessage, SeekerProfile
from ..signals import collect_personal_data

#: Name and version of the export's layout (the first keys of the file).
EXPORT_FORMAT = "namdong-jobs/personal-data"
EXPORT_VERSION = 1
#: Top-level keys the accounts app fills; other apps' sections come after them.
CORE_SECTIONS = ("format", "version", "exported_at", "account", "profile", "consents", "messages", "staff_access")


def iso(value: datetime.datetime | datetime.date | None) -> str | None:
    """``value`` as an ISO 8601 string, or ``None``."""
    return value.isoformat() if value is not None else None


def coded(code: str, choices) -> dict | None:
    """``{"code": code, "label": Korean label}`` for a ``TextChoices`` code (the label is
    the code itself when unknown), or ``None`` for an empty code."""
    if not code:
        return None
    label = dict(choices.choices).get(code, code)
    return {"code": code, "label": str(label)}


def coded_list(codes, choices) -> list[dict]:
    return [coded(code, choices) for code in codes if code]


def _named(codes, model) -> list[dict]:
    """Reference rows (dongs, occupations) by code, with their Korean names, in the
    stored order."""
    names = dict(model.objects.filter(pk__in=list(codes)).values_list("pk", "name"))
    return [{"code": code, "label": names.get(code, code)} for code in codes]


def _month(value: datetime.date | None) -> str | None:
    return value.strftime("%Y-%m") if value else None


def _account(profile: SeekerProfile) -> dict | None:
    user = profile.user
    if user is None:
        return None
    return {
        "id": user.pk,
        "name": user.name,
        "email": user.email,
        "email_verified": user.email_verified_at is not None,
        "email_verified_at": iso(user.email_verified_at),
        "phone": user.phone,
        "phone_verified": user.phone_verified_at is not None,
        "phone_verified_at": iso(user.phone_verified_at),
        "joined_at": iso(user.date_joined),
        "last_login_at": iso(user.last_login),
    }


def _profile(profile: SeekerProfile, now: datetime.datetime) -> dict:
    year = timezone.localdate(now).year
    return {
        "id": profile.pk,
        "name": profile.name,
        "birth_year": profile.birth_year,
        "age_groups": coded_list(profile.derived_groups(year), PriorityGroup),
        "phone": profile.phone,
        "email": profile.email,
        "home_dong": _named([profile.home_dong_id], Dong)[0] if profile.home_dong_id else None,
        "registered_centre": profile.registered_centre.name if profile.registered_centre_id else None,
        "wanted": {
            "occupations": _named(profile.wanted_occupations, Occupation),
            "dongs": _named(profile.wanted_dongs, Dong),
            "dongs_anywhere_in_namdong": not profile.wanted_dongs,
            "employment_types": coded_list(profile.wanted_employment_types, EmploymentType),
            "shifts": coded_list(profile.wanted_shifts, Shift),
            "days": coded_list(profile.wanted_days, Weekday),
            "min_hourly_krw": profile.wanted_min_hourly_krw,
        },
        "education": coded(profile.education, Education),
        "career_entries": [
            {
                "company": entry.company,
                "role": entry.role,
                "started": _month(entry.started_on),
                "ended": _month(entry.ended_on),
                "duties": entry.duties,
            }
            for entry in profile.career_entries.order_by("-started_on", "-id")
        ],
        "licences": coded_list(profile.licences, Licence),
        "licences_other": list(profile.licences_other),
        "languages": coded_list(profile.languages, Language),
        "self_introduction": profile.self_introduction,
        "is_searchable": profile.is_searchable,
        "declared_groups": coded_list(profile.declared_groups, PriorityGroup),
        "notify_channels": coded_list(profile.notify_channels, NotifyChannel),
        "notify_frequency": coded(profile.notify_frequency, NotifyFrequency),
        "resume": (
            {
                "file_name": profile.resume_name,
                "format": profile.resume_format,
                "size_bytes": profile.resume_size,
                "uploaded_at": iso(profile.resume_uploaded_at),
            }
            if profile.resume
            else None
        ),
        "guardian_document_on_file": bool(profile.guardian_document),
        "created_at": iso(profile.created_at),
        "updated_at": iso(profile.updated_at),
        "last_activity_at": iso(profile.last_activity_at),
    }


def _consents(profile: SeekerProfile) -> list[dict]:
    return [
        {
            "purpose": coded(c.purpose, ConsentPurpose),
            "version": c.version,
            "method": coded(c.method, ConsentMethod),
            "given_at": iso(c.given_at),
            "withdrawn_at": iso(c.withdrawn_at),
            "paper_form_version": c.paper_form_version,
            "paper_signed_on": iso(c.paper_signed_on),
            "paper_scan_on_file": bool(c.paper_scan),
        }
        for c in Consent.objects.filter(person=profile).order_by("given_at", "id")
    ]


def _messages(profile: SeekerProfile) -> list[dict]:
    to_them = Q(profile=profile) | (Q(user_id=profile.user_id) if profile.user_id else Q(pk__in=[]))
    return [
        {
            "id": m.pk,
            "kind": coded(m.kind, MessageKind),
            "channel": coded(m.channel, NotifyChannel),
            "address": m.address,
            "title": m.title,
            "body": m.body,
            "link": m.link,
            "state": coded(m.state, MessageState),
            "created_at": iso(m.created_at),
            "sent_at": iso(m.sent_at),
            "read_at": iso(m.read_at),
        }
        for m in OutboundMessage.objects.filter(to_them).order_by("created_at", "id")
    ]


def _staff_access(profile: SeekerProfile) -> list[dict]:
    """When centre staff looked at or changed the record (the access log), without naming
    the staff member (their own personal data); the centre can say who on request."""
    return [
        {"at": iso(e.at), "action": coded(e.action, AccessAction), "detail": e.detail}
        for e in AccessLogEntry.objects.filter(person=profile).order_by("at", "id")
    ]


def personal_data_export(*, profile: SeekerProfile, now: datetime.datetime | None = None) -> dict:
    """Everything held about ``profile``'s person, as a JSON-serialisable dict.

    Keys: ``format``/``version`` (:data:`EXPORT_FORMAT`, :data:`EXPORT_VERSION`),
    ``exported_at``; ``account`` (the login account: id, name, email, phone (E.164), their
    ``*_verified`` flags and times, ``joined_at``, ``last_login_at``; ``None`` for a walk-in
    record); ``profile`` (every field: name, birth year, derived age groups, contact, home
    dong, ``wanted`` conditions as code+label lists, education, ``career_entries``,
    licences, free-text licences, languages, self-introduction, searchability, declared
    priority groups, notification preferences, résumé metadata (not the file: the profile
    page offers it), whether a guardian document is on file); ``consents`` (purpose,
    version, method, given/withdrawn times, paper form details); ``messages`` (on-site,
    email and SMS messages sent to them, with address and text); ``staff_access`` (centre
    staff's reads and edits of the record, from the access log); then one key per section
    returned by receivers of ``accounts.signals.collect_personal_data``.

    Raises ``ValueError`` if a receiver returns a section name already used.
    """
    now = now or timezone.now()
    export = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": iso(now),
        "account": _account(profile),
        "profile": _profile(profile, now),
        "consents": _consents(profile),
        "messages": _messages(profile),
        "staff_access": _staff_access(profile),
    }
    for receiver, (name, data) in collect_personal_data.send(sender=SeekerProfile, profile=profile):
        if name in export:
            raise ValueError(f"export section {name!r} of {receiver!r} is already taken")
        export[name] = data
    return export
