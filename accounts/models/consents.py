"""Consent records (개인정보 보호법 §15, §17, §22, §23; DESIGN.md "Privacy").

One row per consent given: its purpose, the version of the text shown, when, and how (the
person online, or centre staff with a signed paper form). Withdrawing sets ``withdrawn_at``;
giving it again makes a new row, so the history stays. At most one active row per person and
purpose. A consent row holds ids and versions, never a copy of personal data, and survives
erasure as proof."""

from django.db import models
from django.db.models import Q

from ..choices import ConsentMethod, ConsentPurpose
from ..storage import consent_scan_upload_to, private_storage
from .people import SeekerProfile, User


class ConsentQuerySet(models.QuerySet):
    def active(self):
        """Consents not withdrawn."""
        return self.filter(withdrawn_at__isnull=True)


class Consent(models.Model):
    """A consent for one ``purpose`` (:class:`accounts.choices.ConsentPurpose`) given by
    ``person`` with the text of ``version`` (``accounts.consent_texts``)."""

    person = models.ForeignKey(SeekerProfile, on_delete=models.PROTECT, related_name="consents")
    purpose = models.CharField("동의 항목", max_length=16, choices=ConsentPurpose.choices)
    version = models.CharField("동의서 판", max_length=20)
    method = models.CharField("동의 방법", max_length=8, choices=ConsentMethod.choices, default=ConsentMethod.ONLINE)
    given_at = models.DateTimeField("동의 시각")
    taken_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="확인한 직원",
        help_text="서면 동의를 받은 센터 직원 (온라인 본인 동의는 비움)",
    )
    paper_form_version = models.CharField("서면 동의서 판", max_length=20, blank=True)
    paper_signed_on = models.DateField("서면 동의 날짜", null=True, blank=True)
    paper_scan = models.FileField(
        "동의서 스캔", storage=private_storage, upload_to=consent_scan_upload_to, blank=True, max_length=200
    )
    withdrawn_at = models.DateTimeField("철회 시각", null=True, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at", "-id"]
        verbose_name = "개인정보 동의"
        verbose_name_plural = "개인정보 동의"
        constraints = [
            models.UniqueConstraint(
                fields=["person", "purpose"], condition=Q(withdrawn_at__isnull=True), name="consent_one_active"
            ),
            models.CheckConstraint(condition=Q(purpose__in=ConsentPurpose.values), name="consent_purpose_valid"),
            models.CheckConstraint(
                condition=Q(method=ConsentMethod.ONLINE) | Q(taken_by__isnull=False), name="consent_paper_taken_by"
            ),
        ]
        indexes = [models.Index(fields=["person", "purpose"], name="consent_person_purpose")]

    def __str__(self):
        return f"{self.person_id} {self.purpose} {self.version}"
