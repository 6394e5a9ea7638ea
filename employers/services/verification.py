"""Verification of an employer's registration by district staff."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from ..models import Employer, VerificationDecision


def _require_district_staff(user) -> None:
    if not (getattr(user, "is_authenticated", False) and user.is_district_staff):
        raise PermissionDenied(_("구청 일자리센터 직원만 기업을 확인하거나 반려할 수 있습니다."))


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
