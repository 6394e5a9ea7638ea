"""Permission mixins for class-based views, by role (DESIGN.md "Who uses it").

Anonymous visitors are sent to the login page; a signed-in user without the role gets 403
(Django's ``AccessMixin.handle_no_permission``); a signed-in account without a seeker profile
is offered to make one (:func:`profile_start_context`). Owner-scoped pages also filter their
queryset, so another owner's object is a 404.
"""

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from . import services
from .selectors import seeker_profile_of


class DistrictStaffRequiredMixin(UserPassesTestMixin):
    """Only district staff (staff of 남동구 일자리인력은행, the district job centre)."""

    def test_func(self) -> bool:
        user = self.request.user
        return user.is_authenticated and user.is_district_staff


class CentreStaffRequiredMixin(UserPassesTestMixin):
    """Staff of any community centre, the district job centre included."""

    def test_func(self) -> bool:
        user = self.request.user
        return user.is_authenticated and user.is_centre_staff


class SeekerRequiredMixin(LoginRequiredMixin):
    """Signed-in people with a (not erased) seeker profile, which becomes ``self.profile``.
    Anonymous visitors go to the login page; a signed-in account without one (an employer
    member, staff) gets 403 with ``no_profile_template``, a Korean page saying where to go
    instead. Views look their objects up through ``self.profile``, so another person's is a
    404."""

    no_profile_template = "accounts/profile/no_profile.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.profile = seeker_profile_of(request.user)
        if self.profile is None:
            return render(request, self.no_profile_template, profile_start_context(request), status=403)
        return super().dispatch(request, *args, **kwargs)


def profile_start_context(request) -> dict:
    """What a "no seeker profile" page says about making one (``/accounts/profile/start/``):
    ``can_start_profile`` (the signed-in account may,
    :func:`accounts.services.seeker_profile_start_refusal`), ``start_refusal`` (why not, in
    Korean, or "") and ``profile_start_url`` (the page, coming back here after a GET)."""
    refusal = services.seeker_profile_start_refusal(user=request.user)
    url = reverse("accounts:profile_start")
    if request.method == "GET":
        url += "?" + urlencode({"next": request.get_full_path()})
    return {
        "can_start_profile": refusal is None,
        "start_refusal": " ".join(refusal.messages) if refusal is not None else "",
        "profile_start_url": url,
    }
