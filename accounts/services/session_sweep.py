"""Ending the stored sessions of erased people (DESIGN.md "Privacy": nothing that identifies
an erased person stays behind).

A session may hold the person's identifiers without being logged in as them: the SMS
password reset keeps the typed number (``{"accounts:reset_phone": "+8210…"}``) in an
anonymous session, and messages waiting to be shown may name an address. Sessions are stored
signed and base64-encoded, so a database search does not see them: they have to be decoded.

Decoding every session costs one HMAC check each, so a run decodes them once, whatever the
number of people erased: :class:`SessionSweep` collects the people of a run (one erasure,
or every record ``erase_idle_seekers`` erases) and :meth:`SessionSweep.run` makes one pass.
Expired sessions are deleted first, as Django's ``clearsessions`` does, without decoding.
Only database-backed engines (``db``, ``cached_db``) are swept; with other engines the
account's unusable password and inactive flag already end its sessions (the session's
auth hash no longer matches)."""

import json
import logging
import re
from importlib import import_module

from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)


def _spellings(phone: str) -> set[str]:
    """``phone`` as stored and as digits a session may hold: ``+821073912468`` →
    ``{"+821073912468", "821073912468", "01073912468"}``; ``010-7391-2468`` → itself and
    ``"01073912468"``."""
    digits = re.sub(r"\D", "", phone)
    spelled = {phone}
    if len(digits) >= 9:
        spelled.add(digits)
        if digits.startswith("82"):
            spelled.add("0" + digits[2:])
    return spelled


class SessionSweep:
    """The accounts and identifiers of the people erased in one run, and the one pass over
    the stored sessions that ends theirs.

    :meth:`add` takes an account id (or ``None``) and identifiers (phone numbers in any
    spelling, email addresses); :meth:`run` deletes every stored session logged in as one of
    the accounts or whose decoded data mentions one of the identifiers (case-insensitive),
    and returns how many were deleted. A sweep with nobody added does nothing."""

    def __init__(self):
        self.user_ids: set[str] = set()
        self.needles: set[str] = set()

    def add(self, *, user_id: int | None, phones=(), emails=()) -> None:
        if user_id is not None:
            self.user_ids.add(str(user_id))
        for phone in phones:
            if phone:
                self.needles |= {s.lower() for s in _spellings(phone)}
        self.needles |= {email.lower() for email in emails if email}

    def __bool__(self) -> bool:
        return bool(self.user_ids or self.needles)

    def _mentions(self, data: dict) -> bool:
        if str(data.get("_auth_user_id", "")) in self.user_ids:
            return True
        if not self.needles:
            return False
        text = json.dumps(data, ensure_ascii=False, default=str).lower()
        return any(needle in text for needle in self.needles)

    def run(self) -> int:
        """Delete the matching sessions in one pass (see the class); returns the number of
        sessions deleted (expired ones not counted)."""
        if not self:
            return 0
        store_class = import_module(settings.SESSION_ENGINE).SessionStore
        if not hasattr(store_class, "get_model_class"):
            return 0
        model = store_class.get_model_class()
        now = timezone.now()
        model.objects.filter(expire_date__lte=now).delete()
        store = store_class()
        doomed = [
            key
            for key, data in model.objects.filter(expire_date__gt=now)
            .values_list("session_key", "session_data")
            .iterator(chunk_size=2000)
            if self._mentions(store.decode(data))
        ]
        for start in range(0, len(doomed), 1000):
            chunk = doomed[start : start + 1000]
            model.objects.filter(session_key__in=chunk).delete()
            if hasattr(store_class, "cache_key_prefix"):  # cached_db: the cached copies too
                for key in chunk:
                    store_class(session_key=key).delete(key)
        if doomed:
            logger.info("ended %d sessions of erased people", len(doomed))
        return len(doomed)
