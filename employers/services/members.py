"""The members (담당자) of an employer, managed by its owners (대표 담당자); any member may
leave. A person becomes a member only by accepting an owner's invitation sent to their email
address (:func:`member_invite`, :func:`invitation_accept`): adding someone at once would let
any owner take in a stranger's account and learn their name from the address."""

import datetime
from urllib.parse import urlencode

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.identifiers import normalize_email
from accounts.models import User

from ..models import Employer, EmployerInvitation, EmployerMember


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


# ---------------------------------------------------------------------------------------------
# Invitations: nobody becomes a member without accepting
# ---------------------------------------------------------------------------------------------

INVITE_SALT = "employers.invite"
INVITE_MAX_AGE = datetime.timedelta(days=7)


def invitation_sent_message() -> str:
    """What the owner is told after :func:`member_invite`, whatever the address: the same
    words whether or not an account (or a member) has it, so the page reveals nothing."""
    return _("초대 메일을 보냈습니다. 받는 분이 메일의 링크로 수락하면 담당자가 됩니다.")


def mask_email(email: str) -> str:
    """An address with its local part hidden but the first character: ``"m***@example.kr"``."""
    local, _at, domain = (email or "").partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


def invitation_token(invitation: EmployerInvitation) -> str:
    """The URL-safe token of ``/employers/invitations/<token>/``: the invitation id signed with
    a ``TimestampSigner`` (salt ``employers.invite``); it expires after seven days."""
    return signing.TimestampSigner(salt=INVITE_SALT).sign(str(invitation.pk))


