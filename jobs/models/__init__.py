"""Models of the jobs app, one module per meaning."""

from .applications import Application, ApplicationQuerySet
from .postings import CLOSED_STATUSES, JobPosting, JobPostingQuerySet, today_kst
from .revisions import JobPostingRevision, PostingEvent

__all__ = [
    "CLOSED_STATUSES",
    "Application",
    "ApplicationQuerySet",
    "JobPosting",
    "JobPostingQuerySet",
    "JobPostingRevision",
    "PostingEvent",
    "today_kst",
]
