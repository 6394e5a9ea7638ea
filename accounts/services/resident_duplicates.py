"""Duplicate detection at a centre's desk (issue 5 item 3; DESIGN.md "People and roles"):
the same mobile number, or the same name and birth year, at any centre or among online
sign-ups, is reported as a masked :class:`DuplicateHint` (first syllable, birth year,
centre), never the full name or number. Used by :func:`.residents.resident_register` and
:func:`.residents.resident_update` (re-exported there).

Two submissions of the same person at once (a double click, two counters) must not both pass
the check: each write takes :func:`registration_lock` first, so the second waits for the
first to commit and then finds its record."""

import dataclasses
import functools
import operator

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q, Value
from django.db.models.functions import Lower, Replace
from django.utils.translation import gettext as _

from namdong_jobs.text import tidy_text

from ..identifiers import normalize_mobile
from ..models import SeekerProfile, User

#: At most this many duplicate hints are returned.
MAX_HINTS = 20
#: The PostgreSQL advisory lock of resident registrations and of record edits that change a
#: phone, name or birth year (``pg_advisory_xact_lock(5, 1)``: issue 5, duplicates). The
#: two-key form is a key space of its own, apart from the single-key locks of matching
#: (``jobs.matching.run.MATCH_LOCK_KEY``) and of one-time codes (``hashtext``).
REGISTRATION_LOCK_KEYS = (5, 1)


@dataclasses.dataclass(frozen=True)
class DuplicateHint:
    """A record that may be the same person, masked (DESIGN.md "People and roles": other
    centres see only a masked hint). ``masked_name`` is the first syllable and "○○"
    ("김○○"); ``centre_name`` the registering centre, "온라인 가입" without one;
    ``same_centre`` whether the asking staff member may open it (their own centre; any
    record for district staff); ``reasons`` of ``"phone"`` / ``"name_birth_year"``."""

    profile_id: int
    masked_name: str
    birth_year: int | None
    centre_name: str
    same_centre: bool
    reasons: tuple[str, ...]


class DuplicateResident(ValidationError):
    """Registration refused because records that may be the same person exist (``hints``,
    a list of :class:`DuplicateHint`, those the staff member may open first)."""

    def __init__(self, hints: list[DuplicateHint], message: str | None = None):
        super().__init__(
            message or _("같은 사람으로 보이는 기록이 이미 있습니다. 확인한 뒤 다시 등록해 주세요."), code="duplicate"
        )
        self.hints = list(hints)


def registration_lock() -> None:
    """Take the advisory lock :data:`REGISTRATION_LOCK_KEYS` until the transaction ends
    (PostgreSQL ``pg_advisory_xact_lock``; waits while another transaction holds it), so
    duplicate checks and the writes they guard run one at a time. Registrations are few;
    serialising them costs nothing. Call it inside ``transaction.atomic``."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", list(REGISTRATION_LOCK_KEYS))


def mask_name(name: str) -> str:
    """``"김영희"`` → ``"김○○"`` (the first syllable only; "○○" for an empty name)."""
    name = tidy_text(name or "", multiline=False)
    return f"{name[:1]}○○"


def name_key(name: str) -> str:
    """A name compared loosely: tidy, without spaces, lower-cased (``"홍 길동"`` = ``"홍길동"``)."""
    return tidy_text(name or "", multiline=False).replace(" ", "").lower()


def _phone_or_blank(phone: str) -> str:
    try:
        return normalize_mobile(phone) if (phone or "").strip() else ""
    except ValidationError:
        return ""


def int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def resident_duplicates(
    *, staff: User, name: str = "", birth_year: int | None = None, phone: str = "", exclude_id: int | None = None
) -> list[DuplicateHint]:
    """Records (not erased; every centre and online sign-ups) that may be the person being
    registered: the same mobile number (any spelling, normalised; a record's own number or
    its login's), or the same name (spaces and case ignored) and ``birth_year``. A malformed
    number or year matches nothing. ``exclude_id`` leaves one record out (the one being
    made, or edited). Returns at most :data:`MAX_HINTS` :class:`DuplicateHint`, those ``staff`` may
    open first, then oldest first."""
    phone = _phone_or_blank(phone)
    key = name_key(name)
    birth_year = int_or_none(birth_year)
    conditions = []
    if phone:
        conditions += [Q(phone=phone), Q(user__phone=phone)]
    if key and birth_year is not None:
        conditions.append(Q(name_key=key, birth_year=birth_year))
    if not conditions:
        return []
    wanted = functools.reduce(operator.or_, conditions)
    centre = getattr(staff, "staff_centre", None)
    district = centre is not None and centre.is_district
    rows = (
        SeekerProfile.objects.filter(erased_at__isnull=True)
        .annotate(name_key=Lower(Replace("name", Value(" "), Value(""))))
        .filter(wanted)
        .exclude(pk=exclude_id)
        .select_related("registered_centre", "user")
        .order_by("pk")[: MAX_HINTS * 2]
    )
    hints = []
    for row in rows:
        reasons = []
        if phone and phone in (row.phone, getattr(row.user, "phone", None)):
            reasons.append("phone")
        if key and birth_year is not None and row.name_key == key and row.birth_year == birth_year:
            reasons.append("name_birth_year")
        same = district or (centre is not None and row.registered_centre_id == centre.pk)
        hints.append(
            DuplicateHint(
                profile_id=row.pk,
                masked_name=mask_name(row.name),
                birth_year=row.birth_year,
                centre_name=row.registered_centre.name if row.registered_centre else _("온라인 가입"),
                same_centre=same,
                reasons=tuple(reasons),
            )
        )
    hints.sort(key=lambda h: not h.same_centre)
    return hints[:MAX_HINTS]
