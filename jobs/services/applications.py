"""Applying to a posting (issue 4 item 5) and saving postings (관심 공고).

Two services make applications:

* :func:`application_submit` is what every apply path shares (online, and the desk's
  referrals): the posting must be open (published and not past its deadline date in KST,
  even before the expiry task has run), entered here (not an imported listing), the seeker's
  record not erased, and the seeker must not have applied already (also a unique
  constraint). It records the revision shown, the message, the profile snapshot
  (:func:`.application_snapshot.profile_snapshot`) and the first history row, and tells the
  employer's members. The snapshot is filled only when the seeker's provision-to-employer
  consent is active (its row is kept in ``provision_consent``); without one nothing personal
  is provided (``profile_snapshot == {}``). With the consent, the seeker's résumé file is
  copied for the application (:mod:`.application_resume`): the employer downloads the file
  as it was sent, never a later one. Checking that the consent exists is the caller's job:
  a referral records the resident's (paper) consent first. Applying counts as the seeker's
  activity (``last_activity_at``, the retention period).
* :func:`application_apply` is the seeker applying online from the posting page: the
  posting must take online applications (``ApplyMethod.ONLINE``), and the provision consent
  is required (개인정보 보호법 §17): an active one, or one given now with the apply form's
  checkbox (``accounts.services.consent_give``, in the same transaction, so a refused
  application records no consent).

Status changes and withdrawal live in :mod:`.application_status`."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import ConsentPurpose
from accounts.models import SeekerProfile
from accounts.services import consent_active, consent_give
from accounts.services.activity import seeker_touch

from ..choices import ApplicationChannel, ApplicationStatus, ApplyMethod
from ..models import Application, ApplicationStatusChange, JobPosting, SavedPosting, today_kst
from .application_notices import notify_employer_of_application
from .application_resume import application_resume_attach
from .application_snapshot import profile_snapshot

#: Longest application message (the model's ``max_length``).
MESSAGE_MAX = 1000


def _refusal(*, seeker: SeekerProfile, posting: JobPosting) -> ValidationError | None:
    """Why ``seeker`` cannot apply to the (locked) ``posting`` now, or ``None``."""
    if not posting.is_open(today_kst()):
        return ValidationError(_("마감된 공고에는 지원할 수 없습니다."), code="posting_closed")
    if posting.is_external:
        return ValidationError(_("외부 공고는 원문 사이트에서 지원해 주세요."), code="external")
    if seeker.erased_at is not None:
        return ValidationError(_("삭제된 구직자 정보로는 지원할 수 없습니다."), code="erased")
    if seeker.user_id and posting.employer.memberships.filter(user_id=seeker.user_id).exists():
        # a member would decide on their own application and count their own hire
        return ValidationError(_("내가 소속된 기업의 공고에는 지원할 수 없습니다."), code="own_employer")
    earlier = Application.objects.filter(seeker=seeker, posting=posting).values_list("status", flat=True).first()
    if earlier == ApplicationStatus.WITHDRAWN:
        return ValidationError(_("지원을 취소한 공고에는 다시 지원할 수 없습니다."), code="duplicate")
    if earlier is not None:
        return ValidationError(_("이미 지원한 공고입니다."), code="duplicate")
    return None


def online_application_refusal(*, seeker: SeekerProfile, posting: JobPosting) -> ValidationError | None:
    """Why ``seeker`` cannot apply online to ``posting`` now (the ``ValidationError``
    :func:`application_apply` would raise, consent aside), or ``None`` when they can. The
    apply page asks this before showing its form."""
    refusal = _refusal(seeker=seeker, posting=posting)
    if refusal is None and ApplyMethod.ONLINE not in posting.apply_methods:
        refusal = ValidationError(
            _("이 공고는 온라인 지원을 받지 않습니다. 공고의 접수 방법(전화·방문·이메일)으로 지원해 주세요."),
            code="not_online",
        )
    return refusal


def _lock_posting(posting: JobPosting) -> JobPosting:
    return JobPosting.objects.select_for_update(of=("self",)).select_related("employer").get(pk=posting.pk)


@transaction.atomic
def application_submit(
    *,
    seeker: SeekerProfile,
    posting: JobPosting,
    channel: str = ApplicationChannel.ONLINE,
    message: str = "",
    share_declared_groups: bool = False,
    by=None,
) -> Application:
    """Record ``seeker``'s application to ``posting`` with the revision shown now; returns
    the new :class:`Application` (status ``submitted``).

    ``message`` (≤ 1,000 characters) is the seeker's note to the employer;
    ``share_declared_groups`` asks to include the declared priority groups in the snapshot
    (only with the sensitive-data consent; see :func:`profile_snapshot`); ``by`` is the
    account that acted (default: the seeker's own), kept on the first history row. With the
    provision consent, the résumé file is copied for the application
    (:func:`.application_resume.application_resume_attach`; ``resume``, ``resume_name``,
    ``resume_format``). Sets the seeker's ``last_activity_at`` to now.

    Raises ``ValidationError`` when the posting is not open (not published, or past its
    deadline date in KST even before the expiry task has run), is an imported listing, the
    seeker's record was erased, the seeker already applied (or withdrew from it), or the
    message is too long (keyed ``message``).
    """
    posting = _lock_posting(posting)
    refusal = _refusal(seeker=seeker, posting=posting)
    if refusal is not None:
        raise refusal
    message = message or ""
    if len(message) > MESSAGE_MAX:
        raise ValidationError({"message": _("지원 메시지는 %(n)d자 이내로 적어 주세요.") % {"n": MESSAGE_MAX}})
    consent = consent_active(person=seeker, purpose=ConsentPurpose.PROVISION)
    snapshot = profile_snapshot(seeker, share_declared_groups=share_declared_groups) if consent else {}
    try:
        with transaction.atomic():
            application = Application.objects.create(
                posting=posting,
                revision=posting.current_revision,
                seeker=seeker,
                channel=channel,
                message=message,
                profile_snapshot=snapshot,
                provision_consent=consent,
                status_changed_at=timezone.now(),
            )
    except IntegrityError as exc:
        raise ValidationError(_("이미 지원한 공고입니다."), code="duplicate") from exc
    if by is None:
        by = seeker.user
    ApplicationStatusChange.objects.create(
        application=application,
        from_status="",
        to_status=ApplicationStatus.SUBMITTED,
        changed_by=by if by is not None and by.is_authenticated else None,
    )
    notify_employer_of_application(application=application)
    seeker_touch(profile=seeker)
    if consent is not None:
        application_resume_attach(application=application, seeker=seeker)  # last: nothing after it can fail
    return application


@transaction.atomic
def application_apply(
    *,
    seeker: SeekerProfile,
    posting: JobPosting,
    by,
    message: str = "",
    share_declared_groups: bool = False,
    give_provision_consent: bool = False,
) -> Application:
    """The seeker applies online from the posting page; returns the new application.

    ``by`` must be the seeker's own account. The provision-to-employer consent is required:
    when none is active, ``give_provision_consent=True`` (the ticked checkbox under
    ``CONSENT_TEXTS["provision"]``) gives it now through ``consent_give``; otherwise raises
    ``ValidationError`` keyed ``provision_consent``. Also raises ``ValidationError`` for
    everything :func:`application_submit` refuses (checked first, so a closed posting says
    so before asking for consent) and for a posting that does not take online applications,
    and ``PermissionDenied`` when ``by`` is not the seeker.
    """
    if by is None or not by.is_authenticated or seeker.user_id != by.pk:
        raise PermissionDenied(_("본인만 지원할 수 있습니다."))
    locked = _lock_posting(posting)
    refusal = online_application_refusal(seeker=seeker, posting=locked)
    if refusal is not None:
        raise refusal
    if consent_active(person=seeker, purpose=ConsentPurpose.PROVISION) is None:
        if not give_provision_consent:
            raise ValidationError(
                {
                    "provision_consent": ValidationError(
                        _("지원하려면 기업에 개인정보를 제공하는 데 동의해 주세요."), code="consent_required"
                    )
                }
            )
        consent_give(person=seeker, purpose=ConsentPurpose.PROVISION)
    return application_submit(
        seeker=seeker,
        posting=locked,
        channel=ApplicationChannel.ONLINE,
        message=message,
        share_declared_groups=share_declared_groups,
        by=by,
    )


@transaction.atomic
def saved_posting_toggle(*, seeker: SeekerProfile, posting: JobPosting) -> bool:
    """Save ``posting`` to ``seeker``'s 관심 공고, or remove it when already saved. Returns
    True when it is saved now, False when it was removed.

    Only postings the public may see can be saved (removing always works); raises
    ``ValidationError`` otherwise, and for an erased seeker."""
    if seeker.erased_at is not None:
        raise ValidationError(_("삭제된 구직자 정보입니다."), code="erased")
    deleted, _rows = SavedPosting.objects.filter(seeker=seeker, posting=posting).delete()
    if deleted:
        return False
    if not JobPosting.objects.public().filter(pk=posting.pk).exists():
        raise ValidationError(_("공개되지 않은 공고는 저장할 수 없습니다."), code="not_public")
    SavedPosting.objects.get_or_create(seeker=seeker, posting=posting)
    return True
