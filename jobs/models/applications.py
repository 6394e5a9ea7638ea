"""Applications (지원), their status history, and saved postings.

An application is unique per (seeker, posting) and records the posting revision the seeker
saw and a snapshot of the profile as it was sent (within what the seeker consented to share).
Every status change writes an :class:`ApplicationStatusChange`. Referrals (the desk issue)
create applications with channel ``referral``."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from accounts.models import Consent, SeekerProfile
from accounts.storage import application_resume_upload_to, private_storage

from ..choices import ApplicationChannel, ApplicationStatus

#: Statuses after which the seeker can no longer withdraw (a decision was made).
DECIDED_STATUSES = (
    ApplicationStatus.HIRED,
    ApplicationStatus.REJECTED,
    ApplicationStatus.NO_SHOW,
    ApplicationStatus.DECLINED,
)
#: Statuses that end an application.
FINAL_STATUSES = (*DECIDED_STATUSES, ApplicationStatus.WITHDRAWN)


class ApplicationQuerySet(models.QuerySet):
    def counting_as_applicants(self):
        """Applications an employer counts as applicants (all but withdrawn ones)."""
        return self.exclude(status=ApplicationStatus.WITHDRAWN)

    def of_seeker(self, seeker: SeekerProfile):
        return self.filter(seeker=seeker)

    def for_employer(self, employer):
        """Applications to ``employer``'s postings."""
        return self.filter(posting__employer=employer)

    def visible_to_employer_member(self, user):
        """Applications to postings of employers ``user`` is an active member of (withdrawn
        ones included: the employer sees that the seeker withdrew)."""
        return self.filter(posting__employer__memberships__user=user).distinct()


class Application(models.Model):
    """A seeker's application to a posting (online or through a referral).

    ``profile_snapshot`` is the JSON the employer sees (``jobs.services.applications``
    builds it); ``message`` is the seeker's optional note; ``interview_at``/``interview_place``
    are set by the employer. ``resume`` is a copy of the seeker's résumé file as it was when
    the application was sent with the provision consent (private storage; ``resume_name`` and
    ``resume_format`` as on the profile then): the employer downloads this copy, never the
    seeker's current file, which may have been replaced for other employers since."""

    posting = models.ForeignKey("jobs.JobPosting", on_delete=models.PROTECT, related_name="applications")
    revision = models.ForeignKey(
        "jobs.JobPostingRevision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name="지원 당시 공고 판",
    )
    seeker = models.ForeignKey(SeekerProfile, on_delete=models.PROTECT, related_name="applications")
    channel = models.CharField(
        "경로", max_length=10, choices=ApplicationChannel.choices, default=ApplicationChannel.ONLINE
    )
    status = models.CharField(
        "상태", max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    message = models.TextField("지원 메시지", max_length=1000, blank=True)
    profile_snapshot = models.JSONField("보낸 프로필", default=dict, blank=True)
    provision_consent = models.ForeignKey(
        Consent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="제공 동의",
    )
    resume = models.FileField(
        "보낸 이력서 파일",
        storage=private_storage,
        upload_to=application_resume_upload_to,
        blank=True,
        max_length=200,
    )
    resume_name = models.CharField("보낸 이력서 파일 이름", max_length=120, blank=True)
    resume_format = models.CharField("보낸 이력서 형식", max_length=5, blank=True)
    interview_at = models.DateTimeField("면접 일시", null=True, blank=True)
    interview_place = models.CharField("면접 장소", max_length=200, blank=True)
    status_changed_at = models.DateTimeField("상태 변경 시각", null=True, blank=True)
    created_at = models.DateTimeField("지원 시각", auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "지원"
        verbose_name_plural = "지원"
        constraints = [
            models.UniqueConstraint(fields=["seeker", "posting"], name="application_unique_seeker_posting"),
            models.CheckConstraint(condition=Q(status__in=ApplicationStatus.values), name="application_status_valid"),
        ]
        indexes = [models.Index(fields=["posting", "status"], name="application_posting_status")]

    def __str__(self):
        return f"{self.seeker_id} → {self.posting_id}"

    @property
    def is_decided(self) -> bool:
        return self.status in DECIDED_STATUSES

    @property
    def can_withdraw(self) -> bool:
        """The seeker may withdraw before a decision (DESIGN.md)."""
        return self.status not in FINAL_STATUSES


class ApplicationStatusChange(models.Model):
    """One change of an application's status (the history the seeker and employer see).
    ``changed_by`` is the account that made it (the seeker, an employer member, staff), or
    ``None`` for the system."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="status_changes")
    from_status = models.CharField("이전 상태", max_length=10, choices=ApplicationStatus.choices, blank=True)
    to_status = models.CharField("새 상태", max_length=10, choices=ApplicationStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField("변경 시각", auto_now_add=True)
    note = models.CharField("메모", max_length=300, blank=True)

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = "지원 상태 이력"
        verbose_name_plural = "지원 상태 이력"

    def __str__(self):
        return f"{self.application_id}: {self.from_status or '-'} → {self.to_status}"


class SavedPosting(models.Model):
    """A posting a seeker saved (관심 공고)."""

    seeker = models.ForeignKey(SeekerProfile, on_delete=models.CASCADE, related_name="saved_postings")
    posting = models.ForeignKey("jobs.JobPosting", on_delete=models.CASCADE, related_name="+")
    saved_at = models.DateTimeField("저장 시각", auto_now_add=True)

    class Meta:
        ordering = ["-saved_at"]
        verbose_name = "관심 공고"
        verbose_name_plural = "관심 공고"
        constraints = [models.UniqueConstraint(fields=["seeker", "posting"], name="saved_posting_unique")]

    def __str__(self):
        return f"{self.seeker_id} ★ {self.posting_id}"
