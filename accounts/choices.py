"""Coded values of the accounts app: consents, one-time codes, notification preferences and
outbound messages (DESIGN.md "Privacy" and "Lifecycles: Outbound message")."""

from django.db import models
from django.utils.translation import gettext_noop


class ConsentPurpose(models.TextChoices):
    """The separate consents of 개인정보 보호법 §15, §17, §22, §23 (DESIGN.md "Privacy")."""

    COLLECTION = "collection", gettext_noop("개인정보 수집·이용 (필수)")
    PROVISION = "provision", gettext_noop("지원·알선 기업에 개인정보 제공 (선택)")
    SENSITIVE = "sensitive", gettext_noop("민감정보(장애 여부 등) 처리 (선택)")
    NOTIFICATIONS = "notifications", gettext_noop("일자리 알림 수신 (선택)")


#: Consents a person may withdraw while keeping the account (collection is withdrawn only by
#: deleting the account).
OPTIONAL_CONSENTS = (ConsentPurpose.PROVISION, ConsentPurpose.SENSITIVE, ConsentPurpose.NOTIFICATIONS)


class ConsentMethod(models.TextChoices):
    ONLINE = "online", gettext_noop("온라인 본인 동의")
    PAPER = "paper", gettext_noop("서면 동의서 (센터 직원 확인)")


class CodePurpose(models.TextChoices):
    """What a 6-digit one-time code proves."""

    VERIFY_PHONE = "verify_phone", gettext_noop("휴대전화번호 확인")
    PASSWORD_RESET = "password_reset", gettext_noop("비밀번호 재설정")
    CLAIM_PROFILE = "claim_profile", gettext_noop("센터 등록 구직자 계정 만들기")


class NotifyChannel(models.TextChoices):
    EMAIL = "email", gettext_noop("이메일")
    SMS = "sms", gettext_noop("문자(SMS)")
    ONSITE = "onsite", gettext_noop("사이트 알림함")


class NotifyFrequency(models.TextChoices):
    IMMEDIATE = "immediate", gettext_noop("바로 받기")
    DAILY = "daily", gettext_noop("하루 한 번 모아 받기")
    OFF = "off", gettext_noop("받지 않기")


class MessageKind(models.TextChoices):
    """Kinds of outbound message (DESIGN.md)."""

    CODE = "code", gettext_noop("인증번호")
    APPLICATION_STATUS = "application_status", gettext_noop("지원 상태 변경")
    APPLICATION_RECEIVED = "application_received", gettext_noop("새 지원자")
    MATCH = "match", gettext_noop("맞춤 일자리")
    DIGEST = "digest", gettext_noop("맞춤 일자리 모음")
    NOTICE = "notice", gettext_noop("안내")


class MessageState(models.TextChoices):
    """pending → sending → sent | failed | suppressed (DESIGN.md)."""

    PENDING = "pending", gettext_noop("발송 대기")
    SENDING = "sending", gettext_noop("발송 중")
    SENT = "sent", gettext_noop("발송 완료")
    FAILED = "failed", gettext_noop("발송 실패")
    SUPPRESSED = "suppressed", gettext_noop("발송 안 함")
