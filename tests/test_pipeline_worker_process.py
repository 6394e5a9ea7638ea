"""The matching and notification pipeline end to end with REAL Celery worker processes (issue 6,
"Must show"): publishing a posting through the lifecycle service enqueues ``match_posting``
through the real Redis broker (``TEST_REDIS_URL``, a queue of this test's own), a worker
subprocess (prefork pool, as in production) matches, writes the message rows and delivers
them to a local fake SMS gateway (``tests.support.sms_gateway``, over HTTP) and to Django's
file email backend, both of which this process reads.

The second test SIGKILLs the worker's whole process group during delivery, starts a new
one and plays Celery beat (``deliver_pending_messages`` every second): the rows left in
``sending`` are claimed again once ``NJ_MESSAGE_SENDING_TIMEOUT`` (3 s here) has passed, and
the gateway's idempotency keys keep any resend from being sent twice.

The workers run ``namdong_jobs.settings.test`` against pytest's ``test_<name>`` database
(committed rows: ``transaction=True``), configured by the ``TEST_`` variables of that module
(backends, queue, a 10 s visibility timeout, the 3 s sending timeout). Waits poll with a
deadline; nothing here asserts how long anything took.
"""

import contextlib
import email
import email.policy
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.utils import timezone

from accounts.choices import MessageKind, MessageState, NotifyChannel
from accounts.messaging.delivery import email_message_id
from accounts.messaging.unsubscribe import unsubscribe_profile_id
from accounts.models import OutboundMessage
from accounts.tasks import deliver_pending_messages
from jobs.choices import ApplyMethod, PostingStatus
from jobs.models import JobPosting, Match
from jobs.services import posting_approve
from namdong_jobs.celery import app
from namdong_jobs.reference.models import CommunityCentre
from tests.factories import JobPostingFactory, StaffMembershipFactory
from tests.jobs.matching.helpers import seeker
from tests.support.sms_gateway import FakeSmsGateway

ROOT = Path(__file__).resolve().parent.parent
#: Seconds after which Redis hands an unacknowledged task to another worker (production: 3600).
VISIBILITY_TIMEOUT_S = 10
#: Seconds after which a row stuck in ``sending`` is claimed again (production: 600).
SENDING_TIMEOUT_S = 3
#: The longest wait for any one outcome, in seconds (a deadline, not an assertion).
DEADLINE_S = 45
#: What separates two messages in a file of Django's file email backend.
MAIL_SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def database_url() -> str:
    """The URL of the database this test runs against (pytest-django's ``test_<name>``)."""
    db = connection.settings_dict
    auth = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"], safe="")
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{auth}{'@' if auth else ''}{db['HOST'] or '127.0.0.1'}{port}/{db['NAME']}"


