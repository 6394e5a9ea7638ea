"""The personal-data access log (DESIGN.md "Privacy"): every staff view, search, edit, print,
export or download of a person's record writes one row. Append-only: the ORM refuses to
save a row twice or delete one, and a database trigger (migration ``accounts 0004``)
refuses any ``UPDATE`` or ``DELETE`` of the table, whoever sends it. Kept at least two
years; it holds ids, never copies of personal data, so it survives erasure."""

from django.contrib.postgres.fields import ArrayField
from django.db import models

from namdong_jobs.reference.models import CommunityCentre

from .people import SeekerProfile, User


class AccessAction(models.TextChoices):
    VIEW = "view", "열람"
    SEARCH = "search", "검색"
    EDIT = "edit", "수정"
    PRINT = "print", "인쇄"
    EXPORT = "export", "내보내기"
    DOWNLOAD = "download", "파일 내려받기"


class AccessLogEntry(models.Model):
    """One access by ``staff`` to ``person``'s record (``person`` is empty for a search,
    whose ``query`` and ``listed_ids`` say what was asked and shown). ``centre`` is the
    centre the staff member worked at when it happened (staff move; the log must not), empty
    for an account with no staff membership (e.g. a Django-admin superuser). ``ip`` is the
    client address as django-axes sees it."""

    staff = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name="직원")
    centre = models.ForeignKey(
        CommunityCentre,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="당시 소속 센터",
    )
    at = models.DateTimeField("시각", auto_now_add=True, db_index=True)
    ip = models.GenericIPAddressField("IP", null=True, blank=True)
    person = models.ForeignKey(
        SeekerProfile, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="구직자"
    )
    action = models.CharField("행위", max_length=10, choices=AccessAction.choices)
    detail = models.CharField("대상", max_length=100, blank=True, help_text='예: "resume"')
    query = models.CharField("검색어", max_length=200, blank=True)
    listed_ids = ArrayField(models.BigIntegerField(), default=list, blank=True, verbose_name="표시된 구직자 id")

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "개인정보 접근 기록"
        verbose_name_plural = "개인정보 접근 기록"
        indexes = [models.Index(fields=["staff", "at"], name="access_staff_at")]

    def __str__(self):
        return f"{self.staff_id} {self.action} {self.person_id or '-'}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("접근 기록은 고칠 수 없습니다 (append-only).")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("접근 기록은 지울 수 없습니다 (append-only).")
