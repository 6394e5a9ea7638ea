"""The community-centre desk (issue 5; DESIGN.md "Lifecycles: Referral"): counselling notes
and referrals (취업알선).

* :class:`CounsellingNote` is one counselling contact with a resident: date, channel (visit,
  phone), what was said, the next action and an optional follow-up date. Erasure blanks its
  texts and keeps the row (dates, channel, centre) for statistics.
* :class:`Referral` is the desk's side of an application made by staff (channel
  ``referral``): who referred, from which centre, how (소개장, 동행면접, 전화 연결) and the
  interview date if one was set. Its outcome (hired, not hired, no-show, declined) is the
  application's status (DESIGN.md), so hires count once from applications whatever the
  channel; ``outcome_on`` is the date the outcome happened (KST date).

Both point at people with ``on_delete=PROTECT``: people are never deleted, only erased.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_noop

from accounts.models import SeekerProfile, User
from namdong_jobs.reference.models import CommunityCentre

from .applications import Application


class NoteChannel(models.TextChoices):
    VISIT = "visit", gettext_noop("방문")
    PHONE = "phone", gettext_noop("전화")


class ReferralMethod(models.TextChoices):
    LETTER = "letter", gettext_noop("소개장")
    ACCOMPANY = "accompany", gettext_noop("동행면접")
    PHONE = "phone", gettext_noop("전화 연결")


class CounsellingNoteQuerySet(models.QuerySet):
    def follow_ups_due(self, today):
        """Notes whose follow-up date is ``today`` or earlier (a KST date) and not yet done,
        of residents whose record still exists (not erased)."""
        return self.filter(
            follow_up_on__isnull=False,
            follow_up_on__lte=today,
            follow_up_done_at__isnull=True,
            seeker__erased_at__isnull=True,
        )


class CounsellingNote(models.Model):
    """One counselling contact (상담 기록) of a centre's staff with a resident.

    ``noted_on`` is the KST date of the contact; ``follow_up_on`` (KST date, optional) puts it
    on the staff home's follow-up list until ``follow_up_done_at`` is set."""

    seeker = models.ForeignKey(SeekerProfile, on_delete=models.PROTECT, related_name="counselling_notes")
    centre = models.ForeignKey(CommunityCentre, on_delete=models.PROTECT, related_name="+", verbose_name="센터")
    staff = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name="상담 직원")
    noted_on = models.DateField("상담 날짜")
    channel = models.CharField("상담 방법", max_length=8, choices=NoteChannel.choices, default=NoteChannel.VISIT)
    content = models.TextField("상담 내용", max_length=2000)
    next_action = models.CharField("다음 할 일", max_length=300, blank=True)
    follow_up_on = models.DateField("다시 연락할 날짜", null=True, blank=True)
    follow_up_done_at = models.DateTimeField("후속 조치 완료 시각", null=True, blank=True)
    created_at = models.DateTimeField("기록 시각", auto_now_add=True)

    objects = CounsellingNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-noted_on", "-id"]
        verbose_name = "상담 기록"
        verbose_name_plural = "상담 기록"
        indexes = [
            models.Index(
                fields=["centre", "follow_up_on"],
                name="note_follow_up_due",
                condition=Q(follow_up_on__isnull=False, follow_up_done_at__isnull=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(channel__in=NoteChannel.values), name="note_channel_valid"),
        ]

    def __str__(self):
        return f"{self.seeker_id} {self.noted_on}"


class Referral(models.Model):
    """A referral (취업알선) of a resident to a posting by centre staff; the application it
    created is ``application`` (channel ``referral``), whose status is the outcome."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="referral")
    staff = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name="알선 직원")
    centre = models.ForeignKey(CommunityCentre, on_delete=models.PROTECT, related_name="referrals", verbose_name="센터")
    method = models.CharField("알선 방법", max_length=10, choices=ReferralMethod.choices)
    interview_at = models.DateTimeField("면접 일시", null=True, blank=True)
    outcome_on = models.DateField("결과 날짜", null=True, blank=True)
    outcome_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="결과 기록 직원"
    )
    created_at = models.DateTimeField("알선 시각", auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "취업알선"
        verbose_name_plural = "취업알선"
        constraints = [
            models.CheckConstraint(condition=Q(method__in=ReferralMethod.values), name="referral_method_valid"),
        ]

    def __str__(self):
        return f"{self.centre_id}: {self.application_id}"
