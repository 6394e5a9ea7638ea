"""Employer profiles (구인기업), their company-type certifications and members."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_noop

from namdong_jobs.reference.models import Dong

from .brn import format_brn, normalize_company_name, validate_brn


class EmployerQuerySet(models.QuerySet):
    def verified(self):
        """Employers whose registration district staff have verified."""
        return self.filter(verification_status=Employer.Verification.VERIFIED)

    def awaiting_verification(self):
        """Employers registered here and waiting for district staff to verify them."""
        return self.filter(verification_status=Employer.Verification.PENDING)

    def with_member(self, user):
        """Employers ``user`` is a member of (empty for anonymous users)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)


class Employer(models.Model):
    """A business that posts vacancies.

    ``brn`` is the 10-digit 사업자등록번호 without dashes (unique when present; imported
    listings often have none and are found by ``name_key``). ``dong`` is ``None`` for a
    workplace outside Namdong-gu. Employers created by an import are ``EXTERNAL``: shown
    with their source credited, outside employer verification (DESIGN.md).
    """

    class Verification(models.TextChoices):
        PENDING = "pending", "확인 대기"
        VERIFIED = "verified", "확인 완료"
        REJECTED = "rejected", "반려"
        EXTERNAL = "external", "외부 공고 (확인 대상 아님)"

    name = models.CharField("기업명", max_length=120)
    name_key = models.CharField("기업명 검색 키", max_length=120, db_index=True, editable=False)
    brn = models.CharField(
        "사업자등록번호", max_length=10, null=True, blank=True, unique=True, validators=[validate_brn]
    )
    representative = models.CharField("대표자", max_length=50, blank=True)
    address = models.CharField("주소", max_length=200, blank=True)
    dong = models.ForeignKey(
        Dong,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employers",
        verbose_name="행정동",
        help_text="비워 두면 남동구 외",
    )
    industry = models.CharField("업종", max_length=100, blank=True)
    headcount = models.PositiveIntegerField("상시 근로자 수", null=True, blank=True)
    phone = models.CharField("대표 전화", max_length=20, blank=True)
    website = models.URLField("홈페이지", blank=True)
    verification_status = models.CharField(
        "확인 상태", max_length=10, choices=Verification.choices, default=Verification.PENDING
    )
    verified_at = models.DateTimeField("확인 시각", null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rejection_reason = models.TextField("반려 사유", blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="등록한 사람",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmployerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "구인기업"
        verbose_name_plural = "구인기업"
        constraints = [
            models.CheckConstraint(
                condition=Q(brn__isnull=True) | Q(brn__regex=r"^[0-9]{10}$"), name="employer_brn_10_digits"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="employer_name_not_empty"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = normalize_company_name(self.name)
        if self.brn == "":
            self.brn = None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_name = instance.__dict__.get("name")  # see name_changed
        return instance

    @property
    def name_changed(self) -> bool:
        """True when ``name`` differs from the value loaded from the database (and for new or
        partially loaded instances, where it is unknown)."""
        loaded = getattr(self, "_loaded_name", None)
        return loaded is None or loaded != self.name

    @property
    def brn_display(self) -> str:
        return format_brn(self.brn) if self.brn else ""

    @property
    def is_external(self) -> bool:
        return self.verification_status == self.Verification.EXTERNAL

    def certifications_valid_on(self, on: datetime.date):
        """The certifications valid on ``on`` (uses the prefetched rows when present), whatever
        the verification status: for the employer's own pages and district staff."""
        return [c for c in self.certifications.all() if c.is_valid_on(on)]

    @property
    def shows_certifications(self) -> bool:
        """True when the public may see this employer's company types (VERIFIED or EXTERNAL):
        a type an employer ticked itself counts only once district staff have checked it."""
        return self.verification_status in PUBLIC_CERTIFICATION_STATUSES

    def public_certifications(self, on: datetime.date):
        """The certifications the public pages show as badges on ``on``: those valid that day,
        and none unless :attr:`shows_certifications` (uses the prefetched rows when present)."""
        if not self.shows_certifications:
            return []
        return self.certifications_valid_on(on)


#: Verification statuses whose company types the public pages show.
PUBLIC_CERTIFICATION_STATUSES = (Employer.Verification.VERIFIED, Employer.Verification.EXTERNAL)


class CertificationQuerySet(models.QuerySet):
    def valid_on(self, on: datetime.date):
        """Certifications in force on ``on`` (dates inclusive, open ends allowed)."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=on),
            Q(valid_until__isnull=True) | Q(valid_until__gte=on),
        )

    def public(self):
        """Certifications the public may see: those of VERIFIED or EXTERNAL employers (see
        :meth:`Employer.public_certifications`)."""
        return self.filter(employer__verification_status__in=PUBLIC_CERTIFICATION_STATUSES)


class Certification(models.Model):
    """A company-type designation with its number and validity dates (사회적기업 and other
    designations expire, so each is a row, not a flag)."""

    class Type(models.TextChoices):
        SME = "sme", gettext_noop("중소기업")
        SOCIAL = "social", gettext_noop("사회적기업")
        PRE_SOCIAL = "pre_social", gettext_noop("예비사회적기업")
        VILLAGE = "village", gettext_noop("마을기업")
        COOPERATIVE = "coop", gettext_noop("협동조합")
        SELF_SUFFICIENCY = "self_suff", gettext_noop("자활기업")
        INDUSPARK = "induspark", gettext_noop("남동인더스파크 입주기업")

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="certifications")
    type = models.CharField("구분", max_length=12, choices=Type.choices)
    number = models.CharField("인증·지정 번호", max_length=50, blank=True)
    valid_from = models.DateField("유효 시작일", null=True, blank=True)
    valid_until = models.DateField("유효 종료일", null=True, blank=True, help_text="비워 두면 기한 없음")

    objects = CertificationQuerySet.as_manager()

    class Meta:
        verbose_name = "기업 인증"
        verbose_name_plural = "기업 인증"
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="certification_valid_range",
            ),
            models.UniqueConstraint(fields=["employer", "type", "number"], name="certification_unique_number"),
        ]

    def __str__(self):
        return self.get_type_display()

    def is_valid_on(self, on: datetime.date) -> bool:
        """True if the designation is in force on ``on`` (dates inclusive)."""
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_until is None or on <= self.valid_until
        )


class EmployerMember(models.Model):
    """A user's membership of an employer (one person may belong to several employers)."""

    class Role(models.TextChoices):
        OWNER = "owner", "대표 담당자"
        MEMBER = "member", "담당자"

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="employer_memberships")
    role = models.CharField("권한", max_length=8, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "기업 담당자"
        verbose_name_plural = "기업 담당자"
        constraints = [models.UniqueConstraint(fields=["employer", "user"], name="employer_member_unique")]

    def __str__(self):
        return f"{self.user} @ {self.employer}"


class VerificationDecision(models.Model):
    """District staff's decision on an employer's registration (append-only): verified, or
    rejected with a reason; who and when."""

    class Decision(models.TextChoices):
        VERIFIED = "verified", gettext_noop("확인 완료")
        REJECTED = "rejected", gettext_noop("반려")

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="decisions")
    decision = models.CharField("결정", max_length=10, choices=Decision.choices)
    reason = models.TextField("사유", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="처리한 사람"
    )
    decided_at = models.DateTimeField("처리 시각", auto_now_add=True)

    class Meta:
        ordering = ["employer", "decided_at"]
        verbose_name = "기업 확인 기록"
        verbose_name_plural = "기업 확인 기록"
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="verified") | ~Q(reason=""),
                name="verification_reject_needs_reason",
                violation_error_message="반려할 때는 사유를 적어 주세요.",
            ),
        ]

    def __str__(self):
        return f"{self.employer_id} {self.decision}"


