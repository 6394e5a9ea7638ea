"""Forms of the jobs app: the posting form employers and centre staff fill in (it saves
through the lifecycle services, which hold the rules), and the decision forms of the
moderation pages.

* :mod:`.posting`: :class:`JobPostingForm` and :data:`FIELD_LABELS`;
* :mod:`.fields`: its field types (won amounts, grouped occupations, dongs, employers);
* :mod:`.owner`: the owner fields of a new posting (employer, entry channel);
* :mod:`.cleaning`: the checks between its fields (wage, times, place, career, contacts,
  deadline);
* :mod:`.moderation`: the decision forms of the moderation pages.
"""

from .fields import (
    MAX_WAGE_KRW,
    OUTSIDE_NAMDONG,
    DongField,
    EmployerChoiceField,
    GroupedOccupationField,
    KRWField,
)
from .posting import FIELD_LABELS, FORM_WAGE_TYPES, JobPostingForm

__all__ = [
    "FIELD_LABELS",
    "FORM_WAGE_TYPES",
    "MAX_WAGE_KRW",
    "OUTSIDE_NAMDONG",
    "DongField",
    "EmployerChoiceField",
    "GroupedOccupationField",
    "JobPostingForm",
    "KRWField",
]
