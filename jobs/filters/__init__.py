"""Public posting search: a django-filter FilterSet whose state lives in the query string.

Every parameter is cleaned before the form sees it (:meth:`JobPostingFilter.__init__`): a
malformed or out-of-range value is dropped, the good values of a multi-valued parameter are
kept, and a Korean sentence is added to ``notices`` so that the page can say what it ignored.
The page never fails because of its query string.

* :mod:`.params`: the query-string parameters, their limits and labels, and the cleaning of
  their values (:class:`QueryStringCleaner`);
* :mod:`.filterset`: :class:`JobPostingFilter` and the conditions it shows
  (:class:`ActiveFilter`);
* :mod:`.pages`: the result pages (capped counts, keyset cursors, the plan per segment).
"""

from .filterset import ActiveFilter, JobPostingFilter
from .params import (
    CLOSING_WITHIN_OPTIONS,
    MAX_DAYS,
    MAX_HOURLY_WAGE,
    MULTI_PARAMS,
    PARAMS,
    POSTED_WITHIN_OPTIONS,
    SINGLE_PARAMS,
    SORT_CHOICES,
    SORT_DEADLINE,
    SORT_NEWEST,
    SORT_RELEVANCE,
    SORT_WAGE,
    QueryStringCleaner,
    closing_within_label,
    posted_within_label,
)

__all__ = [
    "CLOSING_WITHIN_OPTIONS",
    "MAX_DAYS",
    "MAX_HOURLY_WAGE",
    "MULTI_PARAMS",
    "PARAMS",
    "POSTED_WITHIN_OPTIONS",
    "SINGLE_PARAMS",
    "SORT_CHOICES",
    "SORT_DEADLINE",
    "SORT_NEWEST",
    "SORT_RELEVANCE",
    "SORT_WAGE",
    "ActiveFilter",
    "JobPostingFilter",
    "QueryStringCleaner",
    "closing_within_label",
    "posted_within_label",
]
