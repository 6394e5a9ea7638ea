"""The posting lifecycle (DESIGN.md "Lifecycles"):

``draft → submitted → published → closed | filled | expired``; ``rejected`` (with a reason)
is editable again and can be resubmitted. Editing a published posting creates a pending
revision while the approved one stays live; district staff edits go live at once. Postings
that centre staff entered from a phone call or paper form may be published directly by staff.
Every transition writes a :class:`~jobs.models.PostingEvent` (who, when, revision, reason).

Every function here takes keyword-only arguments, runs in a transaction with the posting
row locked, and raises:

* ``django.core.exceptions.PermissionDenied`` when ``by`` may not do it;
* ``django.core.exceptions.ValidationError`` (Korean messages, keyed by field where there is
  one) when the posting's state or content does not allow it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from employers.models import Employer

from ..choices import ApplyMethod, EntryChannel, PostingEventKind, PostingStatus, RevisionStatus, WageType
from ..models import JobPosting, JobPostingRevision, PostingEvent, today_kst
from ..rules import check_minimum_wage, hiring_law_flags
from .revisions import EDITABLE_FIELDS, apply_snapshot, snapshot

EDITABLE_STATUSES = (PostingStatus.DRAFT, PostingStatus.REJECTED)
STAFF_ENTRY_CHANNELS = (EntryChannel.PHONE, EntryChannel.PAPER)


# ---- helpers --------------------------------------------------------------------------------


def _lock(posting: JobPosting) -> JobPosting:
    """Re-read ``posting`` with its row locked (``SELECT … FOR UPDATE``)."""
    return JobPosting.objects.select_for_update().select_related("employer").get(pk=posting.pk)


def _require_manager(posting: JobPosting, by) -> None:
    if not JobPosting.objects.manageable_by(by).filter(pk=posting.pk).exists():
        raise PermissionDenied(_("이 공고를 관리할 권한이 없습니다."))


def _require_district(by) -> None:
    if not (by.is_authenticated and by.is_district_staff):
        raise PermissionDenied(_("구청 일자리센터 직원만 할 수 있습니다."))


def _require_status(posting: JobPosting, allowed, message: str) -> None:
    if posting.status not in allowed:
        raise ValidationError(message, code="invalid_status")


def _event(posting, kind, by, *, from_status="", revision=None, reason="") -> PostingEvent:
    return PostingEvent.objects.create(
        posting=posting,
        kind=kind,
        actor=by if by is not None and by.is_authenticated else None,
        from_status=from_status,
        to_status=posting.status,
        revision=revision,
        reason=reason,
    )


def _screen(posting: JobPosting) -> list[dict]:
    return hiring_law_flags(
        {name: getattr(posting, name) for name in ("title", "description", "preferred_qualifications")}
    )


def _validate_content(posting: JobPosting, *, on=None) -> None:
    """Model validation plus the minimum wage in force on ``on`` (default today, KST).
    Raises ``ValidationError`` with every problem keyed by field."""
    errors: dict[str, list] = {}
    try:
        posting.full_clean(exclude=["employer", "created_by", "published_by", "centre", "current_revision"])
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if posting.wage_type == WageType.WEEK:
        errors.setdefault("wage_type", []).append(_("임금형태는 시급·일급·월급·연봉 중에서 골라 주세요."))
    if not errors.get("wage_min") and not errors.get("wage_type"):
        try:
            check_minimum_wage(posting, on=on or today_kst())
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        except ValueError:
            # daily hours ≤ 0 cannot be converted; the model's check constraint has reported them
            if not errors:
                raise
    if errors:
        raise ValidationError(errors)


def publication_errors(posting: JobPosting, *, today=None) -> dict[str, list[str]]:
    """What a posting still lacks before it can be submitted or published: field name →
    Korean messages (empty dict when ready). Checks the fields a seeker needs (title, KECO
    occupation, description, openings, employment type, a wage, the workplace, at least one
    way to apply with its contact) and that the deadline has not passed (``today``, KST)."""
    today = today or today_kst()
    errors: dict[str, list[str]] = {}

    def need(field, message):
        errors.setdefault(field, []).append(message)

    if not posting.title.strip():
        need("title", _("제목을 입력해 주세요."))
    if posting.occupation_id is None:
        need("occupation", _("직종(KECO 소분류)을 골라 주세요."))
    if not posting.description.strip():
        need("description", _("하는 일을 적어 주세요."))
    if not posting.openings:
        need("openings", _("모집인원을 적어 주세요."))
    if not posting.employment_type:
        need("employment_type", _("고용형태를 골라 주세요."))
    if not posting.wage_type or (posting.wage_min is None and posting.wage_max is None):
        need("wage_min", _("임금형태와 금액을 적어 주세요."))
    if posting.dong_id is None and not posting.address.strip():
        need("address", _("근무지 주소나 행정동을 적어 주세요."))
    if not posting.apply_methods:
        need("apply_methods", _("접수 방법을 하나 이상 골라 주세요."))
    if ApplyMethod.PHONE in posting.apply_methods and not (posting.contact_phone or posting.employer.phone):
        need("contact_phone", _("전화 접수를 하려면 문의 전화를 적어 주세요."))
    if ApplyMethod.EMAIL in posting.apply_methods and not posting.contact_email:
        need("contact_email", _("이메일 접수를 하려면 문의 이메일을 적어 주세요."))
    if posting.deadline is not None and posting.deadline < today:
        need("deadline", _("마감일이 이미 지났습니다. 오늘 이후 날짜로 고치거나 '채용 시까지'로 해 주세요."))
    return errors


def _require_publishable(posting: JobPosting, *, today) -> None:
    errors = publication_errors(posting, today=today)
    if errors:
        raise ValidationError(errors)
    _validate_content(posting, on=today)


def _require_verified_employer(employer: Employer) -> None:
    if employer.verification_status != Employer.Verification.VERIFIED:
        raise ValidationError(
            _("기업 확인이 끝나지 않아 게시할 수 없습니다. 구청 일자리센터가 사업자 정보를 확인한 뒤 게시됩니다."),
            code="employer_unverified",
        )


def _new_revision(posting: JobPosting, by, *, status, data=None, flags=None) -> JobPostingRevision:
    last = posting.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    return JobPostingRevision.objects.create(
        posting=posting,
        number=last + 1,
        data=data if data is not None else snapshot(posting),
        status=status,
        law_flags=flags if flags is not None else posting.law_flags,
        created_by=by,
        decided_by=by if status == RevisionStatus.APPROVED else None,
        decided_at=timezone.now() if status == RevisionStatus.APPROVED else None,
    )


def _go_live(posting: JobPosting, by, *, kind, from_status) -> JobPosting:
    """Publish ``posting`` as it is now: date_posted today, an approved revision, events."""
    now = timezone.now()
    posting.status = PostingStatus.PUBLISHED
    posting.date_posted = today_kst()
    posting.published_at = now
    posting.published_by = by
    posting.rejection_reason = ""
    posting.save()
    revision = _new_revision(posting, by, status=RevisionStatus.APPROVED)
    posting.current_revision = revision
    posting.save(update_fields=["current_revision", "updated_at"])
    _event(posting, kind, by, from_status=from_status, revision=revision)
    return posting


# ---- employer and staff actions -------------------------------------------------------------


@transaction.atomic
def posting_create(*, employer: Employer, by, fields: dict, entry_channel: str = EntryChannel.EMPLOYER) -> JobPosting:
    """Create a draft posting for ``employer`` from ``fields`` (editable field name → value,
    see ``revisions.EDITABLE_FIELDS``; model instances for ``occupation``/``dong``).

    ``by`` must be a member of ``employer`` (``entry_channel`` ``employer``) or centre staff
    entering a posting taken by phone or on paper (``phone``/``paper``; the posting is then
    tied to the staff member's centre). The wage is checked against today's minimum wage and
    the text screened for hiring-law flags (stored on the posting, not refused).
    """
    centre = None
    if entry_channel in STAFF_ENTRY_CHANNELS:
        if not (by.is_authenticated and by.is_centre_staff):
            raise PermissionDenied(_("센터 직원만 전화·서면 접수 공고를 입력할 수 있습니다."))
        if employer.is_external:
            raise ValidationError(_("외부에서 가져온 기업에는 공고를 입력할 수 없습니다."))
        centre = by.staff_centre
    elif entry_channel == EntryChannel.EMPLOYER:
        if not Employer.objects.with_member(by).filter(pk=employer.pk).exists():
            raise PermissionDenied(_("이 기업의 담당자가 아닙니다."))
    else:
        raise ValidationError(_("알 수 없는 접수 경로입니다."))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    posting = JobPosting(
        employer=employer,
        created_by=by,
        entry_channel=entry_channel,
        centre=centre,
        status=PostingStatus.DRAFT,
        **fields,
    )
    _validate_content(posting)
    posting.law_flags = _screen(posting)
    posting.save()
    _event(posting, PostingEventKind.CREATED, by)
    return posting


@transaction.atomic
def posting_update(*, posting: JobPosting, by, fields: dict) -> JobPosting | JobPostingRevision:
    """Apply an edit (``fields`` as in :func:`posting_create`).

    * draft or rejected: changed in place (a rejected posting stays rejected until resubmitted);
    * published and open: district staff edits go live at once (a new approved revision);
      anyone else's edit becomes the pending revision (replacing an earlier pending one) and
      the live posting does not change until it is approved — the revision is returned;
    * submitted: refused (withdraw the request first); closed, filled, expired: refused.
    """
    posting = _lock(posting)
    _require_manager(posting, by)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if posting.status in EDITABLE_STATUSES:
        for name, value in fields.items():
            setattr(posting, name, value)
        _validate_content(posting)
        posting.law_flags = _screen(posting)
        posting.save()
        return posting
    if posting.status == PostingStatus.SUBMITTED:
        raise ValidationError(
            _("검토 중인 공고는 고칠 수 없습니다. 검토 요청을 취소한 뒤 고쳐 주세요."), code="invalid_status"
        )
    if posting.status != PostingStatus.PUBLISHED or not posting.is_open():
        raise ValidationError(
            _("마감된 공고는 고칠 수 없습니다. 복사해서 새 공고로 올려 주세요."), code="invalid_status"
        )

    candidate = JobPosting.objects.select_related("employer").get(pk=posting.pk)
    for name, value in fields.items():
        setattr(candidate, name, value)
    _require_publishable(candidate, today=today_kst())
    flags = _screen(candidate)
    if by.is_district_staff:
        for name, value in fields.items():
            setattr(posting, name, value)
        posting.law_flags = flags
        posting.save()
        posting.revisions.filter(status=RevisionStatus.PENDING).update(status=RevisionStatus.WITHDRAWN)
        revision = _new_revision(posting, by, status=RevisionStatus.APPROVED)
        posting.current_revision = revision
        posting.save(update_fields=["current_revision", "updated_at"])
        _event(posting, PostingEventKind.STAFF_EDIT, by, from_status=posting.status, revision=revision)
        return posting
    pending = posting.revisions.filter(status=RevisionStatus.PENDING).first()
    if pending is not None:
        pending.data = snapshot(candidate)
        pending.law_flags = flags
        pending.created_by = by
        pending.save(update_fields=["data", "law_flags", "created_by"])
        revision = pending
    else:
        revision = _new_revision(posting, by, status=RevisionStatus.PENDING, data=snapshot(candidate), flags=flags)
    _event(posting, PostingEventKind.REVISION_SUBMITTED, by, from_status=posting.status, revision=revision)
    return revision


@transaction.atomic
def posting_submit(*, posting: JobPosting, by) -> JobPosting:
    """Ask district staff to review a draft or rejected posting (→ ``submitted``). Refused
    with every missing field when :func:`publication_errors` finds any, or when the wage is
    below today's minimum wage. The employer need not be verified yet to submit; approval
    waits for verification."""
    posting = _lock(posting)
    _require_manager(posting, by)
    _require_status(posting, EDITABLE_STATUSES, _("작성 중이거나 반려된 공고만 검토를 요청할 수 있습니다."))
    _require_publishable(posting, today=today_kst())
    from_status = posting.status
    posting.law_flags = _screen(posting)
    posting.status = PostingStatus.SUBMITTED
    posting.submitted_at = timezone.now()
    posting.save()
    _event(posting, PostingEventKind.SUBMITTED, by, from_status=from_status)
    return posting


@transaction.atomic
def posting_withdraw(*, posting: JobPosting, by) -> JobPosting:
    """Take back a review request (``submitted`` → ``draft``) so the posting can be edited."""
    posting = _lock(posting)
    _require_manager(posting, by)
    _require_status(posting, (PostingStatus.SUBMITTED,), _("검토 중인 공고만 요청을 취소할 수 있습니다."))
    posting.status = PostingStatus.DRAFT
    posting.submitted_at = None
    posting.save()
    _event(posting, PostingEventKind.WITHDRAWN, by, from_status=PostingStatus.SUBMITTED)
    return posting


@transaction.atomic
def posting_publish_direct(*, posting: JobPosting, by) -> JobPosting:
    """Staff publish a posting they entered from a phone call or paper form without review
    (draft → published), recording who and when. Refused when the posting was entered by an
    employer, when it was rejected (district staff decided; it goes back through review with
    :func:`posting_submit`), when the employer is not verified, or when its text has
    hiring-law flags (those go to review too)."""
    posting = _lock(posting)
    if not (by.is_authenticated and by.is_centre_staff):
        raise PermissionDenied(_("센터 직원만 바로 게시할 수 있습니다."))
    _require_manager(posting, by)
    if posting.entry_channel not in STAFF_ENTRY_CHANNELS:
        raise ValidationError(_("기업이 직접 작성한 공고는 검토를 거쳐 게시됩니다."), code="not_staff_entry")
    if posting.status == PostingStatus.REJECTED:
        raise ValidationError(
            _("반려된 공고는 고친 뒤 검토를 다시 요청해 주세요. 바로 게시할 수 없습니다."), code="invalid_status"
        )
    _require_status(posting, (PostingStatus.DRAFT,), _("작성 중인 공고만 바로 게시할 수 있습니다."))
    _require_verified_employer(posting.employer)
    _require_publishable(posting, today=today_kst())
    posting.law_flags = _screen(posting)
    if posting.law_flags:
        raise ValidationError(
            _("채용 관련 법령에 어긋날 수 있는 표현이 있어 바로 게시할 수 없습니다. 고치거나 검토를 요청해 주세요."),
            code="law_flags",
        )
    return _go_live(posting, by, kind=PostingEventKind.PUBLISHED_DIRECT, from_status=posting.status)


@transaction.atomic
def posting_close(*, posting: JobPosting, by) -> JobPosting:
    """Close a published posting early (→ ``closed``): it leaves every list at once."""
    posting = _lock(posting)
    _require_manager(posting, by)
    _require_status(posting, (PostingStatus.PUBLISHED,), _("게시 중인 공고만 마감할 수 있습니다."))
    posting.status = PostingStatus.CLOSED
    posting.closed_at = timezone.now()
    posting.save()
    _event(posting, PostingEventKind.CLOSED, by, from_status=PostingStatus.PUBLISHED, revision=posting.current_revision)
    return posting


@transaction.atomic
def posting_mark_filled(*, posting: JobPosting, by) -> JobPosting:
    """Record that the vacancies are filled (published, closed or expired → ``filled``)."""
    posting = _lock(posting)
    _require_manager(posting, by)
    _require_status(
        posting,
        (PostingStatus.PUBLISHED, PostingStatus.CLOSED, PostingStatus.EXPIRED),
        _("게시했던 공고만 채용 완료로 표시할 수 있습니다."),
    )
    from_status = posting.status
    posting.status = PostingStatus.FILLED
    posting.closed_at = posting.closed_at or timezone.now()
    posting.save()
    _event(posting, PostingEventKind.FILLED, by, from_status=from_status, revision=posting.current_revision)
    return posting


@transaction.atomic
def posting_duplicate(*, posting: JobPosting, by) -> JobPosting:
    """A new draft with the same editable fields (a past deadline is cleared) for the same
    employer; the original is unchanged. The copy keeps a phone/paper entry channel and its
    centre only when ``by`` is staff of that centre (or district staff), so an employer's copy
    of a staff-entered posting goes through review like any employer posting. Returns the new
    draft."""
    posting = _lock(posting)
    _require_manager(posting, by)
    data = snapshot(posting)
    staff_copy = posting.entry_channel in STAFF_ENTRY_CHANNELS and (
        by.is_district_staff or (posting.centre_id is not None and by.staff_centre == posting.centre)
    )
    copy = JobPosting(
        employer=posting.employer,
        created_by=by,
        entry_channel=posting.entry_channel if staff_copy else EntryChannel.EMPLOYER,
        centre=posting.centre if staff_copy else None,
        status=PostingStatus.DRAFT,
    )
    apply_snapshot(copy, data)
    if copy.deadline is not None and copy.deadline < today_kst():
        copy.deadline = None
    copy.law_flags = _screen(copy)
    copy.save()
    _event(copy, PostingEventKind.CREATED, by, reason=_("공고 %(number)d번을 복사") % {"number": posting.pk})
    return copy


# ---- moderation (district staff) ------------------------------------------------------------


@transaction.atomic
def posting_approve(*, posting: JobPosting, by) -> JobPosting:
    """Approve a submitted posting (→ ``published``; date_posted becomes today). Refused
    until the employer is verified, and when the posting is no longer publishable (deadline
    passed, wage below the minimum wage in force today)."""
    _require_district(by)
    posting = _lock(posting)
    _require_status(posting, (PostingStatus.SUBMITTED,), _("검토 중인 공고만 승인할 수 있습니다."))
    _require_verified_employer(posting.employer)
    _require_publishable(posting, today=today_kst())
    return _go_live(posting, by, kind=PostingEventKind.APPROVED, from_status=PostingStatus.SUBMITTED)


@transaction.atomic
def posting_reject(*, posting: JobPosting, by, reason: str) -> JobPosting:
    """Reject a submitted posting with a reason (→ ``rejected``, editable again)."""
    _require_district(by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("반려 사유를 적어 주세요.")})
    posting = _lock(posting)
    _require_status(posting, (PostingStatus.SUBMITTED,), _("검토 중인 공고만 반려할 수 있습니다."))
    posting.status = PostingStatus.REJECTED
    posting.rejection_reason = reason
    posting.save()
    _event(posting, PostingEventKind.REJECTED, by, from_status=PostingStatus.SUBMITTED, reason=reason)
    return posting


@transaction.atomic
def revision_approve(*, revision: JobPostingRevision, by) -> JobPosting:
    """Approve a pending revision: its values replace the live posting's, and it becomes the
    current revision. Refused when the posting is no longer open (the revision then stays
    pending until it is rejected) or the values are no longer valid."""
    _require_district(by)
    posting = _lock(revision.posting)
    revision = JobPostingRevision.objects.select_for_update().get(pk=revision.pk)
    if revision.status != RevisionStatus.PENDING:
        raise ValidationError(_("검토 중인 수정본만 승인할 수 있습니다."), code="invalid_status")
    if posting.status != PostingStatus.PUBLISHED or not posting.is_open():
        raise ValidationError(_("공고가 이미 마감되어 수정본을 반영할 수 없습니다."), code="invalid_status")
    _require_verified_employer(posting.employer)
    apply_snapshot(posting, revision.data)
    _require_publishable(posting, today=today_kst())
    posting.law_flags = _screen(posting)
    posting.current_revision = revision
    posting.save()
    revision.status = RevisionStatus.APPROVED
    revision.decided_by = by
    revision.decided_at = timezone.now()
    revision.save(update_fields=["status", "decided_by", "decided_at"])
    _event(posting, PostingEventKind.REVISION_APPROVED, by, from_status=posting.status, revision=revision)
    return posting


@transaction.atomic
def revision_reject(*, revision: JobPostingRevision, by, reason: str) -> JobPostingRevision:
    """Reject a pending revision with a reason; the live posting stays as it was."""
    _require_district(by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("반려 사유를 적어 주세요.")})
    revision = JobPostingRevision.objects.select_for_update().select_related("posting").get(pk=revision.pk)
    if revision.status != RevisionStatus.PENDING:
        raise ValidationError(_("검토 중인 수정본만 반려할 수 있습니다."), code="invalid_status")
    revision.status = RevisionStatus.REJECTED
    revision.reason = reason
    revision.decided_by = by
    revision.decided_at = timezone.now()
    revision.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    posting = revision.posting
    _event(
        posting, PostingEventKind.REVISION_REJECTED, by, from_status=posting.status, revision=revision, reason=reason
    )
    return revision
