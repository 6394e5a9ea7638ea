"""A person's data rights (issue 4 item 8; DESIGN.md "Privacy"; 개인정보 보호법 §35 열람,
§36 삭제, §21 파기): the export of everything held about a seeker, erasure (on request or
when the retention period ends) and the scheduled erasure of idle records.

Other apps take part through the signals of :mod:`accounts.signals` (``accounts`` never
imports them): ``collect_personal_data`` adds their sections to the export and
``person_erased`` lets them blank their copies inside the erasure's transaction.

Erasure keeps a tombstone (DESIGN.md): the ``SeekerProfile`` and ``User`` rows stay with
their ids, so that applications, consents, the access log and messages keep their keys;
statistics keep only anonymous attributes — the 10-year ``age_band``, ``home_dong``,
``registered_centre``, ``wanted_occupations``, and (in ``jobs``) the applications' channel,
status, posting and dates. Every other wanted condition (dongs, employment types, shifts,
days, wage, education, licences, languages) is cleared too: DESIGN.md lists the attributes
statistics keep, and the rest combined could single a person out.
"""

import contextlib
import datetime
import logging

import phonenumbers
from axes.models import AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..choices import MessageState, NotifyFrequency
from ..consent_texts import RETENTION_YEARS
from ..identifiers import format_mobile
from ..models import CareerEntry, Consent, OneTimeCode, OutboundMessage, SeekerProfile, User
from ..signals import FormerIdentifiers, person_erased
from .privacy_export import personal_data_export  # noqa: F401 - re-exported
from .session_sweep import SessionSweep

logger = logging.getLogger(__name__)


class ErasureReason(models.TextChoices):
    """Why a person's data is erased (logged with the profile id; the model keeps no reason,
    so a new value needs no migration). ``desk_request``: a walk-in resident without an
    online account asked their centre (``jobs.services.desk.erasure.resident_erase``)."""

    REQUEST = "request", gettext_noop("본인 요청 (회원 탈퇴)")
    DESK_REQUEST = "desk_request", gettext_noop("본인 요청 (센터 창구)")
    RETENTION = "retention", gettext_noop("보유 기간 만료")


def age_band(birth_year: int | None, year: int) -> int | None:
    """The 10-year age band of someone born in ``birth_year``, in ``year``: the age
    (``year - birth_year``, as ``SeekerProfile.age_in``) rounded down to ten, e.g. 57 → 50
    (50대), 17 → 10. ``None`` without a birth year."""
    if birth_year is None:
        return None
    return max(year - birth_year, 0) // 10 * 10


def erasure_ends_employer_login(*, profile: SeekerProfile) -> bool:
    """True when ``profile``'s login account is also an employer member's (DESIGN.md "People
    and roles": one person may hold several roles): erasing the seeker blanks and
    deactivates that account, so the person can no longer log in as the employer's member
    either. ``accounts`` never imports ``employers``: the membership is asked through the
    reverse relation ``user.employer_memberships`` by name (absent without the app)."""
    user = profile.user
    memberships = getattr(user, "employer_memberships", None) if user is not None else None
    return memberships is not None and memberships.exists()


def _former_identifiers(profile: SeekerProfile, user: User | None) -> FormerIdentifiers:
    names = {profile.name, user.name if user else ""}
    phones = {profile.phone, user.phone if user else ""}
    emails = {profile.email, user.email if user else ""}
    spelled = set()
    for phone in phones - {"", None}:
        spelled.add(phone)
        with contextlib.suppress(phonenumbers.NumberParseException):  # a malformed value: as stored
            spelled.add(format_mobile(phone))
    return FormerIdentifiers(
        names=tuple(sorted(n for n in names if n and n.strip())),
        phones=tuple(sorted(spelled)),
        emails=tuple(sorted(e for e in emails if e)),
    )


def _blank_admin_log(*, kept: list[models.Model], deleted: list[models.Model]) -> None:
    """The Django admin's history keeps ``str(obj)`` of what staff edited (a name, an email
    address, a career entry's company): show the tombstone's text for ``kept`` rows and
    ``"#id"`` for ``deleted`` ones instead."""
    for obj, text in [*((o, str(o)[:200]) for o in kept), *((o, f"#{o.pk}") for o in deleted)]:
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False), object_id=str(obj.pk)
        ).update(object_repr=text)


def _key_login_records_by_account(user: User, former: FormerIdentifiers) -> None:
    """django-axes keys failures by ``account:<id>`` (``accounts.identifiers.axes_username``)
    but its access log of successful logins stores ``user.get_username()``, the email
    address: rewrite such rows to the account key, so the security log (kept 90 days,
    DESIGN.md) keeps who and when without a copy of the address. (Attempt counters under a
    raw identifier were typed before the account existed; axes drops them after the
    15-minute cool-off, and their unique key forbids a rewrite.)"""
    identifiers = [*former.emails, *former.phones]
    for model in (AccessLog, AccessFailureLog):
        model.objects.filter(username__in=identifiers).update(username=f"account:{user.pk}")


