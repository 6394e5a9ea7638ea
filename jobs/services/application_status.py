"""Application tracking (issue 4 item 6; DESIGN.md "Lifecycles: Application"):
``submitted → viewed → interview → hired | rejected``; ``viewed`` may also go straight to
``hired`` or ``rejected``; the seeker may withdraw before a decision. Nothing leaves a final
status (:data:`jobs.models.FINAL_STATUSES`). Centre staff record the outcome of a
referral (hired, rejected = "not hired", ``no_show``, ``declined``) with
:func:`application_record_outcome`.

Every change runs in a transaction with the application row locked (``SELECT … FOR
UPDATE``), writes an :class:`ApplicationStatusChange` row and sets ``status_changed_at``.
Changes made by the employer are told to the seeker through the message layer
(:mod:`.application_notices`) inside the same transaction. An employer's decision (hired or
rejected) on a referred application is also the referral's outcome: its ``outcome_on``
(KST date) and ``outcome_by`` (the employer member) are set, as the desk sets them when staff
record it.

Errors: ``PermissionDenied`` when ``by`` may not act on the application;
``ValidationError`` (Korean, keyed by field where there is one) when the change is not
allowed."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.services.activity import seeker_touch
from employers.models import Employer

from ..choices import ApplicationStatus
from ..models import DECIDED_STATUSES, FINAL_STATUSES, Application, ApplicationStatusChange, Referral, today_kst
from .application_notices import notify_seeker_of_change

S = ApplicationStatus

#: The statuses an employer member may set, from each status. ``interview → interview``
#: records a new interview date or place (a reschedule, told to the seeker again).
EMPLOYER_TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.SUBMITTED: (S.VIEWED,),
    S.VIEWED: (S.INTERVIEW, S.HIRED, S.REJECTED),
    S.INTERVIEW: (S.INTERVIEW, S.HIRED, S.REJECTED),
}
#: Longest interview place and note (the model's columns).
INTERVIEW_PLACE_MAX = 200
NOTE_MAX = 300


#: How far ahead an interview may be set: a date further away is a typing mistake.
INTERVIEW_MAX_AHEAD = datetime.timedelta(days=365)


def employer_next_statuses(application: Application) -> tuple[str, ...]:
    """The statuses an employer member may set on ``application`` now: empty when final, and
    when the seeker deleted their account (nobody to tell, nothing left to decide)."""
    if application.seeker.erased_at is not None:
        return ()
    return EMPLOYER_TRANSITIONS.get(application.status, ())


def is_employer_member(user, application: Application) -> bool:
    """True when ``user`` is a member of the employer of ``application``'s posting.
    Centre and district staff are not employers here."""
    return Employer.objects.with_member(user).filter(pk=application.posting.employer_id).exists()


def _lock(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("posting__employer", "seeker")
        .get(pk=application.pk)
    )


def _record(application: Application, to_status: str, by, *, note: str = "") -> ApplicationStatusChange:
    """Set ``to_status`` (with ``status_changed_at``), save the fields a change touches and
    write the history row."""
    from_status = application.status
    application.status = to_status
    application.status_changed_at = timezone.now()
    application.save(update_fields=["status", "status_changed_at", "interview_at", "interview_place", "updated_at"])
    return ApplicationStatusChange.objects.create(
        application=application,
        from_status=from_status,
        to_status=to_status,
        changed_by=by if by is not None and by.is_authenticated else None,
        note=note,
    )


@transaction.atomic
def application_withdraw(*, application: Application, by) -> Application:
    """The seeker withdraws ``application`` (지원 취소) before a decision; returns it updated.

    Raises ``PermissionDenied`` unless ``by`` is the seeker's own account, and
    ``ValidationError`` when it was already withdrawn or decided (hired, rejected, …).
    Withdrawing counts as the seeker's activity (``last_activity_at``)."""
    application = _lock(application)
    if by is None or not by.is_authenticated or application.seeker.user_id != by.pk:
        raise PermissionDenied(_("본인의 지원서만 취소할 수 있습니다."))
    if application.status == S.WITHDRAWN:
        raise ValidationError(_("이미 취소한 지원입니다."), code="withdrawn")
    if not application.can_withdraw:
        raise ValidationError(_("결과가 이미 나온 지원은 취소할 수 없습니다."), code="decided")
    _record(application, S.WITHDRAWN, by)
    seeker_touch(profile=application.seeker)
    return application


def _clean_interview(application, status, interview_at, interview_place) -> tuple:
    """The interview date and place to store, or ``ValidationError`` keyed by field."""
    if status != S.INTERVIEW:
        return application.interview_at, application.interview_place
    errors = {}
    place = (interview_place or "").strip()
    if interview_at is None:
        errors["interview_at"] = _("면접 날짜와 시각을 입력해 주세요.")
    elif not isinstance(interview_at, datetime.datetime) or timezone.is_naive(interview_at):
        errors["interview_at"] = _("면접 날짜와 시각이 올바르지 않습니다.")
    elif interview_at <= timezone.now():
        errors["interview_at"] = _("면접 일시는 지금보다 뒤여야 합니다.")
    elif interview_at > timezone.now() + INTERVIEW_MAX_AHEAD:
        errors["interview_at"] = _("면접 일시는 1년 안이어야 합니다. 날짜를 확인해 주세요.")
    if not place:
        errors["interview_place"] = _("면접 장소를 적어 주세요. 전화 면접이면 '전화 면접'이라고 적어 주세요.")
    elif len(place) > INTERVIEW_PLACE_MAX:
        errors["interview_place"] = _("면접 장소는 %(n)d자 이내로 적어 주세요.") % {"n": INTERVIEW_PLACE_MAX}
    if errors:
        raise ValidationError(errors)
    if application.status == S.INTERVIEW and (interview_at, place) == (
        application.interview_at,
        application.interview_place,
    ):
        raise ValidationError(_("면접 일시와 장소가 그대로입니다. 바꿀 내용을 입력해 주세요."), code="unchanged")
    return interview_at, place


