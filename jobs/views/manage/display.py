"""Posting statuses, next steps and revision differences in plain Korean, for the manage
pages."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ...choices import (
    ApplyMethod,
    Benefit,
    CareerType,
    Education,
    EmploymentType,
    PostingStatus,
    PriorityGroup,
    Shift,
    WageType,
    Weekday,
)
from ...forms import FIELD_LABELS
from ...models import JobPosting, JobPostingRevision
from ...services.lifecycle import STAFF_ENTRY_CHANNELS
from ...services.revisions import apply_snapshot, changed_fields, snapshot


def status_label(posting: JobPosting, today=None) -> str:
    """The status in plain Korean; a published posting past its deadline is
    "마감 (기한 만료)" even before the expiry task has run."""
    if posting.status == PostingStatus.PUBLISHED and not posting.is_open(today):
        return _("마감 (기한 만료)")
    return _(PostingStatus(posting.status).label)


def next_step(posting: JobPosting, user, today=None) -> str:
    """What happens next for a posting in its state, in plain Korean."""
    status = posting.status
    staff_entry = posting.entry_channel in STAFF_ENTRY_CHANNELS
    if status == PostingStatus.DRAFT:
        text = _(
            "아직 공개되지 않았습니다. 내용을 모두 채운 뒤 '검토 요청'을 누르면 구청 일자리센터가 확인하고 게시합니다."
        )
        if staff_entry and user.is_centre_staff:
            text += " " + _("전화·서면으로 받은 공고는 센터 직원이 '바로 게시'할 수도 있습니다.")
        return text
    if status == PostingStatus.SUBMITTED:
        return _(
            "구청 일자리센터가 검토하고 있습니다. 승인되면 바로 게시되고, 고칠 점이 있으면 사유와 함께 "
            "반려됩니다. 지금 고치려면 '검토 요청 취소'를 누르세요."
        )
    if status == PostingStatus.REJECTED:
        return _("반려되었습니다. 아래 사유를 확인하고 공고를 고친 뒤 다시 검토를 요청해 주세요.")
    if status == PostingStatus.PUBLISHED and posting.is_open(today):
        return _(
            "게시 중입니다. 구직자가 보고 지원할 수 있습니다. 내용을 고치면 검토를 거쳐 반영되고, "
            "그동안에는 지금 게시된 내용이 그대로 보입니다."
        )
    if status == PostingStatus.FILLED:
        return _(
            "채용 완료로 표시했습니다. 더는 지원을 받지 않습니다. 같은 일자리를 다시 뽑으려면 복사해서 새로 올리세요."
        )
    return _("마감되어 더는 지원을 받지 않습니다. 같은 일자리를 다시 뽑으려면 복사해서 새로 올리세요.")


_CHOICE_ENUMS = {
    "employment_type": EmploymentType,
    "wage_type": WageType,
    "education_min": Education,
    "career_type": CareerType,
}
_ARRAY_ENUMS = {
    "work_days": Weekday,
    "shifts": Shift,
    "priority_groups": PriorityGroup,
    "benefits": Benefit,
    "apply_methods": ApplyMethod,
}


def field_display(posting: JobPosting, name: str) -> str:
    """The value of editable field ``name`` of ``posting`` as shown to a person."""
    value = getattr(posting, name)
    if name in _CHOICE_ENUMS:
        enum = _CHOICE_ENUMS[name]
        return _(enum(value).label) if value in enum.values else (value or "-")
    if name in _ARRAY_ENUMS:
        enum = _ARRAY_ENUMS[name]
        return ", ".join(_(enum(v).label) for v in enum.values if v in value) or "-"
    if name == "occupation":
        return value.name if value else "-"
    if name == "dong":
        return value.name if value else _("남동구 외 또는 고르지 않음")
    if name == "deadline":
        return date_format(value, _("Y년 n월 j일")) if value else _("채용 시까지")
    if name in ("start_time", "end_time"):
        return value.strftime("%H:%M") if value else "-"
    if name in ("wage_min", "wage_max"):
        return _("%(amount)s원") % {"amount": f"{value:,}"} if value is not None else "-"
    if value is None or value == "":
        return "-"
    return str(value)


def revision_changes(posting: JobPosting, revision: JobPostingRevision) -> list[dict]:
    """The fields a pending revision changes: ``{"label", "old", "new"}`` each."""
    names = changed_fields(posting, revision.data)
    if not names:
        return []
    candidate = JobPosting(employer=posting.employer)
    apply_snapshot(candidate, snapshot(posting))
    apply_snapshot(candidate, revision.data)
    return [
        {
            "name": n,
            "label": FIELD_LABELS.get(n, n),
            "old": field_display(posting, n),
            "new": field_display(candidate, n),
        }
        for n in names
    ]


def law_flag_message(flags: list[dict]) -> str:
    """The warning shown after saving text with hiring-law flags."""
    return ngettext(
        "채용 관련 법령에 어긋날 수 있는 표현이 %(count)d곳 있습니다. 구청 일자리센터가 검토합니다. "
        "아래 '법령 검토가 필요한 표현'을 확인해 주세요.",
        "채용 관련 법령에 어긋날 수 있는 표현이 %(count)d곳 있습니다. 구청 일자리센터가 검토합니다. "
        "아래 '법령 검토가 필요한 표현'을 확인해 주세요.",
        len(flags),
    ) % {"count": len(flags)}