def _delete_files_after_commit(names: list[tuple]) -> None:
    """Delete ``(storage, name)`` files once the erasure has committed (a rolled-back
    erasure keeps them)."""

    def delete():
        for storage, name in names:
            try:
                storage.delete(name)
            except OSError:
                logger.exception("could not delete an erased person's file %s", name)

    if names:
        transaction.on_commit(delete)


@transaction.atomic
def person_erase(
    *,
    profile: SeekerProfile,
    reason: str,
    now: datetime.datetime | None = None,
    session_sweep: SessionSweep | None = None,
    employer_login_confirmed: bool = False,
) -> SeekerProfile:
    """Erase ``profile``'s personal data at once and keep the row as a tombstone (DESIGN.md
    "Privacy"), in one transaction. ``reason`` is an :class:`ErasureReason` value (logged
    with the id); ``now`` defaults to the current time (tests pin it).

    Gone: names, birth year (``age_band`` keeps the 10-year band of the age in ``now``'s
    year, KST), phone numbers, email addresses, the self-introduction, free-text licences,
    career entries (deleted), declared priority groups, wanted conditions other than
    occupations, the résumé and guardian document (files deleted from storage after
    commit, as are scanned paper consent forms: a copy of the person's name and signature);
    the login account is blanked (no email/phone/name, unusable password, inactive,
    ``erased_at``) and, once the erasure commits, the stored sessions logged in as it or
    mentioning the person's phone numbers or email addresses (an anonymous SMS password
    reset keeps the number) are deleted (:class:`.session_sweep.SessionSweep`: one pass over
    the sessions; ``erase_idle_seekers`` passes its own ``session_sweep`` to make one pass
    for a whole run, and runs it itself); one-time codes of the person (and unlinked ones sent
    to their number or address) lose their destination; messages to the person lose
    address, title, texts and error, and pending ones are suppressed; the Django admin
    history shows the tombstone; django-axes' login records name the account id instead of
    the address. Receivers of ``accounts.signals.person_erased`` (``jobs``: application
    messages, snapshots, résumé copies, interview places and notes, saved postings, notices
    about the applications) run in
    the same transaction. Kept: the ids, consent rows (withdrawn now, as proof: ids,
    versions and times), the access log, ``home_dong``, ``registered_centre``,
    ``wanted_occupations``, ``last_activity_at``.

    Returns the tombstone (``str()`` = "탈퇴한 구직자 #id"). Erasing an already erased
    profile does nothing and returns it. Raises ``ValueError`` for an unknown reason and
    ``ValidationError`` (code ``staff``) when the login account is active community-centre
    staff: the access log names staff by account, so staff accounts are ended by the
    district first; and (code ``employer_member``) for an erasure on request whose login is
    also an employer member's (:func:`erasure_ends_employer_login`) unless
    ``employer_login_confirmed`` says the person confirmed that this login ends too.
    """
    if reason not in ErasureReason.values:
        raise ValueError(f"unknown erasure reason {reason!r}")
    now = now or timezone.now()
    profile = SeekerProfile.objects.select_for_update().get(pk=profile.pk)
    if profile.erased_at is not None:
        return profile
    user = User.objects.select_for_update().get(pk=profile.user_id) if profile.user_id else None
    if user is not None and user.is_centre_staff:
        raise ValidationError(
            _("센터 직원 계정은 여기서 탈퇴할 수 없습니다. 구청 일자리센터에 계정 정리를 요청해 주세요."), code="staff"
        )
    if (
        reason == ErasureReason.REQUEST
        and not employer_login_confirmed
        and erasure_ends_employer_login(profile=profile)
    ):
        raise ValidationError(
            _("이 계정은 기업 회원 계정이기도 합니다. 기업 회원 로그인도 함께 사라진다는 것을 확인해 주세요."),
            code="employer_member",
        )
    former = _former_identifiers(profile, user)
    files = [(f.storage, f.name) for f in (profile.resume, profile.guardian_document) if f]
    for consent in Consent.objects.filter(person=profile).exclude(paper_scan=""):
        files.append((consent.paper_scan.storage, consent.paper_scan.name))

    profile.age_band = age_band(profile.birth_year, timezone.localdate(now).year)
    profile.erased_at = now
    for field, blank in _PROFILE_BLANKS.items():
        setattr(profile, field, list(blank) if isinstance(blank, list) else blank)
    profile.save()
    careers = list(CareerEntry.objects.filter(profile=profile))
    CareerEntry.objects.filter(profile=profile).delete()
    Consent.objects.filter(person=profile).exclude(paper_scan="").update(paper_scan="")
    Consent.objects.active().filter(person=profile).update(withdrawn_at=now)

    recipients = models.Q(profile=profile)
    # codes sent to their number or address before it belonged to an account; codes of another
    # account or record are left alone (family members may share a phone on walk-in records)
    unlinked = models.Q(destination__in=[*former.phones, *former.emails], user__isnull=True, profile__isnull=True)
    codes = models.Q(profile=profile) | unlinked
    if user is not None:
        recipients |= models.Q(user=user)
        codes |= models.Q(user=user)
        user.email = user.phone = None
        user.name = ""
        user.email_verified_at = user.phone_verified_at = None
        user.is_active = user.is_staff = user.is_superuser = False
        user.erased_at = now
        user.set_unusable_password()
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
        _key_login_records_by_account(user, former)
    OneTimeCode.objects.filter(codes).update(destination="")
    messages = OutboundMessage.objects.filter(recipients)
    messages.filter(state=MessageState.PENDING).update(state=MessageState.SUPPRESSED)
    messages.update(address="", title="", body="", html_body="", last_error="")
    _blank_admin_log(kept=[profile, *([user] if user else [])], deleted=careers)

    person_erased.send(sender=SeekerProfile, profile=profile, former=former, now=now)
    sweep = session_sweep if session_sweep is not None else SessionSweep()
    # after commit: a rolled-back erasure ends no session, and no lock is held while decoding
    transaction.on_commit(
        lambda: sweep.add(user_id=user.pk if user else None, phones=former.phones, emails=former.emails)
    )
    if session_sweep is None:
        transaction.on_commit(sweep.run)
    _delete_files_after_commit(files)
    logger.info("seeker %s erased (%s)", profile.pk, reason)
    return profile