class Pipeline:
    """Worker subprocesses on one queue of their own, the fake SMS gateway and the mail
    folder they deliver to."""

    def __init__(self, *, queue: str, gateway: FakeSmsGateway, mail_dir: Path, log_dir: Path):
        self.queue = queue
        self.gateway = gateway
        self.mail_dir = mail_dir
        self.log_dir = log_dir
        self.workers: list[subprocess.Popen] = []
        self.killed: set[int] = set()  # pids whose whole group was SIGKILLed and reaped
        gateway_env = gateway.environ()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "namdong_jobs.settings.test",
            "DATABASE_URL": database_url(),
            "TEST_REDIS_URL": settings.REDIS_URL,
            "TEST_CELERY_QUEUE": queue,
            "TEST_CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT_S),
            "TEST_MESSAGE_SENDING_TIMEOUT": str(SENDING_TIMEOUT_S),
            "TEST_SMS_BACKEND": gateway_env["SMS_BACKEND"],
            "SMS_GATEWAY_URL": gateway_env["SMS_GATEWAY_URL"],
            "SMS_GATEWAY_KEY": gateway_env["SMS_GATEWAY_KEY"],
            "TEST_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "TEST_EMAIL_FILE_PATH": str(mail_dir),
            "PYTHONUNBUFFERED": "1",
        }

    # --- workers ------------------------------------------------------------------------------

    def start_worker(self) -> subprocess.Popen:
        """Start a worker in a session (process group) of its own and wait until it answers a
        ping (it then consumes from the queue). Returns its process."""
        number = len(self.workers) + 1
        hostname = f"{self.queue}-{number}@{socket.gethostname()}"
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "namdong_jobs",
            "worker",
            "--pool=prefork",
            "--concurrency=1",
            "-Q",
            self.queue,
            "-n",
            hostname,
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
            "-l",
            "WARNING",
        ]
        with open(self.log_dir / f"worker-{number}.log", "wb") as log:
            process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.workers.append(process)
        self.wait_until(lambda: app.control.ping(destination=[hostname], timeout=0.5), "the worker to answer a ping")
        return process

    def kill(self, process: subprocess.Popen) -> None:
        """SIGKILL the worker and its pool child (its whole process group)."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        self.killed.add(process.pid)

    def stop_all(self) -> None:
        """Stop every worker started (warm shutdown, then SIGKILL of the group)."""
        for process in self.workers:
            if process.pid in self.killed:
                continue
            if process.poll() is None:
                _signal_group(process, signal.SIGTERM)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=10)
            _signal_group(process, signal.SIGKILL)  # the pool child too, whatever happened
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=10)

    def log_tail(self, chars: int = 3000) -> str:
        parts = []
        for path in sorted(self.log_dir.glob("worker-*.log")):
            parts.append(f"--- {path.name} ---\n{path.read_text(errors='replace')[-chars:]}")
        return "\n".join(parts)

    # --- waiting -------------------------------------------------------------------------------

    def wait_until(self, condition, what: str, *, every=None, seconds: float = DEADLINE_S):
        """Poll ``condition()`` until it is true (returns its value), calling ``every()`` about
        once a second meanwhile; fails after ``seconds`` or when the newest worker has died."""
        deadline = time.monotonic() + seconds
        last_tick = 0.0
        while True:
            value = condition()
            if value:
                return value
            latest = self.workers[-1] if self.workers else None
            if latest is not None and latest.poll() is not None and latest.returncode != -signal.SIGKILL:
                pytest.fail(f"the worker exited ({latest.returncode}) waiting for {what}\n{self.log_tail()}")
            if time.monotonic() > deadline:
                pytest.fail(f"gave up waiting for {what}: {row_states()}\n{self.log_tail()}")
            if every is not None and time.monotonic() - last_tick >= 1:
                every()
                last_tick = time.monotonic()
            time.sleep(0.05)

    # --- what was delivered --------------------------------------------------------------------

    def emails(self) -> list[email.message.EmailMessage]:
        """Every email the workers wrote (a file may hold several, separated by a line of
        dashes)."""
        found = []
        for path in sorted(self.mail_dir.glob("*.log")):
            for chunk in path.read_bytes().split(MAIL_SEPARATOR):
                if chunk.strip():
                    found.append(email.message_from_bytes(chunk, policy=email.policy.default))
        return found


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signum)


def _forget_queue(queue: str) -> None:
    """Remove every trace of this test's queue (its name is unique) from the test's Redis
    database: the queue and its binding keys, the workers' control (pidbox) bindings, which a
    killed worker cannot remove itself, and any unacknowledged task a killed worker left, which
    Redis would otherwise put back into the queue after the visibility timeout."""
    client = redis.Redis.from_url(settings.REDIS_URL)
    token = queue.encode()
    for key in client.scan_iter(match=f"*{queue}*"):
        client.delete(key)
    for key in client.scan_iter(match="_kombu.binding*"):
        if client.type(key) == b"set":
            stale = [member for member in client.smembers(key) if token in member]
            if stale:
                client.srem(key, *stale)
    for tag, raw in client.hscan_iter("unacked"):
        if token in raw:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)


@pytest.fixture
def pipeline(transactional_db, tmp_path):
    """A :class:`Pipeline` on a fresh queue; this process enqueues to that queue too. The
    workers are stopped and the queue dropped afterwards, before the tables are flushed."""
    from namdong_jobs.reference.loader import load_reference

    load_reference()  # transactional tests start from flushed tables
    queue = f"nj-test-pipeline-{uuid.uuid4().hex[:12]}"
    # Celery caches its routing objects on first use: build them with the usual default queue
    # first, so that this test changes where tasks go only while it runs
    app.amqp.queues, app.amqp.router, app.amqp.default_exchange  # noqa: B018
    default_queue = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    _forget_queue(queue)
    (tmp_path / "mail").mkdir()
    (tmp_path / "logs").mkdir()
    try:
        with FakeSmsGateway() as gateway:
            runner = Pipeline(queue=queue, gateway=gateway, mail_dir=tmp_path / "mail", log_dir=tmp_path / "logs")
            try:
                yield runner
            finally:
                runner.stop_all()
                _forget_queue(queue)
    finally:
        app.conf.task_default_queue = default_queue
        app.amqp.queues.pop(queue, None)


# ---- data ---------------------------------------------------------------------------------


def sms_and_email_seeker(number: int, **fields):
    """A seeker consenting to notices by SMS and email, both verified (occupation 890 wanted,
    anywhere in Namdong, unless ``fields`` say otherwise)."""
    return seeker(
        notify_channels=[NotifyChannel.SMS, NotifyChannel.EMAIL],
        user__phone=f"+82105550{number:04d}",
        user__phone_verified_at=timezone.now(),
        **fields,
    )


def publish() -> JobPosting:
    """Approve a submitted posting (890 in 논현고잔동) as district staff: the real service,
    which enqueues ``match_posting`` once its transaction commits."""
    submitted = JobPostingFactory(status=PostingStatus.SUBMITTED, published_at=None, apply_methods=[ApplyMethod.ONLINE])
    district = StaffMembershipFactory(centre=CommunityCentre.objects.get(kind=CommunityCentre.Kind.DISTRICT)).user
    return posting_approve(posting=submitted, by=district)


def outbound(job: JobPosting):
    """The posting's email and SMS match messages."""
    return OutboundMessage.objects.filter(kind=MessageKind.MATCH, subject=f"posting:{job.pk}").exclude(
        channel=NotifyChannel.ONSITE
    )


