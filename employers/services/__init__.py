"""Write operations of the employers app (HackSoft styleguide: keyword-only services that
validate with ``full_clean()`` inside a transaction).

* Registration and profile edits by the employer's own members: :func:`employer_register`,
  :func:`employer_update`, :func:`member_invite` (an invitation the person accepts with
  :func:`invitation_accept`; :func:`invitation_cancel`), :func:`member_remove`,
  :func:`member_leave`.
* Verification by district staff: :func:`employer_verify`, :func:`employer_reject`.

Errors are ``ValidationError`` with Korean messages, keyed by field where there is one, and
``PermissionDenied`` when the acting user may not do the operation.

* :mod:`.registration`: :func:`employer_register`, :func:`employer_update`;
* :mod:`.certifications`: the company types (인증·지정) of an employer;
* :mod:`.members`: :func:`member_role`, :func:`member_invite`, :func:`invitation_accept`,
  :func:`invitation_cancel`, :func:`member_remove`, :func:`member_leave`;
* :mod:`.verification`: :func:`employer_verify`, :func:`employer_reject`.
"""

from .certifications import NUMBER_OPTIONAL_TYPES, certification_number_required
from .members import (
    INVITE_MAX_AGE,
    invitation_accept,
    invitation_cancel,
    invitation_check_user,
    invitation_from_token,
    invitation_sent_message,
    mask_email,
    member_invite,
    member_leave,
    member_remove,
    member_role,
)
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
    "INVITE_MAX_AGE",
    "NUMBER_OPTIONAL_TYPES",
    "brn_taken_message",
    "certification_number_required",
    "employer_register",
    "employer_reject",
    "employer_update",
    "employer_verify",
    "identity_change_message",
    "invitation_accept",
    "invitation_cancel",
    "invitation_check_user",
    "invitation_from_token",
    "invitation_sent_message",
    "mask_email",
    "member_invite",
    "member_leave",
    "member_remove",
    "member_role",
]
