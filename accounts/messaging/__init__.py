"""The outbound message layer (DESIGN.md "Lifecycles: Outbound message"), used by the whole
portal for one-time codes, application status changes and match alerts:

* :func:`message_send` — one message (kind, subject, recipient, channel), deduplicated;
* :func:`notify_person` — one notice over the channels a person chose;
* ``accounts.messaging.delivery.deliver_batch`` — claim and send pending email/SMS (called by
  the tasks ``accounts.tasks.deliver_messages`` and ``deliver_pending_messages``);
* ``accounts.messaging.sms`` — pluggable SMS backends (``settings.SMS_BACKEND``);
* :func:`inbox_message_read`, :func:`inbox_read_all` — the on-site inbox.
"""

from .inbox import inbox_message_read, inbox_read_all
from .outbox import dedupe_key, enqueue_delivery, message_send, notice_channels, notify_person, verified_address

__all__ = [
    "dedupe_key",
    "enqueue_delivery",
    "inbox_message_read",
    "inbox_read_all",
    "message_send",
    "notice_channels",
    "notify_person",
    "verified_address",
]