def row_states() -> dict:
    """``{(channel, state): count}`` of every message, for failure messages."""
    from django.db.models import Count

    rows = OutboundMessage.objects.values_list("channel", "state").annotate(n=Count("id"))
    return {(channel, state): n for channel, state, n in rows}


def all_sent(job: JobPosting, expected: int):
    """A condition: the posting's ``expected`` email/SMS rows exist and are all ``sent``
    (fails at once when any ended otherwise)."""

    def condition():
        rows = outbound(job)
        finished_badly = rows.filter(state__in=[MessageState.FAILED, MessageState.SUPPRESSED])
        if finished_badly.exists():
            pytest.fail(f"messages not sent: {list(finished_badly.values('channel', 'state', 'last_error'))}")
        return rows.count() == expected and rows.filter(state=MessageState.SENT).count() == expected

    return condition


def check_emails(found, rows) -> None:
    """Every email row was written to the mail folder, to its address, with its Message-ID,
    subject and a one-click unsubscribe header naming its seeker."""
    by_id = {}
    for message in found:
        by_id.setdefault(message["Message-ID"], []).append(message)
    assert set(by_id) == {email_message_id(row) for row in rows}
    for row in rows:
        message = by_id[email_message_id(row)][0]
        # (Django folds long headers right after the colon; the parsed value keeps that space)
        assert message["To"] == row.address
        assert str(message["Subject"]).strip() == row.title
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        url = str(message["List-Unsubscribe"]).strip().strip("<>")
        token = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
        assert unsubscribe_profile_id(token) == row.profile_id


