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
