"""Quiet hours for text messages (issue 6): no SMS between 21:00 and 08:00 KST.

A text message (other than a one-time code, which the person is waiting for) made in quiet
hours is stored with ``send_after`` at the next 08:00 KST, and delivery does not claim any
non-code SMS while it is quiet (a retry or a stuck claim that falls into the night waits as
well). The messages stay rows; the beat task ``release_quiet_hours`` at 08:00 and the
every-minute sweeper send them. No Celery ETA or countdown is used (DESIGN.md).

Source: 정보통신망법 §50 ③ (광고성 정보는 21시~다음 날 8시 전송 시 별도 동의 필요) — our
notices are not advertising, but the same hours are what residents expect of a public office.


The hours are ``settings.NJ_SMS_QUIET_HOURS`` (``(start, end)`` as ``datetime.time`` in
KST, default 21:00 and 08:00; ``None`` turns them off, which the test settings do so that a
test's outcome never depends on the hour it runs at — the quiet-hour tests turn them on and
pin the clock).
"""

import datetime

from django.conf import settings
from django.utils import timezone


def _hours() -> tuple[datetime.time, datetime.time] | None:
    return getattr(settings, "NJ_SMS_QUIET_HOURS", None)


def is_quiet(now: datetime.datetime | None = None) -> bool:
    """True in quiet hours (from start inclusive to end exclusive, across midnight, KST);
    ``now`` aware, default the current time."""
    hours = _hours()
    if hours is None:
        return False
    start, end = hours
    local = timezone.localtime(now or timezone.now()).time()
    return local >= start or local < end


def quiet_until(now: datetime.datetime | None = None) -> datetime.datetime | None:
    """When a text message made at ``now`` may be sent: ``None`` outside quiet hours, else the
    next end of quiet hours, 08:00 KST (an aware datetime)."""
    now = now or timezone.now()
    if not is_quiet(now):
        return None
    end = _hours()[1]
    local = timezone.localtime(now)
    day = local.date() if local.time() < end else local.date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(day, end, tzinfo=local.tzinfo)


def kst_day_start(now: datetime.datetime | None = None) -> datetime.datetime:
    """00:00 KST of ``now``'s day (aware): the start of a day for daily caps."""
    local = timezone.localtime(now or timezone.now())
    return datetime.datetime.combine(local.date(), datetime.time(0, 0), tzinfo=local.tzinfo)
