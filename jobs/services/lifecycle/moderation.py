"""The decisions of district staff on submitted postings and pending revisions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from namdong_jobs.text import tidy_text

from ...choices import PostingEventKind, PostingStatus, RevisionStatus
from ...matching.run import schedule_match
from ...models import JobPosting, JobPostingRevision, today_kst
from ..revisions import apply_snapshot, content_fingerprint
from .common import (
    _event,
    _go_live,
    _lock,
    _new_revision,
    _require_district,
    _require_publishable,
    _require_status,
    _require_verified_employer,
    _screen,
)


def _require_flags_checked(flags: list, flags_checked: bool) -> None:
    if flags and not flags_checked:
        raise ValidationError(
            _(
                "채용 관련 법령에 어긋날 수 있는 표현 %(n)d곳을 확인했다고 표시해야 승인할 수 있습니다. "
                "문제가 있으면 반려해 주세요."
            )
            % {"n": len(flags)},
            code="flags_unchecked",
        )


@transaction.atomic
def posting_approve(*, posting: JobPosting, by, seen: str | None = None, flags_checked: bool = False) -> JobPosting:
    """Approve a submitted posting (→ ``published``; date_posted becomes today).

    ``seen`` is the :func:`~jobs.services.revisions.content_fingerprint` of the posting as the
    review page showed it: when given and the posting has changed since (the employer withdrew,
    edited and resubmitted), the approval is refused. A posting whose text has hiring-law flags
    needs ``flags_checked=True`` (the reviewer ticked that they read them). Also refused until
    the employer is verified, and when the posting is no longer publishable (deadline passed,
    wage below the minimum wage in force today)."""
    _require_district(by)
    posting = _lock(posting)
    _require_status(posting, (PostingStatus.SUBMITTED,), _("검토 중인 공고만 승인할 수 있습니다."))
    if seen is not None and seen != content_fingerprint(posting):
        raise ValidationError(
            _("검토 화면을 연 뒤 공고 내용이 바뀌었습니다. 바뀐 내용을 다시 확인한 뒤 승인해 주세요."), code="stale"
        )
    _require_verified_employer(posting.employer)
    _require_publishable(posting, today=today_kst())
    _require_flags_checked(_screen(posting), flags_checked)
    return _go_live(posting, by, kind=PostingEventKind.APPROVED, from_status=PostingStatus.SUBMITTED)


@transaction.atomic
def posting_reject(*, posting: JobPosting, by, reason: str) -> JobPosting:
    """Reject a submitted posting with a reason (→ ``rejected``, editable again). The text that
    was refused is kept as a rejected revision, which the decision's event points to."""
    _require_district(by)
    reason = tidy_text(reason)  # a reason of only zero-width characters is no reason
    if not reason:
        raise ValidationError({"reason": _("반려 사유를 적어 주세요.")})
    posting = _lock(posting)
    _require_status(posting, (PostingStatus.SUBMITTED,), _("검토 중인 공고만 반려할 수 있습니다."))
    posting.status = PostingStatus.REJECTED
    posting.rejection_reason = reason
    posting.save()
    revision = _new_revision(posting, by, status=RevisionStatus.REJECTED, reason=reason)
    _event(
        posting, PostingEventKind.REJECTED, by, from_status=PostingStatus.SUBMITTED, revision=revision, reason=reason
    )
    return posting


@transaction.atomic
def employer_reject_closing_postings(*, employer, by, reason: str) -> int:
    """Reject an employer's registration (``employers.services.employer_reject``: district
    staff only, a reason required) and, when it was verified until now (a revoked
    verification, e.g. 폐업), close its published postings at once with the reason recorded,
    so none stays in a list, feed or apply path. Returns the number of postings closed."""
    from employers.models import Employer
    from employers.services import employer_reject

    was_verified = employer.verification_status == Employer.Verification.VERIFIED
    employer_reject(employer=employer, by=by, reason=reason)
    if not was_verified:
        return 0
    note = _("기업 확인 취소: %(reason)s") % {"reason": tidy_text(reason)}
    closed = 0
    for posting in JobPosting.objects.select_for_update().filter(employer=employer, status=PostingStatus.PUBLISHED):
        posting.status = PostingStatus.CLOSED
        posting.closed_at = timezone.now()
        posting.save(update_fields=["status", "closed_at", "updated_at"])
        _event(
            posting,
            PostingEventKind.CLOSED,
            by,
            from_status=PostingStatus.PUBLISHED,
            revision=posting.current_revision,
            reason=note,
        )
        closed += 1
    return closed


@transaction.atomic
def revision_approve(*, revision: JobPostingRevision, by, flags_checked: bool = False) -> JobPosting:
    """Approve a pending revision: its values replace the live posting's, and it becomes the
    current revision. A revision is never changed after it is made (a later edit withdraws it
    and makes a new one), so what the reviewer saw is what goes live; one with hiring-law flags
    needs ``flags_checked=True``. Refused when the revision was withdrawn, when the posting is
    no longer open (the revision then stays pending until it is rejected) or the values are no
    longer valid."""
    _require_district(by)
    posting = _lock(revision.posting)
    revision = JobPostingRevision.objects.select_for_update().get(pk=revision.pk)
    if posting.status != PostingStatus.PUBLISHED or not posting.is_open():
        raise ValidationError(_("공고가 이미 마감되어 수정본을 반영할 수 없습니다."), code="invalid_status")
    if revision.status == RevisionStatus.WITHDRAWN:
        raise ValidationError(
            _("기업이 이 수정본을 다시 고쳐 새 수정본이 올라왔습니다. 대기 목록에서 새 수정본을 확인해 주세요."),
            code="stale",
        )
    if revision.status != RevisionStatus.PENDING:
        raise ValidationError(_("검토 중인 수정본만 승인할 수 있습니다."), code="invalid_status")
    _require_verified_employer(posting.employer)
    apply_snapshot(posting, revision.data)
    _require_publishable(posting, today=today_kst())
    posting.law_flags = _screen(posting)
    _require_flags_checked(posting.law_flags, flags_checked)
    posting.current_revision = revision
    posting.save()
    revision.status = RevisionStatus.APPROVED
    revision.decided_by = by
    revision.decided_at = timezone.now()
    revision.save(update_fields=["status", "decided_by", "decided_at"])
    _event(posting, PostingEventKind.REVISION_APPROVED, by, from_status=posting.status, revision=revision)
    schedule_match(posting)  # the new conditions may fit more seekers (those told are not told again)
    return posting


@transaction.atomic
def revision_reject(*, revision: JobPostingRevision, by, reason: str) -> JobPostingRevision:
    """Reject a pending revision with a reason; the live posting stays as it was."""
    _require_district(by)
    reason = tidy_text(reason)  # a reason of only zero-width characters is no reason
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
