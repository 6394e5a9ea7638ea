"""Referrals (취업알선, issue 5 item 6; DESIGN.md "Lifecycles: Referral").

Centre staff refer a resident of their scope to a posting. A referral needs the resident's
active consent to provide their data to employers (``ConsentPurpose.PROVISION``, 개인정보
보호법 §17; usually the centre's signed paper form), and it *is* an application: it goes
through :func:`jobs.services.applications.application_submit` with channel ``referral``, so
everything that refuses an online application (a closed or imported posting, a second
application, an erased record) refuses a referral too, and the employer is told like for any
application. The :class:`~jobs.models.desk.Referral` row adds who referred, from which
centre, how (소개장, 동행면접, 전화 연결) and the interview date when one was set.

The outcome (hired, not hired, no-show, declined) is the application's status
(:func:`jobs.services.application_status.application_record_outcome`, with a history row),
so hires count once, from applications, whatever the channel (:func:`posting_hires`), and a
posting whose hires reach its openings is offered to be marked filled
(:func:`openings_reached`). Referring to such a posting is not refused (the employer may hire
more): the referral page warns and has staff confirm it (``jobs.forms.referrals.ReferralForm``).

Only a record that belongs to a centre is referred
(:func:`accounts.services.residents.is_centre_record`): an online sign-up applies
themselves. A resident aged 15–17 is not referred to a posting
stating more hours than 근로기준법 §69 allows or a night or rotating shift (§70;
:func:`jobs.rules.minors.minor_refusal`, the rule the record's fitting list applies). The
refusals :func:`application_submit` words for a seeker ("…지원할 수 없습니다") are worded
for staff here by error code (:data:`DESK_WORDING`).

The message to the employer must not carry health, disability or other sensitive details
(개인정보 보호법 §23): the form warns when it contains one of :data:`SENSITIVE_MESSAGE_WORDS`
(:func:`sensitive_words`) and staff confirm before sending.

A referred resident without an account is told of the employer's status changes with the
referring centre to ask instead of 마이페이지 (``jobs.services.application_notices``).

Every write appends an access-log row: ``edit`` with detail ``"referral"`` or ``"outcome"``.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.choices import ConsentPurpose
from accounts.models import AccessAction, SeekerProfile, User
from accounts.services import access_log_write, consent_active, profiles_visible_to_staff
from accounts.services.activity import seeker_touch
from accounts.services.residents import is_centre_record

from ...choices import ApplicationChannel, ApplicationStatus
from ...models import JobPosting, Referral, ReferralMethod, today_kst
from ...rules.minors import is_minor, minor_refusal
from ..application_status import INTERVIEW_MAX_AHEAD, application_record_outcome
from ..applications import application_submit, online_application_refusal

S = ApplicationStatus

#: The outcomes staff record for a referral, in the order the form offers them, with the
#: desk's wording (``rejected`` is "not hired" for a referral; DESIGN.md).
REFERRAL_OUTCOMES: dict[str, str] = {
    S.HIRED: gettext_lazy("채용"),
    S.REJECTED: gettext_lazy("채용 안 됨"),
    S.NO_SHOW: gettext_lazy("면접 불참"),
    S.DECLINED: gettext_lazy("본인이 거절"),
}


#: Why an online sign-up (no registered centre) is not referred: they apply themselves.
ONLINE_SIGNUP_REFERRAL_REFUSAL = gettext_lazy(
    "온라인으로 가입한 구직자는 센터에서 알선하지 않습니다. 본인이 직접 지원하도록 안내해 주세요."
)

#: The desk's wording of refusals :func:`application_submit` words for a seeker, by error code.
DESK_WORDING: dict[str, str] = {
    "posting_closed": gettext_lazy("마감된 공고에는 알선할 수 없습니다."),
}

#: Words that suggest the message to the employer carries health, disability or other
#: sensitive details (민감정보, 개인정보 보호법 §23: health, disability and the like may be
#: given to others only with a separate consent). A light check, not a filter: the referral
#: form warns when the message contains one and staff confirm before sending.
SENSITIVE_MESSAGE_WORDS: tuple[str, ...] = (
    "장애",
    "질병",
    "질환",
    "병원",
    "아파",
    "아픈",
    "허리",
    "임신",
    "정신",
    "치료",
    "수술",
    "진단",
)


def sensitive_words(text: str) -> list[str]:
    """The words of :data:`SENSITIVE_MESSAGE_WORDS` found in ``text`` (spaces ignored), in the
    tuple's order; empty when none."""
    squeezed = "".join((text or "").split())
    return [word for word in SENSITIVE_MESSAGE_WORDS if word in squeezed]


