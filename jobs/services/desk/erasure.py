"""Erasing a walk-in resident's personal data at their request (개인정보 보호법 §36 삭제;
DESIGN.md "Privacy"): the desk's counterpart of ``/accounts/delete/`` for a resident who has
no online account (a record registered at a centre and never claimed), whom the account page
cannot serve.

A record with an online account is not erased at the desk, by centre or district staff: the
login is the person's own (it may also be an employer member's), ``/accounts/delete/``
checks their password and offers the data download first, and nobody at the desk can tell
that a caller owns the account. Such a person deletes it there, after the password reset
(SMS or email) if they cannot log in."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import AccessAction, SeekerProfile, User
from accounts.services import ErasureReason, access_log_write, person_erase
from accounts.services.resident_scope import require_resident_in_scope
from accounts.services.residents import WithdrawChannel


def online_account_message() -> str:
    """Why the desk does not erase a record with an online account, and what the person does."""
    return _(
        "온라인 계정이 있는 분의 기록은 창구에서 지우지 않습니다. 본인이 로그인해 '회원 탈퇴'(/accounts/delete/)에서 "
        "지웁니다. 그 화면은 비밀번호로 본인인지 확인하고, 지우기 전에 내 정보를 내려받을 수 있게 합니다. "
        "로그인할 수 없으면 로그인 화면의 '비밀번호 찾기'(문자나 이메일)로 먼저 다시 로그인하도록 안내해 주세요."
    )


@transaction.atomic
def resident_erase(*, profile: SeekerProfile, staff: User, channel: str, ip: str | None = None) -> SeekerProfile:
    """Erase ``profile``'s personal data at the resident's request, received by ``staff``
    (their centre's resident, or any for district staff) in the way ``channel`` says (a
    :class:`accounts.services.residents.WithdrawChannel` value: ``visit``, ``phone``, ``paper``).

    First appends the access-log row ``edit`` with detail ``"erase:<channel>"`` (e.g.
    ``"erase:visit"``; the row keeps the person's id, never a copy of their data), then calls
    :func:`accounts.services.person_erase` (reason ``desk_request``), in one transaction:
    names, birth year (a 10-year band stays), phone, email, wanted conditions other than
    occupations, licences, declared groups, résumé, guardian document and scanned consent
    forms go; counselling notes lose their content and next action, applications (referrals'
    included) the message, profile snapshot, résumé copy and interview place, and open ones
    end as withdrawn (``jobs.signals``). Ids, consent proofs (withdrawn now), the
    applications' and referrals' dates, methods and outcomes, and the access log stay.

    Returns the tombstone. Raises ``PermissionDenied`` when the resident is outside
    ``staff``'s scope, ``ValidationError`` keyed ``channel`` for an unknown channel, and
    ``ValidationError`` (code ``online_account``, :func:`online_account_message`) for a record
    with an online account, or (code ``erased``) for one erased meanwhile (a second
    submission that passed the scope check while the first was erasing; an erased record is
    otherwise out of every desk's scope): nothing is written then."""
    require_resident_in_scope(profile=profile, staff=staff)
    if channel not in WithdrawChannel.values:
        raise ValidationError({"channel": _("주민이 삭제를 어떻게 요청했는지 골라 주세요.")})
    locked = SeekerProfile.objects.select_for_update().get(pk=profile.pk)
    if locked.erased_at is not None:
        raise ValidationError(_("이미 개인정보를 지운 기록입니다."), code="erased")
    if locked.user_id is not None:
        raise ValidationError(online_account_message(), code="online_account")
    access_log_write(staff=staff, action=AccessAction.EDIT, person=locked, ip=ip, detail=f"erase:{channel}")
    return person_erase(profile=locked, reason=ErasureReason.DESK_REQUEST)
