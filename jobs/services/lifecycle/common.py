"""What the lifecycle services share: the statuses that can be edited, locking, permission
and state checks, content validation, the record of events and revisions, and going live."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from employers.models import Employer

from ...choices import ApplyMethod, EntryChannel, PostingStatus, RevisionStatus, WageType
from ...matching.run import schedule_match
from ...models import JobPosting, JobPostingRevision, PostingEvent, today_kst
from ...rules import check_minimum_wage, hiring_law_flags
from ...rules.plausibility import implausible_values
from ..revisions import snapshot

EDITABLE_STATUSES = (PostingStatus.DRAFT, PostingStatus.REJECTED)
STAFF_ENTRY_CHANNELS = (EntryChannel.PHONE, EntryChannel.PAPER)


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
    way to apply with its contact), that the deadline has not passed (``today``, KST) and
    that the figures are plausible (``jobs.rules.plausibility``)."""
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
    # plausibility (jobs.rules.plausibility): an hourly wage over 1,000,000 KRW, a maximum over
    # 10× the minimum, a deadline more than a year ahead — also for drafts saved before the
    # form checked them, or saved without the form
    values = {name: getattr(posting, name) for name in ("wage_type", "wage_min", "wage_max", "daily_hours")}
    values["deadline"] = posting.deadline
    values["hours_per_week"] = posting.hours_per_week
    for field, message in implausible_values(values, today=today).items():
        need(field, message)
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


def _new_revision(posting: JobPosting, by, *, status, data=None, flags=None, reason="") -> JobPostingRevision:
    """The next revision of ``posting`` (its fields now, or ``data``); an approved or rejected
    one is decided by ``by`` at once (a rejected one keeps the text that was refused)."""
    last = posting.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    decided = status in (RevisionStatus.APPROVED, RevisionStatus.REJECTED)
    return JobPostingRevision.objects.create(
        posting=posting,
        number=last + 1,
        data=data if data is not None else snapshot(posting),
        status=status,
        law_flags=flags if flags is not None else posting.law_flags,
        created_by=by,
        decided_by=by if decided else None,
        decided_at=timezone.now() if decided else None,
        reason=reason,
    )


def _go_live(posting: JobPosting, by, *, kind, from_status) -> JobPosting:
    """Publish ``posting`` as it is now: date_posted today, an approved revision, events, and
    matching against the seekers once the transaction commits."""
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
    schedule_match(posting)  # tell the seekers it fits, after commit
    return posting


def allowed_actions(posting: JobPosting, user, *, today=None) -> frozenset[str]:
    """The lifecycle actions the manage pages offer on ``posting`` now, by its state (KST
    ``today``): a subset of ``{"edit", "submit", "withdraw", "publish", "close", "fill"}``.
    Mirrors the checks of the services (which still decide): a posting past its deadline is
    no longer editable or closable; direct publication is for staff-entered drafts and centre
    staff. ``user`` is assumed to manage the posting (``JobPosting.objects.manageable_by``)."""
    status = posting.status
    is_open = posting.is_open(today)
    actions = set()
    if status in EDITABLE_STATUSES:
        actions |= {"edit", "submit"}
        if status == PostingStatus.DRAFT and posting.entry_channel in STAFF_ENTRY_CHANNELS and user.is_centre_staff:
            actions.add("publish")
    if status == PostingStatus.SUBMITTED:
        actions.add("withdraw")
    if status == PostingStatus.PUBLISHED and is_open:
        actions |= {"edit", "close"}
    if status in (PostingStatus.PUBLISHED, PostingStatus.CLOSED, PostingStatus.EXPIRED):
        actions.add("fill")
    return frozenset(actions)
