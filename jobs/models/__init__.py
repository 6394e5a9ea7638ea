"""Models of the jobs app, one module per meaning."""

from .applications import (
    DECIDED_STATUSES,
    FINAL_STATUSES,
    Application,
    ApplicationQuerySet,
    ApplicationStatusChange,
    SavedPosting,
)
from .matches import Match, MatchDigest
from .postings import CLOSED_STATUSES, JobPosting, JobPostingQuerySet, today_kst
from .revisions import JobPostingRevision, PostingEvent

__all__ = [
    "CLOSED_STATUSES",
    "DECIDED_STATUSES",
    "FINAL_STATUSES",
    "Application",
    "ApplicationQuerySet",
    "ApplicationStatusChange",
    "SavedPosting",
    "JobPosting",
    "Match",
    "MatchDigest",
    "JobPostingQuerySet",
    "JobPostingRevision",
    "PostingEvent",
    "today_kst",
]
