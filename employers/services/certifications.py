"""The company types (인증·지정) of an employer: which need a number, and replacing an
employer's list of them."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Certification, Employer

#: Company types whose certificate or designation number may be left empty: 중소기업 (a
#: confirmation certificate is optional) and 남동인더스파크 입주기업 (tenancy, no number).
NUMBER_OPTIONAL_TYPES = frozenset({Certification.Type.SME, Certification.Type.INDUSPARK})


def certification_number_required(cert_type: str) -> bool:
    """True if a company type needs its certificate/designation number (all but 중소기업 and
    남동인더스파크 입주기업)."""
    return cert_type not in NUMBER_OPTIONAL_TYPES


#: Company types that exclude each other: a 예비사회적기업 that is certified becomes a 사회적기업.
EXCLUSIVE_TYPES = frozenset({Certification.Type.SOCIAL, Certification.Type.PRE_SOCIAL})


def certification_expired_message() -> str:
    """What a member is told for a certification whose validity ended before today."""
    return _("유효기간이 지난 인증입니다. 새 인증서의 번호와 유효기간을 적어 주세요.")


def certification_exclusive_message() -> str:
    """What a member is told for 사회적기업 and 예비사회적기업 ticked together."""
    return _("사회적기업과 예비사회적기업은 함께 고를 수 없습니다.")


def certification_expired(valid_until: datetime.date | None, today: datetime.date | None = None) -> bool:
    """True if ``valid_until`` is before ``today`` (default: today in Korea,
    ``timezone.localdate()``)."""
    return valid_until is not None and valid_until < (today or timezone.localdate())


def _clean_certifications(certifications: Iterable[dict]) -> dict[str, dict]:
    """Check a list of ``{"type", "number", "valid_from", "valid_until"}`` and return it by
    type. Refuses a validity that ended before today (Korea) and 사회적기업 together with
    예비사회적기업. Raises ``ValidationError`` (key ``certifications``)."""
    today = timezone.localdate()
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
        if certification_expired(valid_until, today):
            errors.append(f"{label}: {certification_expired_message()}")
        by_type[cert_type] = {**item, "number": number}
    if set(by_type) >= EXCLUSIVE_TYPES:
        errors.append(certification_exclusive_message())
    if errors:
        raise ValidationError({"certifications": errors})
    return by_type


def certifications_replace(employer: Employer, certifications: Iterable[dict]) -> None:
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
