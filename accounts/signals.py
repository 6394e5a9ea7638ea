"""Signals of the accounts app, so that apps which may import ``accounts`` (``jobs``,
``employers``) take part in a person's data rights without ``accounts`` importing them
(DESIGN.md "Architecture": dependencies point one way).

* :data:`collect_personal_data` — sent by ``accounts.services.personal_data_export`` with
  ``profile`` (a :class:`~accounts.models.SeekerProfile`). Each receiver returns
  ``(section_name, data)``: a top-level key of the export (not one of the accounts sections)
  and JSON-serialisable data (datetimes as ISO 8601 strings), e.g. ``("applications", [...])``.
* :data:`person_erased` — sent by ``accounts.services.person_erase`` inside its transaction,
  after the accounts rows are blanked, with ``profile`` (the tombstone, ``erased_at`` set),
  ``former`` (a :class:`FormerIdentifiers`: the names, phone numbers and email addresses the
  person had, so that receivers can scrub copies of them) and ``now``. A receiver blanks or
  deletes its app's personal data and keeps anonymous attributes; an exception rolls the
  whole erasure back.

* :data:`consent_withdrawn` — sent by ``accounts.services.consent_withdraw`` inside its
  transaction with ``person`` and ``purpose`` when an active consent was withdrawn. Receivers
  stop using what the consent covered, e.g. the declared priority groups that applications
  sent to employers under the sensitive-data consent (DESIGN.md "Privacy": never shown to
  employers without it).

Also the ``user_logged_in`` receiver that counts a login as activity (retention, DESIGN.md
"Privacy"); ``AccountsConfig.ready`` connects it.
"""

import dataclasses

from django.dispatch import Signal
from django.utils import timezone

collect_personal_data = Signal()
person_erased = Signal()
consent_withdrawn = Signal()


@dataclasses.dataclass(frozen=True)
class FormerIdentifiers:
    """What identified an erased person, for receivers of :data:`person_erased` that must
    scrub copies (e.g. a notification to an employer that named the applicant). Empty
    strings are left out; ``phones`` holds E.164 numbers and their national spelling
    (``010-1234-5678``)."""

    names: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()

    @property
    def all(self) -> tuple[str, ...]:
        return (*self.names, *self.phones, *self.emails)


def seeker_touch_on_login(sender, request, user, **kwargs) -> None:
    """``user_logged_in`` receiver: a login is activity, so it moves the seeker profile's
    ``last_activity_at`` to now and the retention period (two years,
    ``accounts.consent_texts.RETENTION_YEARS``) starts again. One UPDATE; nothing for users
    without a seeker profile."""
    from .models import SeekerProfile

    SeekerProfile.objects.filter(user_id=user.pk, erased_at__isnull=True).update(last_activity_at=timezone.now())