def _desk_worded(refusal: ValidationError) -> ValidationError:
    """``refusal`` with the desk's words (:data:`DESK_WORDING`) when its code has them; the code
    is kept."""
    code = getattr(refusal, "code", None)
    if code in DESK_WORDING:
        return ValidationError(DESK_WORDING[code], code=code)
    return refusal


def _minor_reason(seeker: SeekerProfile, posting: JobPosting) -> str | None:
    """:func:`minor_refusal` for ``posting`` when ``seeker`` is 15–17 this year (KST), else ``None``."""
    return minor_refusal(posting) if is_minor(seeker, today_kst().year) else None


def outcome_label(status: str) -> str:
    """The desk's wording of an application status: a referral outcome as in
    :data:`REFERRAL_OUTCOMES`, any other status with its usual label."""
    if status in REFERRAL_OUTCOMES:
        return str(REFERRAL_OUTCOMES[status])
    return _(S(status).label) if status in S.values else status


def _require_scope(*, seeker: SeekerProfile, staff: User) -> None:
    if not profiles_visible_to_staff(staff).filter(pk=seeker.pk).exists():
        raise PermissionDenied(_("이 주민의 기록을 다룰 권한이 없습니다."))


def referral_refusal(*, seeker: SeekerProfile, posting: JobPosting) -> ValidationError | None:
    """Why ``seeker`` cannot be referred to ``posting`` now, consent aside, or ``None``: an
    online sign-up (code ``"online_signup"``), what :func:`application_submit` would refuse
    (a closed or imported posting, an application already made, an erased record; worded for
    staff, :data:`DESK_WORDING`), or a resident aged 15–17 and a posting beyond the minors'
    working time (keyed ``posting``, :func:`jobs.rules.minors.minor_refusal`). A referral
    does not need the posting to take online applications: staff contact the employer
    themselves. The referral page asks this before showing its form; :func:`referral_create`
    still decides."""
    if not is_centre_record(seeker):
        return ValidationError(ONLINE_SIGNUP_REFERRAL_REFUSAL, code="online_signup")
    refusal = online_application_refusal(seeker=seeker, posting=posting)
    if refusal is not None and refusal.code != "not_online":
        return _desk_worded(refusal)
    minor = _minor_reason(seeker, posting)
    if minor is not None:
        return ValidationError({"posting": ValidationError(minor, code="minor_hours")})
    return None


def _clean_interview_at(interview_at, errors: dict) -> None:
    if interview_at is None:
        return
    now = timezone.now()
    if not isinstance(interview_at, datetime.datetime) or timezone.is_naive(interview_at):
        errors["interview_at"] = _("면접 날짜와 시각이 올바르지 않습니다.")
    elif interview_at <= now:
        errors["interview_at"] = _("면접 일시는 지금보다 뒤여야 합니다.")
    elif interview_at > now + INTERVIEW_MAX_AHEAD:
        errors["interview_at"] = _("면접 일시는 1년 안이어야 합니다. 날짜를 확인해 주세요.")


