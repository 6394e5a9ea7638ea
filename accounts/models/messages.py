"""The outbound message layer (DESIGN.md "Lifecycles: Outbound message").

One row per (kind, subject, recipient, channel), made unique by ``dedupe_key``; states
``pending → sending → sent | failed | suppressed`` with ``attempts`` and ``last_error``.
Delivery is at least once and deduplicated: an SMS carries the row id as the gateway's
idempotency key, an email a Message-ID made from it. On-site messages are the inbox: they
are stored as ``sent`` and read on the site (``read_at``).

``address`` is the email address or E.164 number the message goes to (blank on site);
``title``/``body`` hold the text. Both are personal data, blanked on erasure."""

from django.db import models
from django.db.models import Q

from ..choices import MessageKind, MessageState, NotifyChannel
from .people import SeekerProfile, User


class OutboundMessageQuerySet(models.QuerySet):
    def inbox(self, user: User):
        """``user``'s on-site messages, newest first."""
        return self.filter(user=user, channel=NotifyChannel.ONSITE).order_by("-created_at", "-id")

    def unread(self):
        return self.filter(read_at__isnull=True)


class OutboundMessage(models.Model):
    kind = models.CharField("종류", max_length=24, choices=MessageKind.choices)
    channel = models.CharField("방법", max_length=8, choices=NotifyChannel.choices)
    subject = models.CharField("대상", max_length=64, help_text='무엇에 관한 메시지인지, 예: "application:12:viewed"')
    dedupe_key = models.CharField(max_length=200, unique=True)
    user = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="messages")
    profile = models.ForeignKey(SeekerProfile, on_delete=models.PROTECT, null=True, blank=True, related_name="messages")
    address = models.CharField("받는 곳", max_length=254, blank=True)
    title = models.CharField("제목", max_length=200)
    body = models.TextField("내용")
    html_body = models.TextField("HTML 내용", blank=True)
    link = models.CharField("바로가기", max_length=500, blank=True)
    state = models.CharField("상태", max_length=10, choices=MessageState.choices, default=MessageState.PENDING)
    attempts = models.PositiveSmallIntegerField("발송 시도", default=0)
    last_error = models.TextField("마지막 오류", blank=True)
    created_at = models.DateTimeField("만든 시각", auto_now_add=True)
    send_after = models.DateTimeField("발송 가능 시각", null=True, blank=True)
    claimed_at = models.DateTimeField("발송 시작 시각", null=True, blank=True)
    sent_at = models.DateTimeField("발송 시각", null=True, blank=True)
    provider_id = models.CharField("발송 업체 번호", max_length=100, blank=True)
    read_at = models.DateTimeField("읽은 시각", null=True, blank=True)

    objects = OutboundMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "발송 메시지"
        verbose_name_plural = "발송 메시지"
        constraints = [
            models.CheckConstraint(condition=Q(state__in=MessageState.values), name="message_state_valid"),
            models.CheckConstraint(condition=Q(channel__in=NotifyChannel.values), name="message_channel_valid"),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(profile__isnull=False), name="message_has_recipient"
            ),
        ]
        indexes = [
            models.Index(fields=["send_after", "id"], name="message_pending", condition=Q(state=MessageState.PENDING)),
            models.Index(fields=["claimed_at"], name="message_sending", condition=Q(state=MessageState.SENDING)),
            models.Index(fields=["user", "channel", "-created_at"], name="message_inbox"),
        ]

    def __str__(self):
        return f"{self.kind}/{self.channel} #{self.pk}"
