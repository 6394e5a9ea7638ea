"""Write operations of the jobs app (HackSoft styleguide: small keyword-only services that
validate and run in a transaction). Views, forms, admin and tasks call these."""

from .application_snapshot import profile_snapshot
from .application_status import (
    EMPLOYER_TRANSITIONS,
    application_mark_viewed,
    application_set_status,
    application_withdraw,
    employer_next_statuses,
)
from .applications import application_apply, application_submit, saved_posting_toggle
from .expiry import postings_expire
from .lifecycle import (
    employer_reject_closing_postings,
    posting_approve,
    posting_close,
    posting_create,
    posting_duplicate,
    posting_mark_filled,
    posting_publish_direct,
    posting_reject,
    posting_submit,
    posting_update,
    posting_withdraw,
    publication_errors,
    revision_approve,
    revision_reject,
)

__all__ = [
    "EMPLOYER_TRANSITIONS",
    "application_apply",
    "application_mark_viewed",
    "application_set_status",
    "application_submit",
    "application_withdraw",
    "employer_next_statuses",
    "profile_snapshot",
    "saved_posting_toggle",
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
    "postings_expire",
    "publication_errors",
    "revision_approve",
    "revision_reject",
    "employer_reject_closing_postings",
]
