"""Online sign-up of a job seeker (구직자): the login account, the person record and the
consents, in one transaction (issue 4; DESIGN.md "People and roles" and "Privacy").

Age rules (DESIGN.md "People and roles"): 근로기준법 §64 forbids employing anyone under 15,
and §66 asks for a guardian's consent (친권자 또는 후견인의 동의서) under 18. The law counts
full years of age (만 나이) from the birth date, but the birth year is all we hold
(DESIGN.md "Privacy": no resident registration number and no birth date is asked for or
stored). So the age is counted by year: the age a person reaches this year
(``year - birth_year``). Sign-up is open from the year someone turns 15, and a guardian's
document is asked for until the year they turn 18. The pages say exactly that ("출생 연도
기준으로 올해 만 15세가 되는 분부터"), not "만 15세 이상", which someone born in December
would not yet be; an employer still checks the real age at hiring."""

import dataclasses
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from namdong_jobs.reference.models import Dong

from ..choices import ConsentPurpose, NotifyChannel
from ..models import SeekerProfile, User
from .consents import consent_give
from .signup import account_create

#: Youngest age (reached this year, by birth year) that may sign up (근로기준법 §64).
MIN_SIGNUP_AGE = 15
#: Below this age (reached this year, by birth year) a guardian's consent document is needed
#: (근로기준법 §66: 18세 미만).
ADULT_AGE = 18
#: Oldest plausible age (a typo guard for the birth year).
MAX_AGE = 120

