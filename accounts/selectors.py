"""Read helpers of the accounts app."""

from .models import SeekerProfile, User


def seeker_profile_of(user: User) -> SeekerProfile | None:
    """The seeker profile of a signed-in ``user`` (not erased), or ``None`` (anonymous users,
    employer members and staff without one)."""
    if not getattr(user, "is_authenticated", False):
        return None
    profile = getattr(user, "seeker_profile", None) if hasattr(user, "seeker_profile") else None
    if profile is None or profile.erased_at is not None:
        return None
    return profile


#: How an account holds a login identifier (:func:`identifier_states`).
VERIFIED, UNVERIFIED, MISSING = "verified", "unverified", "missing"


def identifier_states(user: User | None) -> dict[str, str]:
    """``{"email": state, "phone": state}`` for ``user``'s login identifiers, each
    :data:`VERIFIED`, :data:`UNVERIFIED` or :data:`MISSING` (also for no user). Email and SMS
    notifications reach an account only through a verified identifier (DESIGN.md "People
    and roles"; ``accounts.messaging.notify_person``)."""

    def state(field: str) -> str:
        if user is None or not getattr(user, field):
            return MISSING
        return VERIFIED if getattr(user, f"{field}_verified_at") is not None else UNVERIFIED

    return {"email": state("email"), "phone": state("phone")}
