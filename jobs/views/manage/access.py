"""Who may use the manage pages: employer members and community-centre staff."""

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.shortcuts import get_object_or_404

from employers.models import Employer

from ...models import JobPosting


def can_use_manage(user) -> bool:
    """Employer members and community-centre staff may use the manage pages."""
    return user.is_authenticated and (user.is_centre_staff or Employer.objects.with_member(user).exists())


class ManageAccessMixin(UserPassesTestMixin):
    """Signed-in employer members and centre staff; anonymous visitors go to the login page,
    anyone else (e.g. a seeker) gets 403."""

    def test_func(self) -> bool:
        return can_use_manage(self.request.user)


class ManagedPostingMixin(LoginRequiredMixin):
    """Views of one posting: looked up among the postings the user may manage, so anyone
    else's posting is a 404."""

    def get_queryset(self):
        return JobPosting.objects.manageable_by(self.request.user).select_related(
            "employer", "occupation__parent", "dong", "centre", "current_revision"
        )

    def get_posting(self) -> JobPosting:
        """The posting of the URL's ``pk`` (404 unless the user may manage it), looked up once."""
        if not hasattr(self, "_posting"):
            self._posting = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        return self._posting
