"""Job postings (구인공고). schema.org JobPosting vocabulary where it fits.

Conditions that matching compares are arrays of codes with GIN indexes (DESIGN.md):
``work_days`` (``Weekday``), ``shifts`` (``Shift``), ``priority_groups`` (``PriorityGroup``),
``benefits``. Imported listings keep every original string beside the parsed value
(``*_text`` fields and ``raw``).
"""

import datetime

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Case, DateField, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from employers.models import Employer
from namdong_jobs.reference.codes import Licence
from namdong_jobs.reference.models import CommunityCentre, Dong, Occupation

from .. import search
from ..choices import (
    ApplyMethod,
    Benefit,
    CareerType,
    Education,
    EmploymentType,
    EntryChannel,
    PostingSource,
    PostingStatus,
    PriorityGroup,
    Shift,
    WageType,
    Weekday,
)
from ..rules.licences import licences_named
from ..wages import format_krw, hourly_krw

CLOSED_STATUSES = (PostingStatus.CLOSED, PostingStatus.FILLED, PostingStatus.EXPIRED)


def today_kst() -> datetime.date:
    """Today's date in KST (``TIME_ZONE = "Asia/Seoul"``)."""
    return timezone.localdate()


def keyword_match(terms: list[str], *, indexed: bool = True) -> Q:
    """The condition "every term occurs in ``search_document``" for query terms
    (:func:`jobs.search.query_terms`): ``LIKE`` for every term, and with ``indexed`` (to find
    the rows through the GIN indexes) the terms' bigrams in ``search_bigrams`` and the
    one-character terms in ``search_chars`` too. Both give the same rows.

    ``LIKE`` comes first and always: the text is stored in the row, the arrays out of line
    (``0007_search_chars_and_title_grams``), so a row met another way (an index walk in sort
    order, another filter's index) is checked without reading its arrays; PostgreSQL keeps
    the written order of conditions of equal cost."""
    condition = Q()
    for term in terms:
        condition &= Q(search_document__contains=term)
    if indexed:
        grams = search.bigrams(" ".join(terms))
        if grams:
            condition &= Q(search_bigrams__contains=grams)
        chars = sorted({t for t in terms if len(t) == 1})
        if chars:
            condition &= Q(search_chars__contains=chars)
    return condition


def title_match(terms: list[str], *, indexed: bool = True) -> Q:
    """The condition "every term occurs in the title" (normalised as ``search_title``); a
    relevance search lists these first. ``LIKE`` for every term, and with ``indexed`` the
    terms' characters and bigrams in ``title_grams`` (GIN index) too (see
    :func:`keyword_match`)."""
    condition = Q()
    for term in terms:
        condition &= Q(search_title__contains=term)
    if indexed:
        condition &= Q(title_grams__contains=search.title_grams(" ".join(terms)))
    return condition


#: Columns that result lists do not show (:meth:`JobPostingQuerySet.for_search`).
LIST_DEFERRED = (
    "description",
    "preferred_qualifications",
    "search_document",
    "search_bigrams",
    "search_chars",
    "title_grams",
    "raw",
    "law_flags",
)


