"""Write operations of the employers app (HackSoft styleguide: keyword-only services that
validate with ``full_clean()`` inside a transaction).

* Registration and profile edits by the employer's own members: :func:`employer_register`,
  :func:`employer_update`, :func:`member_add`, :func:`member_remove`.
* Verification by district staff: :func:`employer_verify`, :func:`employer_reject`.

Errors are ``ValidationError`` with Korean messages, keyed by field where there is one, and
``PermissionDenied`` when the acting user may not do the operation.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.identifiers import normalize_email
from accounts.models import User

from .brn import brn_digits
from .models import Certification, Employer, EmployerMember, VerificationDecision

#: Profile fields that :func:`employer_register` and :func:`employer_update` accept.
EMPLOYER_FIELDS = ("name", "brn", "representative", "address", "dong", "industry", "headcount", "phone", "website")

#: Company types whose certificate or designation number may be left empty: 중소기업 (a
#: confirmation certificate is optional) and 남동인더스파크 입주기업 (tenancy, no number).
NUMBER_OPTIONAL_TYPES = frozenset({Certification.Type.SME, Certification.Type.INDUSPARK})


def brn_taken_message() -> str:
    """The message shown when a brn is already registered (never a duplicate row or a 500)."""
    return _(
        "이미 등록된 사업자등록번호입니다. 그 기업의 담당자에게 담당자 추가를 요청하거나 "
        "남동구 일자리인력은행(032-453-5000)에 문의해 주세요."
    )


def certification_number_required(cert_type: str) -> bool:
    """True if a company type needs its certificate/designation number (all but 중소기업 and
    남동인더스파크 입주기업)."""
    return cert_type not in NUMBER_OPTIONAL_TYPES


def member_role(*, employer: Employer, user) -> str | None:
    """``user``'s :class:`EmployerMember.Role` at ``employer``, or ``None`` for a non-member
    (or an anonymous user)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return EmployerMember.objects.filter(employer=employer, user=user).values_list("role", flat=True).first()


# --- helpers ---------------------------------------------------------------------------------


def _brn_taken() -> ValidationError:
    return ValidationError({"brn": ValidationError(brn_taken_message(), code="brn_taken")})


def _is_brn_unique_violation(exc: IntegrityError) -> bool:
    diag = getattr(exc.__cause__, "diag", None)
    constraint = getattr(diag, "constraint_name", None) or ""
    return "brn" in constraint


def _full_clean_employer(employer: Employer) -> None:
    """``full_clean()`` with the plain "already registered" message for a taken brn."""
    try:
        employer.full_clean(exclude=["name_key"])  # name_key is derived from name in save()
    except ValidationError as exc:
        errors = exc.error_dict
        if any(e.code == "unique" for e in errors.get("brn", [])):
            errors["brn"] = [ValidationError(brn_taken_message(), code="brn_taken")]
        raise ValidationError(errors) from exc


def _save_employer(employer: Employer) -> None:
    """Save, turning a lost race for a unique brn into the same error as the check."""
    try:
        with transaction.atomic():
            employer.save()
    except IntegrityError as exc:
        if _is_brn_unique_violation(exc):
            raise _brn_taken() from exc
        raise


def _normalise_fields(fields: dict) -> dict:
    unknown = set(fields) - set(EMPLOYER_FIELDS)
    if unknown:
        raise TypeError(f"unknown employer fields: {sorted(unknown)}")
    fields = dict(fields)
    for key in ("name", "representative", "address", "industry", "phone", "website"):
        if key in fields:
            fields[key] = (fields[key] or "").strip()
    if "brn" in fields:
        fields["brn"] = brn_digits(fields["brn"] or "") or None
    return fields


