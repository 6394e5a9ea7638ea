"""Business rules of postings that forms, services and moderation share: the minimum wage
(``minimum_wage``) and the hiring-law screening of text (``hiring_law``)."""

from .hiring_law import hiring_law_flags
from .minimum_wage import check_minimum_wage, minimum_wage_shortfall

__all__ = ["check_minimum_wage", "hiring_law_flags", "minimum_wage_shortfall"]
