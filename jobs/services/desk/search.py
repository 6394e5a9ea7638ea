"""Resident search of the desk (issue 5 item 4): by name, phone number or home dong, within
the staff member's scope (``accounts.services.profiles_visible_to_staff``). Reads only; the
page that shows the results writes the access log."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import profiles_visible_to_staff
from accounts.services.access_log import mask_logged_name, mask_logged_phone
from namdong_jobs.reference.models import Dong

#: Fewest digits a phone search needs (the last four of a number are enough).
PHONE_MIN_DIGITS = 4
_NOT_DIGIT = re.compile(r"[^0-9]")


def phone_lookup(raw: str) -> Q:
    """A filter on ``SeekerProfile.phone`` (E.164, ``+8210…``) for a phone number typed in
    any spelling: ``"010-1234-5678"``, ``"01012345678"``, ``"+82 10 1234 5678"`` or the
    start of one (``"010-1234"``) match the numbers that begin so; digits without the
    leading ``0``/``82`` (``"5678"``, ``"1234-5678"``) match the numbers that end so.
    Full-width digits count as digits; anything else is ignored.

    Raises ``ValidationError`` (Korean) with fewer than :data:`PHONE_MIN_DIGITS` digits."""
    digits = _NOT_DIGIT.sub("", unicodedata.normalize("NFKC", raw or ""))
    if len(digits) < PHONE_MIN_DIGITS:
        raise ValidationError(
            _("전화번호는 4자리 이상 숫자로 입력해 주세요. 예: 010-1234-5678 또는 끝 4자리 5678"),
            code="phone_short",
        )
    if digits.startswith("82"):
        return Q(phone__startswith="+" + digits)
    if digits.startswith("0"):
        return Q(phone__startswith="+82" + digits[1:])
    return Q(phone__endswith=digits)


def resident_search(*, staff: User, name: str = "", phone: str = "", dong: Dong | None = None) -> QuerySet:
    """Residents in ``staff``'s scope whose name contains ``name`` (case-insensitive),
    whose phone matches ``phone`` (:func:`phone_lookup`) and who live in ``dong``; empty
    criteria are left out (none at all: every resident in scope). Ordered by name, then
    id, with ``home_dong``, ``registered_centre`` and ``user`` joined.

    Raises ``ValidationError`` keyed ``"phone"`` for a phone with too few digits."""
    residents = profiles_visible_to_staff(staff)
    name = (name or "").strip()
    if name:
        residents = residents.filter(name__icontains=name)
    if (phone or "").strip():
        try:
            residents = residents.filter(phone_lookup(phone))
        except ValidationError as exc:
            raise ValidationError({"phone": exc.messages}) from None
    if dong is not None:
        residents = residents.filter(home_dong=dong)
    return residents.select_related("home_dong", "registered_centre", "user").order_by("name", "id")


def search_log_query(*, name: str = "", phone: str = "", dong: str = "", page: int = 1) -> str:
    """The ``query`` an access-log ``search`` row keeps of a resident search, without copying
    personal data (DESIGN.md "Privacy": the log holds ids, never personal data, and
    survives erasure): the name and phone masked (``accounts.services.access_log``:
    ``"김○○"``, ``"***1234"``), the dong code as typed, and ``page`` past the first.
    ``"name=김○○&phone=***1234&page=2"``; ``""`` for no criteria."""
    parts = []
    if masked := mask_logged_name(name):
        parts.append(f"name={masked}")
    if masked := mask_logged_phone(phone):
        parts.append(f"phone={masked}")
    if dong:
        parts.append(f"dong={dong}")
    if parts and page > 1:
        parts.append(f"page={page}")
    return "&".join(parts)