def _clean_certifications(certifications: Iterable[dict]) -> dict[str, dict]:
    """Check a list of ``{"type", "number", "valid_from", "valid_until"}`` and return it by
    type. Raises ``ValidationError`` (key ``certifications``)."""
    by_type: dict[str, dict] = {}
    errors = []
    valid_types = set(Certification.Type.values)
    for item in certifications:
        cert_type = item.get("type")
        if cert_type not in valid_types:
            errors.append(_("알 수 없는 기업 구분입니다: %(type)s") % {"type": cert_type})
            continue
        label = _(Certification.Type(cert_type).label)
        if cert_type in by_type:
            errors.append(_("%(type)s 항목이 두 번 들어 있습니다.") % {"type": label})
            continue
        number = (item.get("number") or "").strip()
        if not number and certification_number_required(cert_type):
            errors.append(_("%(type)s 인증·지정 번호를 입력해 주세요.") % {"type": label})
        valid_from: datetime.date | None = item.get("valid_from")
        valid_until: datetime.date | None = item.get("valid_until")
        if valid_from and valid_until and valid_until < valid_from:
            errors.append(_("%(type)s 유효기간 종료일이 시작일보다 빠릅니다.") % {"type": label})
        by_type[cert_type] = {**item, "number": number}
    if errors:
        raise ValidationError({"certifications": errors})
    return by_type


def _certifications_replace(employer: Employer, certifications: Iterable[dict]) -> None:
    """Make ``employer``'s certifications one row per given type: rows of types not given are
    deleted, one existing row per given type is updated (keeping its ``valid_from`` unless a
    new one is given), extra rows of that type are deleted, missing ones created."""
    by_type = _clean_certifications(certifications)
    kept: dict[str, Certification] = {}
    for cert in employer.certifications.order_by("id"):
        if cert.type in by_type and cert.type not in kept:
            kept[cert.type] = cert
        else:
            cert.delete()
    for cert_type, item in by_type.items():
        cert = kept.get(cert_type) or Certification(employer=employer, type=cert_type)
        cert.number = item["number"]
        cert.valid_until = item.get("valid_until")
        if "valid_from" in item:
            cert.valid_from = item["valid_from"]
        if cert.valid_from and cert.valid_until and cert.valid_until < cert.valid_from:
            label = _(Certification.Type(cert_type).label)
            raise ValidationError(
                {"certifications": _("%(type)s 유효기간 종료일이 시작일보다 빠릅니다.") % {"type": label}}
            )
        cert.full_clean()
        cert.save()


def _require_owner(employer: Employer, user) -> None:
    if member_role(employer=employer, user=user) != EmployerMember.Role.OWNER:
        raise PermissionDenied(_("기업의 대표 담당자만 할 수 있습니다."))


def _require_district_staff(user) -> None:
    if not (getattr(user, "is_authenticated", False) and user.is_district_staff):
        raise PermissionDenied(_("구청 일자리센터 직원만 기업을 확인하거나 반려할 수 있습니다."))


# --- registration and profile ----------------------------------------------------------------


@transaction.atomic
def employer_register(
    *,
    user: User,
    name: str,
    brn: str,
    representative: str = "",
    address: str = "",
    dong=None,
    industry: str = "",
    headcount: int | None = None,
    phone: str = "",
    website: str = "",
    certifications: list[dict] | None = None,
) -> Employer:
    """Register a business on behalf of ``user``, who becomes its owner (대표 담당자).

    ``brn`` may be written with dashes (``"123-45-67890"``) and is stored as 10 digits;
    ``dong`` is a ``Dong`` or ``None`` (outside Namdong-gu); ``certifications`` is a list of
    ``{"type": Certification.Type, "number": str, "valid_until": date | None}`` (optional
    ``"valid_from"``), at most one per type; the number is required except for 중소기업 and
    남동인더스파크 입주기업.

    Creates, in one transaction, the :class:`Employer` (``verification_status`` PENDING,
    ``registered_by`` = user), the owner :class:`EmployerMember` and the
    :class:`Certification` rows. Returns the employer.

    Raises ``ValidationError`` (Korean, keyed by field; ``certifications`` for the company
    types) for a missing or wrong brn (NTS check digit), a brn already registered (also
    when a concurrent registration wins the race), or any other invalid field.
    """
    fields = _normalise_fields(
        {
            "name": name,
            "brn": brn,
            "representative": representative,
            "address": address,
            "dong": dong,
            "industry": industry,
            "headcount": headcount,
            "phone": phone,
            "website": website,
        }
    )
    if not fields["brn"]:
        raise ValidationError({"brn": _("사업자등록번호를 입력해 주세요.")})
    employer = Employer(
        **fields,
        verification_status=Employer.Verification.PENDING,
        registered_by=user,
    )
    _full_clean_employer(employer)
    _save_employer(employer)
    owner = EmployerMember(employer=employer, user=user, role=EmployerMember.Role.OWNER)
    owner.full_clean()
    owner.save()
    _certifications_replace(employer, certifications or [])
    return employer