def invitation_from_token(token: str) -> EmployerInvitation:
    """The open invitation of ``token`` (with its employer).

    Raises ``ValidationError`` (Korean; code ``expired``, ``invalid``, ``used`` or
    ``cancelled``) for a token older than :data:`INVITE_MAX_AGE`, a tampered token or one of
    an invitation that is gone, already accepted or cancelled.
    """
    try:
        pk = signing.TimestampSigner(salt=INVITE_SALT).unsign(token, max_age=INVITE_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ValidationError(
            _("초대 링크의 유효기간(%(days)d일)이 지났습니다. 대표 담당자에게 다시 초대해 달라고 요청해 주세요.")
            % {"days": INVITE_MAX_AGE.days},
            code="expired",
        ) from exc
    except signing.BadSignature as exc:
        raise _invalid_link() from exc
    invitation = EmployerInvitation.objects.select_related("employer").filter(pk=pk).first() if pk.isdigit() else None
    if invitation is None:
        raise _invalid_link()
    if invitation.accepted_at is not None:
        raise ValidationError(_("이미 사용한 초대 링크입니다."), code="used")
    if invitation.cancelled_at is not None:
        raise ValidationError(_("대표 담당자가 취소한 초대입니다."), code="cancelled")
    return invitation


def _invalid_link() -> ValidationError:
    return ValidationError(
        _("초대 링크가 올바르지 않습니다. 메일에 있는 링크 전체를 눌렀는지 확인해 주세요."), code="invalid"
    )


def invitation_check_user(invitation: EmployerInvitation, user) -> None:
    """Raise ``ValidationError`` (code ``wrong_account``, naming the invited address masked)
    unless ``user`` is signed in with the verified address ``invitation`` was sent to."""
    if not (
        getattr(user, "is_authenticated", False)
        and user.email
        and user.email_verified_at is not None
        and user.email == invitation.email
    ):
        raise ValidationError(
            _("초대받은 주소(%(email)s)로 로그인해 주세요.") % {"email": mask_email(invitation.email)},
            code="wrong_account",
        )


def member_invite(
    *, employer: Employer, by: User, email: str, role: str = EmployerMember.Role.MEMBER, base_url: str
) -> EmployerInvitation:
    """Invite the address ``email`` to become a member of ``employer`` as ``role``
    (:class:`EmployerMember.Role`), on behalf of the owner ``by``, and email it the link.

    The outcome is the same whatever the address: whether an account has it, or a member
    already does, an open :class:`EmployerInvitation` is created (or the open one kept, with
    the new role and inviter) and a Korean email is sent to the address with the employer,
    the inviter, the link (``/employers/invitations/<token>/``, seven days) and, for someone
    without an account, the sign-up page to use first with the same address. Nobody becomes
    a member until they accept (:func:`invitation_accept`). Tell the owner
    :func:`invitation_sent_message`.

    ``base_url`` is the site's scheme and host (``request.build_absolute_uri("/")``). Raises
    ``PermissionDenied`` unless ``by`` is an owner, ``ValidationError`` keyed ``email`` for a
    malformed address or ``role`` for an unknown role, and whatever the mail backend raises
    (``SMTPException``, ``OSError``; the invitation is kept).
    """
    with transaction.atomic():
        Employer.objects.select_for_update().get(pk=employer.pk)  # serialise member changes
        require_owner(employer, by)
        if role not in EmployerMember.Role.values:
            raise ValidationError({"role": _("권한을 골라 주세요.")})
        try:
            email = normalize_email(email)
        except ValidationError as exc:
            raise ValidationError({"email": _("올바른 이메일 주소를 입력해 주세요. 예: hong@example.kr")}) from exc
        invitation = EmployerInvitation.objects.open().filter(employer=employer, email=email).first()
        if invitation is None:
            invitation = EmployerInvitation(employer=employer, email=email)
        invitation.role = role
        invitation.invited_by = by
        invitation.full_clean(validate_constraints=False)  # the lock above keeps one open invitation
        invitation.save()
    _invitation_email_send(invitation=invitation, by=by, base_url=base_url)
    return invitation


def _invitation_email_send(*, invitation: EmployerInvitation, by: User, base_url: str) -> None:
    base = base_url.rstrip("/")
    link_path = reverse("employers:invitation_accept", args=[invitation_token(invitation)])
    with translation.override("ko"):
        context = {
            "employer": invitation.employer,
            "email": invitation.email,
            "role": _(invitation.get_role_display()),
            "invited_by": by,
            "link": base + link_path,
            "days": INVITE_MAX_AGE.days,
            "signup_url": base + reverse("employers:signup") + "?" + urlencode({"next": link_path}),
        }
        subject = render_to_string("employers/email/invitation_subject.txt", context)
        body = render_to_string("employers/email/invitation_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [invitation.email])


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> EmployerMember:
    """Accept the invitation of ``token`` as ``user``: they become a member of its employer
    with the invited role (an existing membership is kept as it is), and the invitation is
    marked accepted (``accepted_at``/``accepted_by``), so the link works once.

    Returns the :class:`EmployerMember`. Raises ``ValidationError`` (Korean) as
    :func:`invitation_from_token` does, and when ``user`` is not signed in with the verified
    address the invitation was sent to (the message names it masked: ``m***@example.kr``).
    """
    invitation = invitation_from_token(token)
    Employer.objects.select_for_update().get(pk=invitation.employer_id)  # serialise member changes
    invitation = EmployerInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:  # accepted or cancelled meanwhile
        invitation_from_token(token)
    invitation_check_user(invitation, user)
    member, _created = EmployerMember.objects.get_or_create(
        employer_id=invitation.employer_id, user=user, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return member


@transaction.atomic
def invitation_cancel(*, invitation: EmployerInvitation, by: User) -> None:
    """Cancel an open invitation on behalf of an owner ``by`` of its employer (its link stops
    working). Raises ``PermissionDenied`` unless ``by`` is an owner of that employer and
    ``ValidationError`` when the invitation was already accepted or cancelled."""
    employer = Employer.objects.select_for_update().get(pk=invitation.employer_id)  # serialise member changes
    require_owner(employer, by)
    invitation = EmployerInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(_("이미 수락했거나 취소한 초대입니다."))
    invitation.cancelled_at = timezone.now()
    invitation.save(update_fields=["cancelled_at"])


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
