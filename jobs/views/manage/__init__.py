"""Manage pages (``/manage/``): the employer dashboard, the posting form and the posting
lifecycle actions, for employer members and community-centre staff.

Every posting is looked up through ``JobPosting.objects.manageable_by(request.user)``, so
another employer's or another centre's posting is a 404; anonymous visitors are sent to the
login page. The rules of each transition live in ``jobs.services.lifecycle``: these views call
the services, show their Korean messages, and turn ``PermissionDenied`` into 403.

* :mod:`.access`: who may use the pages (mixins);
* :mod:`.display`: statuses, next steps and revision differences in plain Korean;
* :mod:`.dashboard`: ``/manage/``, the postings grouped by status;
* :mod:`.postings`: writing, showing and editing one posting;
* :mod:`.actions`: the POST-only lifecycle actions (submit, withdraw, publish, close, fill, duplicate);
* :mod:`.applicants`: the applicants of a posting and one application (members of the
  posting's employer only; staff get 404 there).
"""

from .access import ManageAccessMixin, ManagedPostingMixin, can_use_manage
from .actions import (
    PostingActionView,
    PostingCloseView,
    PostingDuplicateView,
    PostingFillView,
    PostingPublishView,
    PostingSubmitView,
    PostingWithdrawView,
    error_messages,
)
from .dashboard import GROUP_BY_KEY, GROUPS, DashboardView, status_group
from .display import field_display, law_flag_message, next_step, revision_changes, status_label
from .postings import PostingCreateView, PostingDetailView, PostingEditView

__all__ = [
    "GROUPS",
    "GROUP_BY_KEY",
    "DashboardView",
    "ManageAccessMixin",
    "ManagedPostingMixin",
    "PostingActionView",
    "PostingCloseView",
    "PostingCreateView",
    "PostingDetailView",
    "PostingDuplicateView",
    "PostingEditView",
    "PostingFillView",
    "PostingPublishView",
    "PostingSubmitView",
    "PostingWithdrawView",
    "can_use_manage",
    "error_messages",
    "field_display",
    "law_flag_message",
    "next_step",
    "revision_changes",
    "status_group",
    "status_label",
]
