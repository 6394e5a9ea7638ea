"""Access rule of the seeker's own pages (profile, consents, résumé): anonymous visitors go to
the login page; a signed-in account without a seeker profile (an employer member, staff) gets
403 with a Korean explanation; the profile is ``self.profile``. Objects of the profile (career
entries) are looked up through it, so another person's is a 404."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import render

from ..selectors import seeker_profile_of


class SeekerRequiredMixin(LoginRequiredMixin):
    """Only users with a (not erased) seeker profile; sets ``self.profile``."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.profile = seeker_profile_of(request.user)
        if self.profile is None:
            return render(request, "accounts/profile/no_profile.html", status=403)
        return super().dispatch(request, *args, **kwargs)
