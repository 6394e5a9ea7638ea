"""Registration of a business by an employer member, and later edits of its profile."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from namdong_jobs.text import tidy_text

from ..brn import brn_digits
from ..models import Employer, EmployerMember
from .certifications import certifications_replace
from .members import require_owner

#: Profile fields that :func:`employer_register` and :func:`employer_update` accept.
EMPLOYER_FIELDS = ("name", "brn", "representative", "address", "dong", "industry", "headcount", "phone", "website")


def brn_taken_message() -> str:
    """The message shown when a brn is already registered (never a duplicate row or a 500)."""
    return _(
        "이미 등록된 사업자등록번호입니다. 그 기업의 담당자에게 담당자 추가를 요청하거나 "
        "남동구 일자리인력은행(032-453-5000)에 문의해 주세요."
    )


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
            fields[key] = tidy_text(fields[key] or "", multiline=False)
    if "brn" in fields:
        fields["brn"] = brn_digits(fields["brn"] or "") or None
    return fields


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
    certifications_replace(employer, certifications or [])
    return employer


#: Fields naming who the employer is; they cannot change once district staff have verified it.
IDENTITY_FIELDS = ("brn", "name", "representative")


def identity_change_message() -> str:
    """What a VERIFIED employer is told when it tries to change its brn, name or representative."""
    return _(
        "확인이 끝난 기업의 사업자등록번호·상호·대표자는 여기서 바꿀 수 없습니다. 상호·대표자가 "
        "바뀌었으면 남동구 일자리인력은행(032-453-5000)에 변경을 요청해 주세요."
    )


def _certification_claims_changed(employer: Employer, certifications: list[dict]) -> bool:
    """True if ``certifications`` claims something district staff have not checked for
    ``employer``: a company type it did not hold, a certificate number it did not have, or a
    validity that now ends later (or never). Removing a type claims nothing new."""
    current: dict[str, list] = {}
    for cert in employer.certifications.all():
        current.setdefault(cert.type, []).append(cert)
    for item in certifications:
        held = current.get(item.get("type"), [])
        number = (item.get("number") or "").strip()
        same_number = [c for c in held if c.number == number]
        if not same_number:
            return True
        until = item.get("valid_until")
        if not any(c.valid_until is None or (until is not None and until <= c.valid_until) for c in same_number):
            return True
    return False


@transaction.atomic
def employer_update(*, employer: Employer, user: User, **fields) -> Employer:
    """Edit an employer's profile as one of its owners.

    ``fields`` are any of :data:`EMPLOYER_FIELDS` (same forms as :func:`employer_register`)
    and ``certifications`` (a list as there; it replaces the current company types).

    Once the employer is VERIFIED its identity (:data:`IDENTITY_FIELDS`: brn, name and
    representative) cannot change here (district staff change it on request); and a change of
    its company types that claims something new (a type added, a number changed, a validity
    extended) puts it back to PENDING with ``verified_at``/``verified_by`` cleared, so that
    district staff check it: its published postings stay, new ones wait for the check.
    Removing a type changes nothing. Saving a REJECTED employer puts it back to PENDING with
    the rejection reason cleared: a re-application (the reason stays in its
    :class:`VerificationDecision`).

    Returns the updated employer (a fresh instance, locked during the update; compare its
    ``verification_status`` with the old one to tell the member). Raises
    ``PermissionDenied`` unless ``user`` is an owner of the employer, ``ValidationError``
    as :func:`employer_register` does and, keyed by field, for an identity change after
    verification, and ``TypeError`` for an unknown field name.
    """
    certifications = fields.pop("certifications", None)
    fields = _normalise_fields(fields)
    require_owner(employer, user)
    locked = Employer.objects.select_for_update().get(pk=employer.pk)
    if locked.is_external:
        raise ValidationError(_("외부에서 가져온 기업 정보는 여기서 고칠 수 없습니다."))
    if "brn" in fields and not fields["brn"]:
        raise ValidationError({"brn": _("사업자등록번호를 입력해 주세요.")})
    verified = locked.verification_status == Employer.Verification.VERIFIED
    if verified:
        current = _normalise_fields({key: getattr(locked, key) for key in IDENTITY_FIELDS})
        changed = [key for key in IDENTITY_FIELDS if key in fields and fields[key] != current[key]]
        if changed:
            raise ValidationError({key: identity_change_message() for key in changed})
    recheck = verified and certifications is not None and _certification_claims_changed(locked, certifications)
    for key, value in fields.items():
        setattr(locked, key, value)
    if locked.verification_status == Employer.Verification.REJECTED:
        locked.verification_status = Employer.Verification.PENDING
        locked.rejection_reason = ""
    if recheck:
        locked.verification_status = Employer.Verification.PENDING
        locked.verified_at = None
        locked.verified_by = None
    _full_clean_employer(locked)
    _save_employer(locked)
    if certifications is not None:
        certifications_replace(locked, certifications)
    return locked
