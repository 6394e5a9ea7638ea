"""Writing the personal-data access log (DESIGN.md "Privacy"; issue 5 item 7).

Every staff view, search, edit, print or export of a resident's record writes one
:class:`~accounts.models.AccessLogEntry` through :func:`access_log_write`. The row holds ids
(staff, person, the residents a search listed), the action, a short ``detail`` code naming
what was touched (e.g. ``"profile"``, ``"note"``, ``"referral"``), the client IP and, for a
search, the query as typed. It never copies a person's data, so it survives erasure."""

import re
import unicodedata
from collections.abc import Iterable

from ..models import AccessAction, AccessLogEntry, SeekerProfile, User
from ..ratelimit import client_ip as ratelimit_client_ip

#: Longest ``detail`` and ``query`` kept (the model's columns).
DETAIL_MAX = 100
QUERY_MAX = 200


def client_ip(request) -> str | None:
    """The client address of ``request`` as django-axes and the rate limits see it
    (:func:`accounts.ratelimit.client_ip`: ``REMOTE_ADDR``, or the address the proxies in
    front gave when ``DJANGO_PROXY_COUNT`` is set), or ``None``."""
    return ratelimit_client_ip(request) or None


def access_log_write(
    *,
    staff: User,
    action: str,
    person: SeekerProfile | None = None,
    ip: str | None = None,
    detail: str = "",
    query: str = "",
    listed_ids: Iterable[int] = (),
) -> AccessLogEntry:
    """Append one access-log row and return it.

    ``action`` is an :class:`~accounts.models.AccessAction` value; ``person`` the resident
    whose record was touched (``None`` for a search, whose ``query`` and ``listed_ids`` —
    the ids of the residents shown, in order — say what was asked and shown). ``detail`` and
    ``query`` are cut to 100 and 200 characters. Raises ``ValueError`` for an unknown action.
    """
    if action not in AccessAction.values:
        raise ValueError(f"unknown access action {action!r}")
    return AccessLogEntry.objects.create(
        staff=staff,
        centre=getattr(staff, "staff_centre", None),
        action=action,
        person=person,
        ip=ip or None,
        detail=(detail or "")[:DETAIL_MAX],
        query=(query or "")[:QUERY_MAX],
        listed_ids=[int(i) for i in listed_ids],
    )


_NOT_DIGIT = re.compile(r"[^0-9]")


def mask_logged_name(name: str) -> str:
    """A searched-for name as the log keeps it: the first character and one ○ per further
    character (``"김영희"`` → ``"김○○"``), whitespace collapsed; ``""`` stays ``""``."""
    name = " ".join((name or "").split())
    return f"{name[:1]}{'○' * (len(name) - 1)}" if name else ""


def mask_logged_phone(phone: str) -> str:
    """A searched-for phone number as the log keeps it: its last four digits after ``***``
    (``"010-5555-1234"`` → ``"***1234"``, what masked lists show); four digits or fewer are
    kept as they are (they identify nobody); no digits → ``""``."""
    digits = _NOT_DIGIT.sub("", unicodedata.normalize("NFKC", phone or ""))
    return "***" + digits[-4:] if len(digits) > 4 else digits