#: Guardian documents: PDF, JPEG or PNG, recognised by their first bytes, never by name
#: (PDF: ``%PDF-`` at the very start, as ``accounts.documents`` judges résumés; JPEG: the SOI
#: marker and the next marker's ``FF``; PNG: the 8-byte signature).
_SIGNATURES = (
    ("pdf", lambda head: head.startswith(b"%PDF-")),
    ("jpg", lambda head: head.startswith(b"\xff\xd8\xff")),
    ("png", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
)


@dataclasses.dataclass(frozen=True)
class SignupAge:
    """The outcome of :func:`signup_age_check`: ``age`` in ``year`` and whether a guardian's
    consent document is needed."""

    age: int
    year: int
    needs_guardian: bool


def signup_age_check(*, birth_year: int, year: int | None = None) -> SignupAge:
    """Check the sign-up age rule for ``birth_year`` in ``year`` (default: this year in
    Korea). Age is ``year - birth_year``: the age reached in ``year``, because the birth year
    is all we keep (DESIGN.md; see the module text).

    Returns a :class:`SignupAge`; ``needs_guardian`` is true at 15–17 (근로기준법 §66).
    Raises ``ValidationError`` (Korean, code ``too_young``) under 15 (근로기준법 §64) and
    (code ``invalid``) for a year in the future or more than 120 years ago. The messages
    say "출생 연도 기준으로 올해 만 N세가 되는", not "만 N세 이상".
    """
    year = year or timezone.localdate().year
    age = year - birth_year
    if age < 0 or age > MAX_AGE:
        raise ValidationError(_("출생 연도를 네 자리 숫자로 바르게 입력해 주세요. 예: 1965"), code="invalid")
    if age < MIN_SIGNUP_AGE:
        raise ValidationError(
            _(
                "출생 연도 기준으로 올해 만 15세가 되는 분부터 가입할 수 있습니다(%(year)d년에는 %(limit)d년생까지). "
                "근로기준법 제64조에 따라 15세 미만은 취업할 수 없습니다."
            )
            % {"year": year, "limit": year - MIN_SIGNUP_AGE},
            code="too_young",
        )
    return SignupAge(age=age, year=year, needs_guardian=age < ADULT_AGE)


def guardian_needed_message() -> str:
    """The Korean message when a guardian's document is missing (sign-up form and service)."""
    return _(
        "출생 연도 기준으로 올해 만 18세가 되지 않는 분은 보호자 동의서를 올려야 가입할 수 있습니다 "
        "(근로기준법 제66조)."
    )


def guardian_document_check(*, file) -> str:
    """Check an uploaded guardian consent document by its content.

    ``file`` is a Django ``UploadedFile`` (or any file object with ``size``, ``seek`` and
    ``read``). Returns its type judged from the first bytes: ``"pdf"``, ``"jpg"`` or
    ``"png"`` (the uploaded name counts for nothing). Raises ``ValidationError`` (Korean,
    code ``empty``, ``too_large`` over ``settings.NJ_MAX_UPLOAD_BYTES`` = 10 MB, or
    ``file_type``).
    """
    size = getattr(file, "size", None)
    if not size:
        raise ValidationError(_("빈 파일입니다. 보호자 동의서 파일을 다시 골라 주세요."), code="empty")
    limit = settings.NJ_MAX_UPLOAD_BYTES
    if size > limit:
        raise ValidationError(
            _("파일이 너무 큽니다. %(mb)dMB 이하의 파일만 올릴 수 있습니다.") % {"mb": limit // (1024 * 1024)},
            code="too_large",
        )
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    for kind, matches in _SIGNATURES:
        if matches(head):
            return kind
    raise ValidationError(
        _("보호자 동의서는 PDF, JPG, PNG 파일만 올릴 수 있습니다. 파일 이름이 아니라 내용으로 판단합니다."),
        code="file_type",
    )


@transaction.atomic
def seeker_signup(
    *,
    name: str,
    birth_year: int,
    password: str,
    email: str | None = None,
    phone: str | None = None,
    home_dong: Dong | None = None,
    consents: Iterable[str] = (),
    guardian_document=None,
) -> SeekerProfile:
    """Create a job seeker's login account (:func:`account_create`, identifiers not yet
    verified), their :class:`SeekerProfile` and one :class:`Consent` per purpose in
    ``consents`` (text version ``CONSENT_VERSION``, time now, method online), all or nothing.

    ``email`` and/or ``phone`` (any usual spelling; at least one); ``home_dong`` ``None``
    means outside Namdong-gu; ``consents`` are :class:`ConsentPurpose` values and must include
    ``collection`` (개인정보 보호법 §15: required to hold the record); ``guardian_document``
    is an uploaded file, required at ages 15–17 (see :func:`guardian_document_check`) and
    stored in private storage under a random name with the extension its content shows.
    ``notify_channels`` starts as the on-site inbox plus the identifiers given (each used only
    once verified).

    Returns the new profile (``profile.user`` is the account). Raises ``ValidationError``
    with Korean messages keyed by ``name``, ``birth_year``, ``email``, ``phone``,
    ``password``, ``consents`` or ``guardian_document``.
    """
    return _profile_create(
        account=lambda: account_create(email=email or None, phone=phone or None, password=password, name=name),
        birth_year=birth_year,
        home_dong=home_dong,
        consents=consents,
        guardian_document=guardian_document,
    )


def seeker_profile_start_refusal(*, user: User) -> ValidationError | None:
    """Why the signed-in ``user`` cannot make a seeker profile for their account now (the
    ``ValidationError``, Korean, that :func:`seeker_profile_start` would raise for the
    account), or ``None`` when they can. Refused: an erased or inactive account (code
    ``inactive``), an account whose seeker record was erased (code ``erased``: the record
    stays as a tombstone, and an account has one record) and one that has a record (code
    ``has_profile``). The pages ask this before offering the "구직자 프로필 만들기" link and
    form."""
    if not getattr(user, "is_authenticated", False) or user.erased_at is not None or not user.is_active:
        return ValidationError(_("사용할 수 없는 계정입니다. 일자리인력은행에 문의해 주세요."), code="inactive")
    records = list(SeekerProfile.objects.filter(user=user).values_list("erased_at", flat=True)[:1])
    if not records:
        return None
    if records[0] is not None:
        return ValidationError(
            _(
                "이 계정의 구직자 정보는 삭제되었습니다. 다시 구직자로 등록하려면 "
                "남동구 일자리인력은행(032-453-5000)에 문의해 주세요."
            ),
            code="erased",
        )
    return ValidationError(_("이 계정에는 이미 구직자 프로필이 있습니다."), code="has_profile")


@transaction.atomic
def seeker_profile_start(
    *,
    user: User,
    birth_year: int,
    home_dong: Dong | None,
    consents: Iterable[str],
    guardian_document=None,
) -> SeekerProfile:
    """Make a seeker profile for an existing login account without one: an employer member
    or centre staff who also looks for work (DESIGN.md "People and roles": one person may
    hold several roles). The same rules and record as :func:`seeker_signup` (the age rule of
    :func:`signup_age_check`, a guardian's document at 15–17, ``collection`` among
    ``consents``, one :class:`Consent` per purpose given online now), with the account's
    name, email and mobile number copied to the profile and ``notify_channels`` the on-site
    inbox plus the identifiers the account has (each used only once verified).

    ``user`` is locked while the profile is made, so two requests cannot both make one.
    Returns the new profile. Raises ``ValidationError`` with Korean messages keyed by
    ``birth_year``, ``consents`` or ``guardian_document``, and (not keyed; codes
    ``inactive``, ``erased``, ``has_profile``) when :func:`seeker_profile_start_refusal`
    refuses the account.
    """

    def account() -> User:
        locked = User.objects.select_for_update().get(pk=user.pk)
        refusal = seeker_profile_start_refusal(user=locked)
        if refusal is not None:
            raise refusal
        return locked

    return _profile_create(
        account=account,
        birth_year=birth_year,
        home_dong=home_dong,
        consents=consents,
        guardian_document=guardian_document,
    )


def _profile_create(
    *,
    account: Callable[[], User],
    birth_year: int,
    home_dong: Dong | None,
    consents: Iterable[str],
    guardian_document,
) -> SeekerProfile:
    """Make a seeker's :class:`SeekerProfile` and consents for the account ``account()``
    returns (:func:`seeker_signup` creates one, :func:`seeker_profile_start` checks and locks
    the signed-in one; either raises ``ValidationError``). The consents, the age rule and the
    guardian document are checked first and ``account()`` is called even when they fail, so
    that every problem is reported at once (keyed by field; an unkeyed error of ``account()``
    stays unkeyed). Call inside a transaction (both callers are atomic): a failure after the
    account is made rolls it back, and a stored guardian document is deleted again."""
    errors: dict[str, list] = {}
    consents = set(consents)
    unknown = consents - set(ConsentPurpose.values)
    if unknown:
        raise ValueError(f"unknown consent purposes {sorted(unknown)!r}")
    if ConsentPurpose.COLLECTION not in consents:
        errors["consents"] = [_("개인정보 수집·이용에 동의해야 가입할 수 있습니다.")]
    document_kind = None
    try:
        age = signup_age_check(birth_year=birth_year)
    except ValidationError as exc:
        errors["birth_year"] = exc.messages
    else:
        if age.needs_guardian:
            if guardian_document is None:
                errors["guardian_document"] = [guardian_needed_message()]
            else:
                try:
                    document_kind = guardian_document_check(file=guardian_document)
                except ValidationError as exc:
                    errors["guardian_document"] = exc.messages
    try:
        user = account()
    except ValidationError as exc:
        exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
    channels = [NotifyChannel.ONSITE.value]
    if user.email:
        channels.append(NotifyChannel.EMAIL.value)
    if user.phone:
        channels.append(NotifyChannel.SMS.value)
    profile = SeekerProfile(
        user=user,
        name=user.name,
        birth_year=birth_year,
        phone=user.phone or "",
        email=user.email or "",
        home_dong=home_dong,
        notify_channels=channels,
    )
    if document_kind:
        # the random name comes from ``guardian_document_upload_to``; only the extension is ours
        profile.guardian_document.save(f"guardian.{document_kind}", File(guardian_document), save=False)
    try:
        profile.save()
        for purpose in sorted(consents):
            consent_give(person=profile, purpose=purpose)
    except BaseException:
        if profile.guardian_document:
            profile.guardian_document.delete(save=False)  # no row will point at it
        raise
    return profile
