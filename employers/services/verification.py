"""Verification of an employer's registration by district staff."""

import hashlib
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from ..models import Employer, VerificationDecision


def _require_district_staff(user) -> None:
    if not (getattr(user, "is_authenticated", False) and user.is_district_staff):
        raise PermissionDenied(_("구청 일자리센터 직원만 기업을 확인하거나 반려할 수 있습니다."))


def employer_fingerprint(employer: Employer) -> str:
    """A short hash (16 hex characters) of what a reviewer checks of ``employer``: brn, name,
    representative, address, dong and its certifications (type, number, dates). The review
    page carries it, so a registration changed after the page was opened is not verified
    unseen."""
    certifications = sorted(
        [c.type, c.number, str(c.valid_from), str(c.valid_until)] for c in employer.certifications.all()
    )
    seen = [employer.brn, employer.name, employer.representative, employer.address, employer.dong_id, certifications]
    return hashlib.sha256(json.dumps(seen, ensure_ascii=False).encode()).hexdigest()[:16]


@transaction.atomic
def employer_verify(*, employer: Employer, by: User, seen: str | None = None) -> Employer:
    """District staff confirm an employer's registration: PENDING or REJECTED → VERIFIED,
    with ``verified_at`` = now, ``verified_by`` = ``by`` and the rejection reason cleared; a
    :class:`VerificationDecision` (verified) records who and when.

    Returns the updated employer (a fresh instance, locked with ``select_for_update``).
    Raises ``PermissionDenied`` unless ``by`` is district staff; ``ValidationError`` for an
    EXTERNAL (imported) employer, one already verified, one without a brn, or — when ``seen``
    (the :func:`employer_fingerprint` the review page showed) is given — one changed since.
    """
    _require_district_staff(by)
    locked = Employer.objects.select_for_update().get(pk=employer.pk)
    if seen is not None and seen != employer_fingerprint(locked):
        raise ValidationError(
            _("검토 화면을 연 뒤 기업 정보가 바뀌었습니다. 바뀐 내용을 다시 확인한 뒤 확인 처리해 주세요."),
            code="stale",
        )
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