#: Profile fields blanked on erasure, with their blank value.
_PROFILE_BLANKS = {
    "name": "",
    "birth_year": None,
    "phone": "",
    "email": "",
    "wanted_dongs": [],
    "wanted_employment_types": [],
    "wanted_shifts": [],
    "wanted_days": [],
    "wanted_min_hourly_krw": None,
    "education": "",
    "licences": [],
    "licences_other": [],
    "languages": [],
    "self_introduction": "",
    "is_searchable": False,
    "declared_groups": [],
    "notify_channels": [],
    "notify_frequency": NotifyFrequency.OFF,
    "resume": "",
    "resume_name": "",
    "resume_format": "",
    "resume_size": None,
    "resume_uploaded_at": None,
    "guardian_document": "",
}


def retention_cutoff(now: datetime.datetime) -> datetime.datetime:
    """The moment ``RETENTION_YEARS`` (2) years before ``now`` (29 February → 28 February):
    a record whose last activity is before it is erased (DESIGN.md "Privacy")."""
    try:
        return now.replace(year=now.year - RETENTION_YEARS)
    except ValueError:  # 29 February
        return now.replace(year=now.year - RETENTION_YEARS, day=28)


def erase_idle_seekers(*, now: datetime.datetime | None = None) -> int:
    """Erase (reason ``retention``) every seeker record not erased whose
    ``last_activity_at`` is before :func:`retention_cutoff` of ``now`` — no activity
    (login, profile or career edit, résumé upload or deletion, consent given or withdrawn,
    application or withdrawal; :mod:`.activity`) for two years, the retention period of
    the collection consent. Each person is erased in a transaction of their own, after
    re-checking under a row lock that they are still idle (a login in between saves them);
    a person who cannot be erased (active centre staff) is logged and skipped.

    The sessions of everyone erased are ended in one pass at the end of the run (once the
    erasures have committed; :class:`.session_sweep.SessionSweep`).

    Returns the number erased. Run daily by Celery beat (``accounts.tasks.erase_idle_seekers``).
    """
    now = now or timezone.now()
    cutoff = retention_cutoff(now)
    idle = SeekerProfile.objects.filter(erased_at__isnull=True, last_activity_at__lt=cutoff)
    erased = 0
    sweep = SessionSweep()
    for pk in idle.order_by("pk").values_list("pk", flat=True):
        try:
            with transaction.atomic():
                profile = idle.select_for_update().filter(pk=pk).first()
                if profile is None:
                    continue
                person_erase(profile=profile, reason=ErasureReason.RETENTION, now=now, session_sweep=sweep)
                erased += 1
        except ValidationError:
            logger.warning("idle seeker %s not erased: active centre staff", pk)
    transaction.on_commit(sweep.run)  # at once outside a transaction, after the erasures' own callbacks
    return erased
