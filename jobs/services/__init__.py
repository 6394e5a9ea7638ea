"""Write operations of the jobs app (HackSoft styleguide: small keyword-only services that
validate and run in a transaction). Views, forms, admin and tasks call these."""

from .expiry import postings_expire

__all__ = ["postings_expire"]
