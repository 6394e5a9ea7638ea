"""Walk-in registration at the desk (issue 5 item 2): the resident's record and paper
consents (``accounts.services.resident_register``) and, when staff wrote one, the first
counselling note (:func:`.notes.note_add`), all or nothing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import SeekerProfile
from accounts.services import resident_register
from accounts.services.residents import resident_register_check

from .notes import CONTENT_MAX, note_add

#: The arguments of ``resident_register_check`` (a subset of ``resident_register``'s).
_CHECKED = (
    "birth_year",
    "consents",
    "paper_form_version",
    "paper_signed_on",
    "paper_scan",
    "guardian_document",
    "declared_groups",
)


@transaction.atomic
def walk_in_register(*, note: str = "", **kwargs) -> SeekerProfile:
    """Register a walk-in resident with :func:`accounts.services.resident_register`
    (``kwargs`` are its keyword arguments: ``staff``, ``name``, ``birth_year``, ``consents``,
    ``paper_form_version``, ``paper_signed_on``, ``phone``, ``home_dong``, ``centre``,
    ``wanted``, ``licences``, ``licences_other``, ``paper_scan``, ``guardian_document``,
    ``declared_groups``, ``allow_duplicate``, ``ip``) and, when ``note`` has text, write it
    as the first counselling note (a visit today, by the same staff member; access-log row
    ``edit``, ``"note"`` besides the ``"register"`` one). Returns the new profile.

    Raises what ``resident_register`` raises (``DuplicateResident``, ``ValidationError``
    keyed by field, ``PermissionDenied``) and ``ValidationError`` keyed ``note`` for a note
    over 2,000 characters, checked first (nothing is stored then) and reported with the
    consent, paper-form, age and declared-group errors of ``resident_register_check``."""
    note = (note or "").strip()
    if len(note) > CONTENT_MAX:
        errors = resident_register_check(**{key: kwargs.get(key) for key in _CHECKED})
        errors["note"] = [_("상담 메모는 %(n)d자 이내로 적어 주세요.") % {"n": CONTENT_MAX}]
        raise ValidationError(errors)
    profile = resident_register(**kwargs)
    if note:
        note_add(seeker=profile, staff=kwargs["staff"], content=note, ip=kwargs.get("ip"))
    return profile
