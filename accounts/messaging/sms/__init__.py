"""SMS through a pluggable backend, chosen by ``settings.SMS_BACKEND`` like Django's
``EMAIL_BACKEND``: ``accounts.messaging.sms.console.SmsBackend`` (prints, development),
``.filebased.SmsBackend`` (one file per message in ``settings.SMS_FILE_PATH``) and
``.locmem.SmsBackend`` (tests: ``accounts.messaging.sms.locmem.outbox``). A production
gateway backend subclasses :class:`BaseSmsBackend`.

Length: Korean carriers send up to 90 bytes in EUC-KR as an SMS (45 Hangul syllables);
anything longer goes as an LMS (up to 2,000 bytes), which costs more but arrives whole. Bodies
are never truncated here (a cut-off code or link is worse than an LMS); :func:`sms_kind`
tells which one a body is, and the backends record it.
"""

from django.conf import settings
from django.utils.module_loading import import_string

#: Longest body, in EUC-KR bytes, that goes as a short message (SMS) rather than an LMS.
SMS_MAX_BYTES = 90


def sms_kind(body: str) -> str:
    """``"SMS"`` when ``body`` fits :data:`SMS_MAX_BYTES` bytes in EUC-KR, else ``"LMS"``.
    Characters EUC-KR cannot encode count as 2 bytes (as gateways substitute them)."""
    size = sum(len(ch.encode("euc-kr")) if _encodable(ch) else 2 for ch in body)
    return "SMS" if size <= SMS_MAX_BYTES else "LMS"


def _encodable(ch: str) -> bool:
    try:
        ch.encode("euc-kr")
    except UnicodeEncodeError:
        return False
    return True


class BaseSmsBackend:
    """One way of sending a text message.

    Subclasses implement :meth:`send`. ``sender`` is the registered caller number
    (``settings.SMS_SENDER``, 발신번호 사전등록제)."""

    def __init__(self, *, sender: str | None = None):
        self.sender = sender if sender is not None else settings.SMS_SENDER

    def send(self, *, to: str, body: str, idempotency_key: str) -> str:
        """Send ``body`` to ``to`` (E.164, e.g. ``+821012345678``) and return the provider's
        message id (a string).

        ``idempotency_key`` identifies the message (the outbound message row id): a gateway
        that receives the same key twice sends once and answers with the first id, which is
        what makes a resend after a crash harmless. Raises any exception on failure; the
        caller records it and retries later."""
        raise NotImplementedError


def get_backend(path: str | None = None, **kwargs) -> BaseSmsBackend:
    """An instance of the SMS backend at dotted ``path`` (default ``settings.SMS_BACKEND``);
    ``kwargs`` go to its constructor."""
    return import_string(path or settings.SMS_BACKEND)(**kwargs)
