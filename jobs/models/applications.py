"""Applications (지원). Unique per (seeker, posting); each records the posting revision the
seeker saw. The seekers issue adds the apply pages and status history; referrals (the desk
issue) create applications with channel ``referral``."""

from django.db import models
from django.db.models import Q

from accounts.models import SeekerProfile

from ..choices import ApplicationChannel, ApplicationStatus


class ApplicationQuerySet(models.QuerySet):
    def counting_as_applicants(self):
        """Applications an employer counts as applicants (all but withdrawn ones)."""
        return self.exclude(status=ApplicationStatus.WITHDRAWN)


class Application(models.Model):
    """A seeker's application to a posting (online or through a referral)."""

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

    def __str__(self):
        return f"{self.seeker_id} → {self.posting_id}"
