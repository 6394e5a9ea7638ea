"""SMS backend for development: one text file per message in ``settings.SMS_FILE_PATH``
(created when missing), named ``<UTC time>-<idempotency key>-<random>.txt``."""

import secrets
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from . import BaseSmsBackend, sms_kind


class SmsBackend(BaseSmsBackend):
    def __init__(self, *, file_path=None, **kwargs):
        super().__init__(**kwargs)
        self.file_path = Path(file_path or settings.SMS_FILE_PATH)

    def send(self, *, to: str, body: str, idempotency_key: str) -> str:
        self.file_path.mkdir(parents=True, exist_ok=True)
        name = f"{timezone.now():%Y%m%d-%H%M%S}-{idempotency_key}-{secrets.token_hex(4)}.txt"
        content = (
            f"Kind: {sms_kind(body)}\nFrom: {self.sender}\nTo: {to}\nIdempotency-Key: {idempotency_key}\n\n{body}\n"
        )
        (self.file_path / name).write_text(content, encoding="utf-8")
        return f"file-{name}"
