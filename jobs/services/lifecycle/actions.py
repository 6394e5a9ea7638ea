"""What employer members and centre staff do with their postings: create, edit, ask for
review (and take the request back), publish a phone or paper entry directly, close, mark
filled and copy."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from employers.models import Employer

from ...choices import EntryChannel, PostingEventKind, PostingStatus, RevisionStatus
from ...matching.run import schedule_match
from ...models import JobPosting, JobPostingRevision, today_kst
from ..revisions import EDITABLE_FIELDS, apply_snapshot, snapshot
from .common import (
    EDITABLE_STATUSES,
    STAFF_ENTRY_CHANNELS,
    _event,
    _go_live,
    _lock,
    _new_revision,
    _require_manager,
    _require_publishable,
    _require_status,
    _require_verified_employer,
    _screen,
    _validate_content,
)


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
      anyone else's edit becomes a new pending revision (an earlier pending one is withdrawn,
      never changed in place, so a reviewer cannot approve text they did not see) and
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
        schedule_match(posting)  # the new conditions may fit more seekers (those told are not told again)
        return posting
    # a pending revision is never changed in place: a reviewer may have it open, and approving
    # must apply exactly what was shown. The earlier one is withdrawn and a new one waits.
    posting.revisions.filter(status=RevisionStatus.PENDING).update(status=RevisionStatus.WITHDRAWN)
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


def _withdraw_pending(posting: JobPosting) -> None:
    """Withdraw the revision waiting for review of a posting that has just stopped being open."""
    posting.revisions.filter(status=RevisionStatus.PENDING).update(status=RevisionStatus.WITHDRAWN)


@transaction.atomic
def posting_close(*, posting: JobPosting, by) -> JobPosting:
    """Close a published posting early (→ ``closed``): it leaves every list at once, and an
    edit waiting for review is withdrawn. A posting already past its deadline is refused: it
    has expired (the expiry task records that), and closing would rewrite its history."""
    posting = _lock(posting)
    _require_manager(posting, by)
    _require_status(posting, (PostingStatus.PUBLISHED,), _("게시 중인 공고만 마감할 수 있습니다."))
    if not posting.is_open():
        raise ValidationError(_("마감일이 지나 이미 마감된 공고입니다."), code="already_expired")
    posting.status = PostingStatus.CLOSED
    posting.closed_at = timezone.now()
    posting.save()
    _withdraw_pending(posting)
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
    _withdraw_pending(posting)
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
