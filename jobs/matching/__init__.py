"""Matching seekers and postings, and telling seekers (issue 6).

* ``rules`` — the rules, their score and Korean explanations, as SQL for both directions;
* ``run`` — :func:`match_posting` (one posting against every seeker, set-based) and the
  scheduling/sweep around it;
* ``notices`` — the immediate notices (message rows, set-based, daily SMS cap, quiet hours);
* ``digest`` — the 09:00 daily digest;
* ``fitting`` — :func:`postings_fitting`, one seeker against the open postings;
* ``checks`` — the send-time check that a match's posting is still open.
"""

from .fitting import postings_fitting
from .rules import explain, reason_text
from .run import MatchRun, match_posting, schedule_match, unmatched_postings

__all__ = [
    "MatchRun",
    "explain",
    "match_posting",
    "postings_fitting",
    "reason_text",
    "schedule_match",
    "unmatched_postings",
]