class EmployerInvitationQuerySet(models.QuerySet):
    def open(self):
        """Invitations neither accepted nor cancelled yet."""
        return self.filter(accepted_at__isnull=True, cancelled_at__isnull=True)


class EmployerInvitation(models.Model):
    """An owner's invitation of an email address to become a member of an employer.

    Nobody becomes a member without consent: the invited person opens the link in the
    invitation email while signed in with a verified account of that address and accepts it
    (``employers.services.invitation_accept``). Until then the invitation names only the
    ``email`` typed (normalised, lower-case), never an account. One open invitation per
    employer and address; an accepted or cancelled one stays as a record.
    """

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField("초대한 이메일", max_length=254)
    role = models.CharField(
        "권한", max_length=8, choices=EmployerMember.Role.choices, default=EmployerMember.Role.MEMBER
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="초대한 사람"
    )
    created_at = models.DateTimeField("초대 시각", auto_now_add=True)
    accepted_at = models.DateTimeField("수락 시각", null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="수락한 사람",
    )
    cancelled_at = models.DateTimeField("취소 시각", null=True, blank=True)

    objects = EmployerInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["employer", "created_at"]
        verbose_name = "담당자 초대"
        verbose_name_plural = "담당자 초대"
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "email"],
                condition=Q(accepted_at__isnull=True, cancelled_at__isnull=True),
                name="employer_invitation_one_open",
            ),
            models.CheckConstraint(condition=Q(email=Lower("email")), name="employer_invitation_email_lowercase"),
        ]

    def __str__(self):
        return f"{self.email} → {self.employer_id}"

    @property
    def is_open(self) -> bool:
        """True while neither accepted nor cancelled."""
        return self.accepted_at is None and self.cancelled_at is None
