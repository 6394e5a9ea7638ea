"""The members (담당자) of an employer, managed by its owners (대표 담당자); any member may
leave."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
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

    Returns the new :class:`EmployerMember`; tell the added person with
    :func:`member_added_email_send` once the transaction has committed. Raises
    ``PermissionDenied`` unless ``by`` is an owner; ``ValidationError`` keyed ``email`` when
    no active account has verified that address (code ``no_account``: the person must first
    sign up as an employer member and click the link in the email) or the person already is
    a member, keyed ``role`` for an unknown role. Neither the result nor an error names the
    account's owner: the caller should speak of the address typed.
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
                "email": ValidationError(
                    _(
                        "이 이메일로 가입하고 이메일 확인까지 마친 계정이 없습니다. 추가할 분이 먼저 "
                        "구인기업 회원으로 가입하고, 받은 메일의 링크를 눌러 이메일 확인을 마쳐야 합니다."
                    ),
                    code="no_account",
                )
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


def _is_last_owner(employer: Employer, member: EmployerMember) -> bool:
    return (
        member.role == EmployerMember.Role.OWNER
        and not employer.memberships.filter(role=EmployerMember.Role.OWNER).exclude(pk=member.pk).exists()
    )


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
    if _is_last_owner(employer, member):
        raise ValidationError(
            _("마지막 대표 담당자는 삭제할 수 없습니다. 다른 분을 대표 담당자로 추가한 뒤에 삭제해 주세요.")
        )
    member.delete()


def member_added_email_send(*, member: EmployerMember, by: User, base_url: str) -> None:
    """Email the person just added by :func:`member_add` (in Korean): who added them
    (``by``) to which employer with which role, where to see it, and to tell the job bank if
    they did not expect it (or to leave the employer).

    ``base_url`` is the site's scheme and host (``request.build_absolute_uri("/")``). Sends
    at once with ``send_mail``; raises whatever the mail backend raises (``SMTPException``,
    ``OSError``). Does nothing for an account without an email address.
    """
    user = member.user
    if not user.email:
        return
    base = base_url.rstrip("/")
    with translation.override("ko"):
        context = {
            "user": user,
            "employer": member.employer,
            "role": _(member.get_role_display()),
            "added_by": by,
            "employer_url": base + reverse("employers:detail", args=[member.employer_id]),
            "members_url": base + reverse("employers:members", args=[member.employer_id]),
        }
        subject = render_to_string("employers/email/member_added_subject.txt", context)
        body = render_to_string("employers/email/member_added_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])


@transaction.atomic
def member_leave(*, employer: Employer, user: User) -> None:
    """``user`` leaves ``employer`` (deletes their own :class:`EmployerMember`), whatever
    their role, unless they are its last owner.

    Raises ``ValidationError`` (Korean) when ``user`` is not a member or is the last owner
    (who must first add another owner).
    """
    Employer.objects.select_for_update().get(pk=employer.pk)  # serialise member changes
    member = EmployerMember.objects.filter(employer=employer, user=user).first() if user.is_authenticated else None
    if member is None:
        raise ValidationError(_("이 기업의 담당자가 아닙니다."))
    if _is_last_owner(employer, member):
        raise ValidationError(
            _("마지막 대표 담당자는 기업에서 나갈 수 없습니다. 다른 분을 대표 담당자로 추가한 뒤에 나가 주세요.")
        )
    member.delete()
