"""Residents registered at a community centre's desk (issue 5 items 2 and 3; DESIGN.md
"People and roles", "Privacy").

A walk-in resident gets a :class:`SeekerProfile` without a login, belonging to the centre
that registered them (``registered_centre``; centre staff reach only their own centre's
residents, district staff every one: :func:`.resumes.profiles_visible_to_staff`). Consent is
taken on the centre's signed paper form: one :class:`Consent` per purpose ticked, method
``paper``, ``taken_by`` the staff member, with the form's version and signing date and an
optional scan (PDF, JPEG or PNG judged by content, kept in private storage).

Rules kept here, reusing the online sign-up's: the fields are checked by
:func:`.profiles.profile_update`; the age rule is :func:`.seekers.signup_age_check` (under 15
refused, 15–17 need the guardian's document, :func:`.seekers.guardian_document_check`); the
collection consent is required. The phone is optional (some residents have none). The pages
are used by staff, not by the resident, so the messages the sign-up words for a person
signing up online ("…가입할 수 있습니다", "…문의해 주세요") are replaced here by error code
with words for staff ("만 15세 미만은 등록할 수 없습니다 …"); every check runs and their errors
are reported together.

Duplicates (issue 5 item 3; :mod:`.resident_duplicates`): the same mobile number, or the same
name and birth year, at any centre or among online sign-ups, is reported as a masked
:class:`DuplicateHint` (first syllable, birth year, centre), never the full name or number,
on registering and when an edit changes the phone, name or birth year. Family members may
share a phone: the caller saves anyway with ``allow_duplicate=True`` after the warning. Both
writes take :func:`.resident_duplicates.registration_lock` before the check, so parallel
submissions of one person give one record. The paper form's checks and its scan are in
:mod:`.paper_consents`; consents given or withdrawn after registering in
:mod:`.resident_consents` (re-exported here); who may handle a record in
:mod:`.resident_scope`.

Declared priority groups (장애인, 경력단절여성, 다문화가족, 북한이탈주민; sensitive data, 개인정보
보호법 §23) are recorded only with the sensitive-data consent: on registering when the same
paper form gives it, on an edit when the resident has it active
(:func:`.profiles.profile_update` keeps them only then; withdrawing the consent deletes them).

The desk changes only records that belong to a centre (:func:`is_centre_record`): an online
sign-up (an account, no centre) is the person's own, so :func:`resident_update` refuses it;
a claimed walk-in keeps its centre and stays editable.

Every write appends an access-log row (action ``edit``; detail ``register``, ``profile``,
``consent``, ``consent:withdraw:<channel>`` or ``transfer``) in its own transaction."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from namdong_jobs.reference.codes import DECLARED_PRIORITY_GROUPS
from namdong_jobs.reference.models import CommunityCentre

from ..choices import ConsentPurpose, NotifyChannel
from ..models import AccessAction, SeekerProfile, User
from .access_log import access_log_write
from .consents import consent_active
from .paper_consents import (  # noqa: F401 - consent_scan_open and the limits are re-exported
    PAPER_FORM_VERSION_MAX,
    PAPER_SIGNED_MAX_YEARS,
    SCAN_CONTENT_TYPES,
    check_file,
    clean_paper,
    clean_purposes,
    consent_scan_open,
    files_delete,
    paper_consents_give,
    paper_scan_check,
    private_file_open,
    scan_store,
)
from .profiles import profile_update
from .resident_consents import WithdrawChannel, paper_consents_record, resident_consent_withdraw  # noqa: F401
from .resident_duplicates import (  # noqa: F401 - part of this module's API
    MAX_HINTS,
    DuplicateHint,
    DuplicateResident,
    int_or_none,
    mask_name,
    name_key,
    registration_lock,
    resident_duplicates,
)
from .resident_scope import require_resident_in_scope, require_staff_centre
from .seekers import MIN_SIGNUP_AGE, guardian_document_check, signup_age_check

#: The wanted conditions a centre records (``resident_register``'s ``wanted``).
WANTED_FIELDS = (
    "wanted_occupations",
    "wanted_dongs",
    "wanted_employment_types",
    "wanted_min_hourly_krw",
    "wanted_shifts",
    "wanted_days",
)
#: The profile fields a centre keeps of a resident (registration and the record edit).
RESIDENT_FIELDS = ("name", "birth_year", "phone", "home_dong", *WANTED_FIELDS, "licences", "licences_other")
#: The codes of the priority groups a resident may declare (sensitive data: only with the
#: sensitive-data consent), in the code list's order.
DECLARED_GROUP_CODES = tuple(group.value for group in DECLARED_PRIORITY_GROUPS)


# ---- checks shared by the writes ---------------------------------------------------------


def _age_rule(birth_year, errors: dict, *, guardian_document=None, has_document: bool = False) -> tuple:
    """The sign-up age rule (:func:`.seekers.signup_age_check`) in words for staff: its
    messages speak to a person signing up online, so the desk's replace them by error code
    (``too_young``; the missing guardian's document). Errors go under ``birth_year`` and
    ``guardian_document`` (a file's own error is kept). Returns ``(year, document kind)``:
    the year (``None`` when refused) and ``guardian_document``'s kind when the age needs it."""
    year = int_or_none(birth_year)
    if year is None:
        errors["birth_year"] = [_("출생 연도를 4자리 숫자로 입력해 주세요. 예: 1968")]
        return None, None
    try:
        age = signup_age_check(birth_year=year)
    except ValidationError as exc:
        this_year = timezone.localdate().year
        too_young = _(
            "만 15세 미만은 등록할 수 없습니다 (근로기준법 제64조). "
            "출생 연도 기준으로 %(year)d년에는 %(limit)d년생까지 등록할 수 있습니다."
        ) % {"year": this_year, "limit": this_year - MIN_SIGNUP_AGE}
        errors["birth_year"] = [too_young if exc.code == "too_young" else exc.messages[0]]
        return None, None
    if not age.needs_guardian:
        return year, None
    if guardian_document is not None:
        return year, check_file(guardian_document, guardian_document_check, errors, "guardian_document")
    if not has_document:
        errors.setdefault(
            "guardian_document",
            [
                _(
                    "만 15~17세(출생 연도 기준으로 올해 만 18세가 되지 않는 분)는 보호자 동의서를 첨부해야 "
                    "등록할 수 있습니다 (근로기준법 제66조)."
                )
            ],
        )
    return year, None


def _declared_groups_check(declared_groups, errors: dict, *, sensitive: bool, registering: bool) -> list[str]:
    """The declared priority groups (:data:`DECLARED_GROUP_CODES`) ticked, without duplicates
    and in the code list's order. An unknown code, or any group without the sensitive-data
    consent (``sensitive``: given on the same paper form when ``registering``, active on an
    edit), puts a message for staff under ``errors["declared_groups"]``."""
    values = {str(value) for value in declared_groups or ()}
    if values - set(DECLARED_GROUP_CODES):
        errors["declared_groups"] = [
            _(
                "우대 대상은 장애인, 경력단절여성, 다문화가족, 북한이탈주민 중에서 골라 주세요. "
                "청년과 고령자는 출생 연도로 정해집니다."
            )
        ]
    elif values and not sensitive and registering:
        errors["declared_groups"] = [
            _(
                "우대 대상(장애인 등)은 주민이 서면 동의서에서 민감정보 처리에 동의한 경우에만 기록할 수 있습니다. "
                "'서면 동의'에서 민감정보 처리 동의를 체크하거나, 우대 대상을 비워 주세요."
            )
        ]
    elif values and not sensitive:
        errors["declared_groups"] = [
            _(
                "우대 대상(장애인 등)은 민감정보 처리에 동의한 주민만 기록할 수 있습니다. "
                "'동의 관리'에서 주민이 서명한 동의서를 먼저 기록해 주세요."
            )
        ]
    return [code for code in DECLARED_GROUP_CODES if code in values]


def _gives_sensitive(consents) -> bool:
    return ConsentPurpose.SENSITIVE in {str(purpose) for purpose in consents or ()}


def resident_register_check(
    *,
    birth_year,
    consents,
    paper_form_version,
    paper_signed_on,
    paper_scan=None,
    guardian_document=None,
    declared_groups=(),
) -> dict[str, list[str]]:
    """The consent, paper-form, age and declared-group checks of :func:`resident_register`
    (the same arguments), without storing anything: ``{argument name: [Korean messages]}``,
    empty when they pass. A form whose own fields failed shows these too, so staff see every
    problem at once instead of in rounds (the record's fields are ``profile_update``'s,
    checked on registering)."""
    errors: dict[str, list] = {}
    clean_purposes(consents, errors, key="consents", required_collection=True)
    clean_paper(paper_form_version, paper_signed_on, errors)
    check_file(paper_scan, paper_scan_check, errors, "paper_scan")
    _age_rule(birth_year, errors, guardian_document=guardian_document)
    _declared_groups_check(declared_groups, errors, sensitive=_gives_sensitive(consents), registering=True)
    return errors


def _check_duplicates(*, staff: User, profile: SeekerProfile, phone: bool, person: bool, message=None) -> None:
    """Raise :class:`DuplicateResident` when other records share ``profile``'s phone (when
    ``phone``) or name and birth year (when ``person``)."""
    hints = resident_duplicates(
        staff=staff,
        name=profile.name if person else "",
        birth_year=profile.birth_year if person else None,
        phone=profile.phone if phone else "",
        exclude_id=profile.pk,
    )
    if hints:
        raise DuplicateResident(hints, message)


def guardian_document_open(profile: SeekerProfile):
    """Open a resident's guardian's consent document (ages 15–17, private storage) for
    sending, as :func:`.paper_consents.consent_scan_open` opens a scan: ``(file, filename,
    content_type)``, e.g. ``"보호자 동의서-12.pdf"``. Checks nothing about who asks and logs
    nothing (the caller checks the scope and writes the ``download`` row). Raises
    ``FileNotFoundError`` when there is no document or its file is missing."""
    name = profile.guardian_document.name if profile.guardian_document else ""
    return private_file_open(name, _("보호자 동의서"), str(profile.pk))


# ---- the writes ----------------------------------------------------------------------------


def _registering_centre(staff: User, centre: CommunityCentre | None) -> CommunityCentre:
    own = require_staff_centre(staff)
    if centre is None or centre.pk == own.pk:
        return own
    if not own.is_district:
        raise PermissionDenied(_("다른 센터의 주민으로 등록할 수 없습니다."))
    return centre


@transaction.atomic
def resident_register(
    *,
    staff: User,
    name: str,
    birth_year: int,
    consents,
    paper_form_version: str,
    paper_signed_on: datetime.date,
    phone: str = "",
    home_dong=None,
    centre: CommunityCentre | None = None,
    wanted: dict | None = None,
    licences=(),
    licences_other=(),
    paper_scan=None,
    guardian_document=None,
    declared_groups=(),
    allow_duplicate: bool = False,
    ip: str | None = None,
) -> SeekerProfile:
    """Register a walk-in resident: a :class:`SeekerProfile` without a login, belonging to
    ``centre`` (default the staff member's; district staff may name any centre), with
    ``registered_by`` = ``staff``, and one paper :class:`Consent` per purpose in ``consents``
    (``taken_by`` = ``staff``, the form's ``paper_form_version`` and ``paper_signed_on``, the
    ``paper_scan`` upload when given). Returns the new profile.

    ``name`` (≤ 50 chars), ``birth_year`` (int; under 15 refused, 15–17 need
    ``guardian_document``, an upload checked like sign-up's), ``phone`` (any Korean mobile
    spelling or "" for none; an SMS channel when given), ``home_dong`` (``Dong``, its code or
    ``None`` = 남동구 외), ``wanted`` (a dict of :data:`WANTED_FIELDS` as
    :func:`.profiles.profile_update` takes them), ``licences``, ``licences_other``: checked
    by ``profile_update``. ``consents`` must include ``collection``; ``paper_signed_on`` is a
    KST date, not in the future nor more than ``PAPER_SIGNED_MAX_YEARS`` (3) years back;
    ``paper_scan`` PDF/JPEG/PNG (:func:`paper_scan_check`). ``declared_groups`` (codes of
    :data:`DECLARED_GROUP_CODES`) are stored only when ``consents`` include ``sensitive``
    (any group without it is refused, keyed ``declared_groups``). Every check runs and all
    their errors are reported together, in words for staff (:func:`resident_register_check`).
    The duplicate check and the insert run under :func:`.resident_duplicates.registration_lock`,
    so two submissions of the same person at once give one record and one warning.
    Appends an access-log row (``edit``, ``"register"``, ``ip``).

    Raises ``PermissionDenied`` for someone who is not centre staff (or centre staff naming
    another centre), :class:`DuplicateResident` when :func:`resident_duplicates` finds
    records and not ``allow_duplicate``, ``ValidationError`` keyed by argument name (Korean)
    otherwise; nothing is stored then. ``TypeError`` for an unknown key in ``wanted``."""
    centre = _registering_centre(staff, centre)
    wanted = dict(wanted or {})
    if set(wanted) - set(WANTED_FIELDS):
        raise TypeError(f"resident_register() got unexpected wanted fields: {sorted(set(wanted) - set(WANTED_FIELDS))}")
    errors: dict[str, list] = {}
    purposes = clean_purposes(consents, errors, key="consents", required_collection=True)
    version = clean_paper(paper_form_version, paper_signed_on, errors)
    scan_kind = check_file(paper_scan, paper_scan_check, errors, "paper_scan")
    year, document_kind = _age_rule(birth_year, errors, guardian_document=guardian_document)
    declared = _declared_groups_check(declared_groups, errors, sensitive=_gives_sensitive(consents), registering=True)
    profile = SeekerProfile(registered_centre=centre, registered_by=staff, birth_year=year)
    fields = {"name": name, "phone": phone, "home_dong": home_dong, "licences": list(licences or ())}
    fields.update(licences_other=licences_other, **wanted)
    try:
        with transaction.atomic():  # a savepoint: field errors are reported with the others
            profile.save()
            profile_update(profile=profile, **fields)
    except ValidationError as exc:
        exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
    registration_lock()  # a registration of the same person at once waits here, then sees this one
    if not allow_duplicate:
        _check_duplicates(staff=staff, profile=profile, phone=True, person=True)
    stored: list[str] = []
    try:
        if document_kind:
            profile.guardian_document.save(f"guardian.{document_kind}", File(guardian_document), save=False)
            stored.append(profile.guardian_document.name)
        profile.notify_channels = [NotifyChannel.SMS.value] if profile.phone else []
        profile.save(update_fields=["guardian_document", "notify_channels", "updated_at"])
        scan_name = scan_store(paper_scan, scan_kind) if scan_kind else ""
        stored.append(scan_name)
        paper_consents_give(
            profile=profile,
            staff=staff,
            purposes=purposes,
            version=version,
            signed_on=paper_signed_on,
            scan_name=scan_name,
        )
        if declared:  # the sensitive-data consent is active now (profile_update keeps them only then)
            profile_update(profile=profile, declared_groups=declared)
        access_log_write(staff=staff, action=AccessAction.EDIT, person=profile, ip=ip, detail="register")
    except BaseException:
        files_delete(stored)  # no row will point at them
        raise
    return profile


#: Why the desk does not change an online sign-up's record (shown on the edit page, raised
#: by :func:`resident_update`).
ONLINE_SIGNUP_EDIT_REFUSAL = gettext_lazy(
    "온라인으로 가입한 구직자의 정보는 본인이 고칩니다. 본인이 로그인해서 직접 고치도록 안내해 주세요."
)


def is_centre_record(profile: SeekerProfile) -> bool:
    """True when ``profile`` belongs to a centre (``registered_centre`` set: a walk-in
    registered at the desk, also after its resident claimed an online account, which keeps
    the centre), so the desk may change it and refer its resident (:func:`resident_update`,
    ``jobs.services.desk.referrals.referral_create``). False for an online sign-up (an account
    and no centre): the person keeps their own record and applies themselves; district staff
    may still open it and write counselling notes (the desk's own records)."""
    return profile.registered_centre_id is not None


#: What :func:`resident_update` may change besides the guardian's document.
_UPDATABLE = (*RESIDENT_FIELDS, "declared_groups")
#: What :func:`resident_update` puts back on the profile object when it refuses a change.
_RESTORED = (*_UPDATABLE, "notify_channels", "last_activity_at", "updated_at")


@transaction.atomic
def resident_update(
    *, profile: SeekerProfile, staff: User, allow_duplicate: bool = False, ip: str | None = None, **changes
) -> SeekerProfile:
    """Change a resident's record from the desk: any of :data:`RESIDENT_FIELDS` (as
    :func:`.profiles.profile_update` takes them), ``declared_groups`` (codes of
    :data:`DECLARED_GROUP_CODES`; any group needs the resident's active sensitive-data
    consent, else refused keyed ``declared_groups``) and ``guardian_document`` (an upload,
    checked like sign-up's, replacing any earlier one; needed when the birth year makes the
    resident 15–17). The mobile number of a resident with an online account is the
    account's and is not changed here. A walk-in's SMS channel follows the phone (on with a
    number, off without). Returns the profile (updated in place). Appends an access-log row
    (``edit``, ``"profile"``). Only a record that belongs to a centre is changed here
    (:func:`is_centre_record`): an online sign-up's is the person's own.

    When the phone, or the name (spaces and case ignored) or birth year, really changes, the
    new values are checked against the other records as at registration (under
    :func:`.resident_duplicates.registration_lock`): a new phone against phones, a new
    name or birth year against names and birth years.

    Raises ``PermissionDenied`` when the resident is outside ``staff``'s scope,
    ``ValidationError`` (code ``"online_signup"``, :data:`ONLINE_SIGNUP_EDIT_REFUSAL`) for an
    online sign-up, :class:`DuplicateResident` when other records match and not
    ``allow_duplicate``, ``ValidationError`` keyed by field (every field's errors together, the age rule in words
    for staff), ``TypeError`` for another field. Nothing is saved on an error, and
    ``profile`` keeps its former values."""
    require_resident_in_scope(profile=profile, staff=staff)
    if not is_centre_record(profile):
        raise ValidationError(ONLINE_SIGNUP_EDIT_REFUSAL, code="online_signup")
    document = changes.pop("guardian_document", None)
    unknown = set(changes) - set(_UPDATABLE)
    if unknown:
        raise TypeError(f"resident_update() got unexpected fields: {sorted(unknown)}")
    if profile.user_id and "phone" in changes:
        raise ValidationError(
            {"phone": _("온라인 계정이 있는 구직자의 휴대전화번호는 본인이 로그인 정보에서 바꿉니다.")}
        )
    errors: dict[str, list] = {}
    kind = check_file(document, guardian_document_check, errors, "guardian_document")
    if "birth_year" in changes:
        _age_rule(changes["birth_year"], errors, has_document=bool(kind or profile.guardian_document))
    if changes.get("declared_groups"):  # the desk's words (profile_update's speak to the person)
        sensitive = consent_active(person=profile, purpose=ConsentPurpose.SENSITIVE) is not None
        _declared_groups_check(changes["declared_groups"], errors, sensitive=sensitive, registering=False)
    before = {field: getattr(profile, field) for field in _RESTORED}
    old_document, new_document = profile.guardian_document.name, ""
    try:
        if kind and not errors:  # (with errors, profile_update only reports the other fields)
            profile.guardian_document.save(f"guardian.{kind}", File(document), save=False)
            new_document = profile.guardian_document.name
            # profile_update checks the age rule against the stored record
            SeekerProfile.objects.filter(pk=profile.pk).update(guardian_document=new_document)
        try:
            profile_update(profile=profile, **changes)
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                raise
            found = exc.message_dict
            if "birth_year" in errors or "guardian_document" in errors:
                found.pop("birth_year", None)  # the sign-up's words; the desk's are in errors
            errors = {**found, **errors}
        if errors:
            raise ValidationError(errors)
        phone = profile.phone != before["phone"]
        person = (name_key(profile.name), profile.birth_year) != (name_key(before["name"]), before["birth_year"])
        if phone or person:
            registration_lock()
            if not allow_duplicate:
                message = _("같은 사람으로 보이는 기록이 이미 있습니다. 확인한 뒤 다시 저장해 주세요.")
                _check_duplicates(staff=staff, profile=profile, phone=phone, person=person, message=message)
        if profile.user_id is None and "phone" in changes:
            channels = [c for c in profile.notify_channels if c != NotifyChannel.SMS]
            profile.notify_channels = [*channels, NotifyChannel.SMS.value] if profile.phone else channels
            profile.save(update_fields=["notify_channels", "updated_at"])
        access_log_write(staff=staff, action=AccessAction.EDIT, person=profile, ip=ip, detail="profile")
    except BaseException:
        files_delete([new_document])
        for field, value in before.items():
            setattr(profile, field, value)
        profile.guardian_document.name = old_document
        raise
    if new_document and old_document:
        transaction.on_commit(lambda: files_delete([old_document]))
    return profile


@transaction.atomic
def resident_transfer(
    *, profile: SeekerProfile, centre: CommunityCentre, staff: User, ip: str | None = None
) -> SeekerProfile:
    """Move a resident's record to ``centre`` (district staff only: other centres ask them,
    DESIGN.md "People and roles"). An online sign-up without a centre may be given one.
    Returns the profile (``registered_centre`` updated in place). Appends an access-log row
    (``edit``, ``"transfer"``).

    Raises ``PermissionDenied`` for anyone but district staff, ``ValidationError`` (keyed
    ``centre``) for no centre or the resident's own, and (code ``erased``) for an erased
    record."""
    own = require_staff_centre(staff)
    if not own.is_district:
        raise PermissionDenied(_("주민 기록을 다른 센터로 옮기는 일은 구청 일자리센터 직원만 할 수 있습니다."))
    locked = SeekerProfile.objects.select_for_update().get(pk=profile.pk)
    if locked.erased_at is not None:
        raise ValidationError(_("삭제된 구직자 정보입니다."), code="erased")
    if not isinstance(centre, CommunityCentre):
        raise ValidationError({"centre": _("옮길 센터를 골라 주세요.")})
    if locked.registered_centre_id == centre.pk:
        raise ValidationError({"centre": _("이미 이 센터에 등록된 주민입니다. 다른 센터를 골라 주세요.")})
    SeekerProfile.objects.filter(pk=profile.pk).update(registered_centre=centre, updated_at=timezone.now())
    profile.registered_centre = centre
    access_log_write(staff=staff, action=AccessAction.EDIT, person=profile, ip=ip, detail="transfer")
    return profile