@transaction.atomic
def referral_create(
    *,
    staff: User,
    seeker: SeekerProfile,
    posting: JobPosting,
    method: str,
    interview_at: datetime.datetime | None = None,
    message: str = "",
    ip: str | None = None,
) -> Referral:
    """``staff`` refer ``seeker`` to ``posting``; returns the new :class:`Referral`, whose
    ``application`` (channel ``referral``, status ``submitted``, first history row by
    ``staff``) the employer now sees with the snapshot of the consented profile.

    ``method`` is a :class:`ReferralMethod` value; ``interview_at`` an optional aware
    datetime after now and at most a year ahead; ``message`` (≤ 1,000 characters) is shown to
    the employer with the application as the centre staff's note (센터 직원의 알선 메모). A
    posting whose openings are already reached (:func:`openings_reached`) is not refused.
    The referral records ``staff`` and their centre. Appends an access-log row (``edit``,
    ``"referral"``, ``ip``).

    Raises ``PermissionDenied`` when the resident is outside ``staff``'s scope
    (``accounts.services.profiles_visible_to_staff``); ``ValidationError`` (code
    ``"online_signup"``) for an online sign-up
    (:func:`accounts.services.residents.is_centre_record`); ``ValidationError`` keyed
    ``consent`` without the resident's active provision consent, keyed ``posting`` when the
    resident is 15–17 (this year, KST) and the posting states more than 7 hours a day or 35
    a week or a night or rotating shift (근로기준법 제69조·제70조,
    :func:`jobs.rules.minors.minor_refusal`), keyed ``method``/``interview_at`` for bad
    input, and everything :func:`application_submit` raises (closed or imported posting,
    already applied, erased record, message too long; a closed posting worded for staff,
    :data:`DESK_WORDING`). The message is not checked for sensitive words here: the form
    warns (:func:`sensitive_words`)."""
    _require_scope(seeker=seeker, staff=staff)
    if not is_centre_record(seeker):
        raise ValidationError(ONLINE_SIGNUP_REFERRAL_REFUSAL, code="online_signup")
    errors = {}
    if method not in ReferralMethod.values:
        errors["method"] = _("알선 방법을 골라 주세요.")
    _clean_interview_at(interview_at, errors)
    if consent_active(person=seeker, purpose=ConsentPurpose.PROVISION) is None:
        errors["consent"] = _(
            "이 주민은 기업에 개인정보를 제공하는 데 동의하지 않았습니다. "
            "서면 동의서로 '지원·알선 기업에 개인정보 제공' 동의를 받아 기록한 뒤 알선해 주세요."
        )
    minor = _minor_reason(seeker, posting)
    if minor is not None:
        errors["posting"] = ValidationError(minor, code="minor_hours")
    if errors:
        raise ValidationError(errors)
    try:
        application = application_submit(
            seeker=seeker,
            posting=posting,
            channel=ApplicationChannel.REFERRAL,
            message=message,
            by=staff,
        )
    except ValidationError as exc:
        worded = _desk_worded(exc)
        if worded is exc:
            raise
        raise worded from exc
    referral = Referral.objects.create(
        application=application,
        staff=staff,
        centre=staff.staff_centre,
        method=method,
        interview_at=interview_at,
    )
    access_log_write(staff=staff, action=AccessAction.EDIT, person=seeker, ip=ip, detail="referral")
    return referral


@transaction.atomic
def referral_outcome_record(
    *,
    referral: Referral,
    outcome: str,
    outcome_on: datetime.date,
    staff: User,
    ip: str | None = None,
) -> Referral:
    """``staff`` record the outcome of ``referral``; returns it updated.

    ``outcome`` is a key of :data:`REFERRAL_OUTCOMES` (hired, rejected = "not hired",
    no_show, declined) and becomes the application's status, with a history row by ``staff``
    (:func:`application_record_outcome`); ``outcome_on`` is the KST date it happened, not in
    the future and not before the referral. Sets ``outcome_on``/``outcome_by``, counts as the
    resident's activity and appends an access-log row (``edit``, ``"outcome"``, ``ip``).

    Raises ``PermissionDenied`` when the resident is outside ``staff``'s scope;
    ``ValidationError`` keyed ``outcome``/``outcome_on`` for bad input, and unkeyed when the
    application already has a final status (hired, not hired, no-show, declined, withdrawn —
    recorded by staff or by the employer): an outcome is recorded once."""
    application = referral.application
    seeker = application.seeker
    _require_scope(seeker=seeker, staff=staff)
    errors = {}
    if outcome not in REFERRAL_OUTCOMES:
        errors["outcome"] = _("알선 결과를 골라 주세요.")
    referred_on = timezone.localdate(referral.created_at)
    if not isinstance(outcome_on, datetime.date) or isinstance(outcome_on, datetime.datetime):
        errors["outcome_on"] = _("결과 날짜를 입력해 주세요.")
    elif outcome_on > today_kst():
        errors["outcome_on"] = _("결과 날짜는 오늘이나 그 전이어야 합니다.")
    elif outcome_on < referred_on:
        errors["outcome_on"] = _("결과 날짜는 알선한 날(%(day)s)이나 그 뒤여야 합니다.") % {
            "day": referred_on.isoformat()
        }
    if errors:
        raise ValidationError(errors)
    referral.application = application_record_outcome(application=application, status=outcome, by=staff)
    referral.outcome_on = outcome_on
    referral.outcome_by = staff
    referral.save(update_fields=["outcome_on", "outcome_by"])
    seeker_touch(profile=seeker)
    access_log_write(staff=staff, action=AccessAction.EDIT, person=seeker, ip=ip, detail="outcome")
    return referral


def posting_hires(posting: JobPosting) -> int:
    """How many people ``posting`` hired: its applications with status ``hired``, online
    and referred alike, each counted once."""
    return posting.applications.filter(status=S.HIRED).count()


def openings_reached(posting: JobPosting) -> bool:
    """True when ``posting`` states its openings (모집인원) and its hires
    (:func:`posting_hires`) reached them: the pages then offer to mark it filled."""
    return bool(posting.openings) and posting_hires(posting) >= posting.openings
