"""Verifying an account's mobile number with a 6-digit SMS code (DESIGN.md "People and
roles": a number is verified before it is used to log in or to receive notifications)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import CodePurpose
from ..models import OneTimeCode, User
from .codes import code_issue, code_verify


def _phone_to_verify(user: User) -> str:
    if user.erased_at is not None or not user.is_active:
        raise ValidationError(_("사용할 수 없는 계정입니다. 일자리인력은행에 문의해 주세요."), code="inactive")
    if not user.phone:
        raise ValidationError(_("이 계정에는 휴대전화번호가 없습니다."), code="no_phone")
    if user.phone_verified_at is not None:
        raise ValidationError(_("이미 확인된 휴대전화번호입니다."), code="already_verified")
    return user.phone


def phone_verification_send(*, user: User) -> OneTimeCode:
    """Send a 6-digit code by SMS to ``user``'s (not yet verified) mobile number.

    Returns the issued :class:`OneTimeCode`. Raises ``ValidationError`` (Korean) when the
    account has no number, it is already verified, the account is erased or inactive, or
    the rate limit of :func:`accounts.services.code_issue` applies (codes ``too_soon``,
    ``too_many``).
    """
    phone = _phone_to_verify(user)
    return code_issue(purpose=CodePurpose.VERIFY_PHONE, destination=phone, user=user)


def phone_verify(*, user: User, code: str) -> User:
    """Check ``code`` (sent by :func:`phone_verification_send`) and mark ``user``'s mobile
    number verified (``phone_verified_at`` = now), so it can be used to log in.

    Returns the user. Raises ``ValidationError`` (Korean) as
    :func:`accounts.services.code_verify` does (wrong, dead, expired, used), or when the
    number cannot be verified (see :func:`phone_verification_send`). A wrong try is counted
    even though the error is raised (call outside a transaction that the error rolls back).
    """
    phone = _phone_to_verify(user)
    row = code_verify(purpose=CodePurpose.VERIFY_PHONE, destination=phone, code=code)
    if row.user_id != user.pk:  # a code sent to this number for another account
        raise ValidationError(_("인증번호가 맞지 않습니다. 인증번호를 새로 받아 주세요."), code="wrong")
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.phone != phone:
            raise ValidationError(_("휴대전화번호가 바뀌었습니다. 인증번호를 새로 받아 주세요."), code="changed")
        if user.phone_verified_at is None:
            user.phone_verified_at = timezone.now()
            user.save(update_fields=["phone_verified_at"])
    return user
