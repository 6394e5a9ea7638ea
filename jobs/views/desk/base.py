"""What every desk page shares: who may use it, which residents it may reach, and the
access log (DESIGN.md "Privacy": every staff view, search, edit, print or export of a
resident's record writes a row)."""

from django.shortcuts import get_object_or_404

from accounts.mixins import CentreStaffRequiredMixin, DistrictStaffRequiredMixin
from accounts.models import SeekerProfile
from accounts.services import access_log_write, client_ip, profiles_visible_to_staff


class DeskMixin(CentreStaffRequiredMixin):
    """Centre staff of any centre (district staff included). Anonymous visitors go to the
    login page, anyone else gets 403.

    Residents are reached only through :meth:`residents` / :meth:`get_resident`: the
    records of the staff member's own centre, or every record for district staff (DESIGN.md
    "People and roles"), so another centre's resident is a 404."""

    def residents(self):
        """The (not erased) seeker profiles this staff member may open."""
        return profiles_visible_to_staff(self.request.user)

    def get_resident(self, pk=None) -> SeekerProfile:
        """The resident of ``pk`` (default: the URL's ``pk``), 404 when out of scope. Looked up
        once per request."""
        pk = self.kwargs["pk"] if pk is None else pk
        cached = getattr(self, "_resident", None)
        if cached is None or cached.pk != int(pk):
            self._resident = get_object_or_404(
                self.residents().select_related("home_dong", "registered_centre", "registered_by", "user"), pk=pk
            )
        return self._resident

    @property
    def staff_centre(self):
        return self.request.user.staff_centre

    def log_access(self, action: str, person: SeekerProfile | None = None, **fields):
        """Append an access-log row for this request (staff, IP) — ``fields`` as
        :func:`accounts.services.access_log_write` (``detail``, ``query``, ``listed_ids``)."""
        return access_log_write(
            staff=self.request.user, action=action, person=person, ip=client_ip(self.request), **fields
        )


class DistrictDeskMixin(DistrictStaffRequiredMixin, DeskMixin):
    """Desk pages for district staff only (access log, staff accounts, bulk intake,
    transfers). Centre staff get 403."""