@transaction.atomic
def employer_update(*, employer: Employer, user: User, **fields) -> Employer:
    """Edit an employer's profile as one of its owners.

    ``fields`` are any of :data:`EMPLOYER_FIELDS` (same forms as :func:`employer_register`)
    and ``certifications`` (a list as there; it replaces the current company types). The
    brn cannot change once the employer is VERIFIED. Saving a REJECTED employer puts it back
    to PENDING with the rejection reason cleared: a re-application (the reason stays in its
    :class:`VerificationDecision`).

    Returns the updated employer (a fresh instance, locked during the update). Raises
    ``PermissionDenied`` unless ``user`` is an owner of the employer, ``ValidationError`` as
    :func:`employer_register` does and for a brn change after verification, and
    ``TypeError`` for an unknown field name.
    """
    certifications = fields.pop("certifications", None)
    fields = _normalise_fields(fields)
    _require_owner(employer, user)
    locked = Employer.objects.select_for_update().get(pk=employer.pk)
    if locked.is_external:
        raise ValidationError(_("외부에서 가져온 기업 정보는 여기서 고칠 수 없습니다."))
    if "brn" in fields:
        if not fields["brn"]:
            raise ValidationError({"brn": _("사업자등록번호를 입력해 주세요.")})
        if fields["brn"] != locked.brn and locked.verification_status == Employer.Verification.VERIFIED:
            raise ValidationError(
                {
                    "brn": _(
                        "확인이 끝난 기업의 사업자등록번호는 바꿀 수 없습니다. 잘못 등록되었다면 "
                        "남동구 일자리인력은행(032-453-5000)에 문의해 주세요."
                    )
                }
            )
    for key, value in fields.items():
        setattr(locked, key, value)
    if locked.verification_status == Employer.Verification.REJECTED:
        locked.verification_status = Employer.Verification.PENDING
        locked.rejection_reason = ""
    _full_clean_employer(locked)
    _save_employer(locked)
    if certifications is not None:
        _certifications_replace(locked, certifications)
    return locked


# --- members -------------------------------------------------------------------------------


@transaction.atomic
def member_add(*, employer: Employer, by: User, email: str, role: str = EmployerMember.Role.MEMBER) -> EmployerMember:
    """Add the account with email address ``email`` (verified) to ``employer`` as ``role``
    (:class:`EmployerMember.Role`), on behalf of the owner ``by``.

    Returns the new :class:`EmployerMember`. Raises ``PermissionDenied`` unless ``by`` is an
    owner; ``ValidationError`` keyed ``email`` when no active account has verified that
    address (the person must first sign up at /employers/signup/ and click the link in the
    email) or the person already is a member, keyed ``role`` for an unknown role.
    """
    Employer.objects.select_for_update().get(pk=employer.pk)  # serialise member changes
    _require_owner(employer, by)
    if role not in EmployerMember.Role.values:
        raise ValidationError({"role": _("권한을 골라 주세요.")})
    try:
        email = normalize_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": _("올바른 이메일 주소를 입력해 주세요. 예: hong@example.kr")}) from exc
    user = User.objects.filter(
        email=email, email_verified_at__isnull=False, erased_at__isnull=True, is_active=True
    ).first()
    if user is None:
        raise ValidationError(
            {
                "email": _(
                    "이 이메일로 가입하고 이메일 확인까지 마친 계정이 없습니다. 추가할 분이 먼저 "
                    "%(url)s 에서 가입하고, 받은 메일의 링크를 눌러 이메일을 확인해야 합니다."
                )
                % {"url": reverse("employers:signup")}
            }
        )
    already = _("이미 이 기업의 담당자입니다.")
    if EmployerMember.objects.filter(employer=employer, user=user).exists():
        raise ValidationError({"email": already})
    member = EmployerMember(employer=employer, user=user, role=role)
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError as exc:
        raise ValidationError({"email": already}) from exc
    return member


