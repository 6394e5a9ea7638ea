"""SMS backend for tests: keeps sent messages in :data:`outbox` (like
``django.core.mail.outbox``) and behaves like a gateway that deduplicates by idempotency
key: a second send with a key it has seen adds nothing and returns the first provider id.

Tests empty it with :func:`reset` (``tests/conftest.py`` does so before every test)."""

import threading
from dataclasses import dataclass

from . import BaseSmsBackend, sms_kind


@dataclass(frozen=True)
class SmsMessage:
    to: str
    body: str
    idempotency_key: str
    sender: str
    provider_id: str
    kind: str  # "SMS" or "LMS"


#: Messages "sent", in order.
outbox: list[SmsMessage] = []
#: idempotency key -> provider id of the message first sent with it.
sent_keys: dict[str, str] = {}
_lock = threading.Lock()


def reset() -> None:
    """Empty :data:`outbox` and forget the idempotency keys (in place, so that names
    imported elsewhere see it)."""
    with _lock:
        outbox.clear()
        sent_keys.clear()


class SmsBackend(BaseSmsBackend):
    def send(self, *, to: str, body: str, idempotency_key: str) -> str:
        with _lock:
            if idempotency_key in sent_keys:
                return sent_keys[idempotency_key]
            provider_id = f"locmem-{len(sent_keys) + 1}"
            sent_keys[idempotency_key] = provider_id
            outbox.append(SmsMessage(to, body, idempotency_key, self.sender, provider_id, sms_kind(body)))
            return provider_id
