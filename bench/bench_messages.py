"""Benchmark of the outbound message layer (issue 4): how fast rows are written by
``message_send`` and delivered by ``deliver_batch`` (claim with SKIP LOCKED, send, mark), with
the in-memory SMS and email backends so that only our own work is timed.

Run against a scratch database (it creates and then deletes its rows)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nj_bench \\
    SMS_BACKEND=accounts.messaging.sms.locmem.SmsBackend EMAIL_URL=memorymail:// \\
    .venv/bin/python bench/bench_messages.py --count 5000 --workers 1 2 4

Prints messages per second for writing and for delivering with 1, 2 and 4 threads (each
thread its own connection, as separate Celery workers would be) and checks that every row
was sent exactly once. Figures only; nothing is asserted on time (shared machines are noisy).
"""

import argparse
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "namdong_jobs.settings.local")
os.environ.setdefault("SMS_BACKEND", "accounts.messaging.sms.locmem.SmsBackend")
os.environ.setdefault("EMAIL_URL", "memorymail://")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402

# throughput, not the hour: quiet hours (21:00–08:00 KST) would hold every SMS of a night run
settings.NJ_SMS_QUIET_HOURS = None

from accounts.choices import MessageKind, MessageState, NotifyChannel  # noqa: E402
from accounts.messaging import message_send  # noqa: E402
from accounts.messaging import outbox as outbox_module  # noqa: E402
from accounts.messaging.delivery import deliver_batch  # noqa: E402
from accounts.messaging.sms import locmem  # noqa: E402
from accounts.models import OutboundMessage, User  # noqa: E402

SUBJECT = "bench"


def write(user: User, count: int) -> float:
    """Write ``count`` SMS rows in transactions of 500; returns seconds."""
    start = time.perf_counter()
    for first in range(0, count, 500):
        with transaction.atomic():
            for i in range(first, min(first + 500, count)):
                message_send(
                    kind=MessageKind.NOTICE,
                    subject=f"{SUBJECT}:{i}",
                    channel=NotifyChannel.SMS,
                    title="안내",
                    body=f"[남동구 일자리인력은행] 벤치마크 메시지 {i}",
                    user=user,
                )
    return time.perf_counter() - start


def deliver(workers: int) -> float:
    """Deliver every pending row with ``workers`` threads; returns seconds."""

    def run():
        while deliver_batch(limit=100):
            pass
        connection.close()

    threads = [threading.Thread(target=run) for _ in range(workers)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args()
    outbox_module.enqueue_delivery = lambda *a, **k: None  # no broker: this times our own work
    user, _ = User.objects.get_or_create(
        email="bench@namdong.example", defaults={"name": "벤치", "phone": "+821099990000"}
    )
    User.objects.filter(pk=user.pk).update(phone="+821099990000")
    print(f"messages: {args.count} SMS rows (locmem gateway), PostgreSQL {connection.pg_version}")
    for workers in args.workers:
        OutboundMessage.objects.filter(user=user).delete()
        locmem.reset()
        seconds = write(user, args.count)
        print(f"  write   : {args.count / seconds:8.0f} rows/s ({seconds:.2f} s)")
        seconds = deliver(workers)
        sent = OutboundMessage.objects.filter(user=user, state=MessageState.SENT).count()
        keys = [m.idempotency_key for m in locmem.outbox]
        print(
            f"  deliver : {args.count / seconds:8.0f} rows/s with {workers} thread(s) ({seconds:.2f} s); "
            f"sent {sent}, gateway got {len(keys)}, duplicates {len(keys) - len(set(keys))}"
        )
    OutboundMessage.objects.filter(user=user).delete()
    user.delete()


if __name__ == "__main__":
    main()
