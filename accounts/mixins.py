"""Permission mixins for class-based views, by role (DESIGN.md "Who uses it").

Anonymous visitors are sent to the login page; a signed-in user without the role gets 403
(Django's ``AccessMixin.handle_no_permission``). Owner-scoped pages also filter their
queryset, so another owner's object is a 404.
"""

from django.contrib.auth.mixins import UserPassesTestMixin


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
