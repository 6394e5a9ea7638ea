"""The posting lifecycle (DESIGN.md "Lifecycles"):

``draft → submitted → published → closed | filled | expired``; ``rejected`` (with a reason)
is editable again and can be resubmitted. Editing a published posting creates a pending
revision while the approved one stays live; district staff edits go live at once. Postings
that centre staff entered from a phone call or paper form may be published directly by staff.
Every transition writes a :class:`~jobs.models.PostingEvent` (who, when, revision, reason).

Every function here takes keyword-only arguments, runs in a transaction with the posting
row locked, and raises:

* ``django.core.exceptions.PermissionDenied`` when ``by`` may not do it;
* ``django.core.exceptions.ValidationError`` (Korean messages, keyed by field where there is
  one) when the posting's state or content does not allow it.

They are grouped by who acts:

* :mod:`.actions`: what employer members and centre staff do with their postings;
* :mod:`.moderation`: the decisions of district staff;
* :mod:`.common`: the checks and records both share.
"""

from .actions import (
    posting_close,
    posting_create,
    posting_duplicate,
    posting_mark_filled,
    posting_publish_direct,
    posting_submit,
    posting_update,
    posting_withdraw,
)
from .common import EDITABLE_STATUSES, STAFF_ENTRY_CHANNELS, allowed_actions, publication_errors
from .moderation import (
    employer_reject_closing_postings,
    posting_approve,
    posting_reject,
    revision_approve,
    revision_reject,
)

__all__ = [
    "EDITABLE_STATUSES",
    "allowed_actions",
    "STAFF_ENTRY_CHANNELS",
    "posting_approve",
    "posting_close",
    "posting_create",
    "posting_duplicate",
    "posting_mark_filled",
    "posting_publish_direct",
    "posting_reject",
    "posting_submit",
    "posting_update",
    "posting_withdraw",
    "publication_errors",
    "revision_approve",
    "revision_reject",
    "employer_reject_closing_postings",
]