# ---- tests --------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_published_posting_reaches_exactly_the_fitting_seekers(pipeline):
    fitting = [sms_and_email_seeker(n) for n in range(5)]
    other = sms_and_email_seeker(99, wanted_occupations=["561"])  # cooks: the posting is assembly work
    pipeline.start_worker()

    job = publish()
    pipeline.wait_until(all_sent(job, expected=2 * len(fitting)), "every email and SMS to be sent")

    assert set(Match.objects.filter(posting=job).values_list("profile_id", flat=True)) == {p.pk for p in fitting}
    job.refresh_from_db()
    assert job.matched_at is not None
    sms_rows = list(outbound(job).filter(channel=NotifyChannel.SMS))
    email_rows = list(outbound(job).filter(channel=NotifyChannel.EMAIL))
    assert sorted(row.profile_id for row in sms_rows) == sorted(p.pk for p in fitting)
    assert sorted(row.profile_id for row in email_rows) == sorted(p.pk for p in fitting)

    accepted = pipeline.gateway.accepted
    assert sorted(sms.to for sms in accepted) == sorted(p.user.phone for p in fitting)
    assert {sms.key: sms.to for sms in accepted} == {str(row.pk): row.address for row in sms_rows}
    # the text is the row's body and how to stop (added at send time, accounts.messaging.delivery.sms_text)
    bodies = {str(row.pk): row.body for row in sms_rows}
    assert all(sms.text.startswith(bodies[sms.key] + "\n알림 그만 받기: ") for sms in accepted)
    assert all(job.title in sms.text for sms in accepted)

    found = pipeline.emails()
    assert sorted(message["To"] for message in found) == sorted(p.user.email for p in fitting)
    check_emails(found, email_rows)

    onsite = OutboundMessage.objects.filter(kind=MessageKind.MATCH, channel=NotifyChannel.ONSITE)
    assert sorted(onsite.values_list("profile_id", flat=True)) == sorted(p.pk for p in fitting)
    assert set(onsite.values_list("state", flat=True)) == {MessageState.SENT}
    assert set(onsite.values_list("user_id", flat=True)) == {p.user_id for p in fitting}

    assert not OutboundMessage.objects.filter(profile=other).exists()
    assert other.user.phone not in {sms.to for sms in accepted}
    assert other.user.email not in {message["To"] for message in found}


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_during_delivery_leaves_nothing_unsent_and_nothing_sent_twice(pipeline):
    fitting = [sms_and_email_seeker(n) for n in range(20)]
    gateway = pipeline.gateway
    gateway.delay = 0.25  # seconds before each answer: the worker is mid-batch for a while
    first = pipeline.start_worker()

    job = publish()
    # killed once an SMS went through and the next one is at the gateway, unanswered: the
    # gateway will accept that one, but the worker never records it (as a crash between the
    # gateway accepting and our commit); the new worker's resend must be deduplicated
    pipeline.wait_until(
        lambda: gateway.accepted and gateway.requests > len(gateway.accepted), "an SMS to be accepted and one in flight"
    )
    pipeline.kill(first)
    sms_rows = outbound(job).filter(channel=NotifyChannel.SMS)
    stuck = sms_rows.filter(state=MessageState.SENDING).count()
    assert 0 < stuck < len(fitting), "the worker should have died in the middle of the SMS batch"
    accepted_before = len(gateway.accepted)
    gateway.delay = 0.0

    pipeline.start_worker()
    # as Celery beat would every minute: the sweeper finds the rows stuck in "sending"
    pipeline.wait_until(
        all_sent(job, expected=2 * len(fitting)),
        "the new worker to send what the killed one left",
        every=deliver_pending_messages.apply_async,
    )

    accepted = gateway.accepted
    keys = [sms.key for sms in accepted]
    assert len(keys) == len(set(keys)) == len(fitting)  # no idempotency key accepted twice
    assert set(keys) == {str(pk) for pk in sms_rows.values_list("pk", flat=True)}
    assert sorted(sms.to for sms in accepted) == sorted(p.user.phone for p in fitting)
    assert sms_rows.filter(attempts__gte=2).exists()  # claimed again after the timeout
    check_emails(pipeline.emails(), list(outbound(job).filter(channel=NotifyChannel.EMAIL)))
    deduplicated = gateway.requests - len(accepted)
    print(
        f"killed with {stuck} SMS in 'sending' and {accepted_before} accepted; "
        f"gateway requests {gateway.requests}, accepted {len(accepted)}, deduplicated {deduplicated}; "
        f"emails written {len(pipeline.emails())} for {len(fitting)} rows"
    )
