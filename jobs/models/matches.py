"""Matches (맞춤 일자리): a published posting that fits a seeker's wanted conditions.

Rows are written in bulk by ``jobs.matching.match_posting`` (one ``INSERT … SELECT`` per
posting, leaving out seekers already matched), never one by one, and are unique per (posting, seeker):
running a match twice adds nothing. ``score`` (0–100) and ``reasons`` (codes such as
``"occupation"``, ``"dong_near"``, ``"licence:forklift"``) say why it fits; the Korean
explanation comes from ``jobs.matching.rules.explain``.

How the seeker hears of it: ``notified_at`` is set when the immediate notices (message rows)
were made; ``digest`` says what the next daily digest still owes (``"all"``: every channel,
for seekers who chose a daily digest; ``"sms"``: only the SMS, when the immediate SMS was over
the daily cap); ``digested_at`` when a digest took it.

Privacy: a match holds ids and codes. A ``group:…`` reason comes from the sensitive-data
consent and is removed when that consent is withdrawn; an erased seeker's matches are
deleted (``jobs.signals``)."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now

from accounts.models import SeekerProfile

from .postings import JobPosting


class MatchDigest(models.TextChoices):
    NONE = "", "없음"
    ALL = "all", "모든 방법으로 모아 보내기"
    SMS = "sms", "문자만 모아 보내기"


class Match(models.Model):
    # no single-column indexes: (posting, profile) is unique and match_profile leads with the
    # profile; two more indexes would slow each bulk insert of 100,000 rows (bench_matching)
    posting = models.ForeignKey(
        JobPosting, on_delete=models.CASCADE, related_name="matches", verbose_name="공고", db_index=False
    )
    profile = models.ForeignKey(
        SeekerProfile, on_delete=models.PROTECT, related_name="matches", verbose_name="구직자", db_index=False
    )
    score = models.PositiveSmallIntegerField("점수", help_text="0~100, 높을수록 잘 맞음")
    reasons = ArrayField(models.CharField(max_length=32), default=list, blank=True, verbose_name="맞는 이유")
    created_at = models.DateTimeField("찾은 시각", db_default=Now())
    notified_at = models.DateTimeField("바로 알림 만든 시각", null=True, blank=True)
    digest = models.CharField(
        "모아 보내기", max_length=3, choices=MatchDigest.choices, default=MatchDigest.NONE, blank=True
    )
    digested_at = models.DateTimeField("모아 보낸 시각", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "맞춤 일자리"
        verbose_name_plural = "맞춤 일자리"
        constraints = [
            models.UniqueConstraint(fields=["posting", "profile"], name="match_unique_posting_profile"),
            models.CheckConstraint(condition=Q(score__lte=100), name="match_score_range"),
            models.CheckConstraint(condition=Q(digest__in=MatchDigest.values), name="match_digest_valid"),
        ]
        indexes = [
            models.Index(fields=["profile", "-created_at"], name="match_profile"),
            models.Index(
                fields=["profile"],
                name="match_digest_owed",
                condition=~Q(digest="") & Q(digested_at__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.posting_id} ↔ {self.profile_id} ({self.score})"