@transaction.atomic
def application_set_status(
    *,
    application: Application,
    status: str,
    by,
    interview_at: datetime.datetime | None = None,
    interview_place: str = "",
    note: str = "",
) -> Application:
    """An employer member sets ``application``'s status (:data:`EMPLOYER_TRANSITIONS`);
    returns it updated, with a history row written and the seeker told.

    ``interview_at`` (an aware datetime after now) and ``interview_place`` (≤ 200 chars) are
    required for ``interview`` and kept as they are for other statuses; ``note`` (≤ 300
    chars) is shown to the seeker with the change. A decided status (hired, rejected) on an
    application made by referral sets the :class:`~jobs.models.Referral`'s ``outcome_on``
    (today, KST) and ``outcome_by`` (``by``), so the desk shows when and by whom (the
    employer) the outcome was recorded. Raises ``PermissionDenied`` unless ``by``
    is a member of the posting's employer (centre and district staff are not), and
    ``ValidationError`` for an unknown status, ``withdrawn`` (only the seeker withdraws), a
    final status, a transition not allowed, or missing/invalid interview details."""
    application = _lock(application)
    if by is None or not is_employer_member(by, application):
        raise PermissionDenied(_("이 지원서를 처리할 권한이 없습니다."))
    if status not in S.values:
        raise ValidationError({"status": _("알 수 없는 상태입니다.")})
    if status == S.WITHDRAWN:
        raise ValidationError({"status": _("지원 취소는 구직자만 할 수 있습니다.")})
    if application.status == S.WITHDRAWN:
        raise ValidationError(_("구직자가 지원을 취소했습니다. 상태를 바꿀 수 없습니다."), code="withdrawn")
    if application.status in FINAL_STATUSES:
        raise ValidationError(_("결과가 이미 정해진 지원서는 상태를 바꿀 수 없습니다."), code="final")
    if application.seeker.erased_at is not None:
        raise ValidationError(_("탈퇴한 구직자의 지원서는 상태를 바꿀 수 없습니다."), code="erased")
    if status not in employer_next_statuses(application):
        raise ValidationError(
            {
                "status": _("'%(old)s'에서 '%(new)s'(으)로 바꿀 수 없습니다.")
                % {"old": _(S(application.status).label), "new": _(S(status).label)}
            }
        )
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": _("전할 말은 %(n)d자 이내로 적어 주세요.") % {"n": NOTE_MAX}})
    application.interview_at, application.interview_place = _clean_interview(
        application, status, interview_at, interview_place
    )
    change = _record(application, status, by, note=note)
    if status in DECIDED_STATUSES:
        Referral.objects.filter(application=application).update(outcome_on=today_kst(), outcome_by=by)
    notify_seeker_of_change(application=application, change=change)
    return application


@transaction.atomic
def application_mark_viewed(*, application: Application, by) -> bool:
    """Record that an employer member opened ``application``: ``submitted → viewed`` the
    first time (history row, seeker told), nothing afterwards. Returns True when it changed.

    Raises ``PermissionDenied`` unless ``by`` is a member of the posting's employer."""
    application = _lock(application)
    if by is None or not is_employer_member(by, application):
        raise PermissionDenied(_("이 지원서를 처리할 권한이 없습니다."))
    if application.status != S.SUBMITTED:
        return False
    change = _record(application, S.VIEWED, by)
    notify_seeker_of_change(application=application, change=change)
    return True


@transaction.atomic
def application_record_outcome(*, application: Application, status: str, by) -> Application:
    """Centre staff record the outcome of a referred application (the desk's referral
    outcome is the application's status, DESIGN.md "Lifecycles: Referral"): ``status`` is one
    of :data:`jobs.models.DECIDED_STATUSES` (hired, rejected = "not hired", no_show,
    declined). Returns the application updated, with a history row by ``by``. The seeker is
    not notified: staff record what they heard from the resident or the employer.

    Only status rules are checked here; who may record it (the resident in ``by``'s scope)
    is the caller's (:func:`jobs.services.desk.referrals.referral_outcome_record`). Raises
    ``PermissionDenied`` unless ``by`` is centre staff, ``ValidationError`` for another
    status (keyed ``outcome``), a withdrawn or already decided application (final statuses
    never change) or an erased seeker."""
    application = _lock(application)
    if by is None or not by.is_authenticated or not by.is_centre_staff:
        raise PermissionDenied(_("센터 직원만 알선 결과를 기록할 수 있습니다."))
    if status not in DECIDED_STATUSES:
        raise ValidationError({"outcome": _("알선 결과를 골라 주세요.")})
    if application.status == S.WITHDRAWN:
        raise ValidationError(_("구직자가 지원을 취소했습니다. 결과를 기록할 수 없습니다."), code="withdrawn")
    if application.status in FINAL_STATUSES:
        raise ValidationError(
            _("결과가 이미 '%(status)s'(으)로 정해졌습니다. 바꿀 수 없습니다.")
            % {"status": _(S(application.status).label)},
            code="final",
        )
    if application.seeker.erased_at is not None:
        raise ValidationError(_("삭제된 구직자 정보입니다."), code="erased")
    _record(application, status, by)
    return application