class JobPostingQuerySet(models.QuerySet):
    def open(self, today: datetime.date | None = None):
        """Published postings whose deadline has not passed: open through the end of the
        deadline date in KST, expired from 00:00 KST the next day; no deadline = until
        filled. Correct whether or not the expiry task has run yet."""
        today = today or today_kst()
        # COALESCE(deadline, 9999-12-31) >= today: the same rows as "no deadline or not passed",
        # written so that PostgreSQL cannot turn it into a bitmap of every open posting (both
        # deadline indexes would serve "IS NULL OR >=") ANDed with the search's indexes, which
        # cost more than it saved (5–15 ms a search over 140,000 open postings)
        not_passed = GreaterThanOrEqual(Coalesce("deadline", Value(datetime.date.max, output_field=DateField())), today)
        return self.filter(status=PostingStatus.PUBLISHED).filter(not_passed)

    def public(self):
        """Every posting the public may see: open ones and those that were published and have
        since closed, filled or expired (shown as 마감)."""
        return self.filter(Q(status=PostingStatus.PUBLISHED) | Q(status__in=CLOSED_STATUSES))

    def past_deadline(self, today: datetime.date | None = None):
        """Published postings whose deadline date is before ``today`` (KST)."""
        today = today or today_kst()
        return self.filter(status=PostingStatus.PUBLISHED, deadline__lt=today)

    def keyword(self, query: str):
        """Postings whose title, employer name or description contain every word of
        ``query`` (substring, case-insensitive), title matches ranked first.

        GIN indexes narrow the rows: ``search_bigrams`` for the bigrams of the words,
        ``search_chars`` for one-character words; ``search_document LIKE`` checks them
        (:func:`keyword_match`). Annotates ``title_rank`` (1 = every word in the title, see
        :func:`title_match`, else 0); a query without words filters nothing.
        """
        terms = search.query_terms(query)
        if not terms:
            return self.annotate(title_rank=Value(0, output_field=IntegerField()))
        in_title = title_match(terms, indexed=False)
        return self.filter(keyword_match(terms)).annotate(
            title_rank=Case(When(in_title, then=Value(1)), default=Value(0), output_field=IntegerField())
        )

    def for_list(self):
        """What list pages need in one query: employer, dong and occupation joined."""
        return self.select_related("employer", "dong", "occupation")

    def for_search(self):
        """:meth:`for_list` without the long texts and search arrays that lists, feeds and the
        JSON list never show (:data:`LIST_DEFERRED`): a page of twenty reads a few KB, not
        the descriptions and their out-of-line arrays."""
        return self.for_list().defer(*LIST_DEFERRED)

    def direct(self):
        """Postings entered here (by an employer or centre staff), not imported listings."""
        return self.filter(source=PostingSource.DIRECT)

    def manageable_by(self, user):
        """Postings ``user`` may edit and manage: district staff all direct postings; an
        employer member those of their employers; centre staff those their centre entered.
        Anyone else (anonymous, seekers) none. Owner-scoped views filter with this, so another
        employer's or centre's posting is a 404."""
        if not user.is_authenticated:
            return self.none()
        qs = self.direct()
        if user.is_district_staff:
            return qs
        scope = Q(employer__in=Employer.objects.with_member(user).values("pk"))
        centre = user.staff_centre
        if centre is not None:
            scope |= Q(centre=centre)
        return qs.filter(scope)


