"""Write operations of the jobs app (HackSoft styleguide: small keyword-only services that
validate and run in a transaction). Views, forms, admin and tasks call these."""

from .applications import application_submit
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
    "application_submit",
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
