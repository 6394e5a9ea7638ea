"""Staff accounts, made and changed by district staff (issue 5 item 1; DESIGN.md "Who uses
it": district staff manage centres and staff accounts; "People and roles": a staff
membership of one community centre, the district job centre's staff being district staff).

A new staff member gets a login account with their email address, no usable password and a
:class:`StaffMembership`, and an email with a link to set the password: the password reset
link (Django's token, ``accounts:password_reset_confirm``, valid
``settings.PASSWORD_RESET_TIMEOUT``), whose page verifies the address when the password is
set (:func:`.passwords.password_reset_complete`). Until then the account cannot log in. A
person who already has an account with that (verified) address keeps it and gets the
membership added. One centre per person (the membership is one-to-one with the account).

Every function here is for district staff only (``PermissionDenied`` for anyone else)."""

import logging

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from namdong_jobs.reference.models import CommunityCentre
from namdong_jobs.text import tidy_text

from ..identifiers import normalize_email, normalize_mobile
from ..models import StaffMembership, User

logger = logging.getLogger(__name__)

#: What :func:`staff_account_create` did: a new account, or a membership added to an account.
CREATED_ACCOUNT = "account"
ADDED_MEMBERSHIP = "membership"


def _require_district(by: User) -> None:
    if not (getattr(by, "is_authenticated", False) and by.is_district_staff):
        raise PermissionDenied(_("직원 계정은 구청 일자리센터 직원만 관리할 수 있습니다."))


def _clean_choice(centre, role, errors: dict) -> None:
    if not isinstance(centre, CommunityCentre):
        errors["centre"] = [_("소속 센터를 골라 주세요.")]
    if role not in StaffMembership.Role.values:
        errors["role"] = [_("직무를 골라 주세요.")]


def staff_account_create(
    *, by: User, name: str, email: str, centre: CommunityCentre, role: str, phone: str = "", base_url: str
) -> tuple[StaffMembership, str]:
    """Make ``email``'s owner staff of ``centre`` with ``role`` (a
    :class:`StaffMembership.Role` value), on behalf of district staff ``by``.

    Without an account for the address: a new account (``name``, ``email``, ``phone`` if
    given, neither verified, no usable password) and an email with the set-password link
    (:func:`staff_password_link_send`). With an account whose address is verified and which
    has no staff membership: the membership is added to it (``name`` and ``phone`` are left
    as the account has them) and an email tells the person. ``base_url`` is the site's
    scheme and host (``request.build_absolute_uri("/")``).

    Returns ``(membership, what)`` with ``what`` :data:`CREATED_ACCOUNT` or
    :data:`ADDED_MEMBERSHIP`. Raises ``PermissionDenied`` unless ``by`` is district staff;
    :class:`StaffAlreadyMember` (a ``ValidationError`` keyed ``email``) when the address's
    account is already staff, invited or not yet through; ``ValidationError`` with Korean
    messages keyed ``name``, ``email`` (malformed; an account not yet verified, or no
    longer in use), ``phone`` (malformed or
    another account's), ``centre`` or ``role``; and after the commit whatever the mail
    backend raises (``SMTPException``, ``OSError``: the account is kept, the link can be sent
    again).
    """
    _require_district(by)
    errors: dict[str, list] = {}
    name = tidy_text(name or "", multiline=False)
    if not name:
        errors["name"] = [_("이름을 입력해 주세요.")]
    elif len(name) > 50:
        errors["name"] = [_("이름은 50자 이내로 적어 주세요.")]
    try:
        email = normalize_email(email)
    except ValidationError:
        errors["email"] = [_("올바른 이메일 주소를 입력해 주세요. 예: hong@example.kr")]
    if (phone or "").strip():
        try:
            phone = normalize_mobile(phone)
        except ValidationError as exc:
            errors["phone"] = exc.messages
    else:
        phone = None
    _clean_choice(centre, role, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email=email).first()
        if user is None:
            if phone and User.objects.filter(phone=phone).exists():
                raise ValidationError(
                    {"phone": _("다른 계정이 쓰는 휴대전화번호입니다. 번호를 비워 두거나 확인해 주세요.")}
                )
            user = User.objects.create_user(email=email, phone=phone, name=name, password=None)
            what = CREATED_ACCOUNT
        else:
            _check_existing(user)
            what = ADDED_MEMBERSHIP
        membership = StaffMembership.objects.create(user=user, centre=centre, role=role)
    logger.info("staff membership %s (%s) made by %s", membership.pk, what, by.pk)
    if what == CREATED_ACCOUNT:
        staff_password_link_send(membership=membership, by=by, base_url=base_url)
    else:
        _email(membership, "added", base_url=base_url)
    return membership, what


class StaffAlreadyMember(ValidationError):
    """Refusal of :func:`staff_account_create` for an address whose account is already
    staff (keyed ``email``, Korean): ``membership`` is that account's
    :class:`StaffMembership`, so that the page can link to it (its edit page changes the
    centre and role, restores stopped rights and sends the set-password link again)."""

    def __init__(self, membership: StaffMembership):
        super().__init__({"email": [_already_member_message(membership)]})
        self.membership = membership


