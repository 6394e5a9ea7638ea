"""Giving and withdrawing consents (DESIGN.md "Privacy"; texts in ``accounts.consent_texts``).

Each consent is a row with its text version and time; withdrawing an optional consent sets
``withdrawn_at`` and takes effect at once: withdrawing the sensitive-data consent drops the
declared priority-group flags (they are kept only with it). Giving or withdrawing a consent
is activity: it restarts the retention period (:func:`.activity.seeker_touch`)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import OPTIONAL_CONSENTS, ConsentMethod, ConsentPurpose
from ..consent_texts import CONSENT_VERSION
from ..models import Consent, SeekerProfile, User
from ..signals import consent_withdrawn
from .activity import seeker_touch


def consent_active(*, person: SeekerProfile, purpose: str) -> Consent | None:
    """The active (not withdrawn) consent of ``person`` for ``purpose``, or ``None``."""
    return Consent.objects.active().filter(person=person, purpose=purpose).first()


def consents_active(*, person: SeekerProfile) -> set[str]:
    """The purposes (:class:`ConsentPurpose` values) ``person`` consents to now."""
    return set(Consent.objects.active().filter(person=person).values_list("purpose", flat=True))


@transaction.atomic
def consent_give(
    *,
    person: SeekerProfile,
    purpose: str,
    method: str = ConsentMethod.ONLINE,
    taken_by: User | None = None,
    version: str = CONSENT_VERSION,
    paper_form_version: str = "",
    paper_signed_on: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> Consent:
    """Record that ``person`` gives the consent ``purpose``; returns the active row (an
    existing active consent is returned unchanged, so giving twice is harmless).

    ``method`` is online (the person) or paper (``taken_by`` = the centre staff member, with
    the paper form's version and date). A new consent counts as the person's activity
    (``last_activity_at`` = ``now``). Raises ``ValidationError`` for an unknown purpose, a
    paper consent without ``taken_by``, or an erased person.
    """
    if purpose not in ConsentPurpose.values:
        raise ValidationError(_("알 수 없는 동의 항목입니다."), code="purpose")
    if method == ConsentMethod.PAPER and taken_by is None:
        raise ValidationError(_("서면 동의는 확인한 직원이 있어야 합니다."), code="taken_by")
    person = SeekerProfile.objects.select_for_update().get(pk=person.pk)
    if person.erased_at is not None:
        raise ValidationError(_("삭제된 구직자 정보입니다."), code="erased")
    existing = consent_active(person=person, purpose=purpose)
    if existing is not None:
        return existing
    now = now or timezone.now()
    seeker_touch(profile=person, now=now)
    return Consent.objects.create(
        person=person,
        purpose=purpose,
        version=version,
        method=method,
        taken_by=taken_by,
        paper_form_version=paper_form_version,
        paper_signed_on=paper_signed_on,
        given_at=now,
    )


@transaction.atomic
def consent_withdraw(*, person: SeekerProfile, purpose: str, now: datetime.datetime | None = None) -> bool:
    """Withdraw ``person``'s optional consent ``purpose`` (provision, sensitive,
    notifications). Returns True if an active consent was withdrawn, False if there was none.

    Withdrawing ``sensitive`` blanks ``declared_groups`` in the same transaction; a withdrawal
    counts as the person's activity (``last_activity_at``). The
    collection consent cannot be withdrawn on its own (that is deleting the account):
    raises ``ValidationError``.
    """
    if purpose not in OPTIONAL_CONSENTS:
        raise ValidationError(
            _("필수 동의는 따로 철회할 수 없습니다. 개인정보 수집·이용을 멈추려면 회원 탈퇴를 해 주세요."),
            code="required",
        )
    person = SeekerProfile.objects.select_for_update().get(pk=person.pk)
    now = now or timezone.now()
    updated = Consent.objects.active().filter(person=person, purpose=purpose).update(withdrawn_at=now)
    if updated:
        seeker_touch(profile=person, now=now)
    if purpose == ConsentPurpose.SENSITIVE and person.declared_groups:
        person.declared_groups = []
        person.save(update_fields=["declared_groups", "updated_at"])
    if updated:
        consent_withdrawn.send(sender=Consent, person=person, purpose=purpose)
    return bool(updated)
