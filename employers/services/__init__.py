"""Write operations of the employers app (HackSoft styleguide: keyword-only services that
validate with ``full_clean()`` inside a transaction).

* Registration and profile edits by the employer's own members: :func:`employer_register`,
  :func:`employer_update`, :func:`member_add` (and :func:`member_added_email_send`),
  :func:`member_remove`, :func:`member_leave`.
* Verification by district staff: :func:`employer_verify`, :func:`employer_reject`.

Errors are ``ValidationError`` with Korean messages, keyed by field where there is one, and
``PermissionDenied`` when the acting user may not do the operation.

* :mod:`.registration`: :func:`employer_register`, :func:`employer_update`;
* :mod:`.certifications`: the company types (인증·지정) of an employer;
* :mod:`.members`: :func:`member_role`, :func:`member_add`, :func:`member_added_email_send`,
  :func:`member_remove`, :func:`member_leave`;
* :mod:`.verification`: :func:`employer_verify`, :func:`employer_reject`.
"""

from .certifications import NUMBER_OPTIONAL_TYPES, certification_number_required
from .members import member_add, member_added_email_send, member_leave, member_remove, member_role
from .registration import (
    EMPLOYER_FIELDS,
    IDENTITY_FIELDS,
    brn_taken_message,
    employer_register,
    employer_update,
    identity_change_message,
)
from .verification import employer_reject, employer_verify

__all__ = [
    "EMPLOYER_FIELDS",
    "IDENTITY_FIELDS",
    "NUMBER_OPTIONAL_TYPES",
    "brn_taken_message",
    "certification_number_required",
    "employer_register",
    "employer_reject",
    "employer_update",
    "employer_verify",
    "identity_change_message",
    "member_add",
    "member_added_email_send",
    "member_leave",
    "member_remove",
    "member_role",
]
