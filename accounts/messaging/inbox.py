"""The on-site inbox: a user's ``onsite`` messages (``OutboundMessage.objects.inbox``)."""

from django.utils import timezone

from ..models import OutboundMessage, User


def inbox_message_read(*, user: User, message_id: int) -> OutboundMessage:
    """Mark ``user``'s on-site message ``message_id`` read (``read_at``, kept from the first
    reading) and return it. Raises ``OutboundMessage.DoesNotExist`` when it is not one of
    ``user``'s on-site messages (the view answers 404)."""
    message = OutboundMessage.objects.inbox(user).get(pk=message_id)
    if message.read_at is None:
        message.read_at = timezone.now()
        OutboundMessage.objects.filter(pk=message.pk, read_at__isnull=True).update(read_at=message.read_at)
    return message


def inbox_read_all(*, user: User) -> int:
    """Mark every unread on-site message of ``user`` read; returns how many were unread."""
    return OutboundMessage.objects.inbox(user).unread().update(read_at=timezone.now())