def _already_member_message(membership: StaffMembership) -> str:
    """What to say of an address that is already ``membership``'s: stopped, invited and
    still to set the password, or working staff."""
    centre = membership.centre.name
    if not membership.is_active:
        text = _(
            "이미 %(centre)s 직원으로 등록된 분이고, 지금은 직원 권한이 멈춰 있습니다. "
            "다시 일하게 되었다면 이 직원의 정보 화면에서 권한을 다시 켜고 소속과 직무를 바꿔 주세요."
        )
    elif staff_needs_password(membership.user):
        text = _(
            "이미 %(centre)s 직원으로 초대한 분입니다. 아직 메일의 링크로 비밀번호를 정하지 않았습니다. "
            "메일을 받지 못했거나 링크 기간이 지났다면 이 직원의 정보 화면에서 비밀번호 설정 메일을 다시 보내 주세요."
        )
    else:
        text = _("이미 %(centre)s 직원으로 등록된 계정입니다. 이 직원의 정보 화면에서 소속이나 직무를 바꿔 주세요.")
    return text % {"centre": centre}


def _check_existing(user: User) -> None:
    """Refuse an existing account that cannot become staff: erased or inactive, already
    staff (:class:`StaffAlreadyMember`, whether or not the invitation's password is set yet),
    or its address not verified (whoever signed up with it may not own the mailbox)."""
    if user.erased_at is not None or not user.is_active:
        raise ValidationError({"email": _("이 이메일의 계정은 사용이 중지되었습니다. 다른 이메일을 입력해 주세요.")})
    existing = StaffMembership.objects.filter(user=user).select_related("centre", "user").first()
    if existing is not None:
        raise StaffAlreadyMember(existing)
    if user.email_verified_at is None:
        raise ValidationError(
            {
                "email": _(
                    "이 이메일로 가입했지만 아직 이메일 확인을 마치지 않은 계정이 있습니다. 본인이 확인 메일의 링크를 "
                    "눌러 확인을 마친 뒤 다시 추가해 주세요."
                )
            }
        )


@transaction.atomic
def staff_membership_update(
    *, membership: StaffMembership, by: User, centre: CommunityCentre, role: str
) -> StaffMembership:
    """Move ``membership`` to ``centre`` and/or give it ``role``. District staff cannot move
    themselves out of the district job centre (they would lose this page).

    Returns the membership. Raises ``PermissionDenied`` unless ``by`` is district staff and
    ``ValidationError`` keyed ``centre`` or ``role`` (Korean)."""
    _require_district(by)
    errors: dict[str, list] = {}
    _clean_choice(centre, role, errors)
    if not errors and membership.user_id == by.pk and not centre.is_district:
        errors["centre"] = [_("자기 자신을 구청 일자리센터 밖으로 옮길 수 없습니다. 다른 구청 직원에게 부탁해 주세요.")]
    if errors:
        raise ValidationError(errors)
    membership = StaffMembership.objects.select_for_update().get(pk=membership.pk)
    membership.centre = centre
    membership.role = role
    membership.save(update_fields=["centre", "role"])
    return membership


@transaction.atomic
def staff_membership_set_active(*, membership: StaffMembership, by: User, active: bool) -> tuple[StaffMembership, bool]:
    """Deactivate (``active=False``: the person keeps their account but loses every staff
    page at once) or reactivate ``membership``. District staff cannot deactivate themselves.

    Returns ``(membership, changed)``: ``changed`` is False when it already was so (stopped
    twice, e.g. from two tabs: nothing is written). Raises ``PermissionDenied`` unless ``by``
    is district staff and ``ValidationError`` (Korean, not keyed) for deactivating oneself."""
    _require_district(by)
    if not active and membership.user_id == by.pk:
        raise ValidationError(_("자기 자신의 직원 권한은 멈출 수 없습니다. 다른 구청 직원에게 부탁해 주세요."))
    membership = StaffMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.is_active == bool(active):
        return membership, False
    membership.is_active = bool(active)
    membership.save(update_fields=["is_active"])
    return membership, True


def staff_needs_password(user: User) -> bool:
    """True while a staff account has not set its password (it cannot log in yet)."""
    return not user.has_usable_password()


def staff_password_link_send(*, membership: StaffMembership, by: User, base_url: str) -> None:
    """Email the person of ``membership`` a link to set their password (a password reset
    link, valid ``settings.PASSWORD_RESET_TIMEOUT``; a newer link does not cancel an older
    one, setting the password ends both). For an account that has not set one yet.

    Raises ``PermissionDenied`` unless ``by`` is district staff, ``ValidationError``
    (Korean) when the account already has a password, is not usable or has no email, and
    whatever the mail backend raises."""
    _require_district(by)
    user = membership.user
    if user.erased_at is not None or not user.is_active or not user.email:
        raise ValidationError(_("이 계정으로는 비밀번호 설정 메일을 보낼 수 없습니다."))
    if not staff_needs_password(user):
        raise ValidationError(
            _("이미 비밀번호를 정한 계정입니다. 비밀번호를 잊었다면 본인이 '비밀번호 찾기'를 이용하면 됩니다.")
        )
    _email(membership, "invite", base_url=base_url)


def _email(membership: StaffMembership, kind: str, *, base_url: str) -> None:
    """The Korean email of ``kind`` ``"invite"`` (set-password link) or ``"added"`` (a
    membership added to an existing account)."""
    user = membership.user
    base = base_url.rstrip("/")
    with translation.override("ko"):
        context = {
            "name": user.name,
            "email": user.email,
            "centre": membership.centre.name,
            "role": _(membership.get_role_display()),
            "login_url": base + reverse("accounts:login"),
            "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        }
        if kind == "invite":
            uid = urlsafe_base64_encode(force_bytes(user.pk))
            token = default_token_generator.make_token(user)
            context["link"] = base + reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
        subject = render_to_string(f"accounts/email/staff_{kind}_subject.txt", context)
        body = render_to_string(f"accounts/email/staff_{kind}_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])
