"""A small request counter for the pages that send something to an address or number typed
by a visitor (sign-up, SMS codes, password reset, a new verification link).

django-axes limits only the login (failures per account and IP address, see
``settings.AXES_*``); the pages that make the portal send an email or an SMS need their own
brake, so that nobody can use them to flood a stranger's phone or mailbox, or burn our SMS
budget. :func:`hit` counts in Django's cache (Redis in every environment,
``settings.CACHES``), so the counts are shared by all web processes.

Counting uses fixed windows: the hits of a key are counted per period aligned to the epoch
(for an hour: 10:00–11:00, 11:00–12:00 …), so at the edge of two windows up to twice the
limit can pass in a short time. That is enough for a brake against abuse (the one-time code
limits in :mod:`accounts.services.codes` are exact, from the database).

Keys are hashed before they reach the cache: a key may contain an IP address or an email
address (personal data), and Redis then keeps only a digest.

When the cache cannot be reached the counter lets the request through (and logs a warning):
the pages keep working, and the exact per-destination limits of one-time codes still apply.
"""

import dataclasses
import datetime
import hashlib
import logging
import time

from django.core.cache import cache

logger = logging.getLogger(__name__)

#: Prefix of the cache keys (tests give each test its own, so counts do not leak between tests).
KEY_PREFIX = "ratelimit"


@dataclasses.dataclass(frozen=True)
class Limit:
    """At most ``count`` requests of kind ``name`` per ``period`` from one client."""

    name: str
    count: int
    period: datetime.timedelta


#: Seeker sign-ups (each sends a verification link and/or an SMS code) per IP address an hour.
#: Generous: the PCs of a community centre share one address.
IP_SIGNUP = Limit("signup", 20, datetime.timedelta(hours=1))
#: SMS code requests (new code on the phone page, password reset by SMS) per IP address an hour.
IP_CODE = Limit("code", 20, datetime.timedelta(hours=1))
#: Password reset emails asked for per IP address an hour.
IP_EMAIL_RESET = Limit("email-reset", 20, datetime.timedelta(hours=1))
#: New verification links asked for per IP address an hour.
IP_VERIFY_RESEND = Limit("verify-resend", 20, datetime.timedelta(hours=1))


def _seconds(period: datetime.timedelta | int | float) -> int:
    seconds = int(period.total_seconds()) if isinstance(period, datetime.timedelta) else int(period)
    if seconds < 1:
        raise ValueError(f"a rate limit period must be at least one second, not {period!r}")
    return seconds


def hit(key: str, limit: int, period: datetime.timedelta | int) -> bool:
    """Count one request under ``key`` and say whether it is allowed.

    ``key`` is any text naming who does what (e.g. ``"code:ip:203.0.113.7"``); ``limit`` the
    number of requests allowed per window; ``period`` the window length (a ``timedelta`` or
    seconds, at least one second). Returns True while the count in the current window is at
    most ``limit``, False once it is over (every call counts, refused ones too). Never raises
    for a cache failure: it then returns True and logs a warning.
    """
    seconds = _seconds(period)
    window = int(time.time()) // seconds
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"{KEY_PREFIX}:{digest}:{seconds}:{window}"
    try:
        if cache.add(cache_key, 1, timeout=seconds + 1):
            count = 1
        else:
            try:
                count = cache.incr(cache_key)
            except ValueError:  # the window ended between add and incr: a new window
                count = 1 if cache.add(cache_key, 1, timeout=seconds + 1) else cache.incr(cache_key)
    except Exception:  # the cache is down: let the request through
        logger.warning("rate limit %s: cache unavailable, not counted", key.split(":", 1)[0], exc_info=True)
        return True
    return count <= limit


def client_ip(request) -> str:
    """The client's IP address as django-axes sees it (``AXES_IPWARE_PROXY_COUNT`` etc.), so
    login and these counters agree on who the client is; ``""`` when unknown."""
    from axes.helpers import get_client_ip_address  # axes reads its settings on import

    return get_client_ip_address(request) or ""


def ip_allows(request, limit: Limit) -> bool:
    """Count one ``limit.name`` request from ``request``'s IP address; False once that address
    has made more than ``limit.count`` of them in the current ``limit.period``."""
    return hit(f"{limit.name}:ip:{client_ip(request)}", limit.count, limit.period)
