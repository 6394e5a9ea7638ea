"""A real Celery worker running the ``jobs.tasks.match_posting`` task, and its peak memory.

The worker is a subprocess (``celery -A namdong_jobs worker --pool=solo``) on its own queue
:data:`WORKER_QUEUE` and on the benchmark's Redis database (``CELERY_BROKER_URL``, which the
entry point defaults to ``REDIS_URL``); its peak resident memory is read from
``/proc/<pid>/status`` (``VmHWM``), so this part runs on Linux only.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.matching import ms
from bench.matching.timing import reset
from jobs.models import JobPosting
from jobs.tasks import match_posting as match_task
from namdong_jobs.celery import app as celery_app

#: The repository root (the worker's working directory).
ROOT = Path(__file__).resolve().parents[2]
WORKER_QUEUE = "bench_matching"


def proc_status_mb(pid: int, field: str) -> float:
    """``field`` (``VmHWM``: peak resident set, ``VmRSS``: now) of process ``pid``, in MB (MiB)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no {field} in /proc/{pid}/status")


def wait_for(condition, worker: subprocess.Popen, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if worker.poll() is not None:
            raise RuntimeError(f"the worker exited ({worker.returncode}) waiting for {what}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out after {seconds} s waiting for {what}")
        time.sleep(0.05)


def stop(worker: subprocess.Popen) -> None:
    """TERM (warm shutdown), then KILL after 20 s."""
    if worker.poll() is None:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def purge(queue: str) -> int:
    with celery_app.connection_for_write() as conn:
        return conn.default_channel.queue_purge(queue) or 0


def worker_peak_rss(posting: JobPosting, timeout_s: float = 900) -> dict:
    """Run ``jobs.tasks.match_posting`` for ``posting`` (reset first) in a real Celery worker
    (``--pool=solo``: the task runs in the worker's main process) on its own queue, wait until
    ``matched_at`` is set, and read the worker's peak resident memory (``VmHWM``).

    Returns ``worker_rss_mb`` (peak), ``worker_idle_rss_mb`` (resident once ready, before the
    task) and ``worker_task_ms`` (from sending the task to ``matched_at`` visible)."""
    if not os.environ.get("DATABASE_URL"):
        raise SystemExit("Set DATABASE_URL (the worker must use the same bench database).")
    reset(posting.pk)
    purge(WORKER_QUEUE)
    log = tempfile.NamedTemporaryFile("w+", prefix="bench_worker_", suffix=".log", delete=False)  # noqa: SIM115
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "namdong_jobs",
        "worker",
        "--pool=solo",
        "--concurrency=1",
        "-Q",
        WORKER_QUEUE,
        "--loglevel=INFO",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    broker = os.environ["CELERY_BROKER_URL"]  # the benchmark's Redis database (see the entry point)
    env = {**os.environ, "REDIS_URL": broker, "CELERY_BROKER_URL": broker}
    worker = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    try:
        wait_for(lambda: "ready." in Path(log.name).read_text(), worker, 120, "the worker to start")
        idle = proc_status_mb(worker.pid, "VmRSS")
        sent = time.perf_counter()
        match_task.apply_async((posting.pk,), queue=WORKER_QUEUE)
        matched = JobPosting.objects.filter(pk=posting.pk, matched_at__isnull=False)
        wait_for(matched.exists, worker, timeout_s, "the match run")
        task_ms = (time.perf_counter() - sent) * 1000
        time.sleep(1)  # let the task return and the worker settle
        peak = proc_status_mb(worker.pid, "VmHWM")
    except RuntimeError as error:
        raise RuntimeError(f"{error} (worker log: {log.name})") from error
    finally:
        stop(worker)
        log.close()
    Path(log.name).unlink()
    return {"worker_rss_mb": peak, "worker_idle_rss_mb": idle, "worker_task_ms": ms(task_ms)}