class JobPosting(models.Model):
    """A vacancy (구인공고).

    Money is whole KRW in ``wage_min``/``wage_max`` per ``wage_type``; ``deadline`` is a KST
    date (``None`` = until filled); ``date_posted`` is the registration date. Imported
    listings have ``source`` ≠ ``direct`` and a unique ``external_id`` per source.
    """

    title = models.CharField("제목", max_length=200)
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="postings", verbose_name="기업")
    occupation = models.ForeignKey(
        Occupation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="직종 (KECO 소분류)",
    )
    description = models.TextField("업무 내용", blank=True)

    dong = models.ForeignKey(
        Dong,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="postings",
        verbose_name="근무지 행정동",
    )
    address = models.CharField("근무지 주소", max_length=200, blank=True)
    location_text = models.CharField("근무지 (원문)", max_length=200, blank=True)

    employment_type = models.CharField("고용형태", max_length=10, choices=EmploymentType.choices, blank=True)
    employment_type_text = models.CharField("고용형태 (원문)", max_length=100, blank=True)

    wage_type = models.CharField("임금형태", max_length=5, choices=WageType.choices, blank=True)
    wage_min = models.PositiveIntegerField("최소 임금 (원)", null=True, blank=True)
    wage_max = models.PositiveIntegerField("최대 임금 (원)", null=True, blank=True)
    wage_text = models.CharField("임금 (원문)", max_length=200, blank=True)

    work_days = ArrayField(
        models.CharField(max_length=3, choices=Weekday.choices),
        default=list,
        blank=True,
        verbose_name="근무 요일",
        help_text="쉼표로 구분: MON, TUE, WED, THU, FRI, SAT, SUN",
    )
    days_per_week = models.PositiveSmallIntegerField("주 근무일수", null=True, blank=True)
    hours_per_week = models.PositiveSmallIntegerField("주 근로시간", null=True, blank=True)
    daily_hours = models.DecimalField("1일 근로시간", max_digits=4, decimal_places=2, null=True, blank=True)
    start_time = models.TimeField("시업 시각", null=True, blank=True)
    end_time = models.TimeField("종업 시각", null=True, blank=True)
    shifts = ArrayField(
        models.CharField(max_length=8, choices=Shift.choices),
        default=list,
        blank=True,
        verbose_name="근무 형태",
        help_text="쉼표로 구분: day(주간), night(야간), rotating(교대)",
    )
    working_condition_text = models.CharField("근무 조건 (원문)", max_length=200, blank=True)

    education_min = models.CharField("최소 학력", max_length=10, choices=Education.choices, blank=True)
    education_max = models.CharField("최대 학력", max_length=10, choices=Education.choices, blank=True)
    education_text = models.CharField("학력 (원문)", max_length=100, blank=True)
    career_type = models.CharField("경력", max_length=12, choices=CareerType.choices, blank=True)
    career_min_years = models.PositiveSmallIntegerField("최소 경력 (년)", null=True, blank=True)
    career_text = models.CharField("경력 (원문)", max_length=100, blank=True)

    openings = models.PositiveSmallIntegerField("모집인원", null=True, blank=True, help_text="비워 두면 인원 미정")
    preferred_qualifications = models.TextField("우대조건", blank=True)
    priority_groups = ArrayField(
        models.CharField(max_length=16, choices=PriorityGroup.choices),
        default=list,
        blank=True,
        verbose_name="우대 취약계층",
        help_text="쉼표로 구분: older, disabled, career_break, multicultural, defector, youth",
    )
    benefits = ArrayField(
        models.CharField(max_length=12, choices=Benefit.choices),
        default=list,
        blank=True,
        verbose_name="복리후생",
        help_text="쉼표로 구분: insurance, severance, meals, shuttle, dormitory",
    )
    apply_methods = ArrayField(
        models.CharField(max_length=8, choices=ApplyMethod.choices),
        default=list,
        blank=True,
        verbose_name="접수 방법",
        help_text="쉼표로 구분: online, phone, visit, email",
    )
    contact_name = models.CharField("담당자", max_length=50, blank=True)
    contact_phone = models.CharField("문의 전화", max_length=20, blank=True)
    contact_email = models.EmailField("문의 이메일", blank=True)
    wage_hourly = models.PositiveIntegerField(
        "시간당 임금 (원, 환산)", null=True, blank=True, editable=False, help_text="최소 임금을 시간당으로 환산한 값"
    )
    licences = ArrayField(
        models.CharField(max_length=20),
        default=list,
        blank=True,
        editable=False,
        verbose_name="본문에 적힌 자격·면허",
        help_text="제목·업무 내용·우대조건에서 읽은 자격·면허 (맞춤 일자리 점수용)",
    )
    matched_at = models.DateTimeField(
        "맞춤 알림 계산 시각",
        null=True,
        blank=True,
        editable=False,
        help_text="게시된 뒤 구직자와 맞춰 본 시각. 비어 있으면 아직 맞춰 보지 않았습니다.",
    )

    date_posted = models.DateField("등록일", default=today_kst)
    deadline = models.DateField("마감일", null=True, blank=True, help_text="비워 두면 채용 시까지")
    status = models.CharField("상태", max_length=10, choices=PostingStatus.choices, default=PostingStatus.DRAFT)
    published_at = models.DateTimeField("게시 시각", null=True, blank=True)
    closed_at = models.DateTimeField("마감 시각", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="등록한 사람",
    )
    entry_channel = models.CharField(
        "접수 경로", max_length=8, choices=EntryChannel.choices, default=EntryChannel.EMPLOYER
    )
    centre = models.ForeignKey(
        CommunityCentre,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="입력한 센터",
        help_text="센터 직원이 전화·서면으로 받아 입력한 공고",
    )
    submitted_at = models.DateTimeField("검토 요청 시각", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="게시 승인한 사람",
    )
    rejection_reason = models.TextField("반려 사유", blank=True)
    law_flags = models.JSONField(
        "법령 검토 표시", default=list, blank=True, help_text="채용 관련 법령에 어긋날 수 있는 표현 (검토용)"
    )
    current_revision = models.ForeignKey(
        "jobs.JobPostingRevision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="게시 중인 판",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    source = models.CharField("출처", max_length=8, choices=PostingSource.choices, default=PostingSource.DIRECT)
    source_provider = models.CharField("정보제공처", max_length=60, blank=True)
    source_url = models.URLField("원문 주소", max_length=500, blank=True)
    external_id = models.CharField("외부 식별자", max_length=100, blank=True)
    raw = models.JSONField("원문 값", default=dict, blank=True)

    search_document = models.TextField(editable=False, default="")
    search_bigrams = ArrayField(models.CharField(max_length=2), default=list, editable=False)
    search_title = models.CharField(max_length=200, editable=False, default="")
    search_chars = ArrayField(models.CharField(max_length=1), default=list, editable=False)
    title_grams = ArrayField(models.CharField(max_length=2), default=list, editable=False)

    objects = JobPostingQuerySet.as_manager()

    class Meta:
        ordering = ["-date_posted", "-id"]
        verbose_name = "구인공고"
        verbose_name_plural = "구인공고"
        indexes = [
            # past-deadline postings for the expiry task; partial, so that the open-postings
            # condition ("no deadline or not passed") cannot be turned into a bitmap of every
            # open posting ANDed with the search indexes (5–15 ms a search)
            models.Index(
                fields=["deadline"],
                name="posting_published_deadline",
                condition=Q(status=PostingStatus.PUBLISHED, deadline__isnull=False),
            ),
            models.Index(fields=["-date_posted", "-id"], name="posting_date_posted"),
            # the keyword indexes, each in two parts (jobs.0008): published postings, which
            # every public search asks for, and the others (마감 searches read both parts
            # through a BitmapOr of public()'s two arms). A bitmap of the published part never
            # meets the older closed postings at the start of the table (10–25 ms a common word)
            *(
                GinIndex(fields=[field], name=f"posting_{part}_{short}_gin", condition=condition)
                for field, short in (
                    ("search_bigrams", "bigrams"),
                    ("search_chars", "chars"),
                    ("title_grams", "tgrams"),
                )
                for part, condition in (
                    ("pub", Q(status=PostingStatus.PUBLISHED)),
                    ("other", ~Q(status=PostingStatus.PUBLISHED)),
                )
            ),
            # the deadline order of the search (soonest first, then newest id), walked by keyset
            models.Index(fields=["deadline", "-id"], name="posting_deadline_id"),
            GinIndex(fields=["work_days"], name="posting_work_days_gin"),
            GinIndex(fields=["shifts"], name="posting_shifts_gin"),
            GinIndex(fields=["priority_groups"], name="posting_priority_gin"),
            # the moderation queue; partial, for the same reason as posting_published_deadline
            # (a bitmap of every published posting would be ANDed into searches)
            models.Index(
                fields=["-submitted_at"], name="posting_submitted_queue", condition=Q(status=PostingStatus.SUBMITTED)
            ),
            models.Index(fields=["-wage_hourly", "-id"], name="posting_wage_hourly"),
            models.Index(
                fields=["published_at"],
                name="posting_unmatched",
                condition=Q(status=PostingStatus.PUBLISHED, matched_at__isnull=True),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], condition=~Q(external_id=""), name="posting_unique_external_id"
            ),
            models.CheckConstraint(
                condition=Q(wage_min__isnull=True) | Q(wage_max__isnull=True) | Q(wage_min__lte=models.F("wage_max")),
                name="posting_wage_range",
                violation_error_message="최소 임금이 최대 임금보다 클 수 없습니다.",
            ),
            models.CheckConstraint(
                condition=Q(wage_min__isnull=True, wage_max__isnull=True) | ~Q(wage_type=""),
                name="posting_wage_has_type",
                violation_error_message="임금을 적으려면 임금형태(시급·일급·월급·연봉)를 골라 주세요.",
            ),
            models.CheckConstraint(
                condition=Q(wage_min__isnull=True) | Q(wage_min__gt=0),
                name="posting_wage_positive",
                violation_error_message="임금은 0원보다 커야 합니다.",
            ),
            models.CheckConstraint(
                condition=Q(openings__isnull=True) | Q(openings__gte=1),
                name="posting_openings_positive",
                violation_error_message="모집인원은 1명 이상이어야 합니다.",
            ),
            models.CheckConstraint(
                condition=Q(days_per_week__isnull=True) | Q(days_per_week__gte=1, days_per_week__lte=7),
                name="posting_days_per_week_range",
                violation_error_message="주 근무일수는 1~7일이어야 합니다.",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__isnull=True) | Q(hours_per_week__gte=1, hours_per_week__lte=168),
                name="posting_hours_per_week_range",
                violation_error_message="주 근로시간은 1~168시간이어야 합니다.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=PostingStatus.values),
                name="posting_status_valid",
                violation_error_message="알 수 없는 상태입니다.",
            ),
            models.CheckConstraint(
                condition=~Q(title=""),
                name="posting_title_not_empty",
                violation_error_message="제목을 입력해 주세요.",
            ),
            models.CheckConstraint(
                condition=Q(deadline__isnull=True) | Q(deadline__gte=models.F("date_posted")),
                name="posting_deadline_after_posted",
                violation_error_message="마감일은 등록일보다 빠를 수 없습니다.",
            ),
            models.CheckConstraint(
                condition=Q(daily_hours__isnull=True) | Q(daily_hours__gt=0, daily_hours__lte=24),
                name="posting_daily_hours_range",
                violation_error_message="1일 근로시간은 0시간보다 많고 24시간 이하여야 합니다.",
            ),
            models.CheckConstraint(
                condition=Q(work_days__contained_by=Weekday.values),
                name="posting_work_days_known",
                violation_error_message="근무 요일에 알 수 없는 값이 있습니다 (MON~SUN).",
            ),
            models.CheckConstraint(
                condition=Q(shifts__contained_by=Shift.values),
                name="posting_shifts_known",
                violation_error_message="근무 형태에 알 수 없는 값이 있습니다.",
            ),
            models.CheckConstraint(
                condition=Q(priority_groups__contained_by=PriorityGroup.values),
                name="posting_priority_known",
                violation_error_message="우대 취약계층에 알 수 없는 값이 있습니다.",
            ),
            models.CheckConstraint(
                condition=Q(apply_methods__contained_by=ApplyMethod.values),
                name="posting_apply_methods_known",
                violation_error_message="접수 방법에 알 수 없는 값이 있습니다.",
            ),
            models.CheckConstraint(
                condition=Q(licences__contained_by=Licence.values),
                name="posting_licences_known",
                violation_error_message="자격·면허에 알 수 없는 값이 있습니다.",
            ),
            models.CheckConstraint(
                condition=Q(benefits__contained_by=Benefit.values),
                name="posting_benefits_known",
                violation_error_message="복리후생에 알 수 없는 값이 있습니다.",
            ),
        ]

    def __str__(self):
        return self.title

    #: Fields computed from the others on every save (:meth:`refresh_derived_fields`).
    SEARCH_FIELDS = ("search_document", "search_bigrams", "search_chars", "search_title", "title_grams")
    DERIVED_FIELDS = (*SEARCH_FIELDS, "wage_hourly", "licences")

    def save(self, *args, **kwargs):
        self.refresh_derived_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *self.DERIVED_FIELDS}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.pk])

    def refresh_derived_fields(self) -> None:
        """Compute :attr:`DERIVED_FIELDS` from the other fields: the search fields, the hourly
        wage and the licences the text names. ``save`` calls it; bulk loaders (the benchmark
        generator) call it on unsaved instances so that their rows equal saved ones."""
        self.refresh_search_fields()
        self.wage_hourly = self.hourly_wage_min
        self.licences = licences_named(self.title, self.description, self.preferred_qualifications)

    def refresh_search_fields(self) -> None:
        """Recompute :attr:`SEARCH_FIELDS` from title, employer name and description (called
        by ``save``): the normalised text, its bigrams and characters, and the normalised
        title with its characters and bigrams."""
        employer_name = self.employer.name if self.employer_id else ""
        text = " ".join([self.title, employer_name, self.description])
        self.search_document = search.normalize_text(text)
        self.search_bigrams = search.bigrams(text)
        self.search_chars = search.characters(text)
        self.search_title = search.normalize_text(self.title)
        self.title_grams = search.title_grams(self.title)

    # ---- state -----------------------------------------------------------------------

    def is_open(self, today: datetime.date | None = None) -> bool:
        """True while published and on or before its deadline date (KST)."""
        today = today or today_kst()
        return self.status == PostingStatus.PUBLISHED and (self.deadline is None or self.deadline >= today)

    @property
    def is_closed(self) -> bool:
        """True when the public page should say 마감 (closed, filled, expired or past deadline)."""
        return not self.is_open()

    def days_left(self, today: datetime.date | None = None) -> int | None:
        """Days until the deadline (0 on the deadline date), ``None`` without one."""
        if self.deadline is None:
            return None
        return (self.deadline - (today or today_kst())).days

    @property
    def is_external(self) -> bool:
        """Imported listings: shown with their source credited, never with our apply button."""
        return self.source != PostingSource.DIRECT

    @property
    def source_credit(self) -> str:
        """e.g. ``"고용24 · 정보제공처 사람인"``."""
        if not self.is_external:
            return ""
        label = gettext(PostingSource(self.source).label)
        if not self.source_provider or self.source_provider == PostingSource(self.source).label:
            return label
        return gettext("%(source)s · 정보제공처 %(provider)s") % {"source": label, "provider": self.source_provider}

    # ---- wages -----------------------------------------------------------------------

    @property
    def wage_display(self) -> str:
        """The wage in the active language, e.g. ``"연봉 3,000만원 ~ 3,500만원"``,
        ``"시급 10,320원 이상"`` (English: ``"Hourly KRW 10,320 or more"``), or the original
        text when nothing was parsed."""
        if not self.wage_type or self.wage_min is None and self.wage_max is None:
            return self.wage_text or gettext("임금 정보 없음")
        label = gettext(WageType(self.wage_type).label)
        lo, hi = self.wage_min, self.wage_max
        if lo is not None and hi is not None and lo != hi:
            return f"{label} {format_krw(lo)} ~ {format_krw(hi)}"
        if lo is not None and hi is None:
            return gettext("%(label)s %(amount)s 이상") % {"label": label, "amount": format_krw(lo)}
        if lo is None:
            return gettext("%(label)s 최대 %(amount)s") % {"label": label, "amount": format_krw(hi)}
        return f"{label} {format_krw(lo)}"

    @property
    def hourly_wage_min(self) -> int | None:
        """The lower wage (the upper one when only that is stated) converted to KRW per hour
        (see ``jobs.wages``), or ``None``. Stored as ``wage_hourly`` for search and sort."""
        amount = self.wage_min if self.wage_min is not None else self.wage_max
        if amount is None or not self.wage_type:
            return None
        return hourly_krw(amount, self.wage_type, self.daily_hours)

    @property
    def career_display(self) -> str:
        """Career required in the active language, e.g. ``"경력 3년 이상"``."""
        if not self.career_type:
            return self.career_text or "-"
        label = gettext(CareerType(self.career_type).label)
        if self.career_min_years:
            if self.career_type == CareerType.EXPERIENCED:
                return gettext("%(label)s %(years)d년 이상") % {"label": label, "years": self.career_min_years}
            return gettext("%(label)s (경력 %(years)d년 이상)") % {"label": label, "years": self.career_min_years}
        return label

    @property
    def education_display(self) -> str:
        """Education required in the active language, e.g. ``"고졸 이상"``, ``"고졸 ~ 대졸(4년)"``."""
        if not self.education_min:
            return self.education_text or "-"
        lo = gettext(Education(self.education_min).label)
        if self.education_max and self.education_max != self.education_min:
            return f"{lo} ~ {gettext(Education(self.education_max).label)}"
        return lo if self.education_min == Education.ANY else gettext("%(level)s 이상") % {"level": lo}

    @property
    def shifts_display(self) -> str:
        """e.g. ``"주간, 교대"``; unknown codes are ignored."""
        return ", ".join(gettext(Shift(s).label) for s in self.shifts if s in Shift.values)

    @property
    def working_time_display(self) -> str:
        """Working days and hours in the active language, e.g. ``"월·화·수·목·금 주 40시간
        09:00 ~ 18:00"``; unknown day codes are ignored."""
        parts = []
        if self.work_days:
            days = [d for d in Weekday.values if d in self.work_days]
            parts.append("·".join(gettext(Weekday(d).label) for d in days))
        elif self.days_per_week:
            parts.append(gettext("주%(days)d일") % {"days": self.days_per_week})
        if self.hours_per_week:
            parts.append(gettext("주 %(hours)d시간") % {"hours": self.hours_per_week})
        if self.start_time and self.end_time:
            parts.append(f"{self.start_time:%H:%M} ~ {self.end_time:%H:%M}")
        return " ".join(parts) or self.working_condition_text or "-"
