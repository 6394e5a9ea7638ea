"""Who may use the seeker pages: signed-in people with a (not erased) seeker profile."""

from django.contrib.auth.mixins import UserPassesTestMixin

from accounts.models import SeekerProfile
from accounts.selectors import seeker_profile_of


class SeekerRequiredMixin(UserPassesTestMixin):
    """Signed-in seekers only: anonymous visitors go to the login page, anyone else (an
    employer member or staff without a seeker profile) gets 403. ``self.profile`` is the
    seeker's profile; views filter their objects by it, so someone else's is a 404."""

    profile: SeekerProfile

    def test_func(self) -> bool:
        profile = seeker_profile_of(self.request.user)
        if profile is None:
            return False
        self.profile = profile
        return True
