"""Consents a resident gives or withdraws at the desk after registering (issue 5 item 2;
DESIGN.md "Privacy"): further purposes on a signed paper form, and withdrawals the resident
asks for in person, by phone or in writing. Each write appends an access-log row (action
``edit``; detail ``consent`` or ``consent:withdraw:<channel>``)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..models import AccessAction, Consent, SeekerProfile, User
from .access_log import access_log_write
from .consents import consent_withdraw, consents_active
from .paper_consents import (
    check_file,
    clean_paper,
    clean_purposes,
    files_delete,
    paper_consents_give,
    paper_scan_check,
    scan_store,
)
from .resident_scope import require_resident_in_scope


class WithdrawChannel(models.TextChoices):
    """How a resident asked the desk to withdraw a consent (recorded in the access-log row's
    detail, ``consent:withdraw:<channel>``). Labels are ``gettext_noop``: translate on display."""

    VISIT = "visit", gettext_noop("방문")
    PHONE = "phone", gettext_noop("전화")
    PAPER = "paper", gettext_noop("서면")


@transaction.atomic
def paper_consents_record(
    *,
    profile: SeekerProfile,
    staff: User,
    purposes,
    paper_form_version: str,
    paper_signed_on: datetime.date,
    paper_scan=None,
    ip: str | None = None,
) -> list[Consent]:
    """Record further consents a resident gave on a signed paper form (``taken_by`` =
    ``staff``, the form's version and date, the optional ``paper_scan``). Purposes already
    active are left as they are. Returns the new :class:`Consent` rows (empty when every
    purpose was active already; then nothing is stored or logged). Appends an access-log
    row (``edit``, ``"consent"``).

    Raises ``PermissionDenied`` when the resident is outside ``staff``'s scope,
    ``ValidationError`` keyed by ``purposes``, ``paper_form_version``, ``paper_signed_on``
    or ``paper_scan`` (Korean)."""
    require_resident_in_scope(profile=profile, staff=staff)
    errors: dict[str, list] = {}
    purposes = clean_purposes(purposes, errors, key="purposes", required_collection=False)
    version = clean_paper(paper_form_version, paper_signed_on, errors)
    scan_kind = check_file(paper_scan, paper_scan_check, errors, "paper_scan")
    if errors:
        raise ValidationError(errors)
    active = consents_active(person=profile)
    if all(purpose in active for purpose in purposes):
        return []
    scan_name = scan_store(paper_scan, scan_kind) if scan_kind else ""
    try:
        given = paper_consents_give(
            profile=profile,
            staff=staff,
            purposes=purposes,
            version=version,
            signed_on=paper_signed_on,
            scan_name=scan_name,
        )
        access_log_write(staff=staff, action=AccessAction.EDIT, person=profile, ip=ip, detail="consent")
    except BaseException:
        files_delete([scan_name])
        raise
    return given


@transaction.atomic
def resident_consent_withdraw(
    *, profile: SeekerProfile, staff: User, purpose: str, channel: str, ip: str | None = None
) -> bool:
    """Withdraw a resident's optional consent (provision, sensitive, notifications) at their
    request, as :func:`.consents.consent_withdraw` does (withdrawing ``sensitive`` deletes the
    declared priority groups). ``channel`` is how the resident asked, a
    :class:`WithdrawChannel` value (``visit``, ``phone``, ``paper``). Returns True when an
    active consent was withdrawn (then an access-log row ``edit``, detail
    ``"consent:withdraw:<channel>"``, e.g. ``"consent:withdraw:phone"``, is appended), False
    when there was none. Raises ``PermissionDenied`` when the resident is outside ``staff``'s
    scope, ``ValidationError`` keyed ``channel`` for an unknown channel, and
    ``ValidationError`` for the collection consent or an unknown purpose."""
    require_resident_in_scope(profile=profile, staff=staff)
    if channel not in WithdrawChannel.values:
        raise ValidationError({"channel": _("주민이 철회를 어떻게 요청했는지 골라 주세요.")})
    withdrawn = consent_withdraw(person=profile, purpose=purpose)
    if withdrawn:
        detail = f"consent:withdraw:{channel}"
        access_log_write(staff=staff, action=AccessAction.EDIT, person=profile, ip=ip, detail=detail)
    return withdrawn
