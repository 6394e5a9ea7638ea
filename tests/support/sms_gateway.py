"""A local fake of the SMS gateway that ``accounts.messaging.sms.http.SmsBackend`` talks to:
a real HTTP server (``ThreadingHTTPServer`` on ``127.0.0.1``, a free port, a background
thread) that speaks the gateway's protocol, so tests exercise the real backend over a socket.

Protocol (as the backend's docstring): ``POST`` JSON ``{"to", "from", "text", "type",
"idempotency_key"}`` with ``Authorization: Bearer <key>`` and ``Idempotency-Key: <key>``.

* a wrong or missing bearer key → 401, nothing recorded;
* the first ``fail_first`` requests (of any kind) → 500, nothing recorded (an outage);
* a malformed body, or header and body keys that differ → 400;
* a new idempotency key → 201 ``{"message_id": "gw-<n>"}``, recorded in :attr:`accepted`;
* a key seen before → ``duplicate_status`` (200, or 409) with the first ``message_id`` and
  ``"duplicate": true``; not recorded again (the gateway sends once);
* ``delay`` seconds of silence before any answer (to make the backend time out);
* ``answer=(status, body bytes)`` replaces every authorised answer (malformed answers; a
  3xx status comes with ``Location: /elsewhere``, where a GET is answered 405).

Use it as a context manager (``with FakeSmsGateway(key=…) as gateway: …``) or through the
:func:`sms_gateway` fixture. The state lives in this process, but the server listens on a
socket, so another process (a Celery worker subprocess) can post to it: give it
:meth:`FakeSmsGateway.environ` (``SMS_BACKEND``, ``SMS_GATEWAY_URL``, ``SMS_GATEWAY_KEY``).
"""

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

#: Bearer key the fake accepts unless told otherwise.
DEFAULT_KEY = "test-gateway-key-7f3a"
#: Dotted path of the backend that talks to this server.
HTTP_BACKEND = "accounts.messaging.sms.http.SmsBackend"
#: Largest request body the fake reads, in bytes.
MAX_BODY = 64 * 1024


@dataclass(frozen=True)
class AcceptedSms:
    """One message the fake gateway accepted (sent), in arrival order."""

    to: str
    text: str
    key: str
    sender: str
    kind: str  # "SMS" or "LMS", as the backend declared it
    message_id: str


class FakeSmsGateway:
    """The fake gateway. ``accepted`` (list of :class:`AcceptedSms`) and ``requests`` (every
    request received, refused ones included) may be read from any thread; read them after
    the sends being checked have returned."""

    def __init__(
        self,
        *,
        key: str = DEFAULT_KEY,
        fail_first: int = 0,
        duplicate_status: int = 200,
        delay: float = 0.0,
        answer: tuple[int, bytes] | None = None,
    ):
        self.key = key
        self.fail_first = fail_first
        self.duplicate_status = duplicate_status
        self.delay = delay
        self.answer = answer
        self.accepted: list[AcceptedSms] = []
        self.requests = 0
        self._ids: dict[str, str] = {}  # idempotency key -> first message id
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- life cycle -------------------------------------------------------------------------

    def start(self) -> "FakeSmsGateway":
        """Listen on 127.0.0.1 (a free port) and serve in a daemon thread; returns self."""
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        server.daemon_threads = True
        server.gateway = self
        self._server = server
        self._stopping.clear()
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-sms-gateway", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket (answers being delayed are cut short)."""
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join()
            self._server = None

    def __enter__(self) -> "FakeSmsGateway":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>/v1/messages`` (only while started)."""
        if self._server is None:
            raise RuntimeError("The fake SMS gateway is not running.")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1/messages"

    def environ(self) -> dict[str, str]:
        """Environment variables that point a Django process (a worker) at this gateway."""
        return {"SMS_BACKEND": HTTP_BACKEND, "SMS_GATEWAY_URL": self.url, "SMS_GATEWAY_KEY": self.key}

    def configure(self, settings) -> None:
        """Point pytest-django's ``settings`` fixture at this gateway (backend, URL, key)."""
        settings.SMS_BACKEND = HTTP_BACKEND
        settings.SMS_GATEWAY_URL = self.url
        settings.SMS_GATEWAY_KEY = self.key

    # --- what a request gets ----------------------------------------------------------------

    def _handle(self, authorization: str, header_key: str, raw: bytes) -> tuple[int, dict | bytes]:
        with self._lock:
            self.requests += 1
            failing = self.requests <= self.fail_first
        if self.delay:
            self._stopping.wait(self.delay)
        if failing:
            return 500, {"error": "temporary failure"}
        if authorization != f"Bearer {self.key}":
            return 401, {"error": "bad key"}
        if self.answer is not None:
            return self.answer
        try:
            body = json.loads(raw.decode("utf-8"))
            fields = {name: body[name] for name in ("to", "from", "text", "type", "idempotency_key")}
        except (UnicodeDecodeError, ValueError, TypeError, KeyError):
            return 400, {"error": "malformed body"}
        if not all(isinstance(value, str) and value for value in fields.values()):
            return 400, {"error": "empty field"}
        if fields["idempotency_key"] != header_key or fields["type"] not in ("SMS", "LMS"):
            return 400, {"error": "inconsistent request"}
        key = header_key
        with self._lock:
            if key in self._ids:
                return self.duplicate_status, {"message_id": self._ids[key], "duplicate": True}
            message_id = f"gw-{len(self._ids) + 1}"
            self._ids[key] = message_id
            self.accepted.append(
                AcceptedSms(fields["to"], fields["text"], key, fields["from"], fields["type"], message_id)
            )
        return 201, {"message_id": message_id}


class _Handler(BaseHTTPRequestHandler):
    server_version = "FakeSmsGateway/1"

    def do_POST(self):
        try:
            length = min(int(self.headers.get("Content-Length") or 0), MAX_BODY)
        except ValueError:
            length = 0
        raw = self.rfile.read(length) if length > 0 else b""
        status, body = self.server.gateway._handle(
            self.headers.get("Authorization", ""), self.headers.get("Idempotency-Key", ""), raw
        )
        self._answer(status, body)

    def do_GET(self):
        with self.server.gateway._lock:
            self.server.gateway.requests += 1
        self._answer(405, {"error": "POST only"})

    def _answer(self, status: int, body: dict | bytes) -> None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            if 300 <= status < 400:
                self.send_header("Location", "/elsewhere")
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (its timeout)
            pass

    def log_message(self, format, *args):  # keep test output quiet
        pass


@pytest.fixture
def sms_gateway(settings):
    """A running :class:`FakeSmsGateway` with the default key, and ``settings`` pointing the
    SMS backend at it. Import it into a test module (or a conftest) to use it."""
    with FakeSmsGateway() as gateway:
        gateway.configure(settings)
        yield gateway
