"""Coded values of postings and wanted conditions. Codes are stored; Korean labels are shown.
Names follow the glossary of DESIGN.md; employment types map to schema.org values.

Labels are plain Korean strings marked with ``gettext_noop``: pages translate them when shown
(``gettext(label)``, ``{% translate posting.get_employment_type_display %}``), while code that
builds Korean text from them (imports, demo data) gets Korean."""

from django.db import models
from django.utils.translation import gettext_noop

# Codes shared with people's wanted conditions live in reference (accounts may not import jobs).
from namdong_jobs.reference.codes import (  # noqa: F401 - re-exported
    EDUCATION_RANK,
    Education,
    EmploymentType,
    PriorityGroup,
    Shift,
    Weekday,
)

EMPLOYMENT_TYPE_SCHEMA_ORG = {
    EmploymentType.REGULAR: "FULL_TIME",
    EmploymentType.CONTRACT: "TEMPORARY",
    EmploymentType.PART_TIME: "PART_TIME",
    EmploymentType.DAILY: "PER_DIEM",
    EmploymentType.DISPATCH: "CONTRACTOR",
    EmploymentType.INTERN: "INTERN",
}


class WageType(models.TextChoices):
    """임금형태. ``WEEK`` exists only for imported amounts kept with their unit."""

    HOUR = "HOUR", gettext_noop("시급")
    DAY = "DAY", gettext_noop("일급")
    WEEK = "WEEK", gettext_noop("주급")
    MONTH = "MONTH", gettext_noop("월급")
    YEAR = "YEAR", gettext_noop("연봉")


class CareerType(models.TextChoices):
    ANY = "any", gettext_noop("경력무관")
    NEW = "new", gettext_noop("신입")
    EXPERIENCED = "experienced", gettext_noop("경력")
    EITHER = "either", gettext_noop("신입/경력")


class Benefit(models.TextChoices):
    INSURANCE = "insurance", gettext_noop("4대보험")
    SEVERANCE = "severance", gettext_noop("퇴직금")
    MEALS = "meals", gettext_noop("식사 제공")
    SHUTTLE = "shuttle", gettext_noop("통근버스")
    DORMITORY = "dormitory", gettext_noop("기숙사")


class PostingStatus(models.TextChoices):
    """Posting lifecycle (DESIGN.md): draft → submitted → published → closed | filled | expired;
    rejected goes back to editable."""

    DRAFT = "draft", gettext_noop("작성 중")
    SUBMITTED = "submitted", gettext_noop("검토 중")
    PUBLISHED = "published", gettext_noop("게시 중")
    REJECTED = "rejected", gettext_noop("반려")
    CLOSED = "closed", gettext_noop("마감")
    FILLED = "filled", gettext_noop("채용 완료")
    EXPIRED = "expired", gettext_noop("기한 만료")


class PostingSource(models.TextChoices):
    DIRECT = "direct", gettext_noop("남동구 일자리인력은행")
    WORK24 = "work24", gettext_noop("고용24")
    JSONLD = "jsonld", gettext_noop("외부 사이트 (schema.org)")


class ApplyMethod(models.TextChoices):
    """How to apply (접수 방법); a posting offers one or more."""

    ONLINE = "online", gettext_noop("온라인 지원 (이 사이트)")
    PHONE = "phone", gettext_noop("전화")
    VISIT = "visit", gettext_noop("방문")
    EMAIL = "email", gettext_noop("이메일")


class EntryChannel(models.TextChoices):
    """Who entered a posting: the employer online, or centre staff from a phone call or a
    paper form."""

    EMPLOYER = "employer", gettext_noop("기업 직접 등록")
    PHONE = "phone", gettext_noop("전화 접수 (센터 직원 입력)")
    PAPER = "paper", gettext_noop("서면 접수 (센터 직원 입력)")
    IMPORT = "import", gettext_noop("외부 공고 가져오기")


class RevisionStatus(models.TextChoices):
    """A posting revision: ``pending`` waits for review while the ``approved`` one stays live."""

    PENDING = "pending", gettext_noop("검토 중")
    APPROVED = "approved", gettext_noop("승인")
    REJECTED = "rejected", gettext_noop("반려")
    WITHDRAWN = "withdrawn", gettext_noop("취소")


class PostingEventKind(models.TextChoices):
    """What happened to a posting (the moderation and lifecycle record)."""

    CREATED = "created", gettext_noop("작성")
    SUBMITTED = "submitted", gettext_noop("검토 요청")
    WITHDRAWN = "withdrawn", gettext_noop("검토 요청 취소")
    APPROVED = "approved", gettext_noop("승인·게시")
    REJECTED = "rejected", gettext_noop("반려")
    PUBLISHED_DIRECT = "published_direct", gettext_noop("직원 직접 게시")
    REVISION_SUBMITTED = "revision_submitted", gettext_noop("수정본 검토 요청")
    REVISION_APPROVED = "revision_approved", gettext_noop("수정본 승인")
    REVISION_REJECTED = "revision_rejected", gettext_noop("수정본 반려")
    STAFF_EDIT = "staff_edit", gettext_noop("구청 직원 수정 (즉시 반영)")
    CLOSED = "closed", gettext_noop("마감")
    FILLED = "filled", gettext_noop("채용 완료")
    EXPIRED = "expired", gettext_noop("기한 만료")


class ApplicationStatus(models.TextChoices):
    """Application lifecycle (DESIGN.md): submitted → viewed → interview → hired | rejected;
    withdrawn by the seeker before a decision; referral outcomes not_hired / no_show /
    declined are statuses too."""

    SUBMITTED = "submitted", gettext_noop("지원 완료")
    VIEWED = "viewed", gettext_noop("열람")
    INTERVIEW = "interview", gettext_noop("면접")
    HIRED = "hired", gettext_noop("채용")
    REJECTED = "rejected", gettext_noop("불합격")
    NO_SHOW = "no_show", gettext_noop("면접 불참")
    DECLINED = "declined", gettext_noop("구직자 거절")
    WITHDRAWN = "withdrawn", gettext_noop("지원 취소")


class ApplicationChannel(models.TextChoices):
    ONLINE = "online", gettext_noop("온라인 지원")
    REFERRAL = "referral", gettext_noop("취업알선")
