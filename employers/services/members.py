"""The members (담당자) of an employer, managed by its owners (대표 담당자)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.identifiers import normalize_email
from accounts.models import User

from ..models import Employer, EmployerMember


def member_role(*, employer: Employer, user) -> str | None:
    """``user``'s :class:`EmployerMember.Role` at ``employer``, or ``None`` for a non-member
    (or an anonymous user)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return EmployerMember.objects.filter(employer=employer, user=user).values_list("role", flat=True).first()


def require_owner(employer: Employer, user) -> None:
    """Raise ``PermissionDenied`` unless ``user`` is an owner of ``employer``."""
    if member_role(employer=employer, user=user) != EmployerMember.Role.OWNER:
        raise PermissionDenied(_("기업의 대표 담당자만 할 수 있습니다."))


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
    require_owner(employer, by)
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
    require_owner(employer, by)
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
