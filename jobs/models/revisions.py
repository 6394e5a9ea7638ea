"""Posting revisions and the lifecycle record (DESIGN.md "Lifecycles").

Editing a published posting creates a pending :class:`JobPostingRevision` while the approved
one stays live; approval copies the revision's values onto the posting. Every approved state
is itself a revision, so applications and moderation decisions can point at the text that was
shown. :class:`PostingEvent` records every transition and moderation decision with who and when.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from ..choices import PostingEventKind, PostingStatus, RevisionStatus


class JobPostingRevision(models.Model):
    """One version of a posting's editable fields (``data``: field name → JSON value, as made
    by ``jobs.services.revisions.snapshot``). ``number`` counts from 1 per posting; at most one
    revision per posting is pending."""

    posting = models.ForeignKey("jobs.JobPosting", on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField("판 번호")
    data = models.JSONField("내용")
    status = models.CharField("상태", max_length=10, choices=RevisionStatus.choices, default=RevisionStatus.PENDING)
    law_flags = models.JSONField("법령 검토 표시", default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField("반려 사유", blank=True)

    class Meta:
        ordering = ["posting", "-number"]
        verbose_name = "공고 수정본"
        verbose_name_plural = "공고 수정본"
        constraints = [
            models.UniqueConstraint(fields=["posting", "number"], name="revision_unique_number"),
            models.UniqueConstraint(
                fields=["posting"], condition=Q(status="pending"), name="revision_one_pending_per_posting"
            ),
            models.CheckConstraint(condition=Q(status__in=RevisionStatus.values), name="revision_status_valid"),
        ]

    def __str__(self):
        return f"{self.posting_id}-{self.number}"


class PostingEvent(models.Model):
    """An append-only record of a posting's lifecycle: submissions, moderation decisions (with
    the reason for a rejection), direct publication by staff, closing. ``revision`` is the
    version the decision was about (or that was live)."""

    posting = models.ForeignKey("jobs.JobPosting", on_delete=models.CASCADE, related_name="events")
    revision = models.ForeignKey(
        JobPostingRevision, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    kind = models.CharField("내용", max_length=20, choices=PostingEventKind.choices)
    from_status = models.CharField("이전 상태", max_length=10, choices=PostingStatus.choices, blank=True)
    to_status = models.CharField("이후 상태", max_length=10, choices=PostingStatus.choices, blank=True)
    reason = models.TextField("사유", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="처리한 사람",
    )  # fmt: skip
    at = models.DateTimeField("시각", auto_now_add=True)

    class Meta:
        ordering = ["posting", "at", "id"]
        verbose_name = "공고 처리 기록"
        verbose_name_plural = "공고 처리 기록"
        indexes = [models.Index(fields=["kind", "-at"], name="posting_event_kind_at")]

    def __str__(self):
        return f"{self.posting_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"
