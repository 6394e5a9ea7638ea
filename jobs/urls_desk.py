"""URLs of the community-centre desk (issue 5), mounted at ``/desk/`` (namespace ``desk``).
Each view module of ``jobs.views.desk`` lists its own routes."""

from .views.desk import audit, erasure, intake, referrals, registration, residents, staff

app_name = "desk"

urlpatterns = [
    *residents.urlpatterns,
    *registration.urlpatterns,
    *erasure.urlpatterns,
    *referrals.urlpatterns,
    *audit.urlpatterns,
    *staff.urlpatterns,
    *intake.urlpatterns,
]
