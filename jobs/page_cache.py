"""Whole public pages kept for visitors who are not signed in (issue 7).

A visitor without a session sees the same home, search and posting pages for the same address,
language and day: what they show depends only on the data. Such a page is kept in the cache
(Redis, shared by every worker) for ``NJ_PAGE_CACHE_SECONDS`` (``0`` turns this off; the test
settings do), compressed, with the CSRF token of its forms (the language switch) replaced by a
placeholder; each answer puts a token of its own back. Rendering a search page costs 15–25 ms
of CPU; serving it from here about what an empty Django view costs.

Never kept or served: pages for a request with any cookie but the CSRF and language cookies
(a session: signed in, or messages waiting), other methods than GET, answers other than 200.

Kept pages are forgotten when the data they show changes: every page is stored with the
*data version* it was rendered at, and a save or delete of a posting, an employer, a
certification, a dong or an occupation (any process: web, worker, commands) sets a new
version (:func:`bump`); the expiry task bumps it too. The day (KST) is part of the key, so
a posting past its deadline leaves the lists at 00:00 as the live page does.

The capped counts of a search (``jobs.filters.pages``) are kept the same way, for every visitor
(``NJ_COUNT_CACHE_SECONDS``): following "다음 쪽" through a search counts it once.

Each process also keeps the last :data:`LOCAL_PAGES` pages it served, and reads the version
from Redis at most every :data:`VERSION_SECONDS`: a page then costs no round trip at all, and a
change made in another process shows within that second (at once in the process that made it).
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
import zlib
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

VERSION_KEY = "pages:version"
#: Pages each process keeps in memory (decompressed), least recently served dropped first.
LOCAL_PAGES = 256
#: Seconds a process trusts the data version it last read from Redis.
VERSION_SECONDS = 1.0
PLACEHOLDER = "__nj_csrf_token__"
_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
#: Cookies that do not make a page personal.
_NEUTRAL_COOKIES = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}


def seconds() -> int:
    return int(getattr(settings, "NJ_PAGE_CACHE_SECONDS", 0) or 0)


def count_seconds() -> int:
    return int(getattr(settings, "NJ_COUNT_CACHE_SECONDS", 0) or 0)


_lock = threading.Lock()
_local: OrderedDict[str, tuple[int, str]] = OrderedDict()
_version: list = [None, 0.0]  # [version, monotonic time it is trusted until]


def forget_local() -> None:
    """Forget this process's pages and version (tests; :func:`bump`)."""
    with _lock:
        _local.clear()
        _version[:] = [None, 0.0]


def bump(**kwargs) -> None:
    """Set a new data version once the current transaction commits (at once outside one):
    every kept page and count is stale from then on (a signal receiver). Not before the
    commit: a page rendered in between would still read the old rows and be kept under the
    new version. In every process, whatever its own cache settings: a command or worker
    with the caches off still changes what the web processes show."""
    transaction.on_commit(bump_now)


def bump_now() -> None:
    """Set a new data version now (tests; :func:`bump` calls it after the commit)."""
    cache.set(VERSION_KEY, time.time_ns(), None)
    forget_local()


def current_version():
    """The data version (read from Redis at most every :data:`VERSION_SECONDS`)."""
    now = time.monotonic()
    if _version[1] > now:
        return _version[0]
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), None)
        version = cache.get(VERSION_KEY)
    with _lock:
        _version[:] = [version, now + VERSION_SECONDS]
    return version


def page_key(request: HttpRequest) -> str | None:
    """The cache key of ``request``'s page, or ``None`` when the page must not be kept."""
    if seconds() <= 0 or request.method != "GET" or set(request.COOKIES) - _NEUTRAL_COOKIES:
        return None
    raw = "|".join(
        (
            request.scheme,
            request.get_host(),  # absolute links (the print sheet's address, JSON-LD) name it
            request.get_full_path(),
            translation.get_language() or "",
            timezone.localdate().isoformat(),
        )
    )
    return "pages:" + hashlib.sha256(raw.encode()).hexdigest()


def _respond(request: HttpRequest, body: str) -> HttpResponse:
    if PLACEHOLDER in body:
        body = body.replace(PLACEHOLDER, get_token(request))
    return HttpResponse(body, content_type="text/html; charset=utf-8")


def _keep_local(key: str, version, body: str) -> None:
    with _lock:
        _local[key] = (version, body)
        _local.move_to_end(key)
        while len(_local) > LOCAL_PAGES:
            _local.popitem(last=False)


def get(request: HttpRequest, key: str, version) -> HttpResponse | None:
    """The page kept for ``key`` at data ``version``, as a response with a CSRF token of its
    own, or ``None``."""
    local = _local.get(key)
    if local is not None and local[0] == version:
        return _respond(request, local[1])
    kept = cache.get(key)
    if kept is None or kept[0] != version:
        return None
    body = zlib.decompress(kept[1]).decode()
    _keep_local(key, version, body)
    return _respond(request, body)


def store(key: str, version, response) -> None:
    """Keep a rendered 200 response for ``key`` as of data ``version`` (read before the page
    was computed, so that a change made meanwhile is not labelled with the new version)."""
    if response.status_code != 200 or response.cookies.keys() - {settings.CSRF_COOKIE_NAME}:
        return
    body = _TOKEN.sub(rf"\g<1>{PLACEHOLDER}\g<2>", response.content.decode())
    cache.set(key, (version, zlib.compress(body.encode(), 1)), seconds())
    _keep_local(key, version, body)


def counts_key(query: str) -> str | None:
    """The cache key of the counts of a search (its query string without page and cursor),
    or ``None`` when counts are not kept (``NJ_COUNT_CACHE_SECONDS`` = 0)."""
    if count_seconds() <= 0:
        return None
    raw = f"{query}|{timezone.localdate().isoformat()}"
    return "counts:" + hashlib.sha256(raw.encode()).hexdigest()


def get_counts(key: str | None):
    """The counts kept for ``key`` at the current data version, or ``None``."""
    if key is None:
        return None
    kept = cache.get(key)
    return kept[1] if kept is not None and kept[0] == current_version() else None


def store_counts(key: str | None, version, counts) -> None:
    """Keep a search's ``counts`` as of data ``version`` (read before counting)."""
    if key is not None:
        cache.set(key, (version, counts), count_seconds())


class VisitorPageCacheMixin:
    """For a ``TemplateView``: serve and keep whole pages for visitors without a session."""

    def get(self, request, *args, **kwargs):
        key = page_key(request)
        if key is None:
            return super().get(request, *args, **kwargs)
        version = current_version()
        kept = get(request, key, version)
        if kept is not None:
            return kept
        response = super().get(request, *args, **kwargs)
        if hasattr(response, "add_post_render_callback"):
            response.add_post_render_callback(lambda rendered: store(key, version, rendered))
        return response


def connect() -> None:
    """Bump the data version when what the public pages show is saved or deleted."""
    from django.db.models.signals import post_delete, post_save

    from employers.models import Certification, Employer
    from namdong_jobs.reference.models import Dong, Occupation

    from .models import JobPosting

    for model in (JobPosting, Employer, Certification, Dong, Occupation):
        post_save.connect(bump, sender=model, dispatch_uid=f"jobs.page_cache.save.{model.__name__}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"jobs.page_cache.delete.{model.__name__}")
