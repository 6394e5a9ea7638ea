"""Who may use the seeker pages: signed-in people with a (not erased) seeker profile — the
one rule of :class:`accounts.mixins.SeekerRequiredMixin` (anonymous → login, an account
without a seeker profile → 403, someone else's object → 404)."""

from accounts.mixins import SeekerRequiredMixin

__all__ = ["SeekerRequiredMixin"]
