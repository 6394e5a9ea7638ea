"""SMS backend for development: writes each message to standard output."""

import sys
import threading

from . import BaseSmsBackend, sms_kind


class SmsBackend(BaseSmsBackend):
    def __init__(self, *, stream=None, **kwargs):
        super().__init__(**kwargs)
        self.stream = stream or sys.stdout
        self._lock = threading.Lock()

    def send(self, *, to: str, body: str, idempotency_key: str) -> str:
        text = (
            f"[{sms_kind(body)}] From: {self.sender}\nTo: {to}\nIdempotency-Key: {idempotency_key}\n\n{body}\n"
            + "-" * 40
            + "\n"
        )
        with self._lock:
            self.stream.write(text)
            self.stream.flush()
        return f"console-{idempotency_key}"
