"""People and roles (DESIGN.md "People and roles" and "Privacy").

* :class:`User` is a login account, identified by an email address or a Korean mobile number
  (E.164); each is unique among accounts when present and an account has at least one.
* :class:`SeekerProfile` is the person record of a job seeker; its ``user`` is optional
  (walk-in residents registered at a centre have none).
* :class:`StaffMembership` ties a user to one community centre; staff of the district job
  centre are district staff. Employer memberships live in ``employers`` (which may import
  this app, never the reverse).

Privacy: people are never deleted while anything points at them. Erasure blanks personal
fields and keeps the row as a tombstone (``erased_at``), so foreign keys from applications,
referrals and logs use ``on_delete=PROTECT``.
"""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from namdong_jobs.reference.codes import (
    DECLARED_PRIORITY_GROUPS,
    Education,
    EmploymentType,
    Language,
    Licence,
    PriorityGroup,
    Shift,
    Weekday,
)
from namdong_jobs.reference.models import CommunityCentre, Dong

from ..choices import NotifyChannel, NotifyFrequency
from ..identifiers import is_email, normalize_email, normalize_mobile
from ..storage import guardian_document_upload_to, private_storage, resume_upload_to


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, identifier: str) -> "User":
        """Find the account whose email (case-insensitive) or mobile number (any Korean
        spelling, normalised to E.164) is ``identifier``.

        Raises ``User.DoesNotExist`` when none matches or the identifier is malformed.
        """
        try:
            if is_email(identifier):
                return self.get(email=normalize_email(identifier))
            return self.get(phone=normalize_mobile(identifier))
        except ValidationError as exc:
            raise self.model.DoesNotExist(str(exc)) from exc

    def create_user(
        self, *, email: str | None = None, phone: str | None = None, password: str | None = None, **extra
    ) -> "User":
        """Create an account with at least one of ``email`` / ``phone`` (normalised).

        Raises ``ValidationError`` for a malformed identifier or when both are missing.
        """
        email = normalize_email(email) if email else None
        phone = normalize_mobile(phone) if phone else None
        if not email and not phone:
            raise ValidationError("이메일 또는 휴대전화번호 중 하나는 꼭 입력해야 합니다.")
        user = self.model(email=email, phone=phone, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra) -> "User":
        """Create a Django-admin superuser; its email counts as verified."""
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("email_verified_at", timezone.now())
        return self.create_user(email=email, password=password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A login account (DESIGN.md "People and roles").

    ``email`` is stored lower-cased, ``phone`` in E.164 (``+8210…``); each is unique when
    present, and a check constraint requires at least one (an erased account keeps neither
    and is marked by ``erased_at``). An identifier is used to log in only once verified
    (``*_verified_at``).
    ``is_staff`` only opens the Django admin; community-centre and district roles come from
    :class:`StaffMembership`.
    """

    email = models.EmailField("이메일", unique=True, null=True, blank=True)
    phone = models.CharField("휴대전화번호", max_length=16, unique=True, null=True, blank=True)
    name = models.CharField("이름", max_length=50, blank=True)
    email_verified_at = models.DateTimeField("이메일 확인 시각", null=True, blank=True)
    phone_verified_at = models.DateTimeField("휴대전화 확인 시각", null=True, blank=True)
    is_active = models.BooleanField("활성", default=True)
    is_staff = models.BooleanField("관리 화면 접근", default=False)
    date_joined = models.DateTimeField("가입 시각", default=timezone.now)
    erased_at = models.DateTimeField("개인정보 파기 시각", null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = "사용자 계정"
        verbose_name_plural = "사용자 계정"
        indexes = [
            # the few accounts that must get nothing (matching's anti-join, jobs.matching.run)
            models.Index(
                fields=["id"], name="user_inactive", condition=Q(is_active=False) | Q(erased_at__isnull=False)
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(email__isnull=False) | Q(phone__isnull=False) | Q(erased_at__isnull=False),
                name="user_has_email_or_phone",
            ),
            models.CheckConstraint(
                condition=Q(phone__isnull=True) | Q(phone__regex=r"^\+82[0-9]{9,10}$"),
                name="user_phone_e164_kr",
            ),
            models.CheckConstraint(
                condition=Q(email__isnull=True) | Q(email=models.functions.Lower("email")),
                name="user_email_lowercase",
            ),
        ]

    def __str__(self):
        return self.name or self.email or self.phone or f"사용자 #{self.pk}"

    def clean(self):
        super().clean()
        self.email = normalize_email(self.email) if self.email else None
        self.phone = normalize_mobile(self.phone) if self.phone else None
        if not self.email and not self.phone and not self.erased_at:
            raise ValidationError("이메일 또는 휴대전화번호 중 하나는 꼭 입력해야 합니다.")

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name

    @property
    def staff_centre(self) -> CommunityCentre | None:
        """The community centre this user works at, or ``None``."""
        membership = getattr(self, "staff_membership", None)
        if membership is not None and membership.is_active:
            return membership.centre
        return None

    @property
    def is_centre_staff(self) -> bool:
        """True for active staff of any centre, the district job centre included."""
        return self.staff_centre is not None

    @property
    def is_district_staff(self) -> bool:
        """True for active staff of the district job centre (they see all centres)."""
        centre = self.staff_centre
        return centre is not None and centre.is_district


class StaffMembership(models.Model):
    """A user's membership of one community centre's staff (one centre per person)."""

    class Role(models.TextChoices):
        COUNSELLOR = "counsellor", "직업상담사"
        OFFICER = "officer", "일자리 담당"
        MANAGER = "manager", "관리자"

    user = models.OneToOneField(User, on_delete=models.PROTECT, related_name="staff_membership")
    centre = models.ForeignKey(CommunityCentre, on_delete=models.PROTECT, related_name="staff")
    role = models.CharField("직무", max_length=12, choices=Role.choices, default=Role.OFFICER)
    is_active = models.BooleanField("재직 중", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "센터 직원"
        verbose_name_plural = "센터 직원"

    def __str__(self):
        return f"{self.user} ({self.centre})"


class SeekerProfile(models.Model):
    """The person record of a job seeker (구직자).

    ``user`` is optional: walk-in residents registered at a centre have no login and belong
    to ``registered_centre``. Never stores a resident registration number; ``birth_year`` is
    enough for age groups. ``phone`` (E.164) is not unique: family members may share one.
    Wanted conditions are arrays of codes with GIN indexes so that matching is one set-based
    query: ``wanted_occupations`` (KECO minor codes), ``wanted_dongs`` (10-digit dong codes;
    empty = anywhere), ``wanted_employment_types``, ``wanted_shifts``, ``wanted_days``
    (``MON``…``SUN``); ``wanted_min_hourly_krw`` in KRW per hour.
    """

    user = models.OneToOneField(User, on_delete=models.PROTECT, null=True, blank=True, related_name="seeker_profile")
    name = models.CharField("이름", max_length=50, blank=True)
    birth_year = models.PositiveSmallIntegerField("출생 연도", null=True, blank=True)
    phone = models.CharField("휴대전화번호", max_length=16, blank=True)
    email = models.EmailField("이메일", blank=True)
    home_dong = models.ForeignKey(
        Dong,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="거주 행정동",
        help_text="비워 두면 남동구 외 거주",
    )
    registered_centre = models.ForeignKey(
        CommunityCentre,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="residents",
        verbose_name="등록 센터",
    )
    registered_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="등록한 직원",
    )
    wanted_occupations = ArrayField(models.CharField(max_length=3), default=list, blank=True)
    wanted_dongs = ArrayField(models.CharField(max_length=10), default=list, blank=True)
    wanted_employment_types = ArrayField(models.CharField(max_length=10), default=list, blank=True)
    wanted_shifts = ArrayField(models.CharField(max_length=8), default=list, blank=True)
    wanted_days = ArrayField(models.CharField(max_length=3), default=list, blank=True)
    wanted_min_hourly_krw = models.PositiveIntegerField("희망 시급 (원)", null=True, blank=True)
    education = models.CharField("최종 학력", max_length=12, choices=Education.choices, blank=True)
    licences = ArrayField(models.CharField(max_length=20), default=list, blank=True, verbose_name="자격·면허")
    licences_other = ArrayField(
        models.CharField(max_length=50), default=list, blank=True, verbose_name="그 밖의 자격·면허"
    )
    languages = ArrayField(models.CharField(max_length=8), default=list, blank=True, verbose_name="가능 언어")
    self_introduction = models.TextField("자기소개", max_length=1000, blank=True)
    is_searchable = models.BooleanField("기업이 내 프로필을 찾을 수 있음", default=False)
    declared_groups = ArrayField(
        models.CharField(max_length=16),
        default=list,
        blank=True,
        verbose_name="취약계층 (본인 신고)",
        help_text="민감정보 처리 동의가 있을 때만 보관합니다.",
    )
    notify_channels = ArrayField(
        models.CharField(max_length=8), default=list, blank=True, verbose_name="알림 받을 방법"
    )
    notify_frequency = models.CharField(
        "알림 빈도", max_length=10, choices=NotifyFrequency.choices, default=NotifyFrequency.IMMEDIATE
    )
    resume = models.FileField(
        "이력서 파일", storage=private_storage, upload_to=resume_upload_to, blank=True, max_length=200
    )
    resume_name = models.CharField("이력서 파일 이름", max_length=120, blank=True)
    resume_format = models.CharField("이력서 형식", max_length=5, blank=True)
    resume_size = models.PositiveIntegerField("이력서 크기 (바이트)", null=True, blank=True)
    resume_uploaded_at = models.DateTimeField("이력서 올린 시각", null=True, blank=True)
    guardian_document = models.FileField(
        "보호자 동의서",
        storage=private_storage,
        upload_to=guardian_document_upload_to,
        blank=True,
        max_length=200,
        help_text="만 15~17세 (근로기준법 §66)",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_activity_at = models.DateTimeField("최근 활동", default=timezone.now)
    erased_at = models.DateTimeField("개인정보 파기 시각", null=True, blank=True)
    age_band = models.PositiveSmallIntegerField(
        "연령대 (파기 후 통계용)", null=True, blank=True, help_text="10년 단위, 예: 50 = 50대"
    )

    class Meta:
        verbose_name = "구직자"
        verbose_name_plural = "구직자"
        indexes = [
            GinIndex(fields=["wanted_occupations"], name="seeker_wanted_occ_gin"),
            GinIndex(fields=["wanted_dongs"], name="seeker_wanted_dongs_gin"),
            GinIndex(fields=["wanted_employment_types"], name="seeker_wanted_emp_gin"),
            models.Index(fields=["registered_centre", "name"], name="seeker_centre_name"),
            models.Index(fields=["phone"], name="seeker_phone"),
            models.Index(fields=["last_activity_at"], name="seeker_last_activity", condition=Q(erased_at__isnull=True)),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True) | Q(birth_year__gte=1900, birth_year__lte=2100),
                name="seeker_birth_year_range",
            ),
            models.CheckConstraint(
                # a person record belongs to an online account, a centre, or is a tombstone.
                condition=Q(user__isnull=False) | Q(registered_centre__isnull=False) | Q(erased_at__isnull=False),
                name="seeker_has_user_or_centre",
            ),
            models.CheckConstraint(
                condition=Q(wanted_employment_types__contained_by=EmploymentType.values),
                name="seeker_wanted_emp_known",
            ),
            models.CheckConstraint(condition=Q(wanted_shifts__contained_by=Shift.values), name="seeker_shifts_known"),
            models.CheckConstraint(condition=Q(wanted_days__contained_by=Weekday.values), name="seeker_days_known"),
            models.CheckConstraint(condition=Q(licences__contained_by=Licence.values), name="seeker_licences_known"),
            models.CheckConstraint(condition=Q(languages__contained_by=Language.values), name="seeker_languages_known"),
            models.CheckConstraint(
                condition=Q(declared_groups__contained_by=[g.value for g in DECLARED_PRIORITY_GROUPS]),
                name="seeker_declared_groups_known",
            ),
            models.CheckConstraint(
                condition=Q(notify_channels__contained_by=NotifyChannel.values), name="seeker_notify_channels_known"
            ),
        ]

    def __str__(self):
        if self.erased_at:
            return f"탈퇴한 구직자 #{self.pk}"
        return self.name or f"구직자 #{self.pk}"

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    def age_in(self, year: int) -> int | None:
        """Age in ``year`` counted as ``year - birth_year`` (만 나이 at the year's end), or
        ``None`` without a birth year."""
        return None if self.birth_year is None else year - self.birth_year

    def derived_groups(self, year: int) -> list[str]:
        """Priority groups derived from birth year in ``year`` (DESIGN.md "People and roles"):
        ``"youth"`` at 15–34 (청년고용촉진 특별법 시행령 §2), ``"older"`` at 55+ (고령자고용법
        시행령 §2). 준고령자 (50–54) is not a priority group of postings."""
        age = self.age_in(year)
        if age is None:
            return []
        groups = []
        if 15 <= age <= 34:
            groups.append(PriorityGroup.YOUTH.value)
        if age >= 55:
            groups.append(PriorityGroup.OLDER.value)
        return groups


class CareerEntry(models.Model):
    """One entry of a seeker's career history (경력): where, what, and when (months)."""

    profile = models.ForeignKey(SeekerProfile, on_delete=models.CASCADE, related_name="career_entries")
    company = models.CharField("회사·기관 이름", max_length=100)
    role = models.CharField("맡은 일", max_length=100)
    started_on = models.DateField("시작 (연·월)", help_text="그 달의 1일로 저장합니다.")
    ended_on = models.DateField("끝 (연·월)", null=True, blank=True, help_text="비워 두면 재직 중")
    duties = models.TextField("업무 내용", max_length=500, blank=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = "경력"
        verbose_name_plural = "경력"
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="career_entry_end_after_start",
            )
        ]

    def __str__(self):
        return f"{self.company} · {self.role}"
