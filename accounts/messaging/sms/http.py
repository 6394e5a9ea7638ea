"""SMS backend for a production HTTP gateway (``accounts.messaging.sms.http.SmsBackend``).

Each message is one ``POST`` of JSON to ``settings.SMS_GATEWAY_URL``::

    Authorization: Bearer <settings.SMS_GATEWAY_KEY>
    Idempotency-Key: <outbound message row id>
    {"to": "+821012345678", "from": "0324535000", "text": "…", "type": "SMS" | "LMS",
     "idempotency_key": "<row id>"}

The gateway answers 2xx with ``{"message_id": "…"}``. It deduplicates by idempotency key: a
second request with a key it has seen is not sent again and is answered (200 or 409) with
the first ``message_id``, which counts as success here, so a resend after a crash between
the gateway accepting and our commit is harmless (``accounts.messaging.delivery``).

Anything else (another status, a redirect, a timeout after ``settings.SMS_GATEWAY_TIMEOUT``
seconds, a refused connection, an answer without a ``message_id``) raises
:class:`SmsGatewayError`, whose message names the status or the kind of failure but never
the key, the number or the text (it is stored on the message row as ``last_error``).
Standard library only (``urllib.request``).
"""

import http.client
import json
import urllib.error
import urllib.request

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from . import BaseSmsBackend, sms_kind

#: Largest gateway answer read, in bytes (a real answer is a few dozen).
MAX_ANSWER_BYTES = 64 * 1024
#: Statuses besides 2xx whose answer may carry the first message id of a duplicate key.
DUPLICATE_STATUSES = (409,)


class SmsGatewayError(Exception):
    """The gateway did not accept the message; ``str()`` is a short English reason that names
    the HTTP status or the kind of failure (never the key, the number or the text).
    ``status`` is the HTTP status, or ``None`` when there was no answer."""

    def __init__(self, message: str, *, status: int | None = None):
        super().__init__(message)
        self.status = status


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Do not follow redirects: urllib would resend the ``Authorization`` header to wherever
    the gateway points. A 3xx then arrives as an ``HTTPError`` and fails the send."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


class SmsBackend(BaseSmsBackend):
    """Sends through the HTTP gateway. ``url``, ``key`` and ``timeout`` (seconds) default to
    ``settings.SMS_GATEWAY_URL``, ``SMS_GATEWAY_KEY`` and ``SMS_GATEWAY_TIMEOUT``. Raises
    ``ImproperlyConfigured`` when the URL is empty or not ``http(s)://``."""

    def __init__(self, *, url: str | None = None, key: str | None = None, timeout: float | None = None, **kwargs):
        super().__init__(**kwargs)
        self.url = url if url is not None else settings.SMS_GATEWAY_URL
        self.key = key if key is not None else settings.SMS_GATEWAY_KEY
        self.timeout = float(timeout if timeout is not None else settings.SMS_GATEWAY_TIMEOUT)
        if not self.url.startswith(("http://", "https://")):
            raise ImproperlyConfigured("SMS_GATEWAY_URL must be an http:// or https:// address.")

    def send(self, *, to: str, body: str, idempotency_key: str) -> str:
        """POST the message; returns the gateway's ``message_id`` (also for a duplicate key).
        Raises :class:`SmsGatewayError` on any failure."""
        payload = {
            "to": to,
            "from": self.sender,
            "text": body,
            "type": sms_kind(body),
            "idempotency_key": idempotency_key,
        }
        request = urllib.request.Request(  # noqa: S310 (the scheme is checked in __init__)
            self.url,
            data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
            method="POST",
            headers={
                "Authorization": f"Bearer {self.key}",
                "Idempotency-Key": idempotency_key,
                "Content-Type": "application/json; charset=utf-8",
                "Accept": "application/json",
                "User-Agent": "namdong-jobs-sms/1",
            },
        )
        status, raw = self._post(request)
        try:
            answer = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            answer = None
        message_id = answer.get("message_id") if isinstance(answer, dict) else None
        if isinstance(message_id, int) and not isinstance(message_id, bool):
            message_id = str(message_id)
        if not isinstance(message_id, str) or not message_id.strip():
            raise SmsGatewayError(f"SMS gateway answered HTTP {status} without a message_id", status=status)
        return message_id.strip()

    def _post(self, request: urllib.request.Request) -> tuple[int, bytes]:
        """``(status, answer body)`` of a 2xx or duplicate answer; raises otherwise."""
        try:
            with _opener.open(request, timeout=self.timeout) as response:
                return response.status, response.read(MAX_ANSWER_BYTES)
        except urllib.error.HTTPError as exc:
            status = exc.code
            try:
                raw = exc.read(MAX_ANSWER_BYTES) if status in DUPLICATE_STATUSES else b""
            except (OSError, http.client.HTTPException):
                raw = b""
            finally:
                exc.close()
            if status in DUPLICATE_STATUSES:
                return status, raw
            raise SmsGatewayError(f"SMS gateway answered HTTP {status}", status=status) from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise SmsGatewayError(f"SMS gateway did not answer within {self.timeout:g} s") from None
            raise SmsGatewayError(f"SMS gateway unreachable ({type(exc.reason).__name__})") from None
        except TimeoutError:
            raise SmsGatewayError(f"SMS gateway did not answer within {self.timeout:g} s") from None
        except OSError as exc:  # connection reset or refused after the request went out
            raise SmsGatewayError(f"SMS gateway connection failed ({type(exc).__name__})") from None
        except http.client.HTTPException as exc:  # a broken status line or headers
            raise SmsGatewayError(f"SMS gateway sent a broken answer ({type(exc).__name__})") from None
