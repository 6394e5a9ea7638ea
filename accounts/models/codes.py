"""Six-digit one-time codes sent by SMS (or email): verifying a mobile number, resetting a
password, claiming a centre-registered record (DESIGN.md "People and roles").

Only a keyed hash of the code is stored. A code is single-use, expires (``expires_at``) and
allows a few wrong tries (``attempts``); ``destination`` is the E.164 number or the address it
went to, blanked on erasure."""

from django.db import models
from django.db.models import Q

from ..choices import CodePurpose
from .people import SeekerProfile, User


class OneTimeCode(models.Model):
    purpose = models.CharField("용도", max_length=16, choices=CodePurpose.choices)
    user = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    profile = models.ForeignKey(SeekerProfile, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    destination = models.CharField("받는 곳", max_length=254, blank=True)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField("만료 시각")
    used_at = models.DateTimeField("사용 시각", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("틀린 횟수", default=0)

    class Meta:
        verbose_name = "인증번호"
        verbose_name_plural = "인증번호"
        indexes = [
            models.Index(
                fields=["purpose", "destination", "-created_at"], name="code_lookup", condition=Q(used_at__isnull=True)
            )
        ]

    def __str__(self):
        return f"{self.get_purpose_display()} #{self.pk}"
