"""The decisions of district staff on submitted postings and pending revisions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ...choices import PostingEventKind, PostingStatus, RevisionStatus
from ...models import JobPosting, JobPostingRevision, today_kst
from ..revisions import apply_snapshot
from .common import (
    _event,
    _go_live,
    _lock,
    _require_district,
    _require_publishable,
    _require_status,
    _require_verified_employer,
    _screen,
)


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
