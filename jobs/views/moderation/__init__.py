"""Moderation pages of district staff (구청 일자리센터, DESIGN.md "Who uses it"): the queue of
postings submitted for review, pending revisions of published postings and employers waiting
for verification; a review page for each with its decisions; and the record of every decision.

Every page is for district staff only (:class:`~accounts.mixins.DistrictStaffRequiredMixin`:
anonymous visitors go to the login page, anyone else gets 403, before any form is read).
Decisions call the services (``jobs.services.lifecycle``, ``employers.services``), which hold
the rules; a refused decision is shown on the review page with the service's Korean message
and changes nothing, a recorded one redirects to the queue with a confirmation.

Imported postings and employers (고용24, JSON-LD) are outside moderation and are 404 here. A
posting, revision or employer that is no longer waiting for a decision still has its review
page, read-only, with a notice saying so (links from the decision record lead there); a
decision posted for it is refused by the service with its message.

* :mod:`.display`: posting values, hiring-law phrases and statuses for the pages;
* :mod:`.decisions`: what every decision view shares (read the form, call the service, show
  the result);
* :mod:`.queue`, :mod:`.postings`, :mod:`.revisions`, :mod:`.employers`, :mod:`.history`: the
  pages, one module per object.
"""

from .decisions import DecisionMixin, decision_forms
from .display import field_label, flag_rows, format_value, highlight
from .employers import EmployerRejectView, EmployerReviewView, EmployerVerifyView
from .history import DECISION_EVENT_KINDS, HISTORY_PAGE_SIZE, REVISION_EVENT_KINDS, ModerationHistoryView
from .postings import PostingApproveView, PostingRejectView, PostingReviewView
from .queue import ModerationQueueView
from .revisions import RevisionApproveView, RevisionRejectView, RevisionReviewView

__all__ = [
    "DECISION_EVENT_KINDS",
    "HISTORY_PAGE_SIZE",
    "REVISION_EVENT_KINDS",
    "DecisionMixin",
    "EmployerRejectView",
    "EmployerReviewView",
    "EmployerVerifyView",
    "ModerationHistoryView",
    "ModerationQueueView",
    "PostingApproveView",
    "PostingRejectView",
    "PostingReviewView",
    "RevisionApproveView",
    "RevisionRejectView",
    "RevisionReviewView",
    "decision_forms",
    "field_label",
    "flag_rows",
    "format_value",
    "highlight",
]