@transaction.atomic
def member_remove(*, employer: Employer, by: User, member: EmployerMember) -> None:
    """Remove ``member`` from ``employer`` on behalf of the owner ``by`` (an owner may remove
    themself while another owner remains).

    Raises ``PermissionDenied`` unless ``by`` is an owner, and ``ValidationError`` when
    ``member`` belongs to another employer or is the last owner.
    """
    Employer.objects.select_for_update().get(pk=employer.pk)  # serialise member changes
    _require_owner(employer, by)
    member = EmployerMember.objects.filter(pk=member.pk, employer=employer).first()
    if member is None:
        raise ValidationError(_("이 기업의 담당자가 아닙니다."))
    if (
        member.role == EmployerMember.Role.OWNER
        and not employer.memberships.filter(role=EmployerMember.Role.OWNER).exclude(pk=member.pk).exists()
    ):
        raise ValidationError(
            _("마지막 대표 담당자는 삭제할 수 없습니다. 다른 분을 대표 담당자로 추가한 뒤에 삭제해 주세요.")
        )
    member.delete()


# --- verification by district staff --------------------------------------------------------


@transaction.atomic
def employer_verify(*, employer: Employer, by: User) -> Employer:
    """District staff confirm an employer's registration: PENDING or REJECTED → VERIFIED,
    with ``verified_at`` = now, ``verified_by`` = ``by`` and the rejection reason cleared; a
    :class:`VerificationDecision` (verified) records who and when.

    Returns the updated employer (a fresh instance, locked with ``select_for_update``).
    Raises ``PermissionDenied`` unless ``by`` is district staff; ``ValidationError`` for an
    EXTERNAL (imported) employer, one already verified, or one without a brn.
    """
    _require_district_staff(by)
    locked = Employer.objects.select_for_update().get(pk=employer.pk)
    if locked.is_external:
        raise ValidationError(_("외부에서 가져온 공고의 기업은 확인 대상이 아닙니다."))
    if locked.verification_status == Employer.Verification.VERIFIED:
        raise ValidationError(_("이미 확인이 끝난 기업입니다."))
    if not locked.brn:
        raise ValidationError(_("사업자등록번호가 없는 기업은 확인할 수 없습니다."))
    locked.verification_status = Employer.Verification.VERIFIED
    locked.verified_at = timezone.now()
    locked.verified_by = by
    locked.rejection_reason = ""
    locked.save(update_fields=["verification_status", "verified_at", "verified_by", "rejection_reason", "updated_at"])
    decision = VerificationDecision(employer=locked, decision=VerificationDecision.Decision.VERIFIED, decided_by=by)
    decision.full_clean()
    decision.save()
    return locked


@transaction.atomic
def employer_reject(*, employer: Employer, by: User, reason: str) -> Employer:
    """District staff reject an employer's registration, or revoke a verification: PENDING or
    VERIFIED → REJECTED with ``rejection_reason`` = ``reason`` (``verified_at`` and
    ``verified_by`` cleared); a :class:`VerificationDecision` (rejected, with the reason)
    records who and when. The employer's owners can fix the profile and save it to apply
    again (:func:`employer_update`).

    Returns the updated employer (a fresh instance, locked with ``select_for_update``).
    Raises ``PermissionDenied`` unless ``by`` is district staff; ``ValidationError`` keyed
    ``reason`` for a blank reason, and unkeyed for an EXTERNAL employer or one already
    rejected.
    """
    _require_district_staff(by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("반려 사유를 적어 주세요. 기업 담당자가 무엇을 고쳐야 하는지 알 수 있게 써 주세요.")}
        )
    locked = Employer.objects.select_for_update().get(pk=employer.pk)
    if locked.is_external:
        raise ValidationError(_("외부에서 가져온 공고의 기업은 확인 대상이 아닙니다."))
    if locked.verification_status == Employer.Verification.REJECTED:
        raise ValidationError(_("이미 반려된 기업입니다."))
    locked.verification_status = Employer.Verification.REJECTED
    locked.rejection_reason = reason
    locked.verified_at = None
    locked.verified_by = None
    locked.save(update_fields=["verification_status", "verified_at", "verified_by", "rejection_reason", "updated_at"])
    decision = VerificationDecision(
        employer=locked, decision=VerificationDecision.Decision.REJECTED, reason=reason, decided_by=by
    )
    decision.full_clean()
    decision.save()
    return locked
