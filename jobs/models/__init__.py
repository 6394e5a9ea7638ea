"""Models of the jobs app, one module per meaning."""

from .applications import (
    DECIDED_STATUSES,
    FINAL_STATUSES,
    Application,
    ApplicationQuerySet,
    ApplicationStatusChange,
    SavedPosting,
)
from .desk import CounsellingNote, NoteChannel, Referral, ReferralMethod
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
    "CounsellingNote",
    "NoteChannel",
    "Referral",
    "ReferralMethod",
    "JobPosting",
    "Match",
    "MatchDigest",
    "JobPostingQuerySet",
    "JobPostingRevision",
    "PostingEvent",
    "today_kst",
]
